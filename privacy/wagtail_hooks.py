"""The privacy notice and legal holds in /cms/ (decision 1002)."""

from wagtail import hooks

from privacy.admin_views import LegalHoldViewSet, NoticeViewSet


@hooks.register("register_admin_viewset")
def privacy_notice_admin():
    return NoticeViewSet()


@hooks.register("register_admin_viewset")
def legal_hold_admin():
    return LegalHoldViewSet()
