"""「已核验」: how much of a frozen score verified evidence backs, per dimension and advice."""

from app.evidence.share import verified_share
from tests.evidence.conftest import PDF, jpeg, listing, upload
from tests.review.conftest import review


def _result():
    """Two dimensions: a (q1 earns 30, q2 earns 10 of the overall) and b (q3 earns 20)."""
    return {
        "overall": 60.0,
        "dimensions": [{"key": "a", "score": 80.0}, {"key": "b", "score": 40.0}],
        "trace": [
            {"question": "q1", "dimension": "a", "applicable": True, "contribution": 30.0},
            {"question": "q2", "dimension": "a", "applicable": True, "contribution": 10.0},
            {"question": "q3", "dimension": "b", "applicable": True, "contribution": 20.0},
            {"question": "q4", "dimension": "b", "applicable": False, "contribution": 0.0},
        ],
        "recommendations": [{"question": "q2"}, {"question": "q3"}],
    }


def test_only_verified_files_back_the_score():
    share = verified_share(
        _result(), [("q1", "verified"), ("q1", "rejected"), ("q2", "pending"), ("q3", "rejected")]
    )
    assert share["overall"] == {"score": 60.0, "verified_share": 50.0, "verified_points": 30.0}
    assert share["dimensions"] == [
        {"key": "a", "score": 80.0, "verified_share": 75.0, "verified_points": 60.0},
        {"key": "b", "score": 40.0, "verified_share": 0.0, "verified_points": 0.0},
    ]
    assert share["questions"]["q1"] == {"verified": 1, "rejected": 1, "pending": 0}
    assert [(r["question"], r["verified"]) for r in share["recommendations"]] == [
        ("q2", False),
        ("q3", False),
    ]
    assert share["recommendations"][1]["files"] == {"verified": 0, "rejected": 1, "pending": 0}


def test_no_files_back_nothing_and_every_verified_question_backs_everything():
    nothing = verified_share(_result(), [])
    assert nothing["overall"]["verified_share"] == 0.0
    assert {d["verified_share"] for d in nothing["dimensions"]} == {0.0}
    everything = verified_share(_result(), [(q, "verified") for q in ("q1", "q2", "q3")])
    assert everything["overall"]["verified_share"] == 100.0
    assert [d["verified_points"] for d in everything["dimensions"]] == [80.0, 40.0]


def test_a_dimension_without_a_score_has_no_share():
    result = _result()
    result["dimensions"].append({"key": "c", "score": None})
    assert verified_share(result, [("q1", "verified")])["dimensions"][2] == {
        "key": "c",
        "score": None,
        "verified_share": None,
        "verified_points": None,
    }


def test_verifying_leaves_the_score_alone(client, make_enterprise, make_staff, evidence_questions):
    """The regulator's listing carries the shares; the frozen result does not move."""
    q = evidence_questions
    company = make_enterprise("130100")
    regulator = make_staff("regulator", jurisdiction="130100")
    draft = company.fill("quality", q.answers)
    photo = upload(client, company, draft["id"], jpeg(), q.shown).get_json()
    certificate = upload(client, company, draft["id"], PDF, q.other, filename="c.pdf").get_json()
    assert listing(client, company, draft["id"]).get_json()["verified"] is None  # the draft
    company.submit(draft)
    result = client.get(f"/api/v1/assessments/{draft['id']}/result", headers=regulator.headers)
    before = result.get_json()

    pending = listing(client, regulator, draft["id"]).get_json()["verified"]
    assert pending["overall"]["verified_share"] == 0.0
    verdict = f"/api/v1/assessments/{draft['id']}/evidence/{{}}/verification"
    client.put(verdict.format(photo["id"]), json={"status": "verified"}, headers=regulator.headers)
    client.put(
        verdict.format(certificate["id"]),
        json={"status": "rejected", "reason": "证书已过期"},
        headers=regulator.headers,
    )
    shares = listing(client, regulator, draft["id"]).get_json()["verified"]
    trace = {t["question"]: t for t in before["trace"]}
    shown = trace[q.shown]
    dimension = next(d for d in shares["dimensions"] if d["key"] == shown["dimension"])
    in_dimension = sum(
        t["contribution"] for t in trace.values() if t["dimension"] == dimension["key"]
    )
    assert dimension["verified_share"] == round(100 * shown["contribution"] / in_dimension, 1)
    assert shares["questions"][q.other] == {"verified": 0, "rejected": 1, "pending": 0}
    # The enterprise reads the same shares for its submitted revision.
    own = listing(client, company, draft["id"], revision=1).get_json()["verified"]
    assert own == shares
    after = client.get(f"/api/v1/assessments/{draft['id']}/result", headers=regulator.headers)
    assert after.get_json()["overall"] == before["overall"]
    assert after.get_json()["dimensions"] == before["dimensions"]
    # A return leaves the submitted revision's shares readable beside the draft.
    review(client, regulator, draft["id"], decision="return", comment="证书过期")
    assert listing(client, regulator, draft["id"]).get_json()["verified"] == shares
