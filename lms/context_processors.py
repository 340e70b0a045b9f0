from lms import roles
from lms.navigation import menu_items


def navigation(request):
    """Role-dependent navigation for the base template.

    Worked out once per request: a dashboard renders each of its panels with the request's
    context too (``lms.dashboards.Panel``), and the menu's permission checks would otherwise
    run again for each.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_dashboards": [], "nav_items": [], "nav_can_cms": False}
    known = getattr(request, "_lms_navigation", None)
    if known is None or known[0] != user.pk:
        known = (
            user.pk,
            {
                "nav_dashboards": roles.dashboards_for(user),
                "nav_items": menu_items(request),
                "nav_can_cms": user.has_perm("wagtailadmin.access_admin"),
            },
        )
        request._lms_navigation = known
    return known[1]
