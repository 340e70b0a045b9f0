"""Background work of the quiz engine (django-tasks): telling a learner their essays are marked."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from exams.models import Attempt
from exams.selectors.visibility import review_rights_for


@task()
def send_attempt_graded_email(*, attempt_id: int) -> bool:
    """Email the learner that their attempt is graded, with a link to its result page.

    The score is in the email only when the quiz's review options let the learner see it now.
    Written in the learner's saved language. Returns False when there is no one to write to.
    """
    attempt = Attempt.objects.select_related("quiz", "user").filter(pk=attempt_id).first()
    if attempt is None or not attempt.user.email:
        return False
    context = {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "learner": attempt.user,
        "rights": review_rights_for(attempt.quiz),
        "url": settings.BASE_URL.rstrip("/")
        + reverse("exams:attempt_result", kwargs={"pk": attempt.pk}),
    }
    # In the learner's language, whoever marked the attempt and in whichever language.
    with translation.override(attempt.user.preferred_language()):
        subject = render_to_string("exams/email/attempt_graded_subject.txt", context).strip()
        body = render_to_string("exams/email/attempt_graded.txt", context)
    send_mail(subject, body, None, [attempt.user.email])
    return True
