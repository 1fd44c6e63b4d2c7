"""Many verified enterprises with one random submission each, inserted in bulk (no services)."""

import random
from datetime import UTC, datetime

from sqlalchemy import insert, select

# Above any id a sequence hands out in one test.
FIRST_ID = 5_000_000


def insert_random_population(
    *, rng: random.Random, n: int, regions, industries, sizes, year: int = 2026
) -> None:
    """n enterprises across the given coordinates, each with a submitted quality assessment.

    Scores have one decimal and repeat often (ties), some dimensions go unscored, and choice
    answers are random options, as the statistics must handle all of them.
    """
    from app.assessments.models import Assessment, Submission
    from app.auth.models import Enterprise, User
    from app.db import db
    from app.questionnaires.service import latest_version

    version = latest_version(key="quality")
    definition = version.definition
    questions = [q for s in definition["sections"] for q in s["questions"]]
    dims = [d["key"] for d in definition["dimensions"]]
    user = db.session.scalar(select(User.id).limit(1))
    if user is None:
        user = db.session.execute(
            insert(User)
            .values(username="bulk", password_hash="-", role="admin", display_name="b")
            .returning(User.id)
        ).scalar_one()
    when = datetime(year, 6, 1, tzinfo=UTC)
    enterprises, assessments, submissions = [], [], []
    for index in range(n):
        i = FIRST_ID + index
        enterprises.append(
            {"id": i, "uscc": f"91{i:016d}", "name": f"企业{i}", "region": rng.choice(regions),
             "industry": rng.choice(industries), "size": rng.choice(sizes),
             "contact_name": "张三", "contact_phone": "13800138000", "needs_attention": False,
             "verification": "verified", "created_at": when}
        )  # fmt: skip
        assessments.append(
            {"id": i, "enterprise_id": i, "questionnaire_key": "quality",
             "questionnaire_version_id": version.id, "status": "submitted", "revision": 1,
             "version": 2, "answers": {}, "red_flag_count": 0, "created_at": when,
             "updated_at": when, "submitted_at": when, "year": year}
        )  # fmt: skip
        answers = {}
        for q in questions:
            if q["type"] == "single" and rng.random() < 0.9:
                answers[q["id"]] = rng.choice(q["options"])["id"]
            elif q["type"] == "multiple" and rng.random() < 0.9:
                answers[q["id"]] = [o["id"] for o in rng.sample(q["options"], rng.randint(1, 2))]
        # Few distinct values, so that quartiles often fall between equal neighbours.
        scores = {
            d: rng.choice([12.3, 40.0, 55.5, 55.5, 61.7, 88.9, rng.uniform(0, 100)]) for d in dims
        }
        scores = {d: round(s, 1) for d, s in scores.items() if rng.random() < 0.9}
        overall = round(sum(scores.values()) / max(len(scores), 1), 1)
        submissions.append(
            {"id": i, "assessment_id": i, "revision": 1,
             "questionnaire_version_id": version.id, "answers": answers, "facts": {},
             "result": {"dimensions": [{"key": d, "score": s} for d, s in scores.items()]},
             "overall": overall, "maturity_level": 1 + sum(overall >= t for t in (20, 40, 60, 80)),
             "has_red_flags": False, "submitted_at": when, "submitted_by": user}
        )  # fmt: skip
    db.session.execute(insert(Enterprise), enterprises)
    db.session.execute(insert(Assessment), assessments)
    db.session.execute(insert(Submission), submissions)
    db.session.commit()
