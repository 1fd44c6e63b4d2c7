"""The result screen compares with the same questionnaire's earlier year: arrows and numbers per
dimension and overall, a small chart with its table, last year's advice now closed; on a phone
and a laptop, in Chinese and English, with no WCAG 2.1 AA violation (axe-core)."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import update

from app.assessments.models import Assessment
from app.db import db
from tests.fixtures.answering import complete_answers
from tests.web.phone import sign_in
from tests.web.test_association import no_violations

pytestmark = pytest.mark.browser

LAPTOP = {"viewport": {"width": 1366, "height": 768}, "is_mobile": False}


@pytest.fixture
def two_years(make_enterprise, definition):
    """A firm that filed the quality questionnaire weakly in 2025 and better in 2026."""
    firm = make_enterprise(name="石家庄恒信纺织有限公司")
    ids = []
    quality = definition("quality")
    best = complete_answers(quality, firm.facts, "best")
    # This year: the first half at their best (that advice is closed), the rest middling.
    better = dict(list(best.items())[: len(best) // 2])
    for choice, year in (("worst", 2025), ("middle", 2026)):
        answers = complete_answers(quality, firm.facts, choice, better if year == 2026 else None)
        done = firm.submit(firm.fill("quality", answers, batches=1))
        db.session.execute(update(Assessment).where(Assessment.id == done["id"]).values(year=year))
        db.session.commit()
        ids.append(done)
    return firm, ids


def test_the_result_shows_progress_since_last_year(new_page, two_years, artifacts):
    firm, (before, after) = two_years
    for name, options in (("phone", {}), ("laptop", LAPTOP)):
        page = new_page(**options)
        sign_in(page, firm.username, "correct-horse-battery")
        page.goto(f"/#/a/{after['id']}/result")
        section = page.locator("section.yoy")
        expect(section.get_by_role("heading", level=2)).to_have_text("与 2025 年相比")
        change = round(after["result"]["overall"] - before["result"]["overall"], 1)
        overall = section.locator(".yoy-overall p").first
        expect(overall.locator(".delta")).to_have_class("delta up")
        expect(overall.locator(".delta")).to_contain_text(f"+{change:g}")
        expect(overall.locator(".delta .visually-hidden")).to_have_text("上升 ")
        # The chart draws one line per dimension; the table says the same in text.
        rows = section.locator(".yoy-table tbody tr")
        expect(rows).to_have_count(len(after["result"]["dimensions"]))
        expect(section.locator("svg.yoy-line")).to_have_count(len(after["result"]["dimensions"]))
        expect(section.locator("svg.yoy-line circle.before").first).to_be_attached()
        expect(rows.first.locator("th")).to_have_text(after["result"]["dimensions"][0]["title"])
        expect(section.locator(".yoy-closed li").first).to_contain_text("✓")
        assert section.locator(".yoy-closed li").count() > 0
        section.scroll_into_view_if_needed()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        section.screenshot(path=str(artifacts / f"result-progress-{name}.png"))
        page.screenshot(path=str(artifacts / f"result-progress-{name}-page.png"), full_page=True)
        no_violations(page, f"result with progress ({name})")

    page.evaluate("localStorage.setItem('qa.lang', 'en')")
    page.reload()
    expect(page.locator("#yoy-h")).to_have_text("Compared with 2025")
    expect(page.locator(".yoy-table thead th").last).to_have_text("Change")
    page.locator("section.yoy").screenshot(path=str(artifacts / "result-progress-en.png"))
    no_violations(page, "result with progress, English")


def test_a_first_year_shows_no_comparison(new_page, make_enterprise, definition):
    firm = make_enterprise()
    answers = complete_answers(definition("quality"), firm.facts, "middle")
    done = firm.submit(firm.fill("quality", answers, batches=1))
    page = new_page()
    sign_in(page, firm.username, "correct-horse-battery")
    page.goto(f"/#/a/{done['id']}/result")
    expect(page.locator("#dims-h")).to_be_visible()
    expect(page.locator("section.yoy")).to_have_count(0)
