"""Sign-in through the company directory (LDAP or Active Directory), decision 0706.

:class:`DirectoryBackend` is a plain Django authentication backend built on django-auth-ldap:
the directory checks the password, and the person signing in is the ``lms.User`` whose
employee id the directory entry holds (``LDAP_EMPLOYEE_ID_ATTRIBUTE``, e.g. employeeNumber),
the person the HR roster imported. Nobody is matched by username or email. Its settings are
the ``LDAP_*`` names of ``lms/settings/base.py`` (docs/configuration.md).

A refusal after the directory accepted the password (the account is disabled in the
directory, the person is deactivated here or unknown) is raised as :class:`SignInRefused`, a
``ValidationError``: the login form shows its message, and the refusal is recorded as a failed
sign-in (django-axes counts it, as it counts wrong passwords).
"""

from __future__ import annotations

import ldap
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django_auth_ldap.backend import LDAPBackend
from django_auth_ldap.config import LDAPSearch, LDAPSettings

from people.services.directory import DirectoryPerson, SignInRefused, directory_person_create

DISABLED = _(
    "Your company account is disabled in the directory. Ask your IT department to enable it."
)
NO_EMPLOYEE_ID = _(
    "Your company account has no employee ID in the directory, so it cannot be matched to a "
    "person here. Ask your IT department to add it."
)
DEACTIVATED = _(
    "Your account here has been deactivated. Ask your training administrator if this is a mistake."
)
UNKNOWN = _(
    "Your company account is not registered here. Ask your training administrator to add you "
    "to the roster."
)


class DirectoryBackend(LDAPBackend):
    """django-auth-ldap's backend, finding people by employee id (module docstring).

    Reads its settings as ``LDAP_SERVER_URI``, ``LDAP_BIND_DN``, ``LDAP_BIND_PASSWORD`` and
    ``LDAP_START_TLS``, and builds the user search from ``LDAP_USER_SEARCH_BASE`` and
    ``LDAP_USER_FILTER``. The roster owns names, emails and units: the directory never
    overwrites them.
    """

    settings_prefix = "LDAP_"

    @property
    def settings(self):
        if self._settings is None:
            timeout = settings.LDAP_TIMEOUT
            self._settings = LDAPSettings(
                self.settings_prefix,
                {
                    "USER_SEARCH": LDAPSearch(
                        settings.LDAP_USER_SEARCH_BASE,
                        ldap.SCOPE_SUBTREE,
                        settings.LDAP_USER_FILTER,
                    ),
                    "ALWAYS_UPDATE_USER": False,
                    # Active Directory answers with referrals the client must not chase.
                    "CONNECTION_OPTIONS": {
                        ldap.OPT_REFERRALS: 0,
                        ldap.OPT_NETWORK_TIMEOUT: timeout,
                        ldap.OPT_TIMEOUT: timeout,
                    },
                },
            )
        return self._settings

    def authenticate(self, request, username=None, password=None, **kwargs):
        try:
            user = super().authenticate(request, username=username, password=password, **kwargs)
        except SignInRefused:
            user_login_failed.send(
                sender=__name__, credentials={"username": username}, request=request
            )
            raise
        if user is None and not settings.LDAP_LOCAL_PASSWORDS and _has_employee_id(username):
            # People of the roster sign in through the directory only: their local password
            # is not tried (Django records the failure).
            raise PermissionDenied
        return user

    def get_user(self, user_id):
        """The signed-in user of a session, unless deactivated since (as ModelBackend)."""
        user = super().get_user(user_id)
        return user if user is not None and user.is_active else None

    def get_or_build_user(self, username, ldap_user):
        """The person of a directory entry whose password was just accepted: found by employee
        id, or created when ``LDAP_CREATE_USERS`` is on; else :class:`SignInRefused`."""
        if _disabled(ldap_user):
            raise SignInRefused(DISABLED, code="directory_disabled")
        employee_id = _first(ldap_user.attrs, settings.LDAP_EMPLOYEE_ID_ATTRIBUTE)
        if not employee_id:
            raise SignInRefused(NO_EMPLOYEE_ID, code="directory_no_employee_id")
        user = get_user_model().objects.filter(employee_id=employee_id).first()
        if user is None:
            if not settings.LDAP_CREATE_USERS:
                raise SignInRefused(UNKNOWN, code="directory_unknown")
            user = directory_person_create(
                person=DirectoryPerson(
                    employee_id=employee_id,
                    name=_first(ldap_user.attrs, settings.LDAP_NAME_ATTRIBUTE),
                    email=_first(ldap_user.attrs, settings.LDAP_EMAIL_ATTRIBUTE),
                    unit_path=_first(ldap_user.attrs, settings.LDAP_UNIT_ATTRIBUTE),
                )
            )
        if not user.is_active:
            raise SignInRefused(DEACTIVATED, code="deactivated")
        return user, False


def _first(attrs, name: str) -> str:
    """The first value of an attribute of a directory entry ("" when it has none)."""
    values = (attrs or {}).get(name) or [""]
    return values[0].strip()


def _disabled(ldap_user) -> bool:
    """Whether ``LDAP_DISABLED_FILTER`` matches the entry, asked of the directory itself (so
    Active Directory's bitwise rule on userAccountControl works as OpenLDAP's presence test)."""
    rule = settings.LDAP_DISABLED_FILTER
    if not rule:
        return False
    search = LDAPSearch(ldap_user.dn, ldap.SCOPE_BASE, rule, attrlist=["1.1"])
    return bool(search.execute(ldap_user.connection))


def _has_employee_id(username) -> bool:
    return (
        username is not None
        and get_user_model()
        .objects.filter(username=username.strip())
        .exclude(employee_id=None)
        .exists()
    )
