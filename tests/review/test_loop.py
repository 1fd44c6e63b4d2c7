"""The whole review loop through the API: return → edit → resubmit → diff → approve."""

from tests.fixtures.answering import complete_answers
from tests.review.conftest import review

Q = "quality"


def test_return_edit_resubmit_approve(client, submitted, regulators, definition):
    company, first = submitted("130100", choice="middle")
    regulator = regulators["shijiazhuang"]
    url = f"/api/v1/assessments/{first['id']}"

    returned = review(
        client,
        regulator,
        first["id"],
        decision="return",
        comment="首席质量官和质量管理体系两项证据不足。",
        question_comments={"cqo": "请提供任命文件", "qms": "请附认证证书"},
    )
    assert returned.status_code == 200, returned.get_json()

    # The enterprise sees why, and edits the two questions the regulator pointed at.
    own = client.get(url, headers=company.headers)
    body = own.get_json()
    assert body["status"] == "returned"
    assert body["review"]["comment"] == "首席质量官和质量管理体系两项证据不足。"
    assert set(body["review"]["question_comments"]) == {"cqo", "qms"}
    best = complete_answers(definition(Q), company.facts, choice="best")
    before = dict(body["answers"])
    edited = company.save(body, {"cqo": best["cqo"], "qms": best["qms"]})
    assert edited["status"] == "returned"

    resubmitted = company.submit(edited)
    assert (resubmitted["status"], resubmitted["revision"]) == ("submitted", 2)
    assert resubmitted["review"] is None  # the old reasons belong to revision 1
    assert resubmitted["result"]["overall"] > first["result"]["overall"]

    # The regulator sees exactly what changed and how the score moved.
    diff = client.get(f"{url}/diff", query_string={"from": 1, "to": 2}, headers=regulator.headers)
    assert diff.status_code == 200, diff.get_json()
    changes = diff.get_json()
    assert changes["from"]["revision"] == 1 and changes["from"]["decision"] == "return"
    assert changes["to"]["revision"] == 2 and changes["to"]["decision"] is None
    by_question = {c["question"]: c for c in changes["answers"]}
    assert set(by_question) == {q for q in ("cqo", "qms") if before[q] != best[q]}
    for question_id, change in by_question.items():
        assert change["change"] == "changed"
        assert (change["before"], change["after"]) == (before[question_id], best[question_id])
        assert change["text"] and change["before_label"] and change["after_label"]
        assert change["points_after"] > change["points_before"]
    overall = changes["score"]["overall"]
    assert overall["before"] == first["result"]["overall"]
    assert overall["after"] == resubmitted["result"]["overall"]
    assert overall["delta"] == round(overall["after"] - overall["before"], 1)
    moved = {d["key"] for d in changes["score"]["dimensions"] if d["delta"]}
    question_dims = {
        q["id"]: q["dimension"] for s in definition(Q)["sections"] for q in s["questions"]
    }
    assert moved == {question_dims[q] for q in by_question}
    default = client.get(f"{url}/diff", headers=regulator.headers).get_json()
    assert default == changes

    approved = review(client, regulator, first["id"], decision="approve", comment="已核实")
    assert approved.status_code == 200
    final = client.get(url, headers=company.headers).get_json()
    assert final["status"] == "approved"
    assert final["review"]["decision"] == "approve" and final["review"]["comment"] == "已核实"
    history = [
        (e["action"], e["revision"])
        for e in client.get(f"{url}/events", headers=company.headers).get_json()["items"]
        if e["action"] not in ("create", "save")
    ]
    assert history == [("submit", 1), ("return", 1), ("resubmit", 2), ("approve", 2)]


def test_diff_of_missing_revisions_is_404_and_bad_numbers_422(client, submitted, regulators):
    _, assessment = submitted("130100")
    url = f"/api/v1/assessments/{assessment['id']}/diff"
    headers = regulators["province"].headers
    assert client.get(url, query_string={"from": 1, "to": 2}, headers=headers).status_code == 404
    assert client.get(url, query_string={"from": 0}, headers=headers).status_code == 422
    same = client.get(url, headers=headers).get_json()  # one revision: it against itself
    assert same["answers"] == [] and same["score"]["overall"]["delta"] == 0


def test_diff_reports_added_and_removed_answers(client, submitted, regulators):
    # best: the firm follows its own enterprise standards, so q_standard_process is shown.
    company, first = submitted("130100", questionnaire="standards", choice="best")
    regulator = regulators["province"]
    review(client, regulator, first["id"], decision="return", comment="本企业没有企业标准，请更正")
    own = client.get(f"/api/v1/assessments/{first['id']}", headers=company.headers).get_json()
    no_own = [t for t in own["answers"]["std_types"] if t != "enterprise"]
    edited = company.save(own, {"std_types": no_own})
    assert edited["dropped"] == ["q_standard_process"]
    company.submit(edited)
    diff = client.get(
        f"/api/v1/assessments/{first['id']}/diff", headers=regulator.headers
    ).get_json()
    by_question = {c["question"]: c for c in diff["answers"]}
    assert set(by_question) == {"std_types", "q_standard_process"}
    assert by_question["std_types"]["change"] == "changed"
    assert "企业标准" in by_question["std_types"]["before_label"]
    assert "企业标准" not in by_question["std_types"]["after_label"]
    removed = by_question["q_standard_process"]
    assert removed["change"] == "removed"
    assert removed["before"] == own["answers"]["q_standard_process"] and removed["after"] is None
    assert removed["points_after"] is None

    # and back: the answer reappears as added
    review(client, regulator, first["id"], decision="return", comment="请恢复")
    own = client.get(f"/api/v1/assessments/{first['id']}", headers=company.headers).get_json()
    company.submit(
        company.save(
            own, {"std_types": [*no_own, "enterprise"], "q_standard_process": removed["before"]}
        )
    )
    diff = client.get(
        f"/api/v1/assessments/{first['id']}/diff", headers=regulator.headers
    ).get_json()
    assert diff["from"]["revision"] == 2 and diff["to"]["revision"] == 3
    assert {c["question"]: c["change"] for c in diff["answers"]} == {
        "std_types": "changed",
        "q_standard_process": "added",
    }
