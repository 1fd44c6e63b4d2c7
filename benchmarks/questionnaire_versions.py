"""Time of the administrator's questionnaire-version requests on the largest project file.

    .venv/bin/python benchmarks/questionnaire_versions.py [--versions 40]

Builds a throwaway SQLite database, publishes questionnaires/*.yaml, then stores `--versions`
drafts of quality.yaml (the largest file, each with another estimated_minutes). Through the test
client, as an administrator: check the file (POST /check), check a broken copy (two problems,
located by line), upload it as a draft, list every version (the first list reads each version's
title once; later ones come from the process's cache), the changes between two versions, and a
draft's definition for the preview. Prints the median of 5 runs of each. Asserts nothing.
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app import create_app
from app.auth.service import create_staff_user
from app.auth.tokens import issue_tokens
from app.db import db, upgrade_database
from app.questionnaires import versions
from app.questionnaires.service import publish_questionnaire, questionnaire_files

QUALITY = Path(__file__).resolve().parents[1] / "questionnaires" / "quality.yaml"


def timed(call, runs: int = 5) -> float:
    """Median milliseconds of `runs` calls."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--versions", type=int, default=40)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="bench_qv_")
    url = f"sqlite:///{folder}/bench.db"
    upgrade_database(url)
    app = create_app({"APP_ENV": "testing", "TESTING": True, "SQLALCHEMY_DATABASE_URI": url})
    text = QUALITY.read_text(encoding="utf-8")
    with app.app_context():
        for path in questionnaire_files():
            publish_questionnaire(path=path)
        for n in range(args.versions):
            variant = text.replace("estimated_minutes: 15", f"estimated_minutes: {100 + n}")
            versions.store_draft(text=variant, filename="quality.yaml", by=versions.CLI)
        admin = create_staff_user(role="admin", username="bench-admin", password="bench-pass-1234")
        db.session.commit()
        headers = {"Authorization": f"Bearer {issue_tokens(admin)['access_token']}"}
    client = app.test_client()
    broken = text.replace("{profile: ownership, in: [private]}", "{profile: owner, in: [x]}", 1)
    broken = broken.replace("{not: {size: [micro]}}", "{not: {size: [tiny]}}", 1)

    def post(path, body, status):
        response = client.post(path, json=body, headers=headers)
        assert response.status_code == status, response.get_json()
        return response

    first_list = timed(lambda: client.get("/api/v1/questionnaire-versions", headers=headers), 1)
    figures = {
        "check quality.yaml (128 KB)": timed(
            lambda: post("/api/v1/questionnaire-versions/check", {"text": text}, 200)
        ),
        "check a broken copy (lines located)": timed(
            lambda: post("/api/v1/questionnaire-versions/check", {"text": broken}, 422)
        ),
        "upload as draft (same content after the first)": timed(
            lambda: client.post(
                "/api/v1/questionnaire-versions",
                json={"text": text.replace("estimated_minutes: 15", "estimated_minutes: 99")},
                headers=headers,
            )
        ),
        f"list, first ({args.versions + 4} versions)": first_list,
        "list, later": timed(lambda: client.get("/api/v1/questionnaire-versions", headers=headers)),
        "changes v2 since v1": timed(
            lambda: client.get(
                "/api/v1/questionnaire-versions/quality/2/changes?since=1", headers=headers
            )
        ),
        "draft definition (preview)": timed(
            lambda: client.get("/api/v1/questionnaire-versions/quality/3", headers=headers)
        ),
    }
    for name, ms in figures.items():
        print(f"{name:55s} {ms:8.1f} ms")


if __name__ == "__main__":
    main()
