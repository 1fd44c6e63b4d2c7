"""The enterprise profile: facts answered once and used by every questionnaire."""
