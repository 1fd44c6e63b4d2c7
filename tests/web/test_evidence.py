"""Evidence from the phone: a photo attached to a question while offline waits on the phone,
counted as unsent, and goes up once the network is back (once, whatever the retries); the
regulator opens the submission's files and verifies one. axe-core: no WCAG 2.1 AA violation."""

import pytest
from playwright.sync_api import expect

from tests.evidence.conftest import evidence_questions, jpeg  # noqa: F401  (a fixture)
from tests.web.phone import ROUTED, sign_in
from tests.web.test_association import no_violations

pytestmark = pytest.mark.browser


def _section_of(definition: dict, question: str) -> int:
    for number, section in enumerate(definition["sections"], start=1):
        if any(q["id"] == question for q in section["questions"]):
            return number
    raise AssertionError(question)


def test_a_photo_attached_offline_is_sent_once_back_online_and_the_regulator_verifies_it(
    new_page,
    client,
    make_enterprise,
    make_staff,
    evidence_questions,  # noqa: F811  (the fixture imported above)
    artifacts,
):
    from app.questionnaires import service as questionnaires

    q = evidence_questions
    company = make_enterprise("130100")
    draft = company.fill("quality", q.answers)
    definition = questionnaires.published(questionnaires.latest_version(key="quality").id)[2]
    section = _section_of(definition, q.shown)

    page = new_page()
    sign_in(page, company.username, "correct-horse-battery")
    page.goto(f"/#/a/{draft['id']}/s/{section}/q/{q.shown}")
    field = page.locator(f"[data-q={q.shown}] .evidence")
    expect(field).to_contain_text("请上传证明材料")
    expect(field).to_contain_text("证书扫描件")

    page.context.set_offline(True)
    field.locator("input[type=file]").set_input_files(
        {"name": "营业执照.jpg", "mimeType": "image/jpeg", "buffer": jpeg((1200, 900), gps=True)}
    )
    waiting = field.locator(".ev-waiting")
    expect(waiting).to_contain_text("等待上传")
    expect(waiting).to_contain_text("营业执照.jpg")
    expect(page.locator(".save-status")).to_contain_text("1 个文件等待上传")
    page.screenshot(path=str(artifacts / "evidence-offline-390x844.png"), full_page=True)
    no_violations(page, "evidence field, offline")

    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    stored = field.locator(".ev-item:not(.ev-waiting)")
    expect(stored).to_contain_text("营业执照.jpg", timeout=15_000)
    expect(stored).to_contain_text("待核验")
    expect(waiting).to_have_count(0)
    expect(page.locator(".save-status")).not_to_contain_text("等待上传")
    page.screenshot(path=str(artifacts / "evidence-sent-390x844.png"), full_page=True)
    listed = client.get(f"/api/v1/assessments/{draft['id']}/evidence", headers=company.headers)
    items = listed.get_json()["items"]
    assert [i["filename"] for i in items] == ["营业执照.jpg"]

    current = client.get(f"/api/v1/assessments/{draft['id']}", headers=company.headers).get_json()
    company.submit(current)
    regulator = make_staff("regulator", jurisdiction="130100")
    staff_page = new_page()
    staff_page.goto("/")
    staff_page.get_by_label("用户名").fill(regulator.username)
    staff_page.get_by_label("密码").fill("correct-horse-battery")
    staff_page.get_by_role("button", name="登录").tap()
    expect(staff_page.get_by_role("heading", name="待审核的自评")).to_be_visible()
    staff_page.goto(f"/#/a/{draft['id']}/result")
    panel = staff_page.locator(".evidence-panel")
    expect(panel).to_contain_text("营业执照.jpg")
    panel.get_by_role("button", name="核验通过").tap()
    expect(panel.locator(".badge.ev-verified")).to_contain_text("已核验")
    staff_page.screenshot(path=str(artifacts / "evidence-regulator-390x844.png"), full_page=True)
    no_violations(staff_page, "evidence panel, regulator")
    after = client.get(f"/api/v1/assessments/{draft['id']}/evidence", headers=company.headers)
    assert after.get_json()["items"][0]["verification"]["status"] == "verified"


def _photo(width: int, height: int) -> bytes:
    """A photo-like JPEG (noise over a gradient) of about 5 MB at 3200 × 2400."""
    import io
    import os

    from PIL import Image

    noise = Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    gradient = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    buffer = io.BytesIO()
    Image.blend(gradient, noise, 0.35).save(buffer, "JPEG", quality=92)
    return buffer.getvalue()


def test_a_photo_whose_reply_was_lost_is_retried_and_stored_once(
    new_page,
    client,
    make_enterprise,
    evidence_questions,  # noqa: F811  (the fixture imported above)
):
    """The first upload reaches the server, but the connection drops before the reply: the phone
    sends it again with the same Idempotency-Key and the server answers the file it stored."""
    from app.questionnaires import service as questionnaires

    q = evidence_questions
    company = make_enterprise("130100")
    draft = company.fill("quality", q.answers)
    definition = questionnaires.published(questionnaires.latest_version(key="quality").id)[2]
    photo = _photo(3200, 2400)
    assert len(photo) > 4_500_000

    page = new_page(**ROUTED)
    sign_in(page, company.username, "correct-horse-battery")
    attempts = []

    def drop_first_reply(route):
        attempts.append(route.request.headers.get("idempotency-key"))
        response = route.fetch(timeout=60_000)  # the server gets it and stores the file
        if len(attempts) == 1:
            route.abort("connectionreset")  # … and the reply never reaches the phone
        else:
            route.fulfill(response=response)

    page.route("**/api/v1/assessments/*/evidence?*", drop_first_reply)
    page.goto(f"/#/a/{draft['id']}/s/{_section_of(definition, q.shown)}/q/{q.shown}")
    field = page.locator(f"[data-q={q.shown}] .evidence")
    field.locator("input[type=file]").set_input_files(
        {"name": "现场照片.jpg", "mimeType": "image/jpeg", "buffer": photo}
    )
    stored = field.locator(".ev-item:not(.ev-waiting)")
    expect(stored).to_contain_text("现场照片.jpg", timeout=60_000)
    assert len(attempts) == 2 and attempts[0] == attempts[1] and attempts[0]
    items = client.get(
        f"/api/v1/assessments/{draft['id']}/evidence", headers=company.headers
    ).get_json()["items"]
    assert [i["filename"] for i in items] == ["现场照片.jpg"]


# A weak phone link, as Chrome's DevTools presets name them ("Fast 3G" is 1.6/0.75 Mbit/s):
# 3 Mbit/s up, 6 down, 150 ms each way. Throughput in bytes per second.
THROTTLED = {
    "offline": False,
    "latency": 150,
    "uploadThroughput": 3_000_000 // 8,
    "downloadThroughput": 6_000_000 // 8,
}


def test_a_5_mb_photo_on_a_throttled_link_is_stored_once_after_the_link_drops_midway(
    browser,
    live_server,
    client,
    make_enterprise,
    evidence_questions,  # noqa: F811  (the fixture imported above)
):
    """Measure (issue 15): the phone's link is throttled in Chromium's own network stack, and a
    proxy between it and the server resets the connection halfway through the first upload; the
    phone's queue sends the photo again with the same key, and it is stored, once."""
    import time

    from app.questionnaires import service as questionnaires
    from tests.web.conftest import PHONE
    from tests.web.cutting_proxy import CuttingProxy

    q = evidence_questions
    company = make_enterprise("130100")
    draft = company.fill("quality", q.answers)
    definition = questionnaires.published(questionnaires.latest_version(key="quality").id)[2]
    photo = _photo(3200, 2400)
    assert len(photo) > 4_500_000
    errors = []
    with CuttingProxy(live_server, cut_after=len(photo) // 2) as proxy:
        context = browser.new_context(base_url=proxy.url, **PHONE)
        context.set_default_timeout(20_000)
        try:
            page = context.new_page()
            page.on("pageerror", lambda error: errors.append(str(error)))
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", THROTTLED)
            sign_in(page, company.username, "correct-horse-battery")
            page.goto(f"/#/a/{draft['id']}/s/{_section_of(definition, q.shown)}/q/{q.shown}")
            field = page.locator(f"[data-q={q.shown}] .evidence")
            started = time.monotonic()
            field.locator("input[type=file]").set_input_files(
                {"name": "现场照片.jpg", "mimeType": "image/jpeg", "buffer": photo}
            )
            expect(field.locator(".ev-item:not(.ev-waiting)")).to_contain_text(
                "现场照片.jpg", timeout=240_000
            )
            elapsed = time.monotonic() - started
        finally:
            context.close()
    assert not errors, errors
    assert proxy.cut.is_set() and proxy.uploads == 2
    # Half a photo, then the whole one, at the throttled rate: the link was slow for real.
    floor = 1.5 * len(photo) / THROTTLED["uploadThroughput"]
    print(f"\n5 MB photo ({len(photo):,} B), cut at half, retried: stored after {elapsed:.1f} s")
    assert elapsed >= floor, (elapsed, floor)
    items = client.get(
        f"/api/v1/assessments/{draft['id']}/evidence", headers=company.headers
    ).get_json()["items"]
    assert [i["filename"] for i in items] == ["现场照片.jpg"]
