"""Questionnaires: the file format, its loader and validator, and the published versions."""
