"""Writes of the exams app (HackSoftware style): one module per feature, e.g. ``services.quiz``."""
