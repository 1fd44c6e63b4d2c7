"""Who may do what to which resource — the one authorization policy every route goes through.

Two kinds of refusal, so that existence never leaks:
- a role that may never use an endpoint gets 403 (whatever the resource, so nothing is learnt);
- a resource outside the caller's reach gets 404, exactly as one that does not exist.

The rules, per role:
- enterprise: its own records only;
- regulator: enterprises that lie in its jurisdiction: 130000 = the whole province, a reporting
  unit = the enterprises of that unit, a county = the enterprises whose stored county (the
  division code in their USCC) is that county;
- association: aggregates over its industries, never an enterprise's record, identity or answers;
- admin: users and questionnaires; no enterprise records.

A service token (app/auth/service_tokens.py) is checked against its scopes' routes when it is
authenticated, before any of this, and then reads as a regulator of its jurisdiction would.

Routes declare who may call them with @allow(...) (or @allow_anyone), or call require_role()
in the body; resource rules are the *_scope / *_for_read / *_for_write functions below. Models
of later domains are imported inside the functions, keeping the import graph one-way.
"""

from dataclasses import dataclass
from functools import wraps

from flask import g
from flask_smorest import Blueprint
from sqlalchemy import ColumnElement, false, select, true

from app.auth.models import ADMIN, ASSOCIATION, ENTERPRISE, REGULATOR, ROLES, Enterprise, User
from app.auth.principal import Principal
from app.auth.tokens import authenticate
from app.db import db
from app.errors import ApiError, not_found
from app.messages import auth as messages
from app.reference.codes import (
    PROVINCE_CODE,
    industry_matches,
    is_county_code,
    jurisdiction_unit,
    place_in_jurisdiction,
    region_in_jurisdiction,
)

SECURITY = [{"bearerAuth": []}]
_UNAUTHORIZED = {"401": {"description": "No valid token (problem+json)"}}
_FORBIDDEN = {"403": {"description": "Your role may not use this endpoint (problem+json)"}}


def forbidden() -> ApiError:
    return ApiError(403, messages.ROLE_FORBIDDEN)


# --- who is calling -----------------------------------------------------------------------


def current_principal() -> Principal:
    """Who presents this request's token; 401 problem+json when there is no valid one."""
    principal = g.get("principal")
    if principal is None:
        authenticate()  # raises the 401 when there is no valid token
        principal = g.principal
    return principal


def require_role(*roles: str) -> Principal:
    """The signed-in user, when their role is one of roles (any role if none given); else 403."""
    principal = current_principal()
    if roles and principal.role not in roles:
        raise forbidden()
    return principal


def allow(*roles: str, token: str = "access"):
    """Route decorator: a valid token of one of the roles (any role if none given).

    token is the kind wanted: "access", "refresh" or "any". Checked before the body is parsed,
    and documented in OpenAPI as bearerAuth.
    """
    unknown = set(roles) - set(ROLES)
    if unknown or token not in ("access", "refresh", "any"):
        raise ValueError(f"allow(): unknown roles {sorted(unknown)} or token kind {token!r}")

    def decorator(view):
        @Blueprint.doc(
            security=SECURITY, responses={**_UNAUTHORIZED, **(_FORBIDDEN if roles else {})}
        )
        @wraps(view)
        def wrapper(*args, **kwargs):
            authenticate(refresh=token == "refresh", verify_type=token != "any")
            require_role(*roles)
            return view(*args, **kwargs)

        return wrapper

    return decorator


def allow_anyone(view):
    """Route decorator: no sign-in needed (documented in OpenAPI with no security)."""
    return Blueprint.doc(security=[])(view)


# --- enterprises ----------------------------------------------------------------------------


def regulator_can_see(region: str, principal: User | None = None) -> bool:
    """Whether the principal is a regulator whose jurisdiction holds the region (a unit or a
    division code; a county regulator holds only its own county's code)."""
    principal = principal or current_principal()
    return principal.role == REGULATOR and region_in_jurisdiction(region, principal.jurisdiction)


def regulator_holds(enterprise: Enterprise, principal: User | None = None) -> bool:
    """Whether the principal is a regulator whose jurisdiction holds the enterprise."""
    principal = principal or current_principal()
    return principal.role == REGULATOR and place_in_jurisdiction(
        region=enterprise.region, county=enterprise.county, jurisdiction=principal.jurisdiction
    )


def can_see_enterprise(enterprise: Enterprise, principal: User | None = None) -> bool:
    """The enterprise itself, or a regulator of its region or county."""
    principal = principal or current_principal()
    if principal.role == ENTERPRISE:
        return principal.enterprise_id == enterprise.id
    return regulator_holds(enterprise, principal)


def jurisdiction_clause(jurisdiction: str) -> ColumnElement[bool]:
    """A WHERE clause over Enterprise: the enterprises that lie in a jurisdiction."""
    if jurisdiction == PROVINCE_CODE:
        return true()
    if is_county_code(jurisdiction):
        return Enterprise.county == jurisdiction
    # Regions are stored as reporting units, and a city jurisdiction is one unit.
    return Enterprise.region == jurisdiction


