"""Reading and saving an enterprise's profile, and the complete profile a submission needs."""

from sqlalchemy import select

from app.db import db, utcnow
from app.errors import ApiError
from app.messages.profiles import FIELD_REQUIRED, PROFILE_INCOMPLETE
from app.profiles.definition import (
    check_answers,
    load_profile_definition,
    missing_fields,
    red_lines,
    shown_answers,
)
from app.profiles.models import Profile


def get_profile(*, enterprise_id: int) -> Profile | None:
    return db.session.scalar(select(Profile).where(Profile.enterprise_id == enterprise_id))


def shown_profile_answers(answers: dict | None) -> dict:
    """The answers of the fields shown, from a profile row's answers ({} for no row)."""
    return shown_answers(load_profile_definition(), answers) if answers else {}


def current_profile_answers(*, enterprise_id: int) -> dict:
    """The answers of the fields shown in the enterprise's profile now ({} before any)."""
    return shown_profile_answers(
        db.session.scalar(select(Profile.answers).where(Profile.enterprise_id == enterprise_id))
    )


def current_profile_answers_of(enterprise_ids) -> dict[int, dict]:
    """enterprise id → current_profile_answers, in one query."""
    rows = db.session.execute(
        select(Profile.enterprise_id, Profile.answers).where(
            Profile.enterprise_id.in_(list(enterprise_ids))
        )
    )
    definition = load_profile_definition()
    return {row.enterprise_id: shown_answers(definition, row.answers or {}) for row in rows}


def save_profile(*, enterprise_id: int, answers: dict, actor) -> Profile:
    """Replace the profile's answers (null or absent clears a field); 422 naming bad fields."""
    definition = load_profile_definition()
    errors = check_answers(definition, answers)
    if errors:
        raise ApiError(422, errors=errors)
    profile = get_profile(enterprise_id=enterprise_id)
    if profile is None:
        profile = Profile(enterprise_id=enterprise_id)
        db.session.add(profile)
    profile.answers = shown_answers(definition, answers)
    profile.definition_version = definition["version"]
    profile.updated_at = utcnow()
    profile.updated_by = actor.id
    db.session.flush()
    return profile


def complete_profile(*, enterprise_id: int) -> dict:
    """The answers to freeze into a submission; 422 profile-incomplete when not complete."""
    profile = get_profile(enterprise_id=enterprise_id)
    answers = dict(profile.answers) if profile is not None else {}
    missing = missing_fields(load_profile_definition(), answers)
    if missing:
        raise ApiError(
            422,
            PROFILE_INCOMPLETE,
            problem="profile-incomplete",
            errors={f"profile.{field}": [FIELD_REQUIRED] for field in missing},
            extra={"missing_profile_fields": missing},
        )
    return shown_answers(load_profile_definition(), answers)


def profile_repr(profile: Profile | None, *, enterprise_id: int) -> dict:
    """The API body of a profile (an empty one when the enterprise has not answered yet)."""
    definition = load_profile_definition()
    answers = dict(profile.answers) if profile is not None else {}
    return {
        "enterprise_id": enterprise_id,
        "answers": answers,
        "complete": not missing_fields(definition, answers),
        "missing": missing_fields(definition, answers),
        "red_lines": red_lines(definition, answers),
        "definition_version": profile.definition_version if profile else definition["version"],
        "updated_at": profile.updated_at if profile else None,
    }
