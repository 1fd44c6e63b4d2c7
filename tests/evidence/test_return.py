"""A return points at the rejected evidence: the files and reasons, as told when returning."""

from tests.evidence.conftest import PDF, jpeg, listing, png, upload
from tests.review.conftest import review


def _verdict(client, regulator, assessment_id, evidence_id, status, reason=None):
    body = {"status": status} | ({"reason": reason} if reason else {})
    response = client.put(
        f"/api/v1/assessments/{assessment_id}/evidence/{evidence_id}/verification",
        json=body,
        headers=regulator.headers,
    )
    assert response.status_code == 200, response.get_json()


def test_a_return_tells_the_enterprise_which_files_to_replace_and_why(
    client, make_enterprise, make_staff, evidence_questions
):
    q = evidence_questions
    company = make_enterprise("130100")
    regulator = make_staff("regulator", jurisdiction="130100")
    draft = company.fill("quality", q.answers)
    photo = upload(client, company, draft["id"], jpeg(), q.shown).get_json()
    certificate = upload(client, company, draft["id"], PDF, q.other, filename="证书.pdf").get_json()
    company.submit(draft)
    _verdict(client, regulator, draft["id"], photo["id"], "verified")
    _verdict(client, regulator, draft["id"], certificate["id"], "rejected", "证书已过有效期")

    returned = review(client, regulator, draft["id"], decision="return", comment="请更换证书")
    assert returned.status_code == 200, returned.get_json()
    told = [
        {
            "id": certificate["id"],
            "question": q.other,
            "filename": "证书.pdf",
            "reason": "证书已过有效期",
        }
    ]
    assert returned.get_json()["review"]["rejected_evidence"] == told
    mine = client.get(f"/api/v1/assessments/{draft['id']}", headers=company.headers).get_json()
    assert mine["status"] == "returned" and mine["review"]["rejected_evidence"] == told
    events = client.get(f"/api/v1/assessments/{draft['id']}/events", headers=company.headers)
    back = [e for e in events.get_json()["items"] if e["action"] == "return"]
    assert back[-1]["data"]["rejected_evidence"] == [certificate["id"]]
    # The draft still holds the rejected file, marked so, until the enterprise replaces it.
    on_draft = {
        i["id"]: i["verification"]
        for i in listing(client, company, draft["id"]).get_json()["items"]
    }
    assert on_draft[certificate["id"]]["status"] == "rejected"

    # A verdict changed after the return does not rewrite what the return said.
    _verdict(client, regulator, draft["id"], certificate["id"], "verified")
    again = client.get(f"/api/v1/assessments/{draft['id']}", headers=company.headers).get_json()
    assert again["review"]["rejected_evidence"] == told

    # Replaced and resubmitted: the new revision awaits review, with nothing rejected on it.
    client.delete(
        f"/api/v1/assessments/{draft['id']}/evidence/{certificate['id']}", headers=company.headers
    )
    upload(client, company, draft["id"], png(), q.other, filename="新证书.png")
    resubmitted = company.submit(again)
    assert resubmitted["review"] is None
    approved = review(client, regulator, draft["id"], decision="approve").get_json()
    assert approved["review"]["rejected_evidence"] == []


def test_a_return_without_rejected_files_points_at_none(
    client, make_enterprise, make_staff, evidence_questions
):
    q = evidence_questions
    company = make_enterprise("130100")
    regulator = make_staff("regulator", jurisdiction="130100")
    draft = company.fill("quality", q.answers)
    upload(client, company, draft["id"], jpeg(), q.shown)  # pending: no verdict yet
    company.submit(draft)
    returned = review(client, regulator, draft["id"], decision="return", comment="请补充")
    assert returned.get_json()["review"]["rejected_evidence"] == []
