"""Tests for the safe, position-aware YAML reader used for the rules files.

Every refusal is checked for its exact position and wording, because designers act on
these messages; each test runs with both the libyaml and the pure-Python parser so the
positions do not depend on which one an installation happens to have.
"""

from __future__ import annotations

import os
import pickle
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from chessboard.rules import yamlio
from chessboard.rules.diagnostics import Diagnostic
from chessboard.rules.yamlio import LoadedYaml, RulesFileError, load_yaml_file, load_yaml_text

_LOADERS = [yamlio._PyCoreLoader]
if hasattr(yamlio, "_CCoreLoader"):
    _LOADERS.append(yamlio._CCoreLoader)


@pytest.fixture(autouse=True, params=_LOADERS, ids=lambda cls: cls.__name__)
def loader_class(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> type:
    """Run every test once per available parser backend."""
    monkeypatch.setattr(yamlio, "_LOADER_CLASS", request.param)
    return request.param


def refused(text: str, **kwargs: Any) -> list[Diagnostic]:
    """The diagnostics of a document that must be refused."""
    with pytest.raises(RulesFileError) as info:
        load_yaml_text(text, file="rules/test.yaml", **kwargs)
    assert info.value.diagnostics, "a refusal must carry diagnostics"
    return info.value.diagnostics


def only(diagnostics: list[Diagnostic]) -> Diagnostic:
    assert len(diagnostics) == 1, [d.format_text() for d in diagnostics]
    return diagnostics[0]


# --------------------------------------------------------------------------------------
# Data and positions


CARDS = """\
cards:
  - id: silk_road
    cost: 3
    effects:
      - influence: {country: kazakhstan, amount: 2}
      - log: "hello"
  - id: pipeline
    cost: 4
"""


def test_plain_data_and_value_positions() -> None:
    doc = load_yaml_text(CARDS, file="rules/cards/events.yaml")
    assert doc.file == "rules/cards/events.yaml"
    assert doc.data == {
        "cards": [
            {
                "id": "silk_road",
                "cost": 3,
                "effects": [
                    {"influence": {"country": "kazakhstan", "amount": 2}},
                    {"log": "hello"},
                ],
            },
            {"id": "pipeline", "cost": 4},
        ]
    }
    assert doc.marks[()] == (1, 1)
    assert doc.marks[("cards", 0)] == (2, 5)
    assert doc.marks[("cards", 0, "cost")] == (3, 11)
    assert doc.marks[("cards", 0, "effects", 0)] == (5, 9)
    assert doc.marks[("cards", 0, "effects", 0, "influence", "amount")] == (5, 50)
    assert doc.marks[("cards", 0, "effects", 1, "log")] == (6, 14)
    assert doc.marks[("cards", 1, "cost")] == (8, 11)


def test_key_positions_and_nearest_ancestor_fallback() -> None:
    doc = load_yaml_text(CARDS, file="x.yaml")
    assert doc.key_marks[("cards", 0, "cost")] == (3, 5)
    assert doc.key_position(("cards", 1, "cost")) == (8, 5)
    # A list item has no key: fall back to its value position.
    assert doc.key_position(("cards", 1)) == (7, 5)
    # Unknown paths use the nearest ancestor that exists.
    assert doc.position(("cards", 1, "no_such_field", 7)) == (7, 5)
    assert doc.position(("nothing", "here")) == (1, 1)
    assert doc.position(("cards", ["unhashable"])) == (2, 3)


def test_diagnostic_helper_points_at_value_or_key() -> None:
    doc = load_yaml_text(CARDS, file="rules/cards/events.yaml")
    at_value = doc.diagnostic(("cards", 1, "cost"), "too expensive", hint="lower it")
    assert at_value == Diagnostic(
        "rules/cards/events.yaml", 8, 11, ("cards", 1, "cost"), "too expensive", "lower it"
    )
    assert doc.diagnostic(("cards", 1, "cost"), "x", at_key=True).column == 5


def test_non_ascii_columns_count_characters() -> None:
    doc = load_yaml_text("名前: é\nnext: [ü, 2]\n", file="x.yaml")
    assert doc.data == {"名前": "é", "next": ["ü", 2]}
    assert doc.marks[("名前",)] == (1, 5)
    assert doc.marks[("next", 1)] == (2, 11)


def test_core_schema_keeps_yaml_1_1_surprises_as_strings() -> None:
    text = (
        "a: yes\nb: no\nc: 2024-01-01\nd: 1_000\ne: 1:30\nf: on\n"
        "g: 0x1F\nh: 0o17\ni: -12\nj: 1.5e3\nk: .inf\nl: ~\nm:\nn: True\no: '12'\n"
    )
    assert load_yaml_text(text, file="x.yaml").data == {
        "a": "yes",
        "b": "no",
        "c": "2024-01-01",
        "d": "1_000",
        "e": "1:30",
        "f": "on",
        "g": 31,
        "h": 15,
        "i": -12,
        "j": 1500.0,
        "k": float("inf"),
        "l": None,
        "m": None,
        "n": True,
        "o": "12",
    }


def test_explicit_core_tags_are_allowed() -> None:
    text = "a: !!str 12\nb: !!int '7'\nc: !!float 2\nd: !!bool 'false'\ne: !!null ''\n"
    text += "f: !!seq [1]\ng: !!map {x: 1}\nh: ! 5\n"
    assert load_yaml_text(text, file="x.yaml").data == {
        "a": "12",
        "b": 7,
        "c": 2.0,
        "d": False,
        "e": None,
        "f": [1],
        "g": {"x": 1},
        "h": "5",
    }


def test_explicit_core_tag_that_does_not_fit_is_refused() -> None:
    diag = only(refused("a: 1\nb: !!int twelve\n"))
    assert (diag.line, diag.column, diag.path) == (2, 4, ("b",))
    assert diag.message == "'twelve' cannot be read as !!int"


def test_merge_keys_copy_defaults_and_explicit_keys_win() -> None:
    text = """\
defaults: &defaults
  cost: 1
  side: neutral
card:
  <<: *defaults
  side: china
"""
    doc = load_yaml_text(text, file="x.yaml")
    assert doc.data["card"] == {"cost": 1, "side": "china"}
    assert doc.marks[("card", "side")] == (6, 9)
    assert doc.marks[("card", "cost")] == (2, 9)  # where the merged value is written
    assert doc.key_marks[("card", "cost")] == (2, 3)


def test_aliases_are_copied_and_positioned_at_the_alias() -> None:
    doc = load_yaml_text("base: &b [1, 2]\nother: *b\n", file="x.yaml")
    assert doc.data == {"base": [1, 2], "other": [1, 2]}
    assert doc.data["base"] is not doc.data["other"]
    assert doc.marks[("other",)] == (2, 8)
    assert doc.marks[("other", 1)] == (1, 14)


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\n")
    doc = load_yaml_file(path)
    assert doc.data == {"a": 1}
    assert doc.marks[("a",)] == (1, 4)


def test_file_name_defaults_to_the_path_and_can_be_overridden(tmp_path: Path) -> None:
    path = tmp_path / "deck.yaml"
    path.write_text("cards: []\n", encoding="utf-8")
    assert load_yaml_file(path).file == path.as_posix()
    assert load_yaml_file(path, display_name="rules/deck.yaml").file == "rules/deck.yaml"


# --------------------------------------------------------------------------------------
# Refusals


def test_python_object_tag_is_refused_without_running_anything(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def forbidden(*args: object) -> int:
        raise AssertionError("os.system must never be called")

    monkeypatch.setattr(os, "system", forbidden)
    diag = only(refused("name: harmless\nrun: !!python/object/apply:os.system ['echo pwned']\n"))
    assert (diag.line, diag.column) == (2, 6)
    assert diag.path == ("run",)
    assert diag.message == "tag '!!python/object/apply:os.system' is not allowed"
    assert diag.format_text().startswith(
        "rules/test.yaml:2:6: error: run: tag '!!python/object/apply:os.system' is not allowed"
    )


def test_every_forbidden_tag_is_reported_with_its_line() -> None:
    text = "a: !!python/name:os.system\nb: !include other.yaml\nc: !!timestamp 2024-01-01\n"
    diags = refused(text)
    assert [(d.line, d.column, d.message) for d in diags] == [
        (1, 4, "tag '!!python/name:os.system' is not allowed"),
        (2, 4, "tag '!include' is not allowed"),
        (3, 4, "tag '!!timestamp' is not allowed"),
    ]


def test_billion_laughs_is_refused_quickly() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    started = time.perf_counter()
    diag = only(refused("\n".join(lines) + "\n"))
    assert time.perf_counter() - started < 1.0
    assert diag.message == "aliases expand to too many nodes (more than 10000)"
    # The alias that crosses the limit: the first '*d' of line 5 (10 + 9*10 + ... nodes).
    assert (diag.line, diag.column, diag.path) == (5, 8, ("e", 0))


def test_recursive_alias_is_refused() -> None:
    diag = only(refused("a: &a [1, *a]\n"))
    assert (diag.line, diag.column) == (1, 11)
    assert diag.message == "alias '*a' is used inside the block it refers to"


def test_undefined_alias_and_duplicate_anchor_are_refused() -> None:
    diags = refused("a: &x 1\nb: &x 2\nc: *nope\n")
    assert [(d.line, d.column, d.message) for d in diags] == [
        (2, 4, "anchor '&x' is defined twice (first at line 1)"),
        (3, 4, "alias '*nope' refers to an undefined anchor"),
    ]


def test_excessive_nesting_is_refused() -> None:
    diag = only(refused("[" * 150 + "]" * 150))
    assert (diag.line, diag.column) == (1, 101)
    assert diag.message == "nesting is too deep (more than 100 levels)"


def test_three_mib_file_is_refused_without_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class NoParsing:
        def __init__(self, *args: object) -> None:
            raise AssertionError("the parser must not run on an oversized file")

    monkeypatch.setattr(yamlio, "_LOADER_CLASS", NoParsing)
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"a: 1\n" * (3 * 1024 * 1024 // 5 + 1))
    with pytest.raises(RulesFileError) as info:
        load_yaml_file(path, display_name="rules/huge.yaml")
    diag = only(info.value.diagnostics)
    assert diag.format_text() == (
        "rules/huge.yaml:1:1: error: <root>: file is too large (3.0 MiB; the limit is 2.0 MiB)"
        "\n    hint: split it into several smaller files"
    )
    with pytest.raises(RulesFileError, match="file is too large"):
        load_yaml_text("a: 1\n" * (3 * 1024 * 1024 // 5 + 1), file="huge.yaml")


def test_size_limit_is_configurable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlio, "MAX_FILE_BYTES", 10)
    assert only(refused("abc: 123456\n")).message == (
        "file is too large (12 bytes; the limit is 10 bytes)"
    )
    assert load_yaml_text("abc: 123456\n", file="x.yaml", max_bytes=100).data == {"abc": 123456}


def test_duplicate_key_names_both_lines() -> None:
    diag = only(refused("cards:\n  - id: a\n    cost: 1\n    side: china\n    cost: 2\n"))
    assert (diag.line, diag.column) == (5, 5)
    assert diag.path == ("cards", 0, "cost")
    assert diag.message == "duplicate key 'cost' (first defined at line 3)"


def test_non_scalar_key_is_refused() -> None:
    diag = only(refused("? [a, b]\n: 1\n"))
    assert (diag.line, diag.column) == (1, 3)
    assert diag.message == "a mapping key must be a single value, not a list"


@pytest.mark.parametrize(
    ("text", "line", "column", "hint"),
    [
        (
            "a: 1\nb: c: 3\n",
            2,
            5,
            "a ': ' inside a value starts a new key; put the value in quotes",
        ),
        ("a:\n\tb: 1\n", 2, 1, "YAML indentation must use spaces, not tabs"),
        ("a: [1, 2\nb: 3\n", 2, 2, None),
    ],
)
def test_syntax_error_reports_line_and_column(
    text: str, line: int, column: int, hint: str | None
) -> None:
    diag = only(refused(text))
    assert (diag.line, diag.column) == (line, column)
    assert diag.message.startswith("syntax error: ")
    if hint is not None:
        assert diag.hint == hint


def test_syntax_error_is_placed_in_its_container() -> None:
    diag = only(refused("cards:\n  - id: a\n    text: x: y\n"))
    assert (diag.line, diag.column, diag.path) == (3, 12, ("cards", 0))


def test_non_utf8_bytes_are_refused_with_position(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("a: 1\nname: café\n".encode("latin-1"))
    with pytest.raises(RulesFileError) as info:
        load_yaml_file(path, display_name="rules/latin1.yaml")
    diag = only(info.value.diagnostics)
    assert (diag.line, diag.column) == (2, 10)
    assert diag.message == "file is not valid UTF-8 text (byte 0xE9)"
    assert diag.hint == "save the file with UTF-8 encoding"


def test_utf16_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "utf16.yaml"
    path.write_bytes("a: 1\n".encode("utf-16"))
    with pytest.raises(RulesFileError, match="file is encoded as UTF-16, not UTF-8"):
        load_yaml_file(path)


def test_control_character_is_refused() -> None:
    diag = only(refused("a: 1\nb: x\x07y\n"))
    assert (diag.line, diag.column) == (2, 5)
    assert diag.message == "control character U+0007 is not allowed in YAML"


@pytest.mark.parametrize("text", ["", "   \n", "# just a comment\n", "---\n", "~\n"])
def test_empty_file_is_an_error_unless_allowed(text: str) -> None:
    diag = only(refused(text))
    assert diag.message == "file is empty"
    assert (diag.line, diag.column, diag.path) == (1, 1, ())
    assert load_yaml_text(text, file="x.yaml", allow_empty=True).data is None


def test_several_documents_are_refused() -> None:
    diag = only(refused("a: 1\n---\nb: 2\n"))
    assert (diag.line, diag.column) == (2, 1)
    assert diag.message == "file contains more than one YAML document"


def test_missing_file_is_a_rules_error(tmp_path: Path) -> None:
    with pytest.raises(RulesFileError) as info:
        load_yaml_file(tmp_path / "absent.yaml", display_name="rules/absent.yaml")
    diag = only(info.value.diagnostics)
    assert diag.file == "rules/absent.yaml"
    assert diag.message.startswith("cannot read file: ")


def test_rules_file_error_is_a_value_error_and_pickles() -> None:
    with pytest.raises(ValueError) as info:
        load_yaml_text("a: 1\na: 2\n", file="x.yaml")
    error = info.value
    assert isinstance(error, RulesFileError)
    assert str(error) == "x.yaml:2:1: error: a: duplicate key 'a' (first defined at line 1)\n" + (
        "    hint: YAML would silently keep only the last one; remove or rename one"
    )
    copy = pickle.loads(pickle.dumps(error))
    assert copy.diagnostics == error.diagnostics
    assert error.report().endswith("1 error in 1 file")


def test_loader_is_a_safe_loader_subclass(loader_class: type) -> None:
    safe_bases = (yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    assert issubclass(loader_class, safe_bases)
    assert isinstance(load_yaml_text("a: 1\n", file="x.yaml"), LoadedYaml)
