"""The session's OpenID Connect provider process, and the settings that point the academy at
it (decision 0704)."""

from __future__ import annotations

import json
import os
import select
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLIENT_ID = "service-academy"
CLIENT_SECRET = "provider-secret-for-tests"
PROVIDER_ID = "company"
CALLBACK = f"/accounts/oidc/{PROVIDER_ID}/login/callback/"
PASSWORD = "company-password-1"
SHANGHAI = "售后服务部/华东大区/上海站"


def _user(username: str, employee_id: str | None, name: str, **extra) -> dict:
    claims = {"name": name, "email": f"{username}@example.com", "department": SHANGHAI}
    if employee_id:
        claims["employee_id"] = employee_id
    return {"username": username, "password": PASSWORD, "claims": claims, **extra}


USERS = [
    _user("zhang.san", "E7001", "张三"),
    _user("newcomer", "E7999", "李新"),
    _user("no.id", None, "无工号"),
    _user("wrong.audience", "E7001", "张三", token="wrong-audience"),
    _user("expired", "E7001", "张三", token="expired"),
]


@dataclass(frozen=True)
class OIDCProvider:
    url: str  # the provider's site, e.g. http://127.0.0.1:40123
    server_url: str  # its OpenID Connect issuer, under /o

    def academy_settings(self) -> dict:
        """``SOCIALACCOUNT_PROVIDERS`` as the environment variables of the docs would make it."""
        return {
            "openid_connect": {
                "APPS": [
                    {
                        "provider_id": PROVIDER_ID,
                        "name": "示例公司 Example Corp",
                        "client_id": CLIENT_ID,
                        "secret": CLIENT_SECRET,
                        "settings": {"server_url": self.server_url, "oauth_pkce_enabled": True},
                    }
                ],
                "SCOPE": ["openid", "profile", "email"],
            }
        }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def oidc_provider(live_server, tmp_path_factory):
    """A real OpenID Connect provider (tests/oidc_provider/) in its own process on loopback,
    whose client accepts the test client's and the live server's callbacks."""
    folder = tmp_path_factory.mktemp("oidc-provider")
    users = folder / "users.json"
    users.write_text(json.dumps(USERS), encoding="utf-8")
    port = _free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
    }
    env.update(
        PYTHONPATH=str(ROOT),
        OIDC_PROVIDER_PORT=str(port),
        OIDC_PROVIDER_DB=str(folder / "provider.sqlite3"),
        OIDC_PROVIDER_USERS=str(users),
        OIDC_PROVIDER_CLIENT=json.dumps(
            {
                "client_id": CLIENT_ID,
                "client_secret": CLIENT_SECRET,
                "redirect_uris": [f"http://testserver{CALLBACK}", f"{live_server.url}{CALLBACK}"],
            }
        ),
    )
    log = (folder / "provider.log").open("w")
    process = subprocess.Popen(  # noqa: S603 - this interpreter, this repository's module
        [sys.executable, "-m", "tests.oidc_provider.serve"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
    )
    try:
        ready, _, _ = select.select([process.stdout], [], [], 120)
        if not ready or process.stdout.readline().strip() != "ready":
            raise RuntimeError(
                f"the OIDC provider did not start: {(folder / 'provider.log').read_text()}"
            )
        url = f"http://127.0.0.1:{port}"
        yield OIDCProvider(url=url, server_url=f"{url}/o")
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


@pytest.fixture
def oidc_sign_on(settings, oidc_provider):
    """The academy with the test provider switched on, as the environment would."""
    settings.SOCIALACCOUNT_PROVIDERS = oidc_provider.academy_settings()
    return oidc_provider
