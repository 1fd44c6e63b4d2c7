"""Pure scoring of an assessment: no Flask, no database."""

from app.questionnaires.standard_entries import validate_standard_entry
from app.scoring.scorer import score

__all__ = ["score", "validate_standard_entry"]
