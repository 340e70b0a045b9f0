"""Where files are stored: local folders (the default of `make run`) or an S3-compatible object
store (FILE_STORAGE=s3); read by base.py (docs/configuration.md, "File storage"; decision 0900).

Four storages (Django's ``STORAGES`` aliases):

- ``default``: Wagtail's documents and original images;
- ``private``: case attachments, certificate PDFs, the certificate branding's images, metric
  imports kept for audit;
- ``renditions``: Wagtail's image renditions, the only files with a public URL;
- ``staticfiles``: WhiteNoise, always local.

On S3 ``default`` and ``private`` live in the private bucket (under ``media/`` and
``private/``); their objects are read only with the store's credentials, and the views that
check access stream them. ``renditions`` is the public media bucket, which holds nothing else.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from botocore.config import Config
from django.core.exceptions import ImproperlyConfigured

S3_BACKEND = "storages.backends.s3.S3Storage"
ADDRESSING_STYLES = ("path", "virtual")


def local_storages(private_media_root: Path) -> dict:
    """Folders on this server; ``default`` and ``renditions`` follow MEDIA_ROOT."""
    return {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": private_media_root, "base_url": None},
        },
        # Renditions sit in MEDIA_ROOT/images/ as before; the proxy serves only that folder.
        "renditions": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
    }


def _check(private_bucket, media_bucket, access_key, secret_key, addressing_style) -> None:
    if addressing_style not in ADDRESSING_STYLES:
        raise ImproperlyConfigured(
            f"S3_ADDRESSING_STYLE must be path or virtual, not {addressing_style!r}."
        )
    if not (private_bucket and media_bucket and access_key and secret_key):
        raise ImproperlyConfigured(
            "FILE_STORAGE=s3 needs S3_PRIVATE_BUCKET, S3_MEDIA_BUCKET, S3_ACCESS_KEY_ID and "
            "S3_SECRET_ACCESS_KEY (docs/configuration.md, File storage)."
        )
    if private_bucket == media_bucket:
        raise ImproperlyConfigured(
            "S3_PRIVATE_BUCKET and S3_MEDIA_BUCKET must differ: the media bucket is public."
        )


def s3_storages(
    *,
    private_bucket: str,
    media_bucket: str,
    access_key: str,
    secret_key: str,
    endpoint_url: str = "",
    region: str = "",
    addressing_style: str = "virtual",
    media_url: str = "",
    prefix: str = "",
) -> dict:
    """STORAGES entries for an S3-compatible store. ``prefix`` (S3_PREFIX) puts every object of
    this site under a folder of each bucket: sites that share buckets (a restore drill, a
    staging copy; tests give each test its own) never see each other's files."""
    _check(private_bucket, media_bucket, access_key, secret_key, addressing_style)
    common = {
        "endpoint_url": endpoint_url or None,
        "region_name": region or None,
        "access_key": access_key,
        "secret_key": secret_key,
        # Fail fast when the store is unreachable (lms.file_store answers 503 then).
        "client_config": Config(
            s3={"addressing_style": addressing_style},
            signature_version="s3v4",
            connect_timeout=5,
            read_timeout=30,
            retries={"max_attempts": 3, "mode": "standard"},
        ),
        "default_acl": None,
        # Never replace an object of the same name: Django picks a free name, as on disk.
        "file_overwrite": False,
    }
    folder = f"{prefix.strip('/')}/" if prefix.strip("/") else ""
    private = {**common, "bucket_name": private_bucket, "querystring_auth": True}
    public = {**common, "bucket_name": media_bucket, "querystring_auth": False}
    if folder:
        public["location"] = folder.rstrip("/")
    if media_url:
        parts = urlsplit(media_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ImproperlyConfigured(f"S3_MEDIA_URL must be an http(s) URL, not {media_url!r}.")
        public["custom_domain"] = f"{parts.netloc}{parts.path.rstrip('/')}"
        public["url_protocol"] = f"{parts.scheme}:"
    return {
        "default": {"BACKEND": S3_BACKEND, "OPTIONS": {**private, "location": f"{folder}media"}},
        "private": {"BACKEND": S3_BACKEND, "OPTIONS": {**private, "location": f"{folder}private"}},
        "renditions": {"BACKEND": S3_BACKEND, "OPTIONS": public},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
    }


def file_storages(env, private_media_root: Path) -> dict:
    """STORAGES as the environment says: FILE_STORAGE=local (default) or s3."""
    kind = env.str("FILE_STORAGE", default="local")
    if kind == "local":
        return local_storages(private_media_root)
    if kind != "s3":
        raise ImproperlyConfigured(f"FILE_STORAGE must be local or s3, not {kind!r}.")
    return s3_storages(
        private_bucket=env.str("S3_PRIVATE_BUCKET", default=""),
        media_bucket=env.str("S3_MEDIA_BUCKET", default=""),
        access_key=env.str("S3_ACCESS_KEY_ID", default=""),
        secret_key=env.str("S3_SECRET_ACCESS_KEY", default=""),
        endpoint_url=env.str("S3_ENDPOINT_URL", default=""),
        region=env.str("S3_REGION", default=""),
        addressing_style=env.str("S3_ADDRESSING_STYLE", default="virtual"),
        media_url=env.str("S3_MEDIA_URL", default=""),
        prefix=env.str("S3_PREFIX", default=""),
    )


def public_media_origin(storages: dict) -> str | None:
    """The origin pages load renditions from when it is not the site's own (for the CSP)."""
    options = storages["renditions"].get("OPTIONS", {})
    if storages["renditions"]["BACKEND"] != S3_BACKEND:
        return None
    if options.get("custom_domain"):
        return f"{options['url_protocol']}//{options['custom_domain'].split('/')[0]}"
    endpoint = options.get("endpoint_url")
    region = options.get("region_name")
    if not endpoint:
        host = f"s3.{region}.amazonaws.com" if region else "s3.amazonaws.com"
        endpoint = f"https://{host}"
    parts = urlsplit(endpoint)
    if options["client_config"].s3["addressing_style"] == "virtual":
        return f"{parts.scheme}://{options['bucket_name']}.{parts.netloc}"
    return f"{parts.scheme}://{parts.netloc}"
