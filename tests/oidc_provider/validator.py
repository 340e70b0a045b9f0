"""The provider's claims: each test user's employee id, name and department, from the users
file ``serve.py`` was given. Two users get a broken ID token on purpose: ``aud`` names another
client (``token: wrong-audience``) or ``exp`` has passed (``token: expired``)."""

import json
import os
import time

from oauth2_provider.oauth2_validators import OAuth2Validator


def users() -> dict:
    with open(os.environ["OIDC_PROVIDER_USERS"], encoding="utf-8") as file:
        return {user["username"]: user for user in json.load(file)}


class ClaimsValidator(OAuth2Validator):
    oidc_claim_scope = None  # every claim, whatever the scopes

    def get_additional_claims(self, request):
        user = users().get(request.user.username, {})
        return dict(user.get("claims", {}))

    def get_id_token_dictionary(self, token, token_handler, request):
        claims, expiration = super().get_id_token_dictionary(token, token_handler, request)
        broken = users().get(request.user.username, {}).get("token")
        if broken == "wrong-audience":
            claims["aud"] = "another-client"
        elif broken == "expired":
            claims["exp"] = int(time.time()) - 3600
        return claims, expiration
