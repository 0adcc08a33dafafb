"""Tests for diagnostics: formatting, suggestions and pydantic error translation.

The exact text matters: designers read it and CI/editor tooling parses the
``file:line:column`` prefix, so the assertions compare whole strings.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import pytest
from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, ValidationError

from chessboard.rules.diagnostics import (
    Diagnostic,
    diagnostics_from_validation_error,
    did_you_mean,
    format_path,
    format_report,
    sort_diagnostics,
    summary_line,
)
from chessboard.rules.yamlio import LoadedYaml, load_yaml_text

# --------------------------------------------------------------------------------------
# Formatting


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ((), "<root>"),
        (("cards", 3, "effects", 0), "cards[3].effects[0]"),
        (("cards", 3, "effects", 0, "influence"), "cards[3].effects[0].influence"),
        ((0, "id"), "[0].id"),
        (("spheres", "two words", "x"), 'spheres["two words"].x'),
        (("map", "us-china", "a_b"), "map.us-china.a_b"),
        (("turns", 1, True, None), "turns[1][true][null]"),
        (("say", 'q"uote'), 'say["q\\"uote"]'),
    ],
)
def test_format_path(path: tuple[Any, ...], text: str) -> None:
    assert format_path(path) == text


def test_format_text_without_and_with_hint() -> None:
    plain = Diagnostic("rules/cards/events.yaml", 12, 7, ("cards", 3), "missing field 'cost'")
    assert plain.format_text() == (
        "rules/cards/events.yaml:12:7: error: cards[3]: missing field 'cost'"
    )
    hinted = Diagnostic("r.yaml", 1, 1, (), "file is empty", hint="add something")
    assert (
        hinted.format_text() == "r.yaml:1:1: error: <root>: file is empty\n    hint: add something"
    )
    warning = Diagnostic("r.yaml", 2, 3, ("a",), "unused", severity="warning")
    assert warning.format_text() == "r.yaml:2:3: warning: a: unused"


def test_to_json() -> None:
    diag = Diagnostic("r.yaml", 4, 5, ("cards", 0, "cost"), "must be at most 10 (got 12)")
    assert diag.to_json() == {
        "file": "r.yaml",
        "line": 4,
        "column": 5,
        "path": ["cards", 0, "cost"],
        "path_text": "cards[0].cost",
        "message": "must be at most 10 (got 12)",
        "hint": None,
        "severity": "error",
        "source": None,
    }


def test_report_is_sorted_and_ends_with_a_summary() -> None:
    diags = [
        Diagnostic("rules/b.yaml", 3, 1, ("x",), "third"),
        Diagnostic("rules/a.yaml", 10, 2, ("y",), "second", hint="fix it"),
        Diagnostic("rules/a.yaml", 2, 9, (), "first"),
    ]
    assert [d.message for d in sort_diagnostics(diags)] == ["first", "second", "third"]
    assert format_report(diags) == (
        "rules/a.yaml:2:9: error: <root>: first\n"
        "rules/a.yaml:10:2: error: y: second\n"
        "    hint: fix it\n"
        "rules/b.yaml:3:1: error: x: third\n"
        "3 errors in 2 files"
    )


def test_summary_line_wording() -> None:
    error = Diagnostic("a.yaml", 1, 1, (), "e")
    warning = Diagnostic("a.yaml", 1, 1, (), "w", severity="warning")
    assert summary_line([]) == "no problems found"
    assert summary_line([error]) == "1 error in 1 file"
    assert summary_line([error, error, warning]) == "2 errors and 1 warning in 1 file"
    assert summary_line([warning]) == "1 warning in 1 file"


# --------------------------------------------------------------------------------------
# Suggestions


def test_did_you_mean_single_and_several() -> None:
    countries = ["kazakhstan", "kyrgyzstan", "tajikistan", "uzbekistan", "turkmenistan"]
    assert did_you_mean("kazakstan", countries) == "did you mean 'kazakhstan'?"
    assert did_you_mean("Kazakhstan", countries) == "did you mean 'kazakhstan'?"
    assert did_you_mean("xyz", countries) is None
    assert did_you_mean("stan", []) is None
    several = did_you_mean("cost", ["cost1", "cost2", "post", "unrelated"])
    assert several == "did you mean one of 'cost1', 'cost2'?"  # 'post' is clearly worse
    assert did_you_mean("cost", ["cost1", "cost2", "post"], n=1) == "did you mean 'cost1'?"
    assert did_you_mean("Cost", ["cost", "COST"]) == "did you mean one of 'cost', 'COST'?"
    assert did_you_mean(12, [10, 12, 120]) == "did you mean '120'?"


# --------------------------------------------------------------------------------------
# pydantic errors


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class InfluenceArgs(Strict):
    country: str
    amount: int = Field(ge=-3, le=10)


class InfluenceEffect(Strict):
    influence: InfluenceArgs


class LogEffect(Strict):
    log: str


def _one_key(value: Any) -> str | None:
    return str(next(iter(value))) if isinstance(value, dict) and len(value) == 1 else None


Effect = Annotated[
    Annotated[InfluenceEffect, Tag("influence")] | Annotated[LogEffect, Tag("log")],
    Discriminator(_one_key),
]


class Typed(Strict):
    type: Literal["bonus"]
    amount: int


class Untyped(Strict):
    type: Literal["penalty"]
    reason: str


class Card(Strict):
    id: str
    cost: int = Field(ge=0, le=10)
    side: Literal["russia", "china", "neutral"] = "neutral"
    effects: list[Effect] = []
    extra: int | str | None = None
    modifier: Annotated[Typed | Untyped, Field(discriminator="type")] | None = None


class Deck(Strict):
    cards: list[Card]


def diagnose(text: str, model: type[BaseModel] = Deck, **kwargs: Any) -> list[Diagnostic]:
    doc = load_yaml_text(text, file="rules/cards/events.yaml")
    with pytest.raises(ValidationError) as info:
        model.model_validate(doc.data)
    return diagnostics_from_validation_error(info.value, doc, model=model, **kwargs)


def texts(diags: list[Diagnostic]) -> list[str]:
    return [d.format_text() for d in diags]


def test_unknown_field_points_at_the_key_with_a_suggestion() -> None:
    text = "cards:\n  - id: a\n    cost: 1\n    efects: []\n"
    assert texts(diagnose(text)) == [
        "rules/cards/events.yaml:4:5: error: cards[0].efects: unknown field 'efects'\n"
        "    hint: did you mean 'effects'?"
    ]


def test_unknown_field_inside_a_tagged_union_suggests_that_members_fields() -> None:
    text = (
        "cards:\n  - id: a\n    cost: 1\n    effects:\n"
        "      - influence: {country: kz, amuont: 1}\n"
    )
    diags = diagnose(text)
    # One typo, one message: the missing `amount` is the misspelt `amuont`.
    assert texts(diags) == [
        "rules/cards/events.yaml:5:34: error: cards[0].effects[0].influence.amuont: "
        "unknown field 'amuont'\n    hint: did you mean 'amount'? (a required field)",
    ]


def test_unknown_field_without_model_has_no_hint() -> None:
    text = "cards:\n  - id: a\n    cost: 1\n    efects: []\n"
    diag = diagnose(text, model=Deck)[0]
    doc = load_yaml_text(text, file="x.yaml")
    with pytest.raises(ValidationError) as info:
        Deck.model_validate(doc.data)
    bare = diagnostics_from_validation_error(info.value, doc)
    assert bare[0].message == diag.message == "unknown field 'efects'"
    assert bare[0].hint is None


def test_missing_field_is_reported_at_its_mapping() -> None:
    text = "cards:\n  - id: a\n    cost: 1\n  - id: b\n    side: china\n"
    assert texts(diagnose(text)) == [
        "rules/cards/events.yaml:4:5: error: cards[1]: missing required field 'cost'"
    ]


def test_numeric_bound_and_type_errors() -> None:
    text = "cards:\n  - id: a\n    cost: 12\n  - id: b\n    cost: lots\n"
    assert texts(diagnose(text)) == [
        "rules/cards/events.yaml:3:11: error: cards[0].cost: must be at most 10 (got 12)",
        "rules/cards/events.yaml:5:11: error: cards[1].cost: must be a whole number (got 'lots')",
    ]


def test_literal_error_lists_choices_and_suggests() -> None:
    text = "cards:\n  - id: a\n    cost: 1\n    side: chnia\n"
    assert texts(diagnose(text)) == [
        "rules/cards/events.yaml:4:11: error: cards[0].side: "
        "'chnia' is not one of: russia, china, neutral\n    hint: did you mean 'china'?"
    ]


def test_one_key_union_errors_are_short_and_positioned() -> None:
    text = """\
