"""The assignments app's menu items and dashboard panels (registered by each part's module)."""

from wagtail import hooks

from assignments import renewals_admin  # noqa: F401 — registers the renewal windows' CMS screen
from assignments.renewals import renewal_due_dates


@hooks.register("certificate_renewals")
def certificate_renewals(certificate_ids):
    """The certificate pages' "renewal due by" (decision 0805)."""
    return renewal_due_dates(certificate_ids)