def enterprise_scope(principal: User | None = None) -> ColumnElement[bool]:
    """A WHERE clause over Enterprise: the enterprises the principal may reach."""
    principal = principal or current_principal()
    if principal.role == ENTERPRISE:
        return Enterprise.id == principal.enterprise_id
    if principal.role == REGULATOR:
        return jurisdiction_clause(principal.jurisdiction)
    return false()


def enterprise_for_read(principal: User, enterprise_id: int) -> Enterprise:
    """An enterprise the principal may see; 403 for roles that never may, 404 out of reach."""
    if principal.role not in (ENTERPRISE, REGULATOR):
        raise forbidden()
    enterprise = db.session.get(Enterprise, enterprise_id)
    if enterprise is None or not can_see_enterprise(enterprise, principal):
        raise not_found()
    return enterprise


# --- assessments ----------------------------------------------------------------------------


def assessment_scope(principal: User) -> list[ColumnElement[bool]]:
    """WHERE clauses over Assessment: the enterprise's own, or those in a regulator's reach."""
    from app.assessments.models import Assessment

    if principal.role == ENTERPRISE:
        return [Assessment.enterprise_id == principal.enterprise_id]
    if principal.role == REGULATOR:
        # A draft never submitted is the enterprise's own business, not yet the regulator's.
        submitted = Assessment.revision > 0
        if principal.jurisdiction == PROVINCE_CODE:
            return [submitted]
        reachable = select(Enterprise.id).where(enterprise_scope(principal))
        return [submitted, Assessment.enterprise_id.in_(reachable)]
    return [false()]


def _load_assessment(assessment_id: int, record: bool):
    """The ORM object, or (record=True) a read-only AssessmentRecord from one Core query."""
    if record:
        from app.assessments.records import load_record

        return load_record(assessment_id)
    from app.assessments.models import Assessment

    return db.session.get(Assessment, assessment_id)


def assessment_for_read(principal: User, assessment_id: int, *, record: bool = False):
    """An assessment its owner or a regulator in scope may read; 403 for other roles, else 404.

    record=True returns a read-only AssessmentRecord instead of the ORM object (hot paths).
    """
    if principal.role not in (ENTERPRISE, REGULATOR):
        raise forbidden()
    assessment = _load_assessment(assessment_id, record)
    if assessment is None or not can_see_enterprise(assessment.enterprise, principal):
        raise not_found()
    if principal.role == REGULATOR:
        if assessment.revision == 0:
            raise not_found()
        note_access("read", assessment.id)
    return assessment


def assessment_for_write(principal: User, assessment_id: int, *, record: bool = False):
    """An assessment only its own enterprise may change; 403 for other roles, else 404.

    record=True returns a read-only AssessmentRecord, for changes made by compare-and-set.
    """
    if principal.role != ENTERPRISE:
        raise forbidden()
    assessment = _load_assessment(assessment_id, record)
    if assessment is None or assessment.enterprise_id != principal.enterprise_id:
        raise not_found()
    return assessment


def assessment_for_review(principal: User, assessment_id: int):
    """An assessment a regulator in scope may review; 403 for other roles, else 404."""
    if principal.role != REGULATOR:
        raise forbidden()
    return assessment_for_read(principal, assessment_id)


# --- audit ----------------------------------------------------------------------------------


def note_access(action: str, assessment_id: int | None = None, **details) -> None:
    """Mark this request for the audit log; app/auth/audit.py writes it if the response is OK.

    assessment_for_read calls it for every regulator read, so each endpoint that reads through
    the policy is audited without a line of its own. details: what else the entry should say.
    """
    g.setdefault("audit_notes", []).append((action, assessment_id, details or None))


def take_noted_accesses() -> list[tuple[str, int | None, dict | None]]:
    """What note_access marked in this request, once (the marks are cleared)."""
    return g.pop("audit_notes", [])


# --- aggregates -----------------------------------------------------------------------------


@dataclass(frozen=True)
class AggregateScope:
    """What aggregates a principal may read.

    jurisdiction: 130000, one reporting unit or one county (regulators), None for no regional
    limit;
    industries: GB/T 4754 codes at any level the figures must lie under (associations), None
    for all; live: False when only published snapshots may be read (associations).
    """

    jurisdiction: str | None
    industries: tuple[str, ...] | None
    live: bool


def aggregate_scope(principal: User | None = None) -> AggregateScope:
    """The aggregate scope of an association, regulator or admin; 403 for an enterprise."""
    principal = principal or current_principal()
    if principal.role == ASSOCIATION:
        return AggregateScope(None, tuple(principal.industries or ()), live=False)
    if principal.role == REGULATOR:
        unit = jurisdiction_unit(principal.jurisdiction)
        if unit is not None and unit != principal.jurisdiction:
            # The cube has no county cells: a county's regulator reads its city's published
            # figures, as released, never the city's live ones (other counties' firms).
            return AggregateScope(unit, None, live=False)
        return AggregateScope(principal.jurisdiction, None, live=True)
    if principal.role == ADMIN:
        return AggregateScope(None, None, live=True)
    raise forbidden()


def association_covers(industry: str, principal: User | None = None) -> bool:
    """Whether an industry code lies under one of the association's industries."""
    principal = principal or current_principal()
    return principal.role == ASSOCIATION and any(
        industry_matches(industry, prefix) for prefix in principal.industries or ()
    )
