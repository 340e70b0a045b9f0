from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.db.prepared import PreparedRead


class UserManager(DjangoUserManager):
    """Django's, with ``get(pk=id)`` (how ``ModelBackend`` reads the signed-in user on every
    request) read with SQL compiled once (decision 0905); any other ``get`` as Django does."""

    def get(self, *args, **kwargs):
        pk = kwargs.get("pk")
        if args or kwargs.keys() != {"pk"} or type(pk) is not int or self._db is not None:
            return super().get(*args, **kwargs)
        user = _BY_ID.first(pk)
        if user is None:
            raise self.model.DoesNotExist(
                f"{self.model._meta.object_name} matching query does not exist."
            )
        return user


class User(AbstractUser):
    """A person who uses the platform: a new hire, a trainer, an assessor or an administrator.

    ``employee_id`` (工号) is how other systems (HR, the service desk) name a person; staff
    accounts may have none.
    """

    employee_id = models.CharField(
        _("employee ID"),
        max_length=32,
        unique=True,
        null=True,
        blank=True,
        help_text=_("The company's employee number (工号), e.g. E1001. Optional for staff."),
    )
    display_name = models.CharField(
        _("display name"),
        max_length=100,
        blank=True,
        help_text=_("The name shown on pages and printed on certificates, e.g. 王小明."),
    )
    department = models.CharField(_("department"), max_length=100, blank=True)
    region = models.CharField(_("region"), max_length=100, blank=True)
    hire_date = models.DateField(_("hire date"), null=True, blank=True)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_(
            "The language of the emails this person gets; saved when they choose a language on "
            "the site. Empty: the site's default language."
        ),
    )
    manager = models.ForeignKey(
        "self",
        verbose_name=_("manager"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )

    objects = UserManager()

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]
        swappable = "AUTH_USER_MODEL"

    def __str__(self):
        return self.get_full_name() or self.username

    def save(self, *args, **kwargs):
        # An empty employee ID is stored as NULL so that "unique" allows many staff without one.
        if not self.employee_id:
            self.employee_id = None
        super().save(*args, **kwargs)

    def get_full_name(self):
        return self.display_name or super().get_full_name().strip() or self.username

    def preferred_language(self) -> str:
        """The language to write to this person in (emails): their saved choice, else the
        site's default."""
        return self.language or settings.LANGUAGE_CODE

    def get_short_name(self):
        return self.display_name or self.first_name or self.username


# No ordering: a read by id needs none (``get`` leaves the model's out too).
_BY_ID = PreparedRead(lambda pk: User._base_manager.filter(pk=pk).order_by())
