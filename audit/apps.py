from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    default = True
    name = "audit"
    verbose_name = _("Audit trail")
    default_auto_field = "django.db.models.BigAutoField"

    # The audit trail is administrators' business (they hold every permission).
    role_permissions: dict[str, list[str]] = {}

    def ready(self):
        post_migrate.connect(create_heads_after_migrate, sender=self)


def create_heads_after_migrate(sender, using="default", **kwargs):
    """Both chains' heads exist from the start (migration 0002) and again after ``flush``,
    which empties every table and then sends ``post_migrate``: writing an entry then costs the
    same four queries as ever, never the head's creation on the way."""
    from audit.models import Chain, Head

    for chain in Chain.values:
        Head.objects.using(using).get_or_create(chain=chain)
