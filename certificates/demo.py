"""Demo data of the certificates app, loaded by ``manage.py load_demo_data``."""

from certificates.branding_demo import load_branding


def load(*, password: str | None, stdout) -> None:
    load_branding(stdout=stdout)
