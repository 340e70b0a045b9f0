"""WeCom's exchange of a sign-in code, as its documentation for web sign-in (网页授权登录 and
扫码登录, ``qrConnect``) describes it.

1. The browser goes to the authorisation page with ``appid`` (the corp id), ``agentid``,
   ``redirect_uri`` and ``state``, and comes back with ``code`` and ``state``.
2. ``GET /cgi-bin/gettoken?corpid=…&corpsecret=…`` → ``{"errcode": 0, "access_token": …}``:
   the application's token (not the person's).
3. ``GET /cgi-bin/auth/getuserinfo?access_token=…&code=…`` → ``{"errcode": 0, "userid": …}``
   for a member of the company (an outsider gets ``openid`` and no ``userid``).
4. ``GET /cgi-bin/user/get?access_token=…&userid=…`` → the member: ``userid``, ``name``, …

Every answer carries ``errcode``; anything but 0 is an error.
"""

from __future__ import annotations

from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.providers.oauth2.client import OAuth2Client, OAuth2Error
from django.utils.http import urlencode


class WeComOAuth2Client(OAuth2Client):
    """Steps 1–3: the redirect, then the application's token and the member's user id."""

    api_url = "https://qyapi.weixin.qq.com"
    agent_id = ""

    def get_redirect_url(self, authorization_url, scope, extra_params) -> str:
        params = {
            "login_type": "CorpApp",
            "appid": self.consumer_key,
            "agentid": self.agent_id,
            "redirect_uri": self.callback_url,
            "state": self.state or "",
        }
        params.update(extra_params)
        return f"{authorization_url}?{urlencode(params)}"

    def get_access_token(self, code, pkce_code_verifier=None, extra_data=None):
        token = self.call(
            "/cgi-bin/gettoken", corpid=self.consumer_key, corpsecret=self.consumer_secret
        )
        member = self.call(
            "/cgi-bin/auth/getuserinfo", access_token=token["access_token"], code=code
        )
        if not member.get("userid"):
            raise OAuth2Error("WeCom: the person is not a member of the company")
        return {"access_token": token["access_token"], "userid": member["userid"]}

    def call(self, path: str, **params) -> dict:
        """GET an API path; its JSON, or ``OAuth2Error`` when WeCom answers an error."""
        with get_adapter().get_requests_session() as session:
            response = session.get(f"{self.api_url}{path}", params=params, timeout=10)
            response.raise_for_status()
            data = response.json()
        if data.get("errcode", 0) != 0:
            raise OAuth2Error(f"WeCom {path}: {data.get('errcode')} {data.get('errmsg', '')}")
        return data
