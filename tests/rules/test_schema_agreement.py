"""The JSON Schema and ``validate`` give the same verdict, checked by an independent validator.

The ``jsonschema`` package (not pydantic) validates the shipped rules and a set of broken ones
against the generated schemas; ``load_rules`` must agree with it on every one. Shape mistakes
(types, bounds, unknown fields, id rules) are the generic schema's business; misspelt ids are
the rules-aware schema's (``chessboard schema --rules DIR``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from rules_helpers import append

from chessboard.rules import expressions as ex
from chessboard.rules import models as m
from chessboard.rules.loader import DEFAULT_RULES_DIR, TABLE_FILES, Rules, RulesError, load_rules
from chessboard.rules.schema import all_schemas, combined_schema
from chessboard.rules.yamlio import load_yaml_file

PROBE = """\
  - id: probe
    name: Probe
    text: A test probe of the validator.
    cost: 1
    sphere: political
    target: country
    own_country: false
    effects:
      - influence: {sphere: political, amount: 1}
    source: {section: greater_eurasia, quote: "Russia's strategy for a 'Greater Eurasia'"}
"""

# (what is wrong, text replaced in PROBE, replacement); every one is refused by validate
SHAPE_MISTAKES = [
    ("a yes/no word for a boolean", "own_country: false", "own_country: yes"),
    ("a number in quotes", "cost: 1", 'cost: "1"'),
    ("true for a number", "cost: 1", "cost: true"),
    ("a fraction for a whole number", "cost: 1", "cost: 1.5"),
    ("a number out of range", "cost: 1", "cost: 11"),
    ("an effect amount out of range", "amount: 1", "amount: 30"),
    ("a target kind that does not exist", "target: country", "target: sideways"),
    ("an unknown field", "cost: 1", "cost: 1\n    colour: red"),
    ("an id against the id rules", "id: probe", "id: Probe"),
    ("an id with a space", "id: probe", "id: the probe"),
    ("no effects", "effects:\n      - influence: {sphere: political, amount: 1}", "effects: []"),
    ("a misspelt effect kind", "- influence:", "- influense:"),
    ("a misspelt field", "amount: 1", "amuont: 1"),
    ("a missing required field", "    sphere: political\n", ""),
    ("a number for a text", "name: Probe", "name: 3"),
    ("an empty text", "name: Probe", "name:"),
    ("a mapping for a list", "effects:\n      - influence: {sphere: political, amount: 1}",
     "effects: {influence: {sphere: political, amount: 1}}"),
    ("a quote that is too short", "quote: \"Russia's strategy for a 'Greater Eurasia'\"",
     "quote: short"),
]
# misspelt ids: only the schema that knows the rules can see them
ID_MISTAKES = [
    ("a misspelt power", "influence: {sphere", "influence: {power: rusia, sphere"),
    ("a misspelt sphere", "sphere: political\n", "sphere: politcal\n"),
    ("a misspelt country", "influence: {sphere", "influence: {country: kazakstan, sphere"),
    ("an unknown source section", "section: greater_eurasia", "section: greater_eurasa"),
    ("a misspelt track", "- influence: {sphere: political, amount: 1}",
     "- track: {id: tenson, amount: 1}"),
    ("a misspelt organisation", "- influence: {sphere: political, amount: 1}",
     "- join: {org: csot}"),
]
VALID_VARIANTS = [
    ("the probe as written", "", ""),
    ("a scaled amount", "amount: 1", "amount: {of: {dominated: self}, max: 2}"),
    ("all countries", "influence: {sphere", "influence: {country: all, sphere"),
    ("a condition on the target", "own_country: false",
     "where: {not: {controls: {power: china, country: target, sphere: economic}}}"),
]


def schema_name(rel: str) -> str:
    if rel == "cards/events.yaml":
        return "events.schema.json"
    if rel.startswith("cards/"):
        return "deck.schema.json"
    return rel.removesuffix(".yaml") + ".schema.json"


def schema_errors(schemas: dict[str, dict[str, Any]], root: Path, rel: str) -> list[str]:
    validator = jsonschema.Draft202012Validator(schemas[schema_name(rel)])
    data = load_yaml_file(root / rel).data
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"[:200]
            for e in validator.iter_errors(data)]


def validate_ok(root: Path) -> bool:
    try:
        load_rules(root)
    except RulesError:
        return False
    return True


@pytest.fixture(scope="module")
def shipped() -> Rules:
    return load_rules(DEFAULT_RULES_DIR)


@pytest.fixture(scope="module")
def generic() -> dict[str, dict[str, Any]]:
    return all_schemas()


@pytest.fixture(scope="module")
def aware(shipped: Rules) -> dict[str, dict[str, Any]]:
    return all_schemas(shipped)


def rules_files(root: Path) -> list[str]:
    decks = [p.relative_to(root).as_posix() for p in sorted(root.glob("cards/*.yaml"))]
    return sorted({*TABLE_FILES, *decks})


def test_the_schemas_are_valid_json_schemas(generic: dict[str, Any], aware: dict[str, Any]
                                            ) -> None:
    for schema in (*generic.values(), *aware.values(), combined_schema()):
        jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("kind", ["generic", "aware"])
def test_every_shipped_file_passes_both_schemas(kind: str, generic: dict[str, Any],
                                                aware: dict[str, Any]) -> None:
    schemas = generic if kind == "generic" else aware
    for rel in rules_files(DEFAULT_RULES_DIR):
        assert schema_errors(schemas, DEFAULT_RULES_DIR, rel) == [], rel


def probe(root: Path, old: str, new: str) -> None:
    assert old in PROBE
    append(root, "cards/russia.yaml", PROBE.replace(old, new, 1))


@pytest.mark.parametrize(("what", "old", "new"), SHAPE_MISTAKES, ids=[c[0] for c in SHAPE_MISTAKES])
def test_schema_and_validate_refuse_the_same_shape_mistakes(
        rules_copy: Path, generic: dict[str, Any], aware: dict[str, Any],
        what: str, old: str, new: str) -> None:
    probe(rules_copy, old, new)
    assert not validate_ok(rules_copy), f"validate accepts {what}"
    assert schema_errors(generic, rules_copy, "cards/russia.yaml"), \
        f"the schema accepts {what}"
    assert schema_errors(aware, rules_copy, "cards/russia.yaml")


@pytest.mark.parametrize(("what", "old", "new"), ID_MISTAKES, ids=[c[0] for c in ID_MISTAKES])
def test_the_rules_aware_schema_refuses_misspelt_ids_as_validate_does(
        rules_copy: Path, generic: dict[str, Any], aware: dict[str, Any],
        what: str, old: str, new: str) -> None:
    probe(rules_copy, old, new)
    assert not validate_ok(rules_copy), f"validate accepts {what}"
    assert schema_errors(aware, rules_copy, "cards/russia.yaml"), \
        f"the rules-aware schema accepts {what}"
    # the generic schema cannot know the ids: it only checks the shape
    assert schema_errors(generic, rules_copy, "cards/russia.yaml") == []


@pytest.mark.parametrize(("what", "old", "new"), VALID_VARIANTS,
                         ids=[c[0] for c in VALID_VARIANTS])
def test_schema_and_validate_accept_the_same_valid_cards(
        rules_copy: Path, generic: dict[str, Any], aware: dict[str, Any],
        what: str, old: str, new: str) -> None:
    probe(rules_copy, old, new)
    assert validate_ok(rules_copy), what
    assert schema_errors(generic, rules_copy, "cards/russia.yaml") == []
    assert schema_errors(aware, rules_copy, "cards/russia.yaml") == []


def test_a_key_that_is_not_an_id_is_refused_by_both(rules_copy: Path,
                                                   generic: dict[str, Any]) -> None:
    path = rules_copy / "countries.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("resilience: {political:", "resilience: {Political:", 1),
                    encoding="utf-8")
    assert "Political:" in path.read_text(encoding="utf-8")
    assert not validate_ok(rules_copy)
    assert schema_errors(generic, rules_copy, "countries.yaml")


# ---- the rules-aware schema reads like the game, not like the code --------------------------


def class_names() -> set[str]:
    names = set()
    for module in (m, ex):
        for value in vars(module).values():
            if isinstance(value, type) and value.__module__ == module.__name__:
                names.add(value.__name__)
    return names


def test_no_class_names_in_the_schemas(generic: dict[str, Any], aware: dict[str, Any]) -> None:
    import json

    classes = class_names()
    assert {"InfluenceE", "TrackC", "StrategyCard"} <= classes
    for schema in (*generic.values(), *aware.values(), combined_schema()):
        # CamelCase words: InfluenceE, TrackC, StrategyCard (a field titled "Country" is fine)
        words = set(re.findall(r"[A-Z][a-z]*[A-Z]\w*", json.dumps(schema)))
        assert not words & classes, sorted(words & classes)
        assert not set(schema.get("$defs", {})) & classes


def test_effects_and_conditions_have_titles_and_valid_examples(generic: dict[str, Any]) -> None:
    defs = generic["deck.schema.json"]["$defs"]
    influence = defs["effect_influence"]
    assert influence["title"] == "effect: influence"
    kinds = [name for name in defs if name.startswith(("effect_", "condition_"))]
    assert len(kinds) >= 25
    for name in kinds:
        examples = defs[name].get("examples")
        assert examples, name
        # every example is itself valid: against the schema and against the model
        sub = {"$defs": defs, "$ref": f"#/$defs/{name}"}
        for example in examples:
            assert not list(jsonschema.Draft202012Validator(sub).iter_errors(example)), name


def test_the_rules_aware_schema_lists_ids_with_their_names(aware: dict[str, Any]) -> None:
    defs = aware["deck.schema.json"]["$defs"]
    power = defs["influence_change"]["properties"]["power"]
    assert power["enum"] == ["self", "target", "russia", "china", "eu"]
    assert power["markdownEnumDescriptions"][2].startswith("Russia")
    sphere = defs["strategy_card"]["properties"]["sphere"]
    assert "economic" in sphere["enum"] and "target" not in sphere["enum"]
    card_id = defs["strategy_card"]["properties"]["id"]
    assert "greater_eurasia" in card_id["examples"]


HAND_SIZE = r"hand_size: \d+"
GAME_MISTAKES = [
    ("a colour name", 'colour: "#0072B2"', "colour: blue"),
    ("a version without a dot", 'version: "1.0.0"', 'version: "1"'),
    ("a kind of faction that does not exist", "kind: power", "kind: superpower"),
    # whatever the hand size is tuned to: the mistake is the quotes or the yes, not the number
    ("a setting in quotes", HAND_SIZE, 'hand_size: "3"'),
    ("a yes/no word for a number", HAND_SIZE, "hand_size: yes"),
]


@pytest.mark.parametrize(("what", "old", "new"), GAME_MISTAKES, ids=[c[0] for c in GAME_MISTAKES])
def test_schema_and_validate_refuse_the_same_mistakes_in_game_yaml(
        rules_copy: Path, generic: dict[str, Any], what: str, old: str, new: str) -> None:
    path = rules_copy / "game.yaml"
    text = path.read_text(encoding="utf-8")
    old = re.search(old, text).group(0) if old is HAND_SIZE else old  # type: ignore[union-attr]
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert not validate_ok(rules_copy), f"validate accepts {what}"
    assert schema_errors(generic, rules_copy, "game.yaml"), f"the schema accepts {what}"


def test_cli_schema_rules_lists_the_ids(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from chessboard.cli import main

    assert main(["schema", "--rules", str(DEFAULT_RULES_DIR)]) == 0
    combined = json.loads(capsys.readouterr().out)
    power = combined["$defs"]["influence_change"]["properties"]["power"]
    assert power["enum"] == ["self", "target", "russia", "china", "eu"]
    assert main(["schema"]) == 0
    generic = json.loads(capsys.readouterr().out)
    power = generic["$defs"]["influence_change"]["properties"]["power"]
    assert "enum" not in power and "x-chessboard-ids" not in json.dumps(generic)
