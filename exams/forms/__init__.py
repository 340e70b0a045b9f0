"""Forms of the exams app, one module per subject: ``bank``, ``quizzes``, ``marking``."""
