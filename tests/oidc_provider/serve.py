"""Run the test OpenID Connect provider: ``python -m tests.oidc_provider.serve``.

Environment: ``OIDC_PROVIDER_PORT``, ``OIDC_PROVIDER_DB`` (an SQLite file to create),
``OIDC_PROVIDER_USERS`` (a JSON file: a list of ``{"username", "password", "claims", "token"}``),
``OIDC_PROVIDER_CLIENT`` (a JSON object: ``client_id``, ``client_secret``, ``redirect_uris``).
It migrates its database, creates the users and the client, prints ``ready`` and serves on
127.0.0.1 until it is stopped.
"""

import json
import os
import sys
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa


class ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the signature of the base class
        pass


def rsa_key() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def prepare() -> None:
    # Django is set up here, after the environment is filled: imports of models must wait.
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from django.contrib.auth import get_user_model
    from oauth2_provider.models import Application

    with open(os.environ["OIDC_PROVIDER_USERS"], encoding="utf-8") as file:
        for user in json.load(file):
            get_user_model().objects.create_user(user["username"], password=user["password"])
    client = json.loads(os.environ["OIDC_PROVIDER_CLIENT"])
    Application.objects.create(
        name="Service Academy",
        client_id=client["client_id"],
        client_secret=client["client_secret"],
        hash_client_secret=False,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=" ".join(client["redirect_uris"]),
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )


def main() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.oidc_provider.settings"
    os.environ.setdefault("OIDC_PROVIDER_RSA_KEY", rsa_key())
    prepare()
    from django.core.wsgi import get_wsgi_application

    port = int(os.environ["OIDC_PROVIDER_PORT"])
    server = make_server(
        "127.0.0.1", port, get_wsgi_application(), ThreadingServer, handler_class=QuietHandler
    )
    print("ready", flush=True)
    sys.stdout.close()
    server.serve_forever()


if __name__ == "__main__":
    main()
