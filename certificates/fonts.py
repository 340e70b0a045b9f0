"""The certificate's typeface: Noto Serif CJK SC, cut down to the characters certificates use.

WeasyPrint subsets every face a page uses, and the cost grows with the face: Debian's Noto
Serif CJK SC is a 26 MB collection of 65,535 glyphs (Simplified and Traditional Chinese,
Japanese, Korean), and a certificate set in it renders about 2.3 times slower than the same page
in a Latin font. The *common cut* built here keeps what Chinese and English certificates print:

- GB 2312 in full (its 6,763 hanzi, punctuation and symbols), which covers everyday Simplified
  Chinese text;
- Latin with its accented letters (U+0020–U+024F), general punctuation, CJK symbols and
  punctuation, and the fullwidth forms;
- the layout features horizontal text uses, and none of the vertical, Japanese, Korean or
  Traditional alternates.

It renders a certificate about as fast as a Latin font does. The cut is built once per machine
from the installed fonts (``python manage.py build_certificate_fonts``; ``make`` and the
deployment steps run it) into ``settings.CERTIFICATE_FONTS_DIR``; it is not shipped in the
repository. A character outside the cut (a rare character in a name) is set in the full font:
the page lists the full family after the cut, Pango falls back to it for that character, and
the design is the same. Without the cut, certificates use the full font (system check
``certificates.W003``). Decision: docs/decisions/0601-certificate-font-cut.md.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import subprocess
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

FAMILY = "Noto Serif CJK SC"
COMMON_FAMILY = "Noto Serif CJK SC Common"
MANIFEST = "manifest.json"
# Bump when the character set or the options change: existing cuts are then rebuilt.
RECIPE = 2
LAYOUT_FEATURES = ["ccmp", "liga", "kern", "mark", "mkmk", "palt", "halt"]
EXTRA_RANGES = (
    (0x0020, 0x024F),  # Basic Latin, Latin-1, Latin Extended-A and -B
    (0x2000, 0x206F),  # General Punctuation
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
)


@dataclass(frozen=True)
class Face:
    weight: int  # CSS weight
    fontconfig_weight: int  # fontconfig's scale: 80 regular, 200 bold
    style: str

    @property
    def filename(self) -> str:
        return f"NotoSerifCJKsc-Common-{self.style}.otf"


FACES = (Face(400, 80, "Regular"), Face(700, 200, "Bold"))


class FontSourceError(Exception):
    """The system font the cut is made from is not installed."""


def character_set() -> set[str]:
    """Every character the common cut holds."""
    chars = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes((high, low)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    for first, last in EXTRA_RANGES:
        chars.update(chr(code) for code in range(first, last + 1))
    return chars


def find_source(face: Face) -> tuple[Path, int]:
    """The installed file and collection index of ``face`` of Noto Serif CJK SC (fontconfig)."""
    pattern = f"{FAMILY}:weight={face.fontconfig_weight}"
    try:
        result = subprocess.run(  # noqa: S603
            ["fc-match", "--format", "%{file}|%{index}|%{family}|%{weight}", pattern],  # noqa: S607
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError) as error:
        raise FontSourceError(f"fontconfig's fc-match failed: {error}") from error
    path, index, families, weight = result.stdout.split("|")
    if FAMILY not in families.split(",") or int(weight) != face.fontconfig_weight:
        raise FontSourceError(
            f"{FAMILY} {face.style} is not installed (fontconfig offers {families} {weight}): "
            "install fonts-noto-cjk (scripts/system-packages.sh)."
        )
    return Path(path), int(index)


def _source_stamp(path: Path, index: int) -> dict:
    stat = path.stat()
    return {"source": str(path), "index": index, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def _cut(source: str, index: int, output: str) -> str:
    """Write the common cut of one face to ``output``; returns its sha256 (runs in a worker)."""
    # Deferred: fontTools is needed only to build the cut (a command, in worker processes),
    # never when a certificate is rendered.
    from fontTools import subset
    from fontTools.ttLib import TTFont

    logging.getLogger("fontTools").setLevel(logging.WARNING)  # not glyph by glyph
    # The source's bounding boxes and date: a page set in the cut rasterises exactly like the
    # same page in the full font, and building twice gives the same file.
    font = TTFont(source, fontNumber=index, recalcBBoxes=False, recalcTimestamp=False)
    options = subset.Options()
    options.layout_features = LAYOUT_FEATURES
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(char) for char in character_set()))
    subsetter.subset(font)
    _rename(font)
    temporary = f"{output}.{os.getpid()}.tmp"
    font.save(temporary)
    os.replace(temporary, output)
    return hashlib.sha256(Path(output).read_bytes()).hexdigest()


def _rename(font) -> None:
    """Name the cut apart from the full font, so nobody takes one for the other."""
    style = font["name"].getDebugName(2) or "Regular"
    family = COMMON_FAMILY
    postscript = f"{family.replace(' ', '')}-{style}"
    for record in font["name"].names:
        if record.nameID in (1, 16):
            record.string = family
        elif record.nameID == 3:
            record.string = f"{postscript};common cut of {FAMILY}"
        elif record.nameID == 4:
            record.string = f"{family} {style}"
        elif record.nameID == 6:
            record.string = postscript
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [postscript]
        top = cff.topDictIndex[0]
        for key in ("FullName", "FamilyName"):
            if hasattr(top, key):
                setattr(top, key, family if key == "FamilyName" else f"{family} {style}")


def read_manifest(directory: Path) -> dict:
    try:
        manifest = json.loads((directory / MANIFEST).read_text())
    except (OSError, ValueError):
        return {}
    return manifest if isinstance(manifest, dict) else {}


def is_current(directory: Path, sources: dict[int, tuple[Path, int]]) -> bool:
    """Whether ``directory`` holds cuts of exactly these installed sources with this recipe."""
    manifest = read_manifest(directory)
    if manifest.get("recipe") != RECIPE:
        return False
    faces = manifest.get("faces", {})
    for face in FACES:
        entry = faces.get(str(face.weight), {})
        stamp = _source_stamp(*sources[face.weight])
        if any(entry.get(key) != value for key, value in stamp.items()):
            return False
        if not (directory / face.filename).is_file():
            return False
    return True


def build(directory: Path | None = None, *, force: bool = False) -> bool:
    """Cut both faces into ``directory`` unless they are current; True when it built them.

    The faces are cut in parallel (about 30 s of CPU each). Files are replaced atomically and
    the manifest is written last, so a reader sees either the old cut or the new one.
    """
    directory = Path(directory or settings.CERTIFICATE_FONTS_DIR)
    sources = {face.weight: find_source(face) for face in FACES}
    if not force and is_current(directory, sources):
        return False
    directory.mkdir(parents=True, exist_ok=True)
    with ProcessPoolExecutor(max_workers=len(FACES)) as pool:
        hashes = list(
            pool.map(
                _cut,
                [str(sources[face.weight][0]) for face in FACES],
                [sources[face.weight][1] for face in FACES],
                [str(directory / face.filename) for face in FACES],
            )
        )
    manifest = {
        "recipe": RECIPE,
        "family": COMMON_FAMILY,
        "faces": {
            str(face.weight): {
                **_source_stamp(*sources[face.weight]),
                "file": face.filename,
                "sha256": sha256,
            }
            for face, sha256 in zip(FACES, hashes, strict=True)
        },
    }
    temporary = directory / f"{MANIFEST}.{os.getpid()}.tmp"
    temporary.write_text(json.dumps(manifest, indent=2))
    os.replace(temporary, directory / MANIFEST)
    return True


def available_faces(directory: Path | None = None) -> list[tuple[Face, Path]]:
    """The cut's faces ready to use: both listed in the manifest and present, or none.

    Reads no system font: rendering never waits on fontconfig's command line.
    """
    directory = Path(directory or settings.CERTIFICATE_FONTS_DIR)
    manifest = read_manifest(directory)
    if manifest.get("recipe") != RECIPE:
        return []
    listed = manifest.get("faces", {})
    faces = [(face, directory / face.filename) for face in FACES]
    if all(str(face.weight) in listed and path.is_file() for face, path in faces):
        return faces
    return []


def font_face_rules(directory: Path | None = None) -> str:
    """``@font-face`` rules for the cut (empty without it) and the page's font family."""
    faces = available_faces(directory)
    rules = [
        f'@font-face {{ font-family: "{COMMON_FAMILY}"; src: url("{path.as_uri()}"); '
        f"font-weight: {face.weight}; font-style: normal; }}"
        for face, path in faces
    ]
    families = [f'"{COMMON_FAMILY}"'] if faces else []
    families += [f'"{FAMILY}"', "serif"]
    rules.append(f"html {{ font-family: {', '.join(families)}; }}")
    return "\n".join(rules)
