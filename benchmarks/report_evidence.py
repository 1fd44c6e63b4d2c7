"""Time the enterprise report of a submission with evidence files against one without.

    .venv/bin/python benchmarks/report_evidence.py [--runs 7] [--files 5]

Builds a throwaway SQLite database and blob store, two verified towel makers with the same
quality answers, and uploads photos through the real route (POST …/evidence, checked and
re-encoded) to every question of one of them that takes files: `--files` per question, at most
EVIDENCE_MAX_PER_ASSESSMENT in all. Both submit. Then, in turn so that they share whatever else
the machine is doing, it times what the report worker does for each (app.reports.service:
the context from the database, then render_report_pdf), and prints the medians, their ratio and
the PDFs' sizes. Prints figures; asserts nothing (docs/evidence.md, "Cost").
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PIL import Image
from servers import throwaway_database
from sqlalchemy import select

from app import create_app
from app.assessments.service import create_assessment
from app.assessments.submissions import submit_assessment
from app.auth.models import User
from app.auth.service import register_enterprise
from app.auth.tokens import issue_tokens
from app.db import db, upgrade_database
from app.questionnaires.conditions import visible_questions
from app.questionnaires.service import latest_version, publish_questionnaire, questionnaire_files
from app.reports.gathering import context_for
from app.reports.render import render_report_pdf
from app.reports.service import ensure_report
from tests.fixtures.actors import facts, give_profile
from tests.fixtures.answering import complete_answers
from tests.fixtures.data import PASSWORD, mark_verified, new_uscc


def photo(side: int = 1600) -> bytes:
    """A photo-like JPEG (noise over a gradient) of side × 3/4 side pixels."""
    width, height = side, side * 3 // 4
    noise = Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    gradient = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    buffer = io.BytesIO()
    Image.blend(gradient, noise, 0.35).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def filer(name: str):
    """A verified towel maker with a complete profile, and its user."""
    enterprise = register_enterprise(
        uscc=new_uscc("130100"), name=name, password=PASSWORD, industry="C1772", size="small",
        contact_name="张三", contact_phone="13800138000",
    )  # fmt: skip
    mark_verified(enterprise)
    db.session.commit()
    user = db.session.scalar(select(User).where(User.enterprise_id == enterprise.id))
    give_profile(enterprise.id, user)
    return enterprise, user


def submitted(client, name: str, files: int, cap: int) -> tuple[int, int]:
    """(submission id, files uploaded) of a quality filing with `files` photos per question."""
    enterprise, user = filer(name)
    version = latest_version(key="quality")
    definition = version.definition
    answers = complete_answers(definition, facts("C1772", "small"), "middle")
    assessment, _ = create_assessment(
        enterprise=enterprise, questionnaire_key="quality", actor=user
    )
    assessment.answers = answers
    db.session.commit()
    shown = visible_questions(definition, answers, facts("C1772", "small"))
    taking = [q["id"] for s in definition["sections"] for q in s["questions"] if q.get("evidence")]
    token = issue_tokens(user)["access_token"]
    uploaded = 0
    for question in [q for q in taking if q in shown]:
        for index in range(files):
            if uploaded >= cap:
                break
            response = client.post(
                f"/api/v1/assessments/{assessment.id}/evidence",
                query_string={"question": question, "filename": f"现场照片{index}.jpg"},
                data=photo(),
                headers={"Authorization": f"Bearer {token}", "Content-Type": "image/jpeg"},
            )
            assert response.status_code == 201, response.get_json()
            uploaded += 1
    db.session.expire_all()
    submission = submit_assessment(assessment=assessment, actor=user)
    db.session.commit()
    return submission.id, uploaded


def run(url: str, runs: int, files: int) -> None:
    upgrade_database(url)
    with tempfile.TemporaryDirectory() as store:
        app = create_app(
            {
                "APP_ENV": "testing",
                "TESTING": True,
                "SQLALCHEMY_DATABASE_URI": url,
                "STORAGE_URL": store,
                "LOG_LEVEL": "WARNING",
            }
        )
        with app.app_context(), app.test_request_context():
            for path in questionnaire_files():
                publish_questionnaire(path=path)
            db.session.commit()
            client = app.test_client()
            cap = app.config["EVIDENCE_MAX_PER_ASSESSMENT"]
            plain, _ = submitted(client, "石家庄毛巾织造有限公司", 0, cap)
            backed, count = submitted(client, "石家庄毛巾印染有限公司", files, cap)
            font_dir = app.config["FONT_CACHE_DIR"]
            reports = {
                "without": ensure_report(submission_id=plain),
                "with": ensure_report(submission_id=backed),
            }
            times = {name: [] for name in reports}
            sizes = {}
            for index in range(runs + 1):  # the first round warms fonts and caches up
                for name, report in reports.items():
                    started = time.perf_counter()
                    context = context_for(report)
                    data = render_report_pdf(context, lang=report.lang, font_dir=font_dir)
                    if index:
                        times[name].append(time.perf_counter() - started)
                    sizes[name] = len(data)
            load = os.getloadavg()[0]
            print(f"evidence files on the second filing: {count}; runs: {runs}; load {load:.1f}")
            for name in reports:
                median = statistics.median(times[name])
                spread = f"{min(times[name]):.2f}–{max(times[name]):.2f}"
                print(f"  {name:8} evidence: median {median:.2f} s ({spread}), {sizes[name]:,} B")
            ratio = statistics.median(times["with"]) / statistics.median(times["without"])
            print(f"  with / without: {ratio:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--files", type=int, default=5)
    args = parser.parse_args()
    with throwaway_database("sqlite", "report_evidence") as url:
        run(url, args.runs, args.files)


if __name__ == "__main__":
    main()
