"""Views of the exams app: one module per feature, e.g. ``views.quiz``."""
