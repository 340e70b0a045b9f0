"""Writes of the exams app (HackSoftware style: keyword-only functions, one module per subject)."""
