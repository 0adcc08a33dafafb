"""Rules that used to validate and then crash (or silently misplay) in the engine, and rules
files that must not be read at all: ``validate`` refuses each with a file:line message."""

from __future__ import annotations

import os
import tracemalloc
from pathlib import Path

import pytest
from rules_helpers import append

from chessboard.engine.game import Engine
from chessboard.rules.diagnostics import Diagnostic
from chessboard.rules.loader import RulesError, load_rules
from chessboard.rules.yamlio import load_yaml_file


def problems(root: Path) -> list[Diagnostic]:
    with pytest.raises(RulesError) as info:
        load_rules(root)
    return info.value.diagnostics


def line_of(path: Path, marker: str) -> int:
    text = path.read_text(encoding="utf-8")
    return text.count("\n", 0, text.index(marker)) + 1


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


ROUNDS = "round_structure: [news, income, draw, actions, reactions, auto_government, scoring]"


@pytest.mark.parametrize(("structure", "message"), [
    ("[news, income, draw, reactions, scoring]", "the round has no `actions` step"),
    ("[news, income, actions, draw, actions, scoring]", "`actions` is listed twice"),
])
def test_round_structure_needs_exactly_one_actions_step(tiny_rules: Path, structure: str,
                                                        message: str) -> None:
    game = tiny_rules / "game.yaml"
    replace(game, ROUNDS, f"round_structure: {structure}")
    [problem] = problems(tiny_rules)
    assert problem.file.endswith("game.yaml") and message in problem.message
    assert problem.line == line_of(game, "round_structure:")


def test_danger_beyond_the_track_is_refused(tiny_rules: Path) -> None:
    game = tiny_rules / "game.yaml"
    replace(game, "danger: 8", "danger: 12")
    [problem] = problems(tiny_rules)
    assert problem.line == line_of(game, "danger: 12")
    assert problem.path[-1] == "danger" and "outside 0..10" in problem.message


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf"])
def test_bot_weights_must_be_finite(tiny_rules: Path, value: str) -> None:
    game = tiny_rules / "game.yaml"
    replace(game, "bot_weights: {military: 3,", f"bot_weights: {{military: {value},")
    [problem] = problems(tiny_rules)
    assert problem.line == line_of(game, f"military: {value}")
    assert problem.path[-2:] == ("bot_weights", "military")
    assert "finite" in problem.message


def _card(target: str, effects: str) -> str:
    return ("  - id: probe_card\n"
            "    name: Probe\n"
            "    text: A test probe.\n"
            "    cost: 1\n"
            "    sphere: political\n"
            f"    target: {target}\n"
            "    effects:\n"
            f"{effects}"
            "    source: {section: conclusion, quote: \"a long quote\"}\n")


@pytest.mark.parametrize(("target", "effects", "field", "needs"), [
    # the card: no target, and the influence effect's country and sphere default to it
    ("none", "      - influence: {amount: 1}\n", "country", "country"),
    ("country", "      - influence: {amount: 1}\n", "sphere", "sphere"),
    ("none", "      - opinion: {power: china, amount: 1}\n", "country", "country"),
    ("country_sphere", "      - influence: {power: target, amount: 1}\n", "power", "power"),
    ("none", "      - if:\n          when: {target: {countries: [kazakhstan]}}\n"
             "          then: [{vp: {amount: 1}}]\n", "countries", "country"),
])
def test_target_where_nothing_binds_it_is_refused(tiny_rules: Path, target: str, effects: str,
                                                 field: str, needs: str) -> None:
    deck = tiny_rules / "cards" / "russia.yaml"
    start = append(tiny_rules, "cards/russia.yaml", _card(target, effects))
    found = problems(tiny_rules)
    assert all(p.file.endswith("cards/russia.yaml") and p.line >= start for p in found)
    [problem] = [p for p in found if p.path[-1] == field]
    assert f"no {needs}" in problem.message and target in problem.message
    assert deck.read_text().count("probe_card") == 1


def test_target_bound_by_each_country_is_fine(tiny_rules: Path) -> None:
    append(tiny_rules, "cards/russia.yaml", _card(
        "none", "      - each_country:\n"
                "          where: {member: {org: csto, country: target}}\n"
                "          do: [{influence: {sphere: military, amount: 1}}]\n"))
    assert load_rules(tiny_rules).name


def test_rules_that_validate_run(tiny_rules: Path) -> None:
    """What validate accepts, the engine can start."""
    Engine(load_rules(tiny_rules)).new_game(seed=1)


# files that must not be read ------------------------------------------------------------------



posix = pytest.mark.skipif(os.name != "posix", reason="symlinks, FIFOs and /dev")


@posix
def test_a_link_out_of_the_rules_folder_is_refused_without_its_content(
    tiny_rules: Path, tmp_path: Path,
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:TOP-SECRET-LINE:/root:/bin/bash\n")
    (tiny_rules / "cards" / "leak.yaml").symlink_to(secret)
    [problem] = problems(tiny_rules)
    assert problem.file.endswith("cards/leak.yaml")
    assert "outside the rules folder" in problem.message
    assert "TOP-SECRET" not in str(problem) and "root:x" not in str(problem)


@posix
def test_a_link_to_etc_passwd_in_place_of_a_table(tiny_rules: Path) -> None:
    (tiny_rules / "sources.yaml").unlink()
    (tiny_rules / "sources.yaml").symlink_to("/etc/passwd")
    [problem] = problems(tiny_rules)
    assert problem.file.endswith("sources.yaml") and "outside the rules folder" in problem.message
    assert "root" not in str(problem)


@posix
def test_a_link_inside_the_rules_folder_is_followed(tiny_rules: Path) -> None:
    (tiny_rules / "real_sources.yml").write_bytes((tiny_rules / "sources.yaml").read_bytes())
    (tiny_rules / "sources.yaml").unlink()
    (tiny_rules / "sources.yaml").symlink_to("real_sources.yml")
    assert load_rules(tiny_rules).sources.sections


@posix
@pytest.mark.parametrize(("make", "message"), [
    (lambda p: os.mkfifo(p), "not a regular file"),
    (lambda p: p.symlink_to("/dev/zero"), "outside the rules folder"),
    (lambda p: p.mkdir(), "is a folder"),
    (lambda p: p.symlink_to(p.parent / "missing.yaml"), "does not exist"),
])
def test_files_that_are_not_files_are_refused_without_blocking(
    tiny_rules: Path, no_hang: None, make: object, message: str,
) -> None:
    path = tiny_rules / "cards" / "odd.yaml"
    make(path)  # type: ignore[operator]
    [problem] = problems(tiny_rules)
    assert problem.file.endswith("cards/odd.yaml") and message in problem.message


def test_a_huge_rules_file_is_refused_before_it_is_read(tiny_rules: Path) -> None:
    """50 MB (sparse: no disk used) used to be read whole for the hash, 141 MiB at peak."""
    with (tiny_rules / "cards" / "huge.yaml").open("wb") as out:
        out.truncate(50 * 1024 * 1024)
    tracemalloc.start()
    try:
        found = problems(tiny_rules)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [p.file.rsplit("/", 1)[-1] for p in found] == ["huge.yaml"]
    assert "too large" in found[0].message or "MiB" in found[0].message or \
        "bytes" in found[0].message
    assert peak < 20 * 1024 * 1024, f"{peak / 2**20:.0f} MiB at peak"


def test_the_yaml_reader_still_reads_a_file(tiny_rules: Path) -> None:
    assert load_yaml_file(tiny_rules / "game.yaml").data["name"]
