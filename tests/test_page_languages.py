"""One language per page: every page of every role, walked in English and in Chinese.

On the demo data, each role (and an anonymous verifier) starts at its dashboard and follows the
site's own links (same origin, GET only), breadth first. An English page may show Chinese only
inside user data, which the templates mark with ``translate="no"`` (people's names, regions,
cohort names, what people typed); a Chinese page may show no English UI text outside user data,
except the few Latin words in ALLOWED_LATIN. A failure names the page and the text.

The demo is loaded once for the module, inside a transaction rolled back at the end.
"""

from __future__ import annotations

import io
import re
from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from certificates.models import Certificate

ROLES = (
    "learner",
    "trainer",
    "trainer2",
    "assessor",
    "manager",
    "admin",
)  # demo usernames, one per role
LANGUAGES = ("en", "zh-hans")
MAX_PAGES = 200  # per role and language
MAX_PER_SHAPE = 3  # pages per URL shape (ids replaced): one template, a few records

# Not pages: the CMS (Wagtail's own), signing out, switching language, files and exports.
SKIPPED = re.compile(
    r"^/(cms|documents|static|media|i18n|api)/|^/accounts/logout/|^/healthz"
    r"|/(export|download)|\.(pdf|xlsx|csv|json|zip|png|jpe?g|svg|txt|gift)$"
    r"|^/case-attachments/"
)
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]+")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’_-]*[A-Za-z]")
EMAIL_OR_URL = re.compile(r"\S+@\S+|https?://\S+|\b[\w.-]+\.(?:com|cn|org|example)\S*")
# A code, serial or version written with digits: E1001, ASE-L1, SA-2026-000123, v2, 2026-Q3.
CODE = re.compile(r"\b[A-Za-z]*\d[\w-]*\b")
# Latin that is right on a Chinese page besides abbreviations in capitals (PDF, CSV, XLSX, GIFT,
# QR, API, CMS, ID, MB), which Chinese users read as they are: product names.
ALLOWED_LATIN = {"Excel", "Wagtail", "Kappa", "kappa"}
# Inside a Chinese sentence a single Latin term is the translator's choice ("5 Whys",
# "加权 Kappa", "WebP"); three English words in a row are an untranslated phrase.
ENGLISH_PHRASE = re.compile(r"[A-Za-z][\w'’-]*(?:[ ,]+[A-Za-z][\w'’-]*){2,}")

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
VOID |= {"track", "wbr", "param"}
# Not shown, or (<title>) shown in the tab only: a page's title repeats its heading, which is
# checked, and a <title> cannot mark the name or cohort in it as user data.
HIDDEN = {"script", "style", "template", "noscript", "title"}
SHOWN_ATTRIBUTES = ("title", "alt", "placeholder", "aria-label")


class VisibleText(HTMLParser):
    """The text a reader sees or hears, outside ``translate="no"``; and the page's links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, text of this element is shown)
        self.texts: list[str] = []
        self.links: list[str] = []

    @property
    def shown(self) -> bool:
        return not self.stack or self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        shown = self.shown and tag not in HIDDEN and attrs.get("translate") != "no"
        if shown:
            self.texts.extend(attrs[name] for name in SHOWN_ATTRIBUTES if attrs.get(name))
            if tag == "input" and attrs.get("type") in {"submit", "button", "reset"}:
                self.texts.append(attrs.get("value") or "")
        if tag not in VOID:
            self.stack.append((tag, shown))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        # Close up to the matching tag (browsers forgive unclosed <p>, <li>, <option>).
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        if self.shown and data.strip():
            self.texts.append(data)


def parse(html: str) -> VisibleText:
    parser = VisibleText()
    parser.feed(html)
    parser.close()
    return parser


def chinese_in(text: str) -> list[str]:
    return CJK.findall(text)


def english_in(text: str) -> list[str]:
    """Untranslated English: Latin words in a text without Chinese, or a phrase in one with."""
    text = CODE.sub(" ", EMAIL_OR_URL.sub(" ", text))
    if CJK.search(text):
        return ENGLISH_PHRASE.findall(text)
    return [
        word
        for word in LATIN_WORD.findall(text)
        if len(word) >= 3 and word not in ALLOWED_LATIN and not word.isupper()
    ]


def shape(path: str) -> str:
    """A URL with its ids and slugs' numbers blurred: pages of one template share a shape."""
    parts = urlsplit(path)
    query = "&".join(sorted(item.split("=")[0] for item in parts.query.split("&") if item))
    return re.sub(r"/[^/]*\d[^/]*", "/#", parts.path) + "?" + query


