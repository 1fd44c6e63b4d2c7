"""The drawn population written in bulk, for benchmarks of hundreds of thousands of rows.

The same firms, filings, answers and scorer as seed.py, but rows are shaped here and inserted
in batches with Core, instead of one service call per step (seed.py writes ~75 submissions a
second; this several times that). Rows match what the submit and review services write; when
those services change what they store, change this too (tests/demo/test_bulk.py compares).
"""

import random
from datetime import timedelta

from faker import Faker
from sqlalchemy import insert, select

from app.assessments.facts import enterprise_facts
from app.assessments.models import Assessment, AssessmentEvent, Submission
from app.auth.models import ENTERPRISE, REGULATOR, VERIFIED, Enterprise, User
from app.db import db, utcnow
from app.demo.answers import draw_answers
from app.demo.population import Filing, Firm
from app.demo.profiles import demo_profile, demo_profile_row
from app.demo.seed import DEMO_NOTE, NO_PASSWORD, QUESTION_REASON, RETURN_REASONS
from app.profiles.models import Profile
from app.questionnaires.definition import question_map
from app.questionnaires.models import PUBLISHED, QuestionnaireVersion
from app.reference.codes import county_of_uscc
from app.scoring import score

STATUS = {"approved": "approved", "returned": "returned", "waiting": "submitted"}


def write_bulk(*, firms: list[Firm], seed: int, reviewers: dict[str, int], batch: int = 500) -> int:
    """Insert the firms and their filings, committing per batch; the submissions written."""
    latest = _latest_versions()
    fake = Faker("zh_CN")  # built once (slow to build), seeded per firm
    written = 0
    for start in range(0, len(firms), batch):
        written += _write_batch(firms[start : start + batch], seed, reviewers, latest, fake)
        db.session.commit()
    return written


def _latest_versions() -> dict[str, tuple[int, int, dict]]:
    rows = db.session.execute(
        select(
            QuestionnaireVersion.key,
            QuestionnaireVersion.id,
            QuestionnaireVersion.version,
            QuestionnaireVersion.definition,
        )
        .where(QuestionnaireVersion.state == PUBLISHED)
        .order_by(QuestionnaireVersion.version)
    )
    return {row.key: (row.id, row.version, row.definition) for row in rows}


def _write_batch(firms, seed, reviewers, latest, fake) -> int:
    enterprise_ids = db.session.scalars(
        insert(Enterprise).returning(Enterprise.id, sort_by_parameter_order=True),
        [_enterprise_row(firm) for firm in firms],
    ).all()
    user_ids = db.session.scalars(
        insert(User).returning(User.id, sort_by_parameter_order=True),
        [
            {
                "username": firm.uscc,
                "password_hash": NO_PASSWORD,
                "role": ENTERPRISE,
                "display_name": firm.name,
                "enterprise_id": enterprise_id,
                "disabled": False,
            }
            for firm, enterprise_id in zip(firms, enterprise_ids, strict=True)
        ],
    ).all()
    now = utcnow()
    db.session.execute(
        insert(Profile),
        [
            demo_profile_row(firm, enterprise_id=enterprise_id, user_id=user_id, at=now)
            for firm, enterprise_id, user_id in zip(firms, enterprise_ids, user_ids, strict=True)
        ],
    )
    assessments, histories = [], []
    for firm, enterprise_id, user_id in zip(firms, enterprise_ids, user_ids, strict=True):
        rng = random.Random(f"{seed}:{firm.uscc}")
        fake.seed_instance(f"{seed}:{firm.uscc}")
        facts = {**enterprise_facts(firm), "profile": demo_profile(firm)}
        reviewer = reviewers.get(firm.region) or reviewers["province"]
        for filing in firm.filings:
            version = latest[filing.questionnaire]
            revisions = _revisions(filing, version, facts, rng, fake)
            assessments.append(_assessment_row(enterprise_id, filing, version, revisions))
            histories.append((user_id, reviewer, version[0], revisions))
    assessment_ids = db.session.scalars(
        insert(Assessment).returning(Assessment.id, sort_by_parameter_order=True), assessments
    ).all()
    submissions, events = [], []
    for assessment_id, (user_id, reviewer, version_id, revisions) in zip(
        assessment_ids, histories, strict=True
    ):
        first = revisions[0]
        events.append(_event(assessment_id, user_id, ENTERPRISE, "create", None, first["at"]))
        for number, rev in enumerate(revisions, start=1):
            submissions.append(
                _submission_row(assessment_id, version_id, number, rev, user_id, reviewer)
            )
            action = "submit" if number == 1 else "resubmit"
            events.append(_event(assessment_id, user_id, ENTERPRISE, action, number, rev["at"]))
            if rev["decision"]:
                events.append(
                    _event(assessment_id, reviewer, REGULATOR, rev["decision"], number,
                           rev["decided_at"], rev["comment"])
                )  # fmt: skip
    db.session.execute(insert(Submission), submissions)
    db.session.execute(insert(AssessmentEvent), events)
    return len(submissions)


