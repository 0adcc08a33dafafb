"""The validator on a copy of the shipped rules, broken one thing at a time.

Broken entries are appended to the copied files (rather than edited in place) so the expected
file, line and column follow from the appended text alone, whatever the shipped rules hold.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rules_helpers import append

from chessboard.rules import expressions as ex
from chessboard.rules.diagnostics import Diagnostic
from chessboard.rules.loader import RulesError, load_rules
from chessboard.rules.yamlio import load_yaml_file


def at(start: int, text: str, marker: str, nth: int = 1) -> tuple[int, int]:
    """Line and column (1-based) of the ``nth`` ``marker`` in ``text`` appended at ``start``."""
    index = -1
    for _ in range(nth):
        index = text.index(marker, index + 1)
    line = start + text.count("\n", 0, index)
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def count(root: Path, rel: str, key: str) -> int:
    """How many entries a top-level list has before anything is appended."""
    return len(load_yaml_file(root / rel).data[key])


def problems(root: Path) -> list[Diagnostic]:
    with pytest.raises(RulesError) as info:
        load_rules(root)
    return info.value.diagnostics


def probe_action(effects: str, *, ident: str = "probe", source: str = "") -> str:
    return (f"  - id: {ident}\n"
            "    name: Probe\n"
            "    text: A test probe.\n"
            "    factions: [russia]\n"
            "    target: country_sphere\n"
            "    cost: {base: 1}\n"
            "    effects:\n"
            f"{effects}"
            f"{source}")


def test_the_shipped_rules_and_the_fixture_rules_load(rules_copy: Path, tiny_rules: Path) -> None:
    assert load_rules(rules_copy).name
    assert {c.id for c in load_rules(tiny_rules).countries.countries} == {
        "kazakhstan", "kyrgyzstan", "tajikistan"}


def test_misspelt_effect_kind_lists_the_kinds_and_hints_the_nearest(rules_copy: Path) -> None:
    index = count(rules_copy, "actions.yaml", "actions")
    text = probe_action("      - influense: {amount: 1}\n")
    start = append(rules_copy, "actions.yaml", text)
    line, column = at(start, text, "influense")
    assert problems(rules_copy) == [Diagnostic(
        "rules/actions.yaml", line, column, ("actions", index, "effects", 0, "influense"),
        f"'influense' is not one of: {', '.join(ex.EFFECT_KINDS)}",
        "did you mean 'influence'?")]


def test_misspelt_country_id_in_an_effect(rules_copy: Path) -> None:
    index = count(rules_copy, "scenarios.yaml", "scenarios")
    text = ("  - id: probe\n"
            "    name: Probe\n"
            "    description: A test probe.\n"
            "    seats: [russia, china]\n"
            "    setup:\n"
            "      - stance: {power: eu, country: kyrgyzstan, amount: 1}\n"
            "      - influence: {power: china, country: kazakstan, sphere: economic, amount: 1}\n")
    start = append(rules_copy, "scenarios.yaml", text)
    line, column = at(start, text, "kazakstan")
    assert problems(rules_copy) == [Diagnostic(
        "rules/scenarios.yaml", line, column,
        ("scenarios", index, "setup", 1, "influence", "country"),
        "unknown country 'kazakstan'", "did you mean 'kazakhstan'?")]


def test_source_section_missing_from_sources(rules_copy: Path) -> None:
    index = count(rules_copy, "actions.yaml", "actions")
    text = probe_action("      - influence: {amount: 1}\n",
                        source="    source: {section: conclusions, quote: \"a long quote\"}\n")
    start = append(rules_copy, "actions.yaml", text)
    line, column = at(start, text, "conclusions")
    assert problems(rules_copy) == [Diagnostic(
        "rules/actions.yaml", line, column, ("actions", index, "source", "section"),
        "unknown source section 'conclusions'", "did you mean 'conclusion'?")]


def test_out_of_range_number(rules_copy: Path) -> None:
    index = count(rules_copy, "scenarios.yaml", "scenarios")
    text = ("  - id: probe\n"
            "    name: Probe\n"
            "    description: A test probe.\n"
            "    rounds: 30\n"
            "    seats: [russia, china]\n")
    start = append(rules_copy, "scenarios.yaml", text)
    line, column = at(start, text, "30")
    assert problems(rules_copy) == [Diagnostic(
        "rules/scenarios.yaml", line, column, ("scenarios", index, "rounds"),
        "must be at most 20 (got 30)")]


def test_out_of_range_effect_amount(rules_copy: Path) -> None:
    index = count(rules_copy, "actions.yaml", "actions")
    text = probe_action("      - influence: {amount: 25}\n")
    start = append(rules_copy, "actions.yaml", text)
    line, column = at(start, text, "25")
    [problem] = problems(rules_copy)
    assert (problem.file, problem.line, problem.column) == ("rules/actions.yaml", line, column)
    assert problem.path == ("actions", index, "effects", 0, "influence", "amount")
    assert problem.message.startswith("does not match any of the allowed forms (got 25)")
    assert problem.hint is not None and "must be at most 20" in problem.hint


def test_duplicate_id_names_the_first_line(rules_copy: Path) -> None:
    index = count(rules_copy, "actions.yaml", "actions")
    text = (probe_action("      - influence: {amount: 1}\n", ident="probe_twice")
            + probe_action("      - influence: {amount: 2}\n", ident="probe_twice"))
    start = append(rules_copy, "actions.yaml", text)
    first, _ = at(start, text, "probe_twice")
    line, column = at(start, text, "probe_twice", nth=2)
    assert problems(rules_copy) == [Diagnostic(
        "rules/actions.yaml", line, column, ("actions", index + 1, "id"),
        "duplicate action id 'probe_twice'", f"first defined at line {first}")]


def test_duplicate_deck_id_in_two_files_is_reported(rules_copy: Path) -> None:
    """Two files declaring one deck used to lose the first file's cards without a word."""
    first = load_yaml_file(rules_copy / "cards" / "russia.yaml")
    (rules_copy / "cards" / "russia_extra.yaml").write_text(
        "deck: russia\n"
        "cards:\n"
        "  - id: probe_card\n"
        "    name: Probe\n"
        "    text: A test probe.\n"
        "    cost: 1\n"
        "    sphere: political\n"
        "    effects:\n"
        "      - vp: {amount: 1}\n"
        "    source: {section: conclusion, quote: \"a long quote\"}\n", encoding="utf-8")
    assert first.data["deck"] == "russia"
    assert problems(rules_copy) == [Diagnostic(
        "rules/cards/russia_extra.yaml", 1, 7, ("deck",), "duplicate deck id 'russia'",
        f"first defined in rules/cards/russia.yaml at line {first.position(('deck',))[0]}")]


