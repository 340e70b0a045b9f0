from pathlib import Path

from allauth.account import views as allauth_views
from allauth.socialaccount import views as social_views
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from lms import metrics
from lms.views import accounts, dashboards, documents, errors, health, language

accounts_patterns = [
    path("login/", accounts.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("password/reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    # django-allauth (decision 0704): company sign-on and two-factor sign-in. Only the views the
    # site uses; allauth's names for the pages above lead to the same pages.
    path("login/", accounts.LoginView.as_view(), name="account_login"),
    path("logout/", auth_views.LogoutView.as_view(), name="account_logout"),
    path(
        "password/change/", auth_views.PasswordChangeView.as_view(), name="account_change_password"
    ),
    path("password/reset/", auth_views.PasswordResetView.as_view(), name="account_reset_password"),
    path("inactive/", allauth_views.account_inactive, name="account_inactive"),
    path("reauthenticate/", allauth_views.reauthenticate, name="account_reauthenticate"),
    path("2fa/", include("allauth.mfa.urls")),
    path(
        "3rdparty/login/cancelled/",
        social_views.login_cancelled,
        name="socialaccount_login_cancelled",
    ),
    path("3rdparty/login/error/", social_views.login_error, name="socialaccount_login_error"),
    *accounts.provider_urlpatterns(),
]

urlpatterns = [
    path("", dashboards.home, name="dashboard"),
    path("dashboard/<slug:role>/", dashboards.dashboard, name="dashboard_role"),
    path("healthz", health.healthz, name="healthz"),
    path("metrics", metrics.metrics_view, name="metrics"),
    # The invitation's set-password page (people administration, issue 15).
    path("accounts/invitation/", include("people.urls")),
    path("accounts/", include(accounts_patterns)),
    path("i18n/setlang/", language.set_language, name="set_language"),
    # Before Wagtail's admin: its own sign-in page leads to the site's (decision 0704).
    path("cms/login/", accounts.cms_login, name="cms_login"),
    path("cms/", include(wagtailadmin_urls)),
    # Wagtail's document view, with Cache-Control on every storage (lms/views/documents.py).
    re_path(r"^documents/(\d+)/(.*)$", documents.serve, name="wagtaildocs_serve"),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("courses.urls")),
    path("", include("exams.urls")),
    path("", include("cases.urls")),
    path("", include("assessment.urls")),
    path("", include("certificates.urls")),
    path("", include("notifications.urls")),
    path("assignments/", include("assignments.urls")),
    # The privacy notice, the account page and the person's own data (decision 1002).
    path("", include("privacy.urls")),
    path("appeals/", include("appeals.urls")),
]

# Course pages (Wagtail) carry their language in the URL: /zh-hans/learn/…, /en/learn/…, and so
# do the actions they post to, so that what those answer is in the page's language.
# Every other page takes the language from the user's choice (cookie), then the browser.
urlpatterns += i18n_patterns(
    path("", include("courses.page_urls")),
    path("learn/", include(wagtail_urls)),
)

# Development serves the public image renditions (MEDIA_ROOT/images/) as the proxy does in
# production; never the rest of MEDIA_ROOT, which holds Wagtail's documents and original images
# (docs/decisions/0006-private-files.md).
if settings.DEBUG:
    urlpatterns += static(
        f"{settings.MEDIA_URL}images/", document_root=Path(settings.MEDIA_ROOT) / "images"
    )

handler400 = errors.bad_request
handler403 = errors.permission_denied
handler404 = errors.page_not_found
handler500 = errors.server_error
