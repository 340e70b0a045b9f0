"""The Wagtail user and group admin, extended with the platform's profile fields and with
groups shown by their label in the admin's language (``lms.roles.group_label``)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import TitleColumn
from wagtail.users.views import groups
from wagtail.users.views.users import UserFilterSet as WagtailUserFilterSet
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from lms.admin_forms import AcademyUserCreationForm, AcademyUserEditForm
from lms.roles import group_label


class UserFilterSet(WagtailUserFilterSet):
    """Wagtail's user filters, the groups by their label ("学员", not "Learner")."""

    @property
    def form(self):
        form = super().form
        if "group" in form.fields:
            form.fields["group"].label_from_instance = group_label
        return form


class UserViewSet(WagtailUserViewSet):
    create_template_name = "lms/admin/user_create.html"
    edit_template_name = "lms/admin/user_edit.html"
    filterset_class = UserFilterSet

    def get_form_class(self, for_update=False):
        return AcademyUserEditForm if for_update else AcademyUserCreationForm


class GroupIndexView(groups.IndexView):
    columns = [
        TitleColumn(
            "name",
            label=_("Name"),
            accessor=group_label,
            sort_key="name",
            url_name="wagtailusers_groups:edit",
        )
    ]


class GroupViewSet(groups.GroupViewSet):
    index_view_class = GroupIndexView


def yes_no_column(model, field: str):
    """A list column of a boolean field: Wagtail's tick/cross icon titled "Yes"/"No" in the
    admin's language (never "True"), headed by the field's translated name."""
    from django.utils.text import capfirst
    from wagtail.admin.ui.tables import BooleanColumn

    return BooleanColumn(field, label=capfirst(model._meta.get_field(field).verbose_name))
