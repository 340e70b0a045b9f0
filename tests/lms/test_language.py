"""The language switcher: the pages' language in the cookie, and the signed-in user's saved
language, which their emails are written in (decision 0004)."""

import pytest

pytestmark = pytest.mark.django_db


def test_switching_language_saves_the_users_preference(learner_client, learner):
    assert learner.preferred_language() == "zh-hans"  # nothing chosen yet: the site's default
    response = learner_client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302 and response.cookies["lms_language"].value == "en"
    learner.refresh_from_db()
    assert learner.language == "en" and learner.preferred_language() == "en"


def test_an_unknown_language_changes_nothing(learner_client, learner):
    learner_client.post("/i18n/setlang/", {"language": "xx", "next": "/"})
    learner.refresh_from_db()
    assert learner.language == ""


def test_a_visitor_can_switch_without_an_account(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/verify/"})
    assert response.status_code == 302 and response.cookies["lms_language"].value == "en"
