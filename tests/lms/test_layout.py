import re

import pytest
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db


def test_pages_load_no_assets_from_other_sites(client, learner_client):
    for page in [client.get("/accounts/login/"), learner_client.get("/dashboard/learner/")]:
        html = page.content.decode()
        assert not re.search(r'(src|href)="(https?:)?//', html), "assets must be served locally"


def test_pages_are_made_for_phones(client):
    html = client.get("/accounts/login/").content.decode()
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in html


def test_whitenoise_serves_the_collected_static_files(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    call_command("collectstatic", "--no-input", "--ignore=wagtail*", verbosity=0)
    response = Client().get("/static/css/app.css")
    assert response.status_code == 200
    assert b"--brand" in b"".join(response.streaming_content)