def test_all_countries_only_where_the_engine_can_repeat(rules_copy: Path) -> None:
    """``country: all`` passed the validator in a join and crashed the engine when played."""
    index = count(rules_copy, "actions.yaml", "actions")
    text = probe_action("      - join: {org: csto, country: all}\n"
                        "      - opinion: {power: self, country: all, amount: 1}\n")
    start = append(rules_copy, "actions.yaml", text)
    line, column = at(start, text, "all}")
    assert problems(rules_copy) == [Diagnostic(
        "rules/actions.yaml", line, column, ("actions", index, "effects", 0, "join", "country"),
        "'all' cannot be used here", "name one country, or use each_country")]


def test_flag_condition_needs_a_flag_someone_sets(rules_copy: Path) -> None:
    index = count(rules_copy, "actions.yaml", "actions")
    text = probe_action("      - if:\n"
                        "          when: {flag: never_set_anywhere}\n"
                        "          then: [{log: x}]\n")
    start = append(rules_copy, "actions.yaml", text)
    line, column = at(start, text, "never_set_anywhere")
    [problem] = problems(rules_copy)
    assert (problem.file, problem.line, problem.column) == ("rules/actions.yaml", line, column)
    assert problem.path == ("actions", index, "effects", 0, "if", "when", "flag")
    assert problem.message == "flag 'never_set_anywhere' is never set by any effect or scenario"


def test_several_errors_in_different_files_in_one_pass(rules_copy: Path) -> None:
    actions_text = probe_action("      - influense: {amount: 1}\n")
    actions_at = at(append(rules_copy, "actions.yaml", actions_text), actions_text, "influense")
    scenario_text = ("  - id: probe\n"
                     "    name: Probe\n"
                     "    description: A test probe.\n"
                     "    seats: [russia, chnia]\n")
    scenarios_at = at(append(rules_copy, "scenarios.yaml", scenario_text), scenario_text, "chnia")
    org_text = ("  - id: probe\n"
                "    name: Probe\n"
                "    short: PRB\n"
                "    cost_modifiers:\n"
                "      - {add: 9, reason: too much}\n"
                "    source: {section: conclusion, quote: \"a long quote\"}\n")
    orgs_at = at(append(rules_copy, "organisations.yaml", org_text), org_text, "9")
    phases_text = "probe: !!python/object/apply:os.system [\"true\"]\n"
    phases_at = at(append(rules_copy, "phases.yaml", phases_text), phases_text, "!!python")
    found = problems(rules_copy)
    assert [(d.file, d.line, d.column) for d in found] == [
        ("rules/actions.yaml", *actions_at),
        ("rules/organisations.yaml", *orgs_at),
        ("rules/phases.yaml", *phases_at),
        ("rules/scenarios.yaml", *scenarios_at),
    ]
    assert [d.message for d in found] == [
        f"'influense' is not one of: {', '.join(ex.EFFECT_KINDS)}",
        "must be at most 5 (got 9)",
        "tag '!!python/object/apply:os.system' is not allowed",
        "unknown faction 'chnia'",
    ]
    assert found[-1].hint == "did you mean 'china'?"


def test_a_missing_file_is_reported_with_the_rest(rules_copy: Path) -> None:
    (rules_copy / "organisations.yaml").unlink()
    text = probe_action("      - influense: {amount: 1}\n")
    append(rules_copy, "actions.yaml", text)
    found = problems(rules_copy)
    assert ("rules/organisations.yaml", 1, 1, "required rules file is missing") in [
        (d.file, d.line, d.column, d.message) for d in found]
    assert any(d.file == "rules/actions.yaml" and "influense" in d.message for d in found)


def test_a_misspelt_except_entry_names_the_faction(rules_copy: Path) -> None:
    actions = rules_copy / "actions.yaml"
    text = actions.read_text()
    assert "factions: [powers, except eu]" in text
    actions.write_text(text.replace("factions: [powers, except eu]",
                                    "factions: [powers, except chnia]", 1))
    found = problems(rules_copy)
    assert [(d.message, d.hint) for d in found] == [("unknown faction 'chnia'",
                                                     "did you mean 'china'?")]
