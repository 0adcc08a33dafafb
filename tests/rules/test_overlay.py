"""Mod overlays: a folder laid over the rules adds, replaces and removes items by id."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from chessboard.cli import main
from chessboard.engine.game import Engine
from chessboard.engine.saves import SaveError, SeatRecord, make_save, parse_save, restore
from chessboard.rules.loader import DEFAULT_RULES_DIR, RulesError, load_rules
from chessboard.rules.overlay import OverlayError, merge_data

QUOTE = "source: {section: conclusion, quote: \"Russia and China are\"}"
USA_FACTION = """\
factions:
  - id: usa
    name: United States
    kind: power
    letter: U
    colour: "#3C3B6E"
    deck: usa
    base_income: 4
"""
USA_DECK = f"""\
deck: usa
cards:
  - id: c5_plus_1
    name: C5+1 summit
    text: +1 American political influence in a country.
    cost: 2
    sphere: political
    target: country
    effects:
      - influence: {{sphere: political, amount: 1}}
    {QUOTE}
"""


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# ---- the merge on plain data ------------------------------------------------------------


def test_merge_adds_replaces_and_removes_by_id_and_keeps_the_inputs() -> None:
    base = {"name": "Base", "settings": {"hand_size": 3, "action_rounds": 4},
            "cards": [{"id": "a", "cost": 1}, {"id": "b", "cost": 2}, {"id": "c", "cost": 3}],
            "tiebreak": ["x", "y"]}
    mod = {"remove": ["a"], "name": "Modded", "settings": {"hand_size": 5},
           "cards": [{"id": "c", "cost": 9}, {"id": "d", "cost": 4}], "tiebreak": ["y"]}
    before = copy.deepcopy((base, mod))
    merged = merge_data(base, mod)
    assert merged == {"name": "Modded", "settings": {"hand_size": 5, "action_rounds": 4},
                      "cards": [{"id": "b", "cost": 2}, {"id": "c", "cost": 9},
                                {"id": "d", "cost": 4}],
                      "tiebreak": ["y"]}
    assert (base, mod) == before


def test_merge_refuses_to_remove_what_is_not_there() -> None:
    with pytest.raises(OverlayError, match="'zz'"):
        merge_data({"cards": [{"id": "a"}]}, {"remove": ["zz"]})
    with pytest.raises(OverlayError, match="list of ids"):
        merge_data({"cards": [{"id": "a"}]}, {"remove": "a"})


# ---- mods on the real rules --------------------------------------------------------------


def test_a_mod_adds_a_faction_and_its_deck_replaces_a_card_and_removes_an_event(
        tmp_path: Path) -> None:
    base = load_rules()
    mod = tmp_path / "usa_mod"
    write(mod, "game.yaml", USA_FACTION)
    write(mod, "cards/usa.yaml", USA_DECK)
    first = base.decks["russia"].cards[0]
    write(mod, "cards/russia.yaml", f"""\
cards:
  - id: {first.id}
    name: Replaced
    text: +1 Russian political influence in a country.
    cost: 1
    sphere: political
    target: country
    effects:
      - influence: {{sphere: political, amount: 1}}
    {QUOTE}
""")
    gone = base.events.events[0].id
    write(mod, "cards/events.yaml", f"remove: [{gone}]\n")
    write(mod, "README.md", "not rules: ignored\n")
    rules = load_rules(DEFAULT_RULES_DIR, [mod])
    assert [f.id for f in rules.game.factions][-1] == "usa"
    assert [c.id for c in rules.decks["usa"].cards] == ["c5_plus_1"]
    assert rules.decks["russia"].cards[0].name == "Replaced"
    assert len(rules.decks["russia"].cards) == len(base.decks["russia"].cards)
    assert gone not in {e.id for e in rules.events.events}
    assert len(rules.events.events) == len(base.events.events) - 1
    assert [m.name for m in rules.mods] == ["usa_mod"]
    assert rules.digest != base.digest
    # the base is untouched and still loads without the mod
    assert load_rules().digest == base.digest


def test_errors_in_a_mod_name_the_mod_file_and_line(tmp_path: Path) -> None:
    mod = tmp_path / "broken"
    write(mod, "cards/events.yaml", f"""\
remove: [no_such_event]
events:
  - id: modded
    name: Modded
    era: eraly
    text: Tension +1.
    effects:
      - track: {{id: tension, amount: 1, cause: event}}
    {QUOTE}
