"""Company sign-on is switched on by the environment, one provider at a time."""

import json

from tests.lms.test_settings import run_manage

SHOW = (
    "import json; from django.conf import settings; "
    "print(json.dumps(settings.SOCIALACCOUNT_PROVIDERS, sort_keys=True))"
)


def providers(**env):
    result = run_manage(
        "shell", "-c", SHOW, env={"DJANGO_SETTINGS_MODULE": "lms.settings.test", **env}
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_no_provider_is_on_by_default():
    assert providers() == {}


def test_each_provider_is_switched_on_by_its_variables():
    configured = providers(
        SSO_OIDC_SERVER_URL="https://id.example.com/realms/academy",
        SSO_OIDC_CLIENT_ID="academy",
        SSO_OIDC_CLIENT_SECRET="oidc-secret",
        SSO_OIDC_NAME="示例公司",
        SSO_WECOM_CORP_ID="ww123",
        SSO_WECOM_SECRET="wecom-secret",
        SSO_WECOM_AGENT_ID="1000002",
    )
    assert set(configured) == {"openid_connect", "wecom"}
    oidc = configured["openid_connect"]["APPS"][0]
    assert (oidc["name"], oidc["client_id"]) == ("示例公司", "academy")
    assert oidc["settings"]["server_url"] == "https://id.example.com/realms/academy"
    wecom = configured["wecom"]["APPS"][0]
    assert wecom["settings"] == {"agent_id": "1000002", "employee_id_claim": "userid"}
