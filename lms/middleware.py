"""Content-Security-Policy for pages, for the Wagtail admin and for served files (decision 0007).

* Pages get ``settings.CONTENT_SECURITY_POLICY`` from django-csp: scripts from this site or
  with the response's nonce, nothing inline.
* The Wagtail admin under ``/cms/`` gets ``settings.CONTENT_SECURITY_POLICY_ADMIN``: Wagtail
  writes inline scripts into some widgets and inline styles throughout.
* The sign-in pages may send a form to the company's identity provider: the sign-on buttons
  post here and are redirected there, and ``form-action`` covers those redirects. Those pages'
  ``form-action`` adds the origins of the providers switched on (``sign_on_origins``).
* Files that users uploaded (case attachments, Wagtail documents) are answered by the views in
  ``SERVED_FILE_VIEWS``. Whatever those views send (the file itself, or an X-Accel-Redirect for
  the web server to send it), the response gets ``SERVED_FILE_POLICY`` (a sandbox in which
  nothing may load or run) and is a download unless it is a raster image, which a browser
  only displays.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from csp.constants import HEADER
from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings

# URL names of the views that answer with a file somebody uploaded.
SERVED_FILE_VIEWS = frozenset({"cases:case_attachment", "wagtaildocs_serve"})
SERVED_FILE_POLICY = "default-src 'none'; sandbox"
# Raster images a browser shows and never runs; anything else is saved, not opened.
INLINE_CONTENT_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp"})
ADMIN_PREFIX = "/cms/"

_INLINE = re.compile(r"^\s*inline\b", re.IGNORECASE)

# The pages with sign-on buttons, and where each provider's sign-in page is unless its
# settings name another address.
SIGN_ON_VIEWS = frozenset({"login", "account_login", "account_reauthenticate"})
SIGN_ON_AUTHORIZE_URLS = {
    "dingtalk": "https://login.dingtalk.com/",
    "feishu": "https://open.feishu.cn/",
    "wecom": "https://login.work.weixin.qq.com/",
}


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def sign_on_origins() -> list[str]:
    """The origins of the sign-in pages of the providers in ``SOCIALACCOUNT_PROVIDERS``."""
    origins = set()
    for provider, config in getattr(settings, "SOCIALACCOUNT_PROVIDERS", {}).items():
        for app in config.get("APPS", []):
            app_settings = app.get("settings") or {}
            url = (
                app_settings.get("server_url")
                or app_settings.get("authorize_url")
                or config.get("AUTHORIZE_URL")
                or SIGN_ON_AUTHORIZE_URLS.get(provider)
            )
            if url:
                origins.add(_origin(url))
    return sorted(origins)


def is_served_file(request, response) -> bool:
    """A file from one of ``SERVED_FILE_VIEWS`` (not, say, the password form Wagtail shows for
    a restricted document), sent by Django or handed to the web server."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.view_name not in SERVED_FILE_VIEWS or response.status_code >= 300:
        return False
    return (
        response.streaming
        or "Content-Disposition" in response
        or "X-Accel-Redirect" in response
        or "X-Sendfile" in response
    )


def make_download(response) -> None:
    """Turn the response into a download unless it is a raster image."""
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    if content_type in INLINE_CONTENT_TYPES:
        return
    disposition = response.get("Content-Disposition", "")
    if not disposition:
        response["Content-Disposition"] = "attachment"
    elif _INLINE.match(disposition):
        response["Content-Disposition"] = _INLINE.sub("attachment", disposition, count=1)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's policy and the served files' sandbox."""

    def process_request(self, request):
        super().process_request(request)
        # Every page's policy names its nonce, whether or not a template asked for it, so a
        # script a template adds later has one policy to follow.
        str(request.csp_nonce)

    def process_response(self, request, response):
        if is_served_file(request, response):
            response[HEADER] = SERVED_FILE_POLICY
            make_download(response)
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and request.path_info.startswith(ADMIN_PREFIX):
            parts.config = default_config(settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
        match = getattr(request, "resolver_match", None)
        if match is not None and match.view_name in SIGN_ON_VIEWS and sign_on_origins():
            parts.update = {**(parts.update or {}), "form-action": sign_on_origins()}
        return parts
