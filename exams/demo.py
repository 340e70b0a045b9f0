"""Demo data of the exams app (``manage.py load_demo_data``): one call per subject."""

from exams import demo_cases, demo_quiz


def load(*, password: str | None, stdout) -> None:
    demo_quiz.load(password=password, stdout=stdout)
    demo_cases.load(password=password, stdout=stdout)
