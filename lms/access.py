"""Who may see what: assessors see everyone's scorecards, an engineer only their own, a manager
the people of their units (decision 0701)."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404

from lms import api as lms_api
from lms import roles


def assessor_required(view):
    """Signed-in assessors only; anyone else gets a 404 (as for another person's object)."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not lms_api.is_assessor(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def may_see_engineer(user, engineer_user_id: int) -> bool:
    return lms_api.is_assessor(user) or user.pk == engineer_user_id


def manager_required(view):
    """Signed-in managers (and administrators, who hold every role) only; anyone else gets a
    404."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not roles.has_role(request.user, roles.MANAGER):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper
