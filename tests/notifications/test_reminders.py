"""Campaign reminders: to the non-responders only, once a day, recorded, refused after the close."""

from app.jobs import run_scheduled
from tests.campaigns.conftest import days, roll_csv, roll_row
from tests.fixtures.actors import new_uscc


def put_on_roll(upload, regulator, campaign, *companies, extra=()):
    rows = [roll_row(c.uscc, industry=c.facts["industry"][1:]) for c in companies]
    response = upload(regulator, campaign["id"], roll_csv([*rows, *extra]))
    assert response.status_code == 200, response.get_json()


def remind(client, regulator, campaign, lang="zh", **body):
    return client.post(
        f"/api/v1/campaigns/{campaign['id']}/reminders",
        json=body,
        headers={**regulator.headers, "Accept-Language": lang},
    )


def reminders_of(inbox, company) -> list[dict]:
    return [n for n in inbox(company)["items"] if n["kind"] == "reminder"]


def test_a_reminder_goes_to_the_non_responders_once_a_day_and_is_recorded(
    client,
    regulators,
    make_enterprise,
    make_campaign,
    upload,
    filed,
    inbox,
):
    regulator = regulators["city"]
    late, done = make_enterprise("130102"), make_enterprise("130102")
    campaign = make_campaign(regulator, name="2027年度企业质量自评", closes_on=days(6))
    put_on_roll(upload, regulator, campaign, late, done, extra=[roll_row(new_uscc("130102"))])
    filed(done)  # files the campaign's questionnaire (brand): a responder

    first = remind(client, regulator, campaign)
    assert first.status_code == 200, first.get_json()
    assert first.get_json() == {"sent": 1, "already_today": 0, "not_registered": 1, "emailed": 0}
    [notice] = reminders_of(inbox, late)
    assert notice["campaign_id"] == campaign["id"]
    assert notice["text"].startswith(f"“2027年度企业质量自评”将于 {days(6)} 截止，贵单位尚未提交")
    assert reminders_of(inbox, done) == []

    again = remind(client, regulator, campaign)
    assert again.get_json() == {"sent": 0, "already_today": 1, "not_registered": 1, "emailed": 0}
    assert len(reminders_of(inbox, late)) == 1

    recorded = client.get(
        f"/api/v1/campaigns/{campaign['id']}/reminders", headers=regulator.headers
    ).get_json()["items"]
    [record] = recorded
    assert record["uscc"] == late.uscc
    assert record["sent_by"] == regulator.user_id
    assert record["trigger"] == "manual"
    assert record["channels"] == ["in_app"]


def test_a_reminder_to_selected_enterprises_leaves_the_others_alone(
    client,
    regulators,
    make_enterprise,
    make_campaign,
    upload,
    inbox,
):
    regulator = regulators["city"]
    chosen, other = make_enterprise("130102"), make_enterprise("130102")
    campaign = make_campaign(regulator)
    put_on_roll(upload, regulator, campaign, chosen, other)
    response = remind(client, regulator, campaign, usccs=[chosen.uscc])
    assert response.get_json()["sent"] == 1
    assert len(reminders_of(inbox, chosen)) == 1
    assert reminders_of(inbox, other) == []


def test_a_selected_uscc_off_the_roll_is_a_422_naming_it(
    client,
    regulators,
    make_campaign,
):
    campaign = make_campaign(regulators["city"])
    stranger = new_uscc("130102")
    response = remind(client, regulators["city"], campaign, usccs=[stranger])
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert stranger in response.get_json()["errors"]["usccs.0"][0]


def test_a_closed_campaign_refuses_reminders_naming_its_closing_date(
    client,
    regulators,
    make_enterprise,
    make_campaign,
    upload,
):
    regulator = regulators["city"]
    campaign = make_campaign(regulator, opens_on=days(-30), closes_on=days(-1))
    put_on_roll(upload, regulator, campaign, make_enterprise("130102"))
    for lang, words in (("zh", f"已于 {days(-1)} 截止"), ("en", f"closed on {days(-1)}")):
        response = remind(client, regulator, campaign, lang=lang)
        assert response.status_code == 409
        assert response.mimetype == "application/problem+json"
        assert words in response.get_json()["detail"]
        assert response.get_json()["closes_on"] == days(-1)


def test_the_schedule_reminds_on_the_configured_days_before_the_close(
    app,
    regulators,
    make_enterprise,
    make_campaign,
    upload,
    inbox,
):
    regulator = regulators["city"]
    due, not_due = make_enterprise("130102"), make_enterprise("130102")
    week = make_campaign(regulator, name="七天后截止", closes_on=days(7))
    five = make_campaign(regulator, name="五天后截止", closes_on=days(5))
    put_on_roll(upload, regulator, week, due)
    put_on_roll(upload, regulator, five, not_due)
    assert app.config["CAMPAIGN_REMINDER_DAYS"] == [7, 2]

    [outcome] = run_scheduled(("campaign-reminders",))
    assert outcome.ok, outcome.summary
    assert outcome.summary == "1 reminded in 1 campaigns"
    [notice] = reminders_of(inbox, due)
    assert notice["campaign_id"] == week["id"]
    assert reminders_of(inbox, not_due) == []
    # Run again (cron every 15 minutes): nobody is reminded twice the same day.
    [again] = run_scheduled(("campaign-reminders",))
    assert again.summary == "0 reminded in 1 campaigns"
    assert len(reminders_of(inbox, due)) == 1
