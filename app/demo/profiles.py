"""The profile a demo firm gives: complete, derived from its size and industry, no red line."""

from app.profiles.definition import load_profile_definition

_STAFF = {"large": 1200, "medium": 300, "small": 60, "micro": 8}


def demo_profile(firm) -> dict:
    """A complete profile for a drawn firm; a pure function of the firm, so seed and bulk agree."""
    manufacturer = firm.industry.startswith("C")
    answers = {
        # Most Hebei firms the survey reaches are private; the USCC's 2nd character marks others.
        "ownership": "private" if firm.uscc[1] == "1" else "other",
        "staff_count": _STAFF.get(firm.size, 60),
        "business": ["licensed", "special_equipment"] if manufacturer else ["none"],
        # Textile and clothing makers (towels, cashmere) are the ones that commonly sell online.
        "sales_channels": ["online"] if firm.industry[:3] in ("C17", "C18") else ["none"],
        "dishonesty_list": "not_listed",
        "spot_check_failure": "none",
        "major_accident": "none",
    }
    if manufacturer:
        answers["licence_status"] = "valid"
    return answers


def demo_profile_row(firm, *, enterprise_id: int, user_id: int, at) -> dict:
    """The profiles row the profile service would write for this firm (bulk inserts it)."""
    return {
        "enterprise_id": enterprise_id,
        "answers": demo_profile(firm),
        "definition_version": load_profile_definition()["version"],
        "updated_at": at,
        "updated_by": user_id,
    }