""")
    write(mod, "notes.yaml", "a: 1\n")
    with pytest.raises(RulesError) as info:
        load_rules(DEFAULT_RULES_DIR, [mod])
    found = {(d.file, d.line, d.column, d.path_text, d.message) for d in info.value.diagnostics}
    assert found == {
        ("broken/cards/events.yaml", 1, 10, "remove[0]",
         "nothing to remove: no item with id 'no_such_event' in this file"),
        ("broken/cards/events.yaml", 5, 10, "events[0].era", "unknown era 'eraly'"),
        ("broken/notes.yaml", 1, 1, "<root>", "not a rules file, so a mod cannot use it"),
    }
    era = next(d for d in info.value.diagnostics if "era" in d.message)
    assert era.source == "    era: eraly"


def test_a_missing_mod_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(RulesError) as info:
        load_rules(DEFAULT_RULES_DIR, [tmp_path / "nope"])
    assert info.value.diagnostics[0].message == "mod directory not found"


def test_mods_apply_in_order(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    write(one, "game.yaml", "name: First\n")
    write(two, "game.yaml", "name: Second\n")
    assert load_rules(DEFAULT_RULES_DIR, [one, two]).name == "Second"
    assert load_rules(DEFAULT_RULES_DIR, [two, one]).name == "First"


def test_a_save_records_the_mods_and_needs_them_to_load(tmp_path: Path) -> None:
    mod = tmp_path / "named"
    write(mod, "game.yaml", "settings: {hand_size: 4}\n")
    modded = load_rules(DEFAULT_RULES_DIR, [mod])
    engine = Engine(modded, log=False)
    state = engine.new_game(seats=[s for s in modded.scenarios.scenarios[0].seats], seed=3)
    seats = [SeatRecord(faction=f, human=False) for f in modded.scenarios.scenarios[0].seats]
    save = make_save(engine, state, seats)
    data = json.loads(json.dumps(save.to_json()))
    assert data["rules"]["mods"] == [{"name": "named", "digest": modded.mods[0].digest}]
    again = parse_save(data)
    assert again.rules_mods == save.rules_mods
    restore(engine, again)  # the same rules and mods: loads
    with pytest.raises(SaveError, match="mods named; the rules loaded now have no mods"):
        restore(Engine(load_rules(), log=False), again)


def test_cli_validate_with_a_mod(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mod = tmp_path / "usa"
    write(mod, "game.yaml", USA_FACTION)
    write(mod, "cards/usa.yaml", USA_DECK)
    assert main(["validate", "--mod", str(mod), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["valid"] and out["mods"][0]["name"] == "usa"
    write(mod, "cards/usa.yaml", USA_DECK.replace("sphere: political\n", "sphere: politcal\n"))
    assert main(["validate", "--mod", str(mod)]) == 1
    text = capsys.readouterr().out
    assert "usa/cards/usa.yaml:7:13: error: cards[0].sphere: unknown sphere 'politcal'" in text
    assert "    sphere: politcal\n" in text and "            ^" in text


def test_an_item_without_an_id_is_added_not_a_whole_list_replaced() -> None:
    merged = merge_data({"cards": [{"id": "a"}, {"id": "b"}]}, {"cards": [{"Id": "c"}]})
    assert merged == {"cards": [{"id": "a"}, {"id": "b"}, {"Id": "c"}]}


def test_mod_schemas_agree_with_validate(tmp_path: Path) -> None:
    import jsonschema

    from chessboard.rules.schema import all_schemas
    from chessboard.rules.yamlio import load_yaml_file

    mod = tmp_path / "mod"
    files = {
        "game.yaml": ("mod-game", "settings: {hand_size: 4}\n" + USA_FACTION),
        "cards/usa.yaml": ("mod-deck", USA_DECK),
        "cards/russia.yaml": ("mod-deck", "remove: [greater_eurasia]\n"),
    }
    for rel, (_, text) in files.items():
        write(mod, rel, text)
    modded = load_rules(DEFAULT_RULES_DIR, [mod])
    assert modded.game.settings.hand_size == 4
    # what `chessboard schema --mod DIR --out schema/` writes: ids of the rules with the mod,
    # and what may be removed from the rules without it
    schemas = all_schemas(modded, load_rules())
    for rel, (schema, _) in files.items():
        validator = jsonschema.Draft202012Validator(schemas[f"{schema}.schema.json"])
        assert not list(validator.iter_errors(load_yaml_file(mod / rel).data)), rel
    # an id that is not there: both refuse it
    write(mod, "cards/russia.yaml", "remove: [greater_eurasa]\n")
    with pytest.raises(RulesError):
        load_rules(DEFAULT_RULES_DIR, [mod])
    validator = jsonschema.Draft202012Validator(schemas["mod-deck.schema.json"])
    assert list(validator.iter_errors(load_yaml_file(mod / "cards/russia.yaml").data))
    # the base schema does not take `remove`: only a mod may
    validator = jsonschema.Draft202012Validator(schemas["deck.schema.json"])
    assert list(validator.iter_errors({"deck": "x", "cards": [], "remove": []}))


def test_remove_in_a_new_deck_has_nothing_to_remove(tmp_path: Path) -> None:
    mod = tmp_path / "mod"
    write(mod, "cards/usa.yaml", "remove: [x_card]\n" + USA_DECK)
    with pytest.raises(RulesError) as info:
        load_rules(DEFAULT_RULES_DIR, [mod])
    assert [(d.file, d.message) for d in info.value.diagnostics] == [
        ("mod/cards/usa.yaml", "nothing to remove: no item with id 'x_card' in this file")]