cards:
  - id: a
    cost: 1
    effects:
      - influence: {country: kz, amount: 20}
      - influnce: {country: kz, amount: 1}
      - log: 3
      - {}
"""
    assert texts(diagnose(text)) == [
        "rules/cards/events.yaml:5:42: error: cards[0].effects[0].influence.amount: "
        "must be at most 10 (got 20)",
        "rules/cards/events.yaml:6:9: error: cards[0].effects[1].influnce: "
        "'influnce' is not one of: influence, log\n    hint: did you mean 'influence'?",
        "rules/cards/events.yaml:7:14: error: cards[0].effects[2].log: must be text (got 3)",
        "rules/cards/events.yaml:8:9: error: cards[0].effects[3]: "
        "cannot tell which kind of entry this is",
    ]


def test_field_discriminated_union_points_at_the_tag_field() -> None:
    text = "cards:\n  - id: a\n    cost: 1\n    modifier: {type: bonsu, amount: 1}\n"
    assert texts(diagnose(text)) == [
        "rules/cards/events.yaml:4:22: error: cards[0].modifier.type: "
        "'bonsu' is not one of: bonus, penalty\n    hint: did you mean 'bonus'?"
    ]
    text = "cards:\n  - id: a\n    cost: 1\n    modifier: {amount: 1}\n"
    assert texts(diagnose(text)) == [
        "rules/cards/events.yaml:4:15: error: cards[0].modifier: missing required field 'type'"
    ]


def test_plain_union_failures_are_merged_into_one() -> None:
    text = "cards:\n  - id: a\n    cost: 1\n    extra: [1, 2]\n"
    assert texts(diagnose(text)) == [
        "rules/cards/events.yaml:4:12: error: cards[0].extra: "
        "does not match any of the allowed forms (got a list)\n"
        "    hint: must be a whole number; must be text"
    ]


def test_base_path_positions_a_validated_sub_document() -> None:
    text = "meta: {version: 1}\ndeck:\n  cards:\n    - id: a\n      cost: -1\n"
    doc = load_yaml_text(text, file="rules/x.yaml")
    with pytest.raises(ValidationError) as info:
        Deck.model_validate(doc.data["deck"])
    diags = diagnostics_from_validation_error(info.value, doc, base_path=("deck",), model=Deck)
    assert texts(diags) == [
        "rules/x.yaml:5:13: error: deck.cards[0].cost: must be at least 0 (got -1)"
    ]


def test_list_length_and_mapping_type_messages() -> None:
    class Board(Strict):
        spheres: list[str] = Field(min_length=2)
        owner: Card | None = None

    doc = load_yaml_text("spheres: [military]\nowner: 7\n", file="b.yaml")
    with pytest.raises(ValidationError) as info:
        Board.model_validate(doc.data)
    assert texts(diagnostics_from_validation_error(info.value, doc, model=Board)) == [
        "b.yaml:1:10: error: spheres: must have at least 2 items (got 1 item)",
        "b.yaml:2:8: error: owner: must be a mapping of 'key: value' entries (got 7)",
    ]


def test_custom_validator_message_drops_pydantic_prefix_and_urls() -> None:
    from pydantic import field_validator

    class Named(Strict):
        name: str

        @field_validator("name")
        @classmethod
        def no_spaces(cls, value: str) -> str:
            if " " in value:
                raise ValueError("ids may not contain spaces")
            return value

    doc = load_yaml_text("name: two words\n", file="n.yaml")
    with pytest.raises(ValidationError) as info:
        Named.model_validate(doc.data)
    (diag,) = diagnostics_from_validation_error(info.value, doc)
    assert diag.format_text() == "n.yaml:1:7: error: name: ids may not contain spaces"
    assert "http" not in diag.format_text()


def test_odd_locs_never_raise() -> None:
    doc = load_yaml_text("cards:\n  - id: a\n", file="o.yaml")
    error = ValidationError.from_exception_data(
        "Odd",
        [
            {"type": "missing", "loc": ("cards", "[key]", 99, "zzz"), "input": {}},
            {"type": "missing", "loc": (), "input": None},
            {"type": "int_type", "loc": ("cards", 0, "id", "function-after[x()]"), "input": "a"},
            {"type": "less_than_equal", "loc": ("cards",), "input": 5, "ctx": {"le": 1}},
        ],
    )
    diags = diagnostics_from_validation_error(error, doc, base_path=("not", "there"))
    assert [(d.line, d.column, d.message) for d in diags] == [
        (1, 1, "missing required field 'zzz'"),
        (1, 1, "missing value"),
        (1, 1, "must be a whole number (got 'a')"),
        (1, 1, "must be at most 1 (got 5)"),
    ]
    empty = LoadedYaml(None, "e.yaml")
    assert diagnostics_from_validation_error(error, empty, model=Deck)
