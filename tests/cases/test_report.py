from cases.report import (
    SECTIONS,
    ReportContent,
    fishbone_for_display,
    missing_sections,
)
from tests.cases.factories import complete_report


def keys(content):
    return [section.key for section in missing_sections(content)]


def test_a_complete_report_misses_nothing():
    assert keys(complete_report()) == []


def test_an_empty_report_misses_every_section_in_report_order():
    assert keys(ReportContent()) == [section.key for section in SECTIONS]


def test_whitespace_does_not_fill_a_section():
    assert keys(complete_report(root_cause="   \n")) == ["root_cause"]


def test_fishbone_needs_a_named_category_with_a_cause():
    empty_causes = {"effect": "x", "categories": [{"name": "设备", "causes": []}]}
    assert "fishbone" in keys(complete_report(fishbone=empty_causes))
    unnamed = {"effect": "x", "categories": [{"name": "", "causes": ["a"]}]}
    assert "fishbone" in keys(complete_report(fishbone=unnamed))


def test_solutions_need_two_complete_options_and_a_chosen_one():
    one = [{"option": "a", "cost": "1", "time": "1", "effect": "1", "chosen": True}]
    assert "solutions" in keys(complete_report(solutions=one))
    none_chosen = [
        {"option": "a", "cost": "1", "time": "1", "effect": "1", "chosen": False},
        {"option": "b", "cost": "1", "time": "1", "effect": "1", "chosen": False},
    ]
    assert "solutions" in keys(complete_report(solutions=none_chosen))
    missing_cost = [
        {"option": "a", "cost": "", "time": "1", "effect": "1", "chosen": True},
        {"option": "b", "cost": "1", "time": "1", "effect": "1", "chosen": False},
    ]
    assert "solutions" in keys(complete_report(solutions=missing_cost))


def test_every_plan_step_needs_an_owner_and_a_valid_date():
    bad_date = [{"step": "a", "owner": "me", "date": "next week", "resources": ""}]
    assert "implementation_plan" in keys(complete_report(implementation_plan=bad_date))
    no_owner = [
        {"step": "a", "owner": "me", "date": "2026-07-01", "resources": ""},
        {"step": "b", "owner": "", "date": "2026-07-02", "resources": ""},
    ]
    assert "implementation_plan" in keys(complete_report(implementation_plan=no_owner))


def test_fishbone_for_display_falls_back_to_the_problem_statement():
    content = ReportContent(problem_statement="报警停机", fishbone={})
    shown = fishbone_for_display(content, fallback_effect="问题")
    assert shown == {"effect": "报警停机", "categories": []}
    assert fishbone_for_display(ReportContent(), fallback_effect="问题")["effect"] == "问题"
