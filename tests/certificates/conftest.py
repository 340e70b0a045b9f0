import pytest

from tests.certificates.factories import make_program


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    """Uploaded files go to a temporary directory."""
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
    }


@pytest.fixture
def program(db):
    return make_program()[0]


@pytest.fixture
def version(program):
    return program.active_version


@pytest.fixture
def english():
    """Messages in English, for tests that compare them."""
    from django.utils import translation

    with translation.override("en"):
        yield
