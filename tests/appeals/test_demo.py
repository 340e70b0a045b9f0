"""The demo's appeals: one open, one resolved with its explanation, in the demo cohort; loading
the demo again adds none."""

import io

import pytest
from django.core.management import call_command

from appeals.models import Appeal

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_open_and_a_resolved_appeal(private_files):
    call_command("load_demo_data", "--force", stdout=io.StringIO())
    appeals = {appeal.status: appeal for appeal in Appeal.objects.select_related("learner")}
    assert set(appeals) == {"filed", "resolved"}
    assert appeals["filed"].kind == "metric"
    resolved = appeals["resolved"]
    assert (resolved.kind, resolved.outcome) == ("scorecard", "upheld") and resolved.explanation
    assert all(a.learner.username.startswith("learner") for a in appeals.values())
    call_command("load_demo_data", "--force", stdout=io.StringIO())
    assert Appeal.objects.count() == 2