def crawl(client: Client, starts: list[str], language: str) -> dict[str, str]:
    """Follow the site's links from ``starts``: {path: html} of every HTML page reached (an
    error page too: a reader sees it), links followed from the pages that answer 200."""
    other = [code for code in LANGUAGES if code != language]
    queue, seen, pages, shapes = deque(starts), set(starts), {}, Counter()
    while queue and len(pages) < MAX_PAGES:
        path = queue.popleft()
        response = client.get(path)
        if response.status_code in (301, 302, 303, 307, 308):
            links = [response["Location"]]
        elif "html" in response.get("Content-Type", ""):
            pages[path] = response.content.decode()
            links = parse(pages[path]).links if response.status_code == 200 else []
        else:
            continue
        for target in _new_targets(path, links, other, seen):
            if shapes[shape(target)] < MAX_PER_SHAPE:
                seen.add(target)
                shapes[shape(target)] += 1
                queue.append(target)
    return pages


def _new_targets(path: str, links: list[str], other_languages: list[str], seen: set[str]):
    """The links of ``path`` to pages of this site in this language not visited yet."""
    for link in links:
        parts = urlsplit(urljoin(path, link.split("#")[0]))
        if parts.netloc and parts.netloc != "testserver":
            continue
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        if (
            target not in seen
            and target.startswith("/")
            and not SKIPPED.search(parts.path)
            and not any(parts.path.startswith(f"/{code}/") for code in other_languages)
        ):
            yield target


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo data, loaded once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_data", "--force", stdout=io.StringIO())
        codes = list(Certificate.objects.values_list("code", flat=True))
        yield codes
        transaction.set_rollback(True)


def client_in(language: str, username: str | None = None) -> Client:
    client = Client()
    client.cookies["lms_language"] = language
    if username:
        client.force_login(get_user_model().objects.get(username=username))
    return client


@pytest.fixture(scope="module")
def pages_in(demo):
    """``pages_in(language)``: [(who, path, html)] of every page each role reaches, and of the
    public verification pages; walked once per language for the module."""
    walks: dict[str, list[tuple[str, str, str]]] = {}

    def walk(language: str) -> list[tuple[str, str, str]]:
        if language not in walks:
            walks[language] = []
            for username in ROLES:
                client = client_in(language, username)
                starts = ["/", "/courses/", f"/{language}/learn/", "/accounts/password/change/"]
                for path, html in crawl(client, starts, language).items():
                    walks[language].append((username, path, html))
            public = ["/verify/", "/verify/NO-SUCH-CODE/", "/accounts/login/"]
            public += [f"/verify/{code}/" for code in demo[:3]]
            for path, html in crawl(client_in(language), public, language).items():
                walks[language].append(("anonymous", path, html))
        return walks[language]

    return walk


def problems(pages, finder) -> list[str]:
    """Each offending text once: the first page that shows it (who and where), the text, what
    is wrong in it, and on how many more pages."""
    pages_of: dict[str, list[str]] = {}
    for who, path, html in pages:
        for text in dict.fromkeys(" ".join(text.split()) for text in parse(html).texts):
            if finder(text):
                pages_of.setdefault(text, []).append(f"{who} {path}")
    return [
        f"{pages[0]}: {text[:120]!r} → {' '.join(dict.fromkeys(finder(text)))}"
        + (f" (and {len(pages) - 1} more pages)" if len(pages) > 1 else "")
        for text, pages in sorted(pages_of.items(), key=lambda item: item[1][0])
    ]


@pytest.mark.django_db
def test_english_pages_show_chinese_only_in_user_data(pages_in):
    found = problems(pages_in("en"), chinese_in)
    assert found == [], f"{len(found)} Chinese texts on English pages:\n" + "\n".join(found)


@pytest.mark.django_db
def test_chinese_pages_show_no_untranslated_english(pages_in):
    found = problems(pages_in("zh-hans"), english_in)
    assert found == [], f"{len(found)} English texts on Chinese pages:\n" + "\n".join(found)


@pytest.mark.django_db
def test_the_walk_reaches_the_pages_of_every_role(pages_in):
    """The walk is not vacuous: it reaches the detail pages the two tests above must check."""
    pages = pages_in("en")
    paths = {path for _who, path, _html in pages}
    for expected in (
        "/quizzes/",
        "/result/",  # an attempt's result
        "/cases/case-",
        "/scorecards/",
        "/feedback/",
        "/assessment/scorecards/",  # the cohort table
        "/cohorts/",
        "/assessment/metrics/",
        "/certificates/",
        "/verify/",
        "/team/",  # a manager's team list and people
        "/en/learn/",
        "/grading/cases/",
        "/exams/marking/",
    ):
        assert any(expected in path for path in paths), expected
    assert {who for who, _path, _html in pages} == {*ROLES, "anonymous"}
    assert len(pages) > 100
