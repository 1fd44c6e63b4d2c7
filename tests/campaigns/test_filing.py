"""Enterprises on a roll: their campaigns, matching at registration, year, lateness, progress."""

import csv
import io

import pytest

from app.auth.service import register_enterprise
from app.db import db
from tests.campaigns.conftest import days, roll_csv, roll_row
from tests.fixtures.actors import new_uscc
from tests.fixtures.answering import complete_answers


@pytest.fixture
def regulator(regulators):
    return regulators["shijiazhuang"]


@pytest.fixture
def on_roll(upload, regulator):
    """on_roll(campaign, *companies, extra_rows=()) puts the companies (and rows) on its roll."""

    def put(campaign, *companies, extra_rows=()):
        rows = [roll_row(c.uscc, industry=c.facts["industry"][1:]) for c in companies]
        response = upload(regulator, campaign["id"], roll_csv([*rows, *extra_rows]))
        assert response.status_code == 200, response.get_json()

    return put


def file(company, definition, questionnaire="brand"):
    answers = complete_answers(definition(questionnaire), company.facts)
    return company.fill(questionnaire, answers)


def mine(client, company):
    response = client.get("/api/v1/campaigns/mine", headers=company.headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()["items"]


def test_an_enterprise_on_a_roll_sees_its_campaign_with_days_left(
    client, regulator, make_campaign, make_enterprise, on_roll
):
    company = make_enterprise("130102")
    campaign = make_campaign(regulator, closes_on=days(9))
    on_roll(campaign, company)
    make_campaign(regulator, name="另一个活动")  # not on this one's roll
    [card] = mine(client, company)
    assert card["id"] == campaign["id"]
    assert card["closes_on"] == days(9)
    assert card["days_left"] == 10  # today and the closing day included
    assert card["phase"] == "open"
    assert card["questionnaires"] == [
        {"questionnaire": "brand", "state": "not_started", "assessment_id": None, "late": False}
    ]


def test_an_enterprise_off_the_roll_sees_no_campaign(
    client, regulator, make_campaign, make_enterprise, on_roll
):
    on_roll(make_campaign(regulator), make_enterprise("130102"))
    assert mine(client, make_enterprise("130102")) == []


def test_a_campaign_not_yet_open_is_not_shown(
    client, regulator, make_campaign, make_enterprise, on_roll
):
    company = make_enterprise("130102")
    on_roll(make_campaign(regulator, opens_on=days(3), closes_on=days(30)), company)
    assert mine(client, company) == []


def test_an_enterprise_registering_later_with_a_uscc_on_the_roll_is_matched(
    client, regulator, make_campaign, on_roll, login
):
    uscc = new_uscc("130104")
    campaign = make_campaign(regulator)
    on_roll(campaign, extra_rows=[roll_row(uscc)])
    filings = client.get(
        f"/api/v1/campaigns/{campaign['id']}/filings", headers=regulator.headers
    ).get_json()["items"]
    assert [(f["uscc"], f["registered"]) for f in filings] == [(uscc, False)]
    register_enterprise(
        uscc=uscc,
        name="后注册企业",
        password="correct-horse-battery",
        industry="C1772",
        size="small",
        contact_name="王五",
        contact_phone="13912345678",
    )
    db.session.commit()
    headers = login(uscc)
    cards = client.get("/api/v1/campaigns/mine", headers=headers).get_json()["items"]
    assert [card["id"] for card in cards] == [campaign["id"]]
    filings = client.get(
        f"/api/v1/campaigns/{campaign['id']}/filings", headers=regulator.headers
    ).get_json()["items"]
    assert [(f["uscc"], f["registered"]) for f in filings] == [(uscc, True)]


def test_a_draft_joins_the_campaign_and_takes_its_year(
    client, regulator, make_campaign, make_enterprise, on_roll, definition
):
    company = make_enterprise("130102")
    campaign = make_campaign(regulator, year=2031)
    on_roll(campaign, company)
    draft = file(company, definition)
    [card] = mine(client, company)
    assert card["questionnaires"][0]["state"] == "draft"
    assert card["questionnaires"][0]["assessment_id"] == draft["id"]
    company.submit(draft)
    [card] = mine(client, company)
    assert card["questionnaires"][0]["state"] == "submitted"
    from app.assessments.models import Assessment

    stored = db.session.get(Assessment, draft["id"])
    db.session.refresh(stored)
    assert (stored.campaign_id, stored.year, stored.late) == (campaign["id"], 2031, False)
    # The queue's year filter finds it under its campaign's year.
    queue = client.get("/api/v1/assessments?year=2031", headers=regulator.headers).get_json()
    assert [item["id"] for item in queue["items"]] == [draft["id"]]


def test_an_assessment_outside_any_campaign_takes_the_year_of_its_first_submission(
    make_enterprise, definition
):
    from app.assessments.filing import CHINA
    from app.assessments.models import Assessment
    from app.db import utcnow

    company = make_enterprise("130102")
    draft = file(company, definition)
    company.submit(draft)
    stored = db.session.get(Assessment, draft["id"])
    db.session.refresh(stored)
    assert stored.campaign_id is None
    assert stored.year == utcnow().astimezone(CHINA).year


def test_after_the_close_a_submission_is_marked_late_when_the_campaign_accepts_it(
    client, regulator, make_campaign, make_enterprise, on_roll, definition
):
    company = make_enterprise("130102")
    campaign = make_campaign(regulator, opens_on=days(-30), closes_on=days(-1))
    on_roll(campaign, company)
    [card] = mine(client, company)
    assert (card["phase"], card["days_left"], card["accepts_late"]) == ("closed", 0, True)
    submitted = company.submit(file(company, definition))
    assert (submitted["late"], submitted["campaign_id"], submitted["year"]) == (
        True,
        campaign["id"],
        2027,
    )
    [card] = mine(client, company)
    assert card["questionnaires"][0]["late"] is True
    progress = client.get(
        f"/api/v1/campaigns/{campaign['id']}/progress", headers=regulator.headers
    ).get_json()
    assert progress["late"] == 1 and progress["by_state"]["submitted"] == 1


def test_after_the_close_a_submission_is_refused_when_the_campaign_says_so(
    client, regulator, make_campaign, make_enterprise, on_roll, definition
):
    company = make_enterprise("130102")
    campaign = make_campaign(regulator, opens_on=days(-30), closes_on=days(-1))
    on_roll(campaign, company)
    draft = file(company, definition)  # started while late filings were accepted
    client.patch(
        f"/api/v1/campaigns/{campaign['id']}",
        json={"late_policy": "refuse"},
        headers=regulator.headers,
    )
    response = client.post(f"/api/v1/assessments/{draft['id']}/submit", headers=company.headers)
    assert response.status_code == 409
    problem = response.get_json()
    assert problem["type"].endswith(":campaign-closed")
    assert problem["closes_on"] == days(-1)
    assert days(-1) in problem["detail"]
    # Extending the close lets it in, on time.
    client.patch(
        f"/api/v1/campaigns/{campaign['id']}",
        json={"closes_on": days(3)},
        headers=regulator.headers,
    )
    assert company.submit(draft)["status"] == "submitted"


def test_progress_counts_filings_by_state_county_and_industry(
    client, regulator, make_campaign, make_enterprise, on_roll, definition
):
    submitted = make_enterprise("130102", industry="C1772")
    drafting = make_enterprise("130104", industry="C3670")
    approved = make_enterprise("130102", industry="C1772")
    campaign = make_campaign(regulator)
    on_roll(campaign, submitted, drafting, approved, extra_rows=[roll_row(division="130105")])
    submitted.submit(file(submitted, definition))
    file(drafting, definition)
    done = approved.submit(file(approved, definition))
    client.post(
        f"/api/v1/assessments/{done['id']}/review",
        json={"decision": "approve"},
        headers=regulator.headers,
    )
    response = client.get(f"/api/v1/campaigns/{campaign['id']}/progress", headers=regulator.headers)
    assert response.status_code == 200
    body = response.get_json()
    assert body["enterprises"] == 4 and body["total"] == 4
    assert body["by_state"] == {
        "not_started": 1,
        "draft": 1,
        "submitted": 1,
        "returned": 0,
        "approved": 1,
    }
    counties = {c["code"]: (c["total"], c["by_state"]["not_started"]) for c in body["by_county"]}
    assert counties == {"130102": (2, 0), "130104": (1, 0), "130105": (1, 1)}
    assert next(c for c in body["by_county"] if c["code"] == "130102")["name"] == "长安区"
    industries = {i["code"]: i["total"] for i in body["by_industry"]}
    assert industries == {"C17": 3, "C36": 1}


def test_filings_are_listed_by_state_and_paged(
    client, regulator, make_campaign, make_enterprise, on_roll, definition
):
    started = make_enterprise("130102")
    campaign = make_campaign(regulator)
    others = [roll_row() for _ in range(4)]
    on_roll(campaign, started, extra_rows=others)
    file(started, definition)
    url = f"/api/v1/campaigns/{campaign['id']}/filings"
    drafts = client.get(url, query_string={"state": "draft"}, headers=regulator.headers)
    [item] = drafts.get_json()["items"]
    assert item["uscc"] == started.uscc and item["state"] == "draft"
    assert item["assessment_id"] is None  # a draft is not the regulator's to open
    seen, query = [], {"state": "not_started", "limit": 3}
    while True:
        page = client.get(url, query_string=query, headers=regulator.headers).get_json()
        seen += [i["uscc"] for i in page["items"]]
        if not page["next_cursor"]:
            break
        query["cursor"] = page["next_cursor"]
    assert seen == [row[0] for row in others]


def test_the_non_responders_export_lists_who_has_not_submitted(
    client, regulator, make_campaign, make_enterprise, on_roll, definition
):
    submitted = make_enterprise("130102")
    drafting = make_enterprise("130102")
    campaign = make_campaign(regulator, questionnaires=["brand", "standards"])
    silent = roll_row(name="沉默企业")
    on_roll(campaign, submitted, drafting, extra_rows=[silent])
    submitted.submit(file(submitted, definition))
    file(drafting, definition)
    response = client.get(
        f"/api/v1/campaigns/{campaign['id']}/non-responders.csv", headers=regulator.headers
    )
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    text = response.get_data().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "统一社会信用代码"
    by_uscc = {row[0]: row for row in rows[1:]}
    # The submitter still owes the standards questionnaire; the drafter owes both.
    assert by_uscc[submitted.uscc][9] == "standards"
    assert by_uscc[drafting.uscc][9] == "brand standards"
    assert by_uscc[drafting.uscc][10] == "填写中"
    assert by_uscc[silent[0]][1] == "沉默企业" and by_uscc[silent[0]][8] == "否"
    assert by_uscc[silent[0]][7] == "0311-12345678"
