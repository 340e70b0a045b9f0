"""The layout rules of docs/layout.md, checked on the source: one app per domain, apps talk
through ``api.py``, imports run one way, and no module or function grows past its budget."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Who may import whom (besides ``lms``, the shared ground floor every app may use).
LAYERS = {
    "lms": set(),
    "courses": set(),
    "exams": set(),
    "cases": set(),
    "assessment": {"courses", "exams", "cases"},
    "certificates": {"assessment"},
    # People and organisation: the HR roster and the unit tree, on top of lms only.
    "people": set(),
    # Notifications: the inbox, email and group robots, at the bottom (decision 0800).
    "notifications": set(),
    # Assignments: work given to cohorts, units and people, at the top (decision 0801).
    "assignments": {"courses", "exams", "cases", "assessment", "certificates", "people"},
    # The audit trail: at the bottom, every app records its decisions through it (decision 1000).
    "audit": set(),
    # Appeals: a learner contests a result, at the top next to assignments (decision 1001);
    # privacy asks it through hooks it registers (privacy/api.py), never the other way.
    "appeals": {"exams", "cases", "assessment", "certificates", "people", "privacy"},
}
# Personal data: at the very top, it reads every app through its api.py (decision 1002).
LAYERS["privacy"] = {
    *("courses", "exams", "cases", "assessment", "certificates", "people"),
    *("assignments", "notifications", "audit"),
}
# Every app may tell people things through notifications/api.py.
for _app in (
    "courses",
    "exams",
    "cases",
    "assessment",
    "certificates",
    "people",
    "assignments",
    "appeals",
):
    LAYERS[_app] |= {"notifications", "audit"}
# ``courses`` links knowledge checks to quizzes; the link is looked up lazily (see
# courses/blocks.py), so that the course tree never needs the quiz engine to be installed.
LAYERS["courses"] |= {"exams"}

MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60


def modules():
    for app in LAYERS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            yield app, path


def imported_modules(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module, [alias.name for alias in node.names]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, []


def is_demo(path: Path) -> bool:
    return path.stem == "demo" or path.stem.endswith("_demo") or path.stem.startswith("demo_")


def test_apps_talk_to_each_other_only_through_their_api_and_one_way():
    problems = []
    for app, path in modules():
        tree = ast.parse(path.read_text(), filename=str(path))
        for line, module, names in imported_modules(tree):
            other = module.split(".")[0]
            if other not in LAYERS or other in (app, "lms"):
                continue
            where = f"{path.relative_to(ROOT)}:{line}"
            if other not in LAYERS[app]:
                problems.append(f"{where}: {app} may not import {other} ({module})")
            elif module != f"{other}.api" and not (module == other and names == ["api"]):
                problems.append(f"{where}: {module} is not {other}'s api.py")
    assert problems == []


def test_no_module_outside_demo_data_is_over_500_lines():
    long = [
        f"{path.relative_to(ROOT)}: {count} lines"
        for _app, path in modules()
        if not is_demo(path) and (count := len(path.read_text().splitlines())) > MAX_MODULE_LINES
    ]
    assert long == []


def test_no_function_outside_demo_data_is_over_60_lines():
    long = []
    for _app, path in modules():
        if is_demo(path):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}: {length}")
    assert long == []


@pytest.mark.parametrize("app", [app for app in LAYERS if app != "lms"])
def test_every_domain_app_has_its_config_and_hooks_and_an_api_when_others_use_it(app):
    used_by_others = any(app in allowed for allowed in LAYERS.values())
    for name in ("apps.py", "wagtail_hooks.py", *(["api.py"] if used_by_others else [])):
        assert (ROOT / app / name).exists(), f"{app}/{name}"
