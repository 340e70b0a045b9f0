"""What the quiz engine tells people through the notification service (decision 0800): that
their essays are marked (event ``exam_graded``: the inbox, the email below, their unit's group
robot)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from exams.models import Attempt
from exams.selectors.visibility import review_rights_for
from notifications import api as notifications
from notifications.api import EventType, register_event_type


def notify_attempt_graded(*, attempt_id: int) -> bool:
    """Tell the learner that their attempt is graded, with a link to its result page. Returns
    False when they were told already (or the attempt is gone)."""
    attempt = Attempt.objects.select_related("quiz", "user").filter(pk=attempt_id).first()
    if attempt is None:
        return False
    return notifications.notify(
        recipient=attempt.user,
        event="exam_graded",
        item=f"attempt:{attempt.pk}",
        title=attempt.quiz.title,
        title_en=attempt.quiz.title_en,
        url=reverse("exams:attempt_result", kwargs={"pk": attempt.pk}),
    )


def attempt_graded_email(*, attempt_id: int) -> EmailMessage | None:
    """The email: the score only when the quiz's review options let the learner see it now;
    written in the learner's saved language, whoever marked the attempt and in whichever
    language. None when there is no one to write to."""
    attempt = Attempt.objects.select_related("quiz", "user").filter(pk=attempt_id).first()
    if attempt is None or not attempt.user.email:
        return None
    context = {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "learner": attempt.user,
        "rights": review_rights_for(attempt.quiz),
        "url": settings.BASE_URL.rstrip("/")
        + reverse("exams:attempt_result", kwargs={"pk": attempt.pk}),
    }
    with translation.override(attempt.user.preferred_language()):
        subject = render_to_string("exams/email/attempt_graded_subject.txt", context).strip()
        body = render_to_string("exams/email/attempt_graded.txt", context)
    return EmailMessage(subject=subject, body=body, to=[attempt.user.email])


register_event_type(
    EventType(
        key="exam_graded",
        label=_("Exam graded"),
        email=lambda *, recipient, item: attempt_graded_email(
            attempt_id=int(item.removeprefix("attempt:"))
        ),
        order=10,
    )
)
