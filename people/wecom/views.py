"""WeCom's sign-on views: allauth's OAuth2 login and callback with :class:`WeComOAuth2Adapter`."""

from __future__ import annotations

from allauth.socialaccount.providers.oauth2.views import (
    OAuth2Adapter,
    OAuth2CallbackView,
    OAuth2LoginView,
)

from people.wecom.client import WeComOAuth2Client

AUTHORIZE_URL = "https://login.work.weixin.qq.com/wwlogin/sso/login"
API_URL = "https://qyapi.weixin.qq.com"


class WeComOAuth2Adapter(OAuth2Adapter):
    """The provider's settings may name other addresses (``authorize_url``, ``api_url``), and
    must name the application (``agent_id``)."""

    provider_id = "wecom"
    client_class = WeComOAuth2Client
    access_token_url = API_URL  # the client calls the API paths itself

    def _settings(self) -> dict:
        return self.get_provider().app.settings or {}

    @property
    def authorize_url(self) -> str:
        return self._settings().get("authorize_url", AUTHORIZE_URL)

    def get_client(self, request, app):
        client = super().get_client(request, app)
        client.api_url = self._settings().get("api_url", API_URL)
        client.agent_id = self._settings().get("agent_id", "")
        return client

    def complete_login(self, request, app, token, **kwargs):
        client = self.get_client(request, app)
        userid = kwargs["response"]["userid"]  # what the client's get_access_token found
        member = client.call("/cgi-bin/user/get", access_token=token.token, userid=userid)
        return self.get_provider().sociallogin_from_response(request, member)


oauth2_login = OAuth2LoginView.adapter_view(WeComOAuth2Adapter)
oauth2_callback = OAuth2CallbackView.adapter_view(WeComOAuth2Adapter)
