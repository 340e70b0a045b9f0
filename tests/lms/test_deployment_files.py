"""The deployment guide shows the unit files of deploy/systemd/ as they are."""

import re
from pathlib import Path

from django.conf import settings

DEPLOY = Path(settings.BASE_DIR) / "deploy" / "systemd"
GUIDE = Path(settings.BASE_DIR) / "docs" / "deployment.md"


def test_the_guide_shows_every_unit_file_as_it_is():
    blocks = re.findall(r"```ini\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)
    units = sorted(DEPLOY.iterdir())
    assert [unit.name for unit in units] == [
        "academy-resume.service",
        "academy-resume.timer",
        "academy-web.service",
        "academy-worker@.service",
    ]
    for unit in units:
        assert unit.read_text(encoding="utf-8") in blocks, f"{unit.name} differs from the guide"
