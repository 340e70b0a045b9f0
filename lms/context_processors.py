from functools import partial

from django.utils.functional import SimpleLazyObject

from lms import navigation_cache, roles
from lms.navigation import NavItem, menu_items


def navigation(request):
    """Role-dependent navigation for the base template: kept in the cache per user and
    language (``lms.navigation_cache``), and worked out once per request, since a dashboard
    renders each of its panels with the request's context too (``lms.dashboards.Panel``).

    The values are lazy: a page that shows no links (an exam in progress has the quiet header,
    decision 0905) does not read them."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_dashboards": [], "nav_items": [], "nav_can_cms": False}
    return {
        name: SimpleLazyObject(partial(_known, request, name))
        for name in ("nav_dashboards", "nav_items", "nav_can_cms")
    }


def _known(request, name: str):
    """One of the request's navigation values, read from the cache at the first ask."""
    user = request.user
    known = getattr(request, "_lms_navigation", None)
    if known is None or known[0] != user.pk:
        dashboards, items, can_cms = navigation_cache.cached(user, lambda: _navigation(request))
        known = (
            user.pk,
            {
                "nav_dashboards": list(dashboards),
                "nav_items": [NavItem(*item) for item in items],
                "nav_can_cms": can_cms,
            },
        )
        request._lms_navigation = known
    return known[1][name]


def _navigation(request) -> tuple:
    """What the header shows, in plain values the cache can keep."""
    user = request.user
    return (
        tuple(roles.dashboards_for(user)),
        tuple((str(i.label), i.url, i.order, i.name) for i in menu_items(request)),
        user.has_perm("wagtailadmin.access_admin"),
    )
