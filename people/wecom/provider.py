"""The WeCom (企业微信) provider: a member of the company signs in with their WeCom account."""

from __future__ import annotations

from allauth.socialaccount.providers.base import ProviderAccount
from allauth.socialaccount.providers.oauth2.provider import OAuth2Provider

from people.wecom.views import WeComOAuth2Adapter


class WeComAccount(ProviderAccount):
    def to_str(self):
        return self.account.extra_data.get("name") or super().to_str()


class WeComProvider(OAuth2Provider):
    id = "wecom"
    name = "企业微信 WeCom"
    account_class = WeComAccount
    oauth2_adapter_class = WeComOAuth2Adapter

    def extract_uid(self, data):
        return str(data["userid"])

    def extract_common_fields(self, data):
        return {"username": data.get("userid"), "name": data.get("name")}


provider_classes = [WeComProvider]
