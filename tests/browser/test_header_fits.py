"""The header, and the pages each role uses most, fit every screen from a 320 px phone to a
1920 px desktop, in Chinese and in English: nothing is wider than the window, lists marked to
stack on a phone do not scroll sideways there, and no table scrolls sideways on a desktop.

One signed-in browser context per role; each page is loaded once per language and measured at
every width (``set_viewport_size``), which keeps the whole sweep to one demo load.
"""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from lms.demo import DEFAULT_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (320, 390, 768, 1024, 1366, 1920)
LANGUAGES = ("zh-hans", "en")
ROLES = ("learner", "trainer", "assessor", "manager", "admin")  # demo usernames, one per role

# What is too wide: the document, or any element of the header (the bar, the menus, a name).
OVERFLOW = """() => {
  const width = window.innerWidth;
  const problems = [];
  if (document.documentElement.scrollWidth > width) {
    const wide = [...document.querySelectorAll("main *")].filter(
      (el) => el.getBoundingClientRect().right > width + 0.5
    ).slice(0, 3).map((el) => el.tagName.toLowerCase() + "." + el.className);
    problems.push(`page ${document.documentElement.scrollWidth}px ${wide.join(" ")}`);
  }
  for (const el of document.querySelectorAll(".site-header *")) {
    const box = el.getBoundingClientRect();
    if (box.width && (box.right > width + 0.5 || box.left < -0.5)) {
      problems.push(`header ${el.tagName.toLowerCase()}.${el.className} ${box.left}..${box.right}`);
    }
  }
  // A list meant to be read on a phone stacks its rows; on a desktop no table hides columns.
  const stacked = width <= 560 ? ".table-scroll:has(> table.stack-phone)" : null;
  const scrolled = width >= 1366 ? ".table-scroll" : stacked;
  for (const box of scrolled ? document.querySelectorAll(scrolled) : []) {
    if (box.scrollWidth > box.clientWidth + 1) {
      const name = (box.querySelector("table") || {dataset: {}}).dataset.testid;
      problems.push(`table ${name} scrolls ${box.scrollWidth}px in ${box.clientWidth}px`);
    }
  }
  return problems;
}"""


@pytest.fixture
def demo(db):
    call_command("load_demo_data", "--force", stdout=io.StringIO())


def _sign_in(browser, live_server, username):
    context = browser.new_context(viewport={"width": 1366, "height": 800}, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(DEFAULT_PASSWORD)
    page.get_by_test_id("login-submit").click()
    page.wait_for_load_state("domcontentloaded")
    return context, page


def _pages_of(page, live_server) -> list[str]:
    """The role's own menu (not the CMS, which is Wagtail's), its course and a lesson."""
    links = page.eval_on_selector_all(
        ".site-nav a", "links => links.map((link) => link.getAttribute('href'))"
    )
    paths = [link for link in links if not link.startswith("/cms/")]
    paths.append("/accounts/password/change/")
    page.goto(f"{live_server.url}/courses/")
    course = page.locator("main a[href*='/learn/']").first.get_attribute("href")
    page.goto(f"{live_server.url}{course}")
    lesson = page.locator("main a[href*='/learn/']").last.get_attribute("href")
    return [*paths, course, lesson]


def _in_language(path: str, language: str) -> str:
    """Course pages carry their language in the URL; the others take it from the cookie."""
    for code in LANGUAGES:
        if path.startswith(f"/{code}/"):
            return f"/{language}/" + path.removeprefix(f"/{code}/")
    return path


def test_no_page_of_any_role_is_wider_than_the_screen(demo, browser, live_server):
    problems = []
    for username in ROLES:
        context, page = _sign_in(browser, live_server, username)
        paths = _pages_of(page, live_server)
        for language in LANGUAGES:
            context.add_cookies(
                [{"name": "lms_language", "value": language, "url": live_server.url}]
            )
            for path in paths:
                url = _in_language(path, language)
                response = page.goto(f"{live_server.url}{url}")
                assert response.ok, f"{username} {url}: {response.status}"
                assert page.locator("html").get_attribute("lang") == language, url
                for width in WIDTHS:
                    page.set_viewport_size({"width": width, "height": 800})
                    page.wait_for_function(f"window.innerWidth === {width}")
                    page.evaluate("() => new Promise(requestAnimationFrame)")
                    for problem in page.evaluate(OVERFLOW):
                        problems.append(f"{username} {language} {width}px {url}: {problem}")
        context.close()
    assert problems == [], "\n".join(problems)


def test_on_a_phone_the_menu_and_the_user_menu_open_and_close(demo, browser, live_server):
    context, page = _sign_in(browser, live_server, "admin")
    page.set_viewport_size({"width": 390, "height": 800})
    page.reload()
    courses = page.locator(".site-nav a[href='/courses/']")
    expect(courses).to_be_hidden()
    page.get_by_test_id("menu-button").click()
    expect(courses).to_be_visible()

    log_out = page.get_by_test_id("logout")
    expect(log_out).to_be_hidden()
    page.get_by_test_id("user-menu").click()
    expect(log_out).to_be_visible()
    expect(page.locator(".user-menu-panel")).to_contain_text("系统管理员")
    page.keyboard.press("Escape")
    expect(log_out).to_be_hidden()

    # On a desktop the navigation is a bar, and the name sits in one line on the user's button.
    page.set_viewport_size({"width": 1366, "height": 800})
    expect(courses).to_be_visible()
    expect(page.get_by_test_id("menu-button")).to_be_hidden()
    name = page.locator(".user-menu-button .user-name")
    assert name.bounding_box()["height"] < 2 * 16 * 1.6
    page.get_by_test_id("user-menu").click()
    log_out.click()
    expect(page).to_have_url(f"{live_server.url}/accounts/login/")
    context.close()
