"""The company sign-on providers (django-allauth) that the environment switches on; read by
base.py as SOCIALACCOUNT_PROVIDERS (docs/configuration.md, "Company sign-on")."""


def _employee_id_field(env, provider: str, default: str) -> dict:
    return {"employee_id_claim": env.str(f"SSO_{provider}_EMPLOYEE_ID_FIELD", default=default)}


def sign_on_providers(env) -> dict:
    """allauth's providers switched on by the environment: none unless its variables are set."""
    providers = {}
    if env.str("SSO_OIDC_SERVER_URL", default=""):
        app = {
            "provider_id": env.str("SSO_OIDC_PROVIDER_ID", default="company"),
            "name": env.str("SSO_OIDC_NAME", default="Company account"),
            "client_id": env.str("SSO_OIDC_CLIENT_ID"),
            "secret": env.str("SSO_OIDC_CLIENT_SECRET"),
            "settings": {"server_url": env.str("SSO_OIDC_SERVER_URL"), "oauth_pkce_enabled": True},
        }
        scopes = env.list("SSO_OIDC_SCOPES", default=["openid", "profile", "email"])
        providers["openid_connect"] = {"APPS": [app], "SCOPE": scopes}
    if env.str("SSO_DINGTALK_CLIENT_ID", default=""):
        app = {
            "client_id": env.str("SSO_DINGTALK_CLIENT_ID"),
            "secret": env.str("SSO_DINGTALK_CLIENT_SECRET"),
            "settings": {**_employee_id_field(env, "DINGTALK", "unionId"), "name_claim": "nick"},
        }
        providers["dingtalk"] = {"APPS": [app]}
    if env.str("SSO_FEISHU_APP_ID", default=""):
        app = {
            "client_id": env.str("SSO_FEISHU_APP_ID"),
            "secret": env.str("SSO_FEISHU_APP_SECRET"),
            "settings": _employee_id_field(env, "FEISHU", "employee_no"),
        }
        providers["feishu"] = {"APPS": [app]}
    if env.str("SSO_WECOM_CORP_ID", default=""):
        app = {
            "client_id": env.str("SSO_WECOM_CORP_ID"),
            "secret": env.str("SSO_WECOM_SECRET"),
            "settings": {
                "agent_id": env.str("SSO_WECOM_AGENT_ID"),
                **_employee_id_field(env, "WECOM", "userid"),
            },
        }
        providers["wecom"] = {"APPS": [app]}
    return providers
