"""Forms of the exams app: one module per feature, e.g. ``forms.quiz``."""
