"""Demo data of the exams app (``manage.py load_demo_data``): one call per feature."""

from exams import demo_quiz


def load(*, password, stdout) -> None:
    demo_quiz.load(password=password, stdout=stdout)
