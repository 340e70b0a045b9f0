"""The Wagtail user admin, extended with the platform's profile fields."""

from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from lms.admin_forms import AcademyUserCreationForm, AcademyUserEditForm


class UserViewSet(WagtailUserViewSet):
    create_template_name = "lms/admin/user_create.html"
    edit_template_name = "lms/admin/user_edit.html"

    def get_form_class(self, for_update=False):
        return AcademyUserEditForm if for_update else AcademyUserCreationForm
