"""Reads of the exams app: one module per feature, e.g. ``selectors.quiz``."""
