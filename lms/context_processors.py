from lms import roles
from lms.navigation import menu_items


def navigation(request):
    """Role-dependent navigation for the base template."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_dashboards": [], "nav_items": [], "nav_can_cms": False}
    return {
        "nav_dashboards": roles.dashboards_for(user),
        "nav_items": menu_items(request),
        "nav_can_cms": user.has_perm("wagtailadmin.access_admin"),
    }
