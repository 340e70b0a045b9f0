"""Views of the exams app, one module per subject."""
