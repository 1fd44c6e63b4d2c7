"""Red lines stated in the enterprise profile: they cap every questionnaire, wherever answered."""

from app.profiles.definition import load_profile_definition, red_lines


def profile_red_flags(facts: dict) -> list[dict]:
    """The red flags of facts["profile"] (the profile's answers, frozen at submit time)."""
    answers = facts.get("profile") if isinstance(facts, dict) else None
    if not isinstance(answers, dict):
        return []
    return [
        {
            "question": line["field"],
            "option": line["option"],
            "text": line["text"],
            "source": "profile",
        }
        for line in red_lines(load_profile_definition(), answers)
    ]
