"""What a restore must bring back, read the same way from the site that was backed up (in the
test's process) and from the site it was restored into (``python -m tests.lms.backup_facts``
in a process whose DATABASE_URL, MEDIA_ROOT and PRIVATE_MEDIA_ROOT name the target, printing
JSON).

- each certificate's answer on the public verification page (``/verify/<code>.json``);
- the sha256 of every stored file, PDFs included, read through the Storage API;
- each certificate's recorded PDF sha256, and each finalised scorecard's hash and whether it
  still matches its snapshot;
- the accounts, by username.
"""

import hashlib
import json
import os
import posixpath

import django


def stored_files() -> dict[str, str]:
    """Every stored file's sha256, by its own walk of the storages: the drill compares sites
    with code that is not the backup's (``lms.backup.files.stored_names``) it checks."""
    from django.core.files.storage import storages

    found = {}
    for alias in ("default", "private"):
        storage, folders = storages[alias], [""]
        while folders:
            folder = folders.pop()
            try:
                subfolders, names = storage.listdir(folder)
            except FileNotFoundError:
                continue
            for name in names:
                path = posixpath.join(folder, name) if folder else name
                with storage.open(path, "rb") as stream:
                    found[f"{alias}:{path}"] = hashlib.sha256(stream.read()).hexdigest()
            folders += [posixpath.join(folder, sub) if folder else sub for sub in subfolders]
    return found


def site_facts() -> dict:
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import reverse

    from assessment.models import Scorecard
    from certificates.models import Certificate

    client = Client()
    verified = {}
    with override_settings(CERTIFICATE_VERIFY_LIMIT=1_000_000):
        for certificate in Certificate.objects.order_by("serial"):
            response = client.get(reverse("certificates:verify_json", args=[certificate.code]))
            verified[certificate.serial] = [response.status_code, response.json()]
    return {
        "users": sorted(get_user_model().objects.values_list("username", flat=True)),
        "verified": verified,
        "certificate_pdfs": {
            serial: [name, sha256]
            for serial, name, sha256 in Certificate.objects.values_list(
                "serial", "pdf", "pdf_sha256"
            )
        },
        "scorecards": {
            str(card.pk): [card.sha256, card.hash_is_intact()] for card in Scorecard.objects.all()
        },
        "files": stored_files(),
    }


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
    django.setup()
    print(json.dumps(site_facts(), ensure_ascii=False))
