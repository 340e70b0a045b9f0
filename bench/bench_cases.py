"""Practice cases: the grading screen (report beside the rubric) and the grading queue."""

import io

from django.core.management import call_command

from bench.common import report_times, signed_in, time_get


def run():
    call_command("load_demo_data", "--force", stdout=io.StringIO())
    from django.contrib.auth import get_user_model

    from cases.models import CaseSubmission, SubmissionStatus

    trainer = get_user_model().objects.get(username="trainer")
    submission = (
        CaseSubmission.objects.filter(status=SubmissionStatus.SUBMITTED)
        .exclude(learner=trainer)
        .exclude(marks__grader=trainer)
        .order_by("pk")
        .first()
    )
    client = signed_in(trainer)
    report_times(
        "case grading screen",
        time_get(client, f"/grading/cases/{submission.pk}/"),
        "< 100 ms",
        "< 250 ms",
    )
    report_times("case grading queue", time_get(client, "/grading/cases/"), "< 100 ms", "< 250 ms")
