"""Writing the drawn population through the real services: submit, review, snapshot, report.

Each firm is written with its whole history in one transaction, so a firm present in the
database is complete and a second run skips it: the seed is idempotent. Timestamps are moved
back after the services wrote them; the event log keeps the moment the seed ran (it is append-
only, and says truthfully when those rows were written).
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from faker import Faker
from sqlalchemy import select, update

from app.assessments.answers import merge_answers
from app.assessments.facts import definition_of, enterprise_facts
from app.assessments.models import Assessment, Submission
from app.assessments.service import create_assessment
from app.assessments.submissions import submit_assessment
from app.auth.models import ENTERPRISE, VERIFIED, Enterprise, User
from app.db import db
from app.demo.answers import draw_answers
from app.demo.population import Filing, Firm, draw_province
from app.demo.profiles import demo_profile
from app.profiles.service import save_profile
from app.questionnaires.definition import question_map
from app.review.service import APPROVE, RETURN, decide_review

DEFAULT_SEED = 2016  # the year of the province's quality action plan
DEFAULT_ENTERPRISES = 200
# Synthetic firms cannot sign in: not an Argon2 hash, so every password check fails.
NO_PASSWORD = "!demo-population"
# What the demo records as the regulator's check of its invented firms.
DEMO_NOTE = "演示数据：虚构企业，视为已核验"
RETURN_REASONS = (
    "部分回答与企业实际情况不符，请核实后重新提交。",
    "请补充相关制度文件的名称和发布日期后重新提交。",
    "答题前后矛盾，请逐项核对后重新提交。",
)
QUESTION_REASON = "请核实本题回答，并准备相应证明材料备查。"


@dataclass
class SeedOutcome:
    enterprises: int = 0
    submissions: int = 0
    skipped: int = 0


def seed_population(
    *,
    regulators: dict[str, User],
    seed: int = DEFAULT_SEED,
    enterprises: int = DEFAULT_ENTERPRISES,
    today: date,
    commit_every: int = 25,
) -> SeedOutcome:
    """Write the firms not yet present, each with its filings; commit every few firms.

    A batch of firms commits together, so a run cut short leaves whole firms only.
    """
    keys = published_keys()
    firms = draw_province(seed=seed, enterprises=enterprises, questionnaires=keys, today=today)
    existing = set(db.session.scalars(select(Enterprise.uscc)))
    outcome = SeedOutcome()
    fake = Faker("zh_CN")  # built once (slow to build), seeded per firm below
    for index, firm in enumerate(firms):
        if firm.uscc in existing:
            outcome.skipped += 1
            continue
        # One generator per firm: its answers do not depend on which firms were already written.
        rng = random.Random(f"{seed}:{firm.uscc}")
        fake.seed_instance(f"{seed}:{firm.uscc}")
        user = _create_firm(firm)
        for filing in firm.filings:
            outcome.submissions += write_filing(
                user=user, filing=filing, regulators=regulators, rng=rng, fake=fake
            )
        outcome.enterprises += 1
        if (index + 1) % commit_every == 0:
            db.session.commit()
    db.session.commit()
    return outcome


def published_keys() -> list[str]:
    """The project's questionnaires (questionnaires/*.yaml) that are published, sorted.

    Only these: the province drawn from a seed must not change because someone published
    another questionnaire (the draws follow the list), so the demo tells the same story.
    """
    from app.questionnaires.models import QuestionnaireVersion
    from app.questionnaires.service import questionnaire_files

    project = {path.stem for path in questionnaire_files()}
    return sorted(set(db.session.scalars(select(QuestionnaireVersion.key))) & project)


def _create_firm(firm: Firm) -> User:
    enterprise = Enterprise(
        uscc=firm.uscc,
        name=firm.name,
        region=firm.region,
        industry=firm.industry,
        size=firm.size,
        contact_name=firm.contact_name,
        contact_phone=firm.contact_phone,
        contact_email=firm.contact_email,
        needs_attention=False,
        # Invented firms, verified so that the demo's aggregates count them (docs/identity.md).
        verification=VERIFIED,
        verified_name=firm.name,
        verification_note=DEMO_NOTE,
    )
    user = User(
        username=firm.uscc,
        password_hash=NO_PASSWORD,
        role=ENTERPRISE,
        display_name=firm.name,
        enterprise=enterprise,
    )
    db.session.add_all([enterprise, user])
    db.session.flush()
    save_profile(enterprise_id=enterprise.id, answers=demo_profile(firm), actor=user)
    return user


def write_filing(
    *, user: User, filing: Filing, regulators: dict[str, User], rng: random.Random, fake: Faker
) -> int:
    """Submit one filing and review it as drawn; the number of revisions submitted."""
    enterprise = user.enterprise
    reviewer = regulators.get(enterprise.region) or regulators["province"]
    assessment, _ = create_assessment(
        enterprise=enterprise, questionnaire_key=filing.questionnaire, actor=user
    )
    definition = definition_of(assessment)
    facts = {**enterprise_facts(enterprise), "profile": demo_profile(enterprise)}
    revisions = 0
    if filing.resubmitted:
        # A first attempt a grade worse, returned with reasons, then corrected.
        _submit(assessment, definition, facts, max(0.0, filing.quality - 0.2), user, rng, fake)
        _decide(assessment, RETURN, definition, reviewer, rng)
        _date(assessment, filing.submitted_at, filing.submitted_at + timedelta(days=2))
        revisions += 1
    at = filing.submitted_at + timedelta(days=7 if filing.resubmitted else 0)
    _submit(assessment, definition, facts, filing.quality, user, rng, fake)
    revisions += 1
    decision = {"approved": APPROVE, "returned": RETURN}.get(filing.outcome)
    if decision:
        _decide(assessment, decision, definition, reviewer, rng)
    _date(assessment, at, filing.decided_at if decision else None)
    if assessment.campaign_id is None:
        # Its year is that of its first submission (app/assessments/filing.py), which the story
        # moved back: year-over-year progress compares by it.
        db.session.execute(
            update(Assessment)
            .where(Assessment.id == assessment.id)
            .values(year=filing.year)
            .execution_options(synchronize_session=False)
        )
    return revisions


def _submit(assessment, definition, facts, quality, user, rng, fake) -> None:
    drawn = draw_answers(definition, facts, quality=quality, rng=rng, fake=fake)
    # The API's own merge: a drawn answer the questionnaire would refuse is a bug here.
    merged = merge_answers(definition, {}, drawn, facts)
    if merged.errors or merged.dropped:
        raise ValueError(f"drawn answers refused: {merged.errors or merged.dropped}")
    assessment.answers = merged.answers
    db.session.flush()
    submit_assessment(assessment=assessment, actor=user)


def _decide(assessment, decision, definition, reviewer, rng) -> None:
    comment, question_comments = None, {}
    if decision == RETURN:
        comment = rng.choice(RETURN_REASONS)
        answered = [q for q in question_map(definition) if q in assessment.answers]
        picked = rng.sample(answered, min(2, len(answered)))
        question_comments = {q: QUESTION_REASON for q in picked}
    decide_review(
        assessment=assessment,
        decision=decision,
        comment=comment,
        question_comments=question_comments,
        actor=reviewer,
    )


def _date(assessment: Assessment, submitted_at, decided_at) -> None:
    """Move the latest revision (and the assessment) back to when the story says it happened."""
    db.session.execute(
        update(Submission)
        .where(
            Submission.assessment_id == assessment.id,
            Submission.revision == assessment.revision,
        )
        .values(submitted_at=submitted_at, decided_at=decided_at)
        .execution_options(synchronize_session=False)
    )
    moved = {"submitted_at": submitted_at, "updated_at": decided_at or submitted_at}
    if assessment.revision == 1:
        moved["created_at"] = submitted_at - timedelta(hours=1)
    if decided_at is not None:
        moved["decided_at"] = decided_at
    db.session.execute(
        update(Assessment)
        .where(Assessment.id == assessment.id)
        .values(**moved)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(assessment)
