"""Who may assign: trainers and assessors (administrators hold every role). Assignments are the
staff's shared work, so every trainer and assessor sees and edits all of them; anyone else gets
a 404, as for an object that is not theirs."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404

from lms import api as lms_api


def can_assign(user) -> bool:
    return lms_api.is_trainer(user) or lms_api.is_assessor(user)


def staff_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not can_assign(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper
