"""Demo data of the exams app, called by ``manage.py load_demo_data``."""

from exams import demo_cases


def load(*, password: str | None, stdout) -> None:
    demo_cases.load(password=password, stdout=stdout)
