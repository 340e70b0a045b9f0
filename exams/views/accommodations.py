"""Exam accommodations in the Wagtail admin (``/cms/exams/accommodations/``).

Trainers grant them on the quizzes they see, assessors on every certification exam
(``selectors.visibility.grantable_quizzes``); another's row is a 404. Saving records who granted
it and when: an edit is a new grant by its editor (the admin's history keeps the earlier ones).
Registered from ``exams/wagtail_hooks.py``; the form is ``exams.forms.accommodations``.
"""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from exams.forms.accommodations import AccommodationForm
from exams.models import Accommodation
from exams.selectors.visibility import grantable_quizzes
from exams.services.accommodations import accommodation_grant


def scoped(user):
    return Accommodation.objects.filter(quiz__in=grantable_quizzes(user))


class _Granting:
    def save_instance(self):
        return accommodation_grant(
            accommodation=self.form.save(commit=False), by=self.request.user, request=self.request
        )


class _Scoped:
    def get_object(self, queryset=None):
        obj = scoped(self.request.user).filter(pk=self.kwargs[self.pk_url_kwarg]).first()
        if obj is None:
            raise Http404
        return obj


class AccommodationCreateView(_Granting, generic.CreateView):
    pass


class AccommodationEditView(_Scoped, _Granting, generic.EditView):
    pass


class AccommodationDeleteView(_Scoped, generic.DeleteView):
    pass


class AccommodationIndexView(generic.IndexView):
    def get_base_queryset(self):
        return scoped(self.request.user).select_related("quiz", "user", "unit", "granted_by")


def _who(row) -> str:
    if row.user_id:
        return row.user.get_full_name() or row.user.username
    return row.unit.path


class AccommodationViewSet(ModelViewSet):
    model = Accommodation
    icon = "time"
    menu_label = gettext_lazy("Exam accommodations")
    url_prefix = "exams/accommodations"
    name = "exams_accommodation"
    add_to_admin_menu = True
    menu_order = 212
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = AccommodationIndexView
    add_view_class = AccommodationCreateView
    edit_view_class = AccommodationEditView
    delete_view_class = AccommodationDeleteView
    list_display = [
        "quiz",
        Column("who", label=gettext_lazy("For"), accessor=_who),
        Column("what", label=gettext_lazy("Grants"), accessor=lambda r: "; ".join(r.describe())),
        "reason",
        "granted_by",
        "granted_at",
    ]
    list_filter = ["quiz"]
    search_fields = ["reason", "user__username", "user__display_name", "unit__path"]
    edit_handler = ObjectList(
        [
            FieldPanel("quiz"),
            MultiFieldPanel(
                [FieldPanel("user"), FieldPanel("unit")],
                heading=gettext_lazy("For a person or for everyone in a unit"),
            ),
            FieldRowPanel([FieldPanel("extra_minutes"), FieldPanel("extra_percent")]),
            FieldPanel("extra_attempts"),
            FieldRowPanel([FieldPanel("open_at"), FieldPanel("close_at")]),
            FieldPanel("reason"),
        ],
        base_form_class=AccommodationForm,
    )
