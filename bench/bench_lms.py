"""Foundation figures: the learner dashboard and /healthz, 200 requests each."""

import io

from django.core.management import call_command
from django.test import Client

from bench.common import report_times, signed_in, time_get


def run():
    call_command("load_demo_data", "--force", stdout=io.StringIO())
    from django.contrib.auth import get_user_model

    client = signed_in(get_user_model().objects.get(username="learner"))
    report_times(
        "learner dashboard", time_get(client, "/dashboard/learner/"), "< 50 ms", "< 150 ms"
    )
    report_times("healthz", time_get(Client(), "/healthz"), "< 5 ms", "< 20 ms")
