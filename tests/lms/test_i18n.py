import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_chinese_is_the_default_language(learner_client):
    page = learner_client.get("/dashboard/learner/").content.decode()
    assert '<html lang="zh-hans">' in page
    assert "我的学习" in page


def test_language_switch_keeps_the_page_and_changes_the_language(learner_client):
    response = learner_client.post(
        "/i18n/setlang/", {"language": "en", "next": "/dashboard/learner/"}
    )
    assert response.status_code == 302
    assert response.url == "/dashboard/learner/"
    page = learner_client.get("/dashboard/learner/").content.decode()
    assert '<html lang="en">' in page
    assert "My learning" in page
    learner_client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert "我的学习" in learner_client.get("/dashboard/learner/").content.decode()


def catalog(language: str) -> Path:
    return Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"


@pytest.mark.parametrize("language", ["zh_Hans", "en"])
def test_catalogs_are_complete(language):
    """Every message has a translation and none is fuzzy (msgfmt's own count)."""
    result = subprocess.run(  # noqa: S603
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(catalog(language))],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    )
    stats = result.stderr
    assert re.match(r"\d+ translated messages?\.$", stats.strip()), stats


def test_both_catalogs_hold_the_same_messages():
    def msgids(path):
        return set(re.findall(r'^msgid "(.+)"$', path.read_text(), flags=re.M))

    assert msgids(catalog("zh_Hans")) == msgids(catalog("en"))
