"""Reads of the exams app, one module per subject, e.g. ``selectors.exposure``."""
