"""The privacy notice and legal holds in the Wagtail admin (``/cms/privacy/…``, decision 1002).

A notice version is written, then published (the "publish" box); once published its text is
never changed (the form refuses): a change is a new version, which everybody acknowledges at
their next sign-in. A legal hold is set with a reason and lifted with a reason, never deleted;
both are in the audit trail.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from lms.bilingual import bilingual_panel
from privacy import services
from privacy.models import LegalHold, PrivacyNotice


class NoticeForm(WagtailAdminModelForm):
    publish = forms.BooleanField(
        label=_("Publish this version"),
        required=False,
        help_text=_(
            "Everybody is asked to read and acknowledge it at their next sign-in. A published "
            "version cannot be changed: write a new version instead."
        ),
    )

    def save(self, commit=True):
        notice = super().save(commit=False)
        if self.cleaned_data.get("publish") and not notice.published_at:
            notice.published_at = timezone.now()
        if commit:
            notice.save()
        return notice


class NoticeViewSet(ModelViewSet):
    model = PrivacyNotice
    icon = "doc-full"
    menu_label = _("Privacy notice")
    url_prefix = "privacy/notices"
    name = "privacy_notice"
    add_to_admin_menu = True
    menu_order = 905
    copy_view_enabled = False
    inspect_view_enabled = False
    delete_view_enabled = False  # versions are the record of what people acknowledged
    list_display = ["version", "title", "published_at", "created_at"]
    edit_handler = ObjectList(
        [bilingual_panel("title"), bilingual_panel("body"), FieldPanel("publish")],
        base_form_class=NoticeForm,
    )


class LegalHoldForm(WagtailAdminModelForm):
    lift = forms.BooleanField(label=_("Lift this hold"), required=False)
    lift_reason = forms.CharField(
        label=_("Why the hold is lifted"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            if "person" in self.changed_data or "reason" in self.changed_data:
                raise forms.ValidationError(_("A hold is not changed: lift it and set a new one."))
            if cleaned.get("lift") and not (cleaned.get("lift_reason") or "").strip():
                self.add_error("lift_reason", _("Give the reason for lifting the hold."))
        return cleaned


class LegalHoldCreateView(generic.CreateView):
    def save_instance(self):
        return services.set_legal_hold(
            self.form.save(commit=False), actor=self.request.user, request=self.request
        )


class LegalHoldEditView(generic.EditView):
    def save_instance(self):
        hold = self.object
        if self.form.cleaned_data.get("lift") and hold.lifted_at is None:
            return services.lift_legal_hold(
                hold,
                actor=self.request.user,
                reason=self.form.cleaned_data["lift_reason"].strip(),
                request=self.request,
            )
        return hold


def _status(hold) -> str:
    return str(_("In force") if hold.is_active else _("Lifted"))


class LegalHoldViewSet(ModelViewSet):
    model = LegalHold
    icon = "lock"
    menu_label = _("Legal holds")
    url_prefix = "privacy/legal-holds"
    name = "privacy_legal_hold"
    add_to_admin_menu = True
    menu_order = 906
    copy_view_enabled = False
    inspect_view_enabled = False
    delete_view_enabled = False
    add_view_class = LegalHoldCreateView
    edit_view_class = LegalHoldEditView
    list_display = [
        "person",
        "reason",
        Column("status", label=_("Status"), accessor=_status),
        "set_by",
        "set_at",
        "lifted_at",
    ]
    search_fields = ["person__username", "person__display_name", "person__employee_id"]
    edit_handler = ObjectList(
        [FieldPanel("person"), FieldPanel("reason"), FieldPanel("lift"), FieldPanel("lift_reason")],
        base_form_class=LegalHoldForm,
    )