def _revisions(filing: Filing, version, facts, rng, fake) -> list[dict]:
    """The submitted revisions of one filing: a returned first try, then the final one."""
    _, number, definition = version
    tries = []
    if filing.resubmitted:
        first = filing.submitted_at
        tries.append((max(0.0, filing.quality - 0.2), first, "return", first + timedelta(days=2)))
    final = filing.submitted_at + timedelta(days=7 if filing.resubmitted else 0)
    decision = {"approved": "approve", "returned": "return"}.get(filing.outcome)
    tries.append((filing.quality, final, decision, filing.decided_at if decision else None))
    revisions = []
    for quality, at, decided, decided_at in tries:
        answers = draw_answers(definition, facts, quality=quality, rng=rng, fake=fake)
        comment, question_comments = None, None
        if decided == "return":
            comment = rng.choice(RETURN_REASONS)
            # The same draw as seed.py's review: questions in file order.
            answered = [q for q in question_map(definition) if q in answers]
            picked = rng.sample(answered, min(2, len(answered)))
            question_comments = {q: QUESTION_REASON for q in picked} or None
        revisions.append(
            {
                "answers": answers,
                "result": score(definition, answers, facts, version=number),
                "facts": facts,
                "at": at,
                "decision": decided,
                "decided_at": decided_at,
                "comment": comment,
                "question_comments": question_comments,
            }
        )
    return revisions


def _enterprise_row(firm: Firm) -> dict:
    return {
        "uscc": firm.uscc,
        "name": firm.name,
        "region": firm.region,
        # A Core insert passes the model's validator by: the county is set here.
        "county": county_of_uscc(firm.uscc),
        "industry": firm.industry,
        "size": firm.size,
        "contact_name": firm.contact_name,
        "contact_phone": firm.contact_phone,
        "contact_email": firm.contact_email,
        "needs_attention": False,
        # Invented firms, verified so that the demo's aggregates count them (docs/identity.md).
        "verification": VERIFIED,
        "verified_name": firm.name,
        "verification_note": DEMO_NOTE,
        "created_at": min((f.submitted_at for f in firm.filings), default=utcnow())
        - timedelta(days=30),
    }


def _assessment_row(enterprise_id: int, filing: Filing, version, revisions: list[dict]) -> dict:
    last = revisions[-1]
    result = last["result"]
    return {
        "enterprise_id": enterprise_id,
        "questionnaire_key": filing.questionnaire,
        "questionnaire_version_id": version[0],
        "status": STATUS[filing.outcome],
        "revision": len(revisions),
        # create, one write per submit and per decision: as the services count versions
        "version": 1 + sum(1 + bool(r["decision"]) for r in revisions),
        "answers": last["answers"],
        "review_comment": last["comment"],
        "question_comments": last["question_comments"],
        "overall": result["overall"],
        "maturity_level": result["maturity"]["level"],
        "red_flag_count": len(result["red_flags"]),
        "created_at": revisions[0]["at"] - timedelta(hours=1),
        "updated_at": last["decided_at"] or last["at"],
        "submitted_at": last["at"],
        "decided_at": last["decided_at"],
    }


def _submission_row(assessment_id, version_id, number, rev, user_id, reviewer) -> dict:
    result = rev["result"]
    return {
        "assessment_id": assessment_id,
        "revision": number,
        "questionnaire_version_id": version_id,
        "answers": rev["answers"],
        "facts": rev["facts"],
        "result": result,
        "overall": result["overall"],
        "maturity_level": result["maturity"]["level"],
        "has_red_flags": bool(result["red_flags"]),
        "submitted_at": rev["at"],
        "submitted_by": user_id,
        "decision": rev["decision"],
        "decided_at": rev["decided_at"],
        "decided_by": reviewer if rev["decision"] else None,
        "decision_comment": rev["comment"],
        "question_comments": rev["question_comments"],
    }


def _event(assessment_id, actor_id, role, action, revision, at, comment=None) -> dict:
    return {
        "assessment_id": assessment_id,
        "actor_id": actor_id,
        "actor_role": role,
        "action": action,
        "revision": revision,
        "comment": comment,
        "data": None,
        "created_at": at,
    }
