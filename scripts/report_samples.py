"""Render one sample report per questionnaire through the real endpoints, into docs/samples/.

    .venv/bin/python scripts/report_samples.py [--out docs/samples] [--lang zh] [--pages DIR]

A fresh SQLite database in a temporary directory; a fictitious Hebei company per questionnaire
answers it the way a middling firm would (the middle option, the weakest on every third scored
question), submits through the API and downloads report.pdf, plan.csv and plan.xlsx as the
client does. With --pages, each PDF page is also written as a PNG (pdftoppm -r 50) to look at.
"""

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

COMPANIES = {
    # questionnaire: (name, USCC division, industry, size)
    "brand": ("保定华茂食品有限公司", "130602", "C1431", "medium"),
    "standards": ("唐山瑞丰机械制造有限公司", "130203", "C3441", "small"),
    "quality": ("石家庄恒信毛巾制品有限公司", "130104", "C1772", "medium"),
}


# A middling firm: mostly the middle option, some things done fully, some not at all.
PATTERN = ("middle", "best", "worst", "middle", "middle", "best", "middle", "worst")
PUMP_STANDARDS = [
    {
        "code": "GB/T 5656-2008",
        "name": "离心泵 技术条件（II类）",
        "disclosed": True,
        "below_recommended": False,
    },
    {
        "code": "Q/TSRF 001-2024",
        "name": "IS型单级单吸清水离心泵",
        "disclosed": True,
        "indicators_disclosed": True,
        "test_methods_disclosed": False,
    },
]


def answer(question: dict, choice: str):
    """value_for, except that no answer raises a red flag (a typical firm has none)."""
    from tests.fixtures.answering import value_for

    if question["type"] == "standard_list":
        return PUMP_STANDARDS if choice != "worst" else []
    value = value_for(question, choice)
    if question["type"] == "single":
        flagged = {o["id"] for o in question["options"] if o.get("red_flag")}
        if value in flagged:
            safe = [o for o in question["options"] if o["id"] not in flagged]
            value = min(safe, key=lambda o: o["points"])["id"]
    return value


def answers_for(definition: dict, facts: dict) -> dict:
    """Answer every shown question, following PATTERN over the scored ones."""
    from app.questionnaires.conditions import visible_questions
    from app.questionnaires.definition import question_map

    questions = question_map(definition)
    order = {q: i for i, q in enumerate(questions)}
    answers: dict = {}
    while True:
        missing = [q for q in visible_questions(definition, answers, facts) if q not in answers]
        if not missing:
            shown = visible_questions(definition, answers, facts)
            return {q: answers[q] for q in shown}
        for question_id in missing:
            question = questions[question_id]
            choice = PATTERN[order[question_id] % len(PATTERN)] if question["weight"] else "middle"
            answers[question_id] = answer(question, choice)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "samples")
    parser.add_argument("--lang", default="zh", choices=("zh", "en"))
    parser.add_argument("--pages", type=Path, help="also write every page as a PNG here")
    args = parser.parse_args()

    from app import create_app
    from app.auth.models import User
    from app.auth.service import register_enterprise
    from app.auth.tokens import issue_tokens
    from app.db import db, upgrade_database
    from app.questionnaires.service import (
        latest_version,
        publish_questionnaire,
        questionnaire_files,
    )
    from app.reference.uscc import complete_uscc
    from tests.fixtures.actors import COMPLETE_PROFILE, give_profile

    work = Path(tempfile.mkdtemp(prefix="report-samples-"))
    url = f"sqlite:///{work / 'samples.db'}"
    upgrade_database(url)
    app = create_app(
        {
            "APP_ENV": "testing",
            "SQLALCHEMY_DATABASE_URI": url,
            "REPORT_DIR": str(work / "reports"),
            "REDIS_URL": None,
            "PUBLIC_BASE_URL": "https://zlzp.example.cn",
        }
    )
    args.out.mkdir(parents=True, exist_ok=True)
    with app.app_context():
        for path in questionnaire_files():
            publish_questionnaire(path=path)
        db.session.commit()
        client = app.test_client()
        for key, (name, division, industry, size) in COMPANIES.items():
            enterprise = register_enterprise(
                uscc=complete_uscc(f"91{division}MA0CXK7R"),
                name=name,
                password="correct-horse-battery",
                industry=industry,
                size=size,
                contact_name="王建国",
                contact_phone="13931100000",
            )
            db.session.commit()
            user = db.session.scalar(db.select(User).where(User.enterprise_id == enterprise.id))
            give_profile(enterprise.id, user, COMPLETE_PROFILE)  # a submit needs a profile
            headers = {"Authorization": f"Bearer {issue_tokens(user)['access_token']}"}
            draft = client.post("/api/v1/assessments", json={"questionnaire": key}, headers=headers)
            draft = draft.get_json()
            definition = latest_version(key=key).definition
            # The facts the server evaluates the draft's conditions with (registration, profile).
            answers = answers_for(definition, draft["facts"])
            saved = client.patch(
                f"/api/v1/assessments/{draft['id']}/answers",
                json={"answers": answers},
                headers={**headers, "If-Match": f'"{draft["version"]}"'},
            )
            assert saved.status_code == 200, saved.get_json()
            submitted = client.post(f"/api/v1/assessments/{draft['id']}/submit", headers=headers)
            assert submitted.status_code == 200, submitted.get_json()
            suffix = "" if args.lang == "zh" else f"-{args.lang}"
            for kind in ("report.pdf", "plan.csv", "plan.xlsx"):
                response = client.get(
                    f"/api/v1/assessments/{draft['id']}/{kind}?lang={args.lang}", headers=headers
                )
                assert response.status_code == 200, response.get_data(as_text=True)[:300]
                stem, extension = kind.split(".")
                target = args.out / f"{stem}-{key}{suffix}.{extension}"
                if kind != "report.pdf":
                    target = work / target.name  # plans are looked at, not committed
                target.write_bytes(response.data)
                print(f"{target}  {len(response.data):,} bytes")
            if args.pages:
                args.pages.mkdir(parents=True, exist_ok=True)
                subprocess.run(
                    [
                        "pdftoppm",
                        "-png",
                        "-r",
                        "50",
                        str(args.out / f"report-{key}{suffix}.pdf"),
                        str(args.pages / f"{key}{suffix}"),
                    ],
                    check=True,
                )
    shutil.rmtree(work / "reports", ignore_errors=True)
    print(f"plans and database left in {work}")


if __name__ == "__main__":
    main()
