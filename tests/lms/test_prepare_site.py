import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_loads_demo_data_into_an_empty_database_and_keeps_existing_data(settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("prepare_site", "--port", "8123", stdout=out)
    assert "http://127.0.0.1:8123/" in out.getvalue()
    assert "learner" in out.getvalue() and "demo-2026" in out.getvalue()
    User = get_user_model()
    learner = User.objects.get(username="learner")
    learner.display_name = "王小明（已改名）"
    learner.save()

    call_command("prepare_site", stdout=io.StringIO())
    learner.refresh_from_db()
    assert learner.display_name == "王小明（已改名）"
