"""JSON Schemas of the rules files, generated from the same models that validate them.

Editors with a YAML language server use them for completion and inline errors, e.g. the line
``# yaml-language-server: $schema=../schema/deck.schema.json`` at the top of a deck file.

The schema and ``validate`` give the same verdict on the shape of a file (the models are strict,
so ``own_country: yes`` is refused by both; a test runs an independent validator to keep it so).
Given the loaded rules (``chessboard schema --rules DIR``), every field that names an id of
another table (a power, country, sphere, track, organisation, faction, era, section, deck or
flag) lists the ids of those rules, with their names, so an editor completes them and flags
``power: rusia``. The ids of existing cards, events and actions are offered as examples (for a
mod that replaces one). Titles are words, never the models' class names.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from chessboard.rules import expressions as ex
from chessboard.rules.loader import OPTIONAL_FILES, TABLE_FILES
from chessboard.rules.models import StrategyDeck

if TYPE_CHECKING:
    from chessboard.rules.loader import Rules

DRAFT = "https://json-schema.org/draft/2020-12/schema"

# id kind -> (id, description) pairs; built from loaded rules by :func:`rules_ids`.
Ids = dict[str, list[tuple[str, str]]]


def _file_models() -> dict[str, type[BaseModel]]:
    models = {name.removeprefix("cards/").removesuffix(".yaml"): model
              for name, model in {**TABLE_FILES, **OPTIONAL_FILES}.items()}
    models["deck"] = StrategyDeck
    return models


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _kind_names() -> dict[str, str]:
    """Class name -> readable name of every effect, condition and quantity kind."""
    names = {}
    for union, word in ((ex.Effect, "effect"), (ex.Condition, "condition"),
                        (ex.Quantity, "quantity")):
        for model in ex.members_of(union):
            names[model.__name__] = f"{word}_{ex.kind_of_model(model)}"
    return names


def _def_names(defs: dict[str, Any]) -> dict[str, str]:
    """New ``$defs`` keys: words, not class names (``effect_influence``, ``strategy_card``)."""
    kinds = _kind_names()
    out = {}
    for name in defs:
        new = kinds.get(name)
        if new is None:
            base = name.removesuffix("Args")
            new = _snake(base) + ("_arguments" if base != name else "")
        out[name] = new
    return out


def _title(new_name: str, schema: dict[str, Any]) -> str:
    title = schema.get("title")
    if isinstance(title, str) and ":" in title:  # already readable: "effect: influence"
        return title
    return new_name.replace("_", " ")


def _walk(node: Any, visit: Callable[[dict[str, Any]], None]) -> None:
    if isinstance(node, dict):
        visit(node)
        for value in list(node.values()):
            _walk(value, visit)
    elif isinstance(node, list):
        for value in node:
            _walk(value, visit)


def _finish(schema: dict[str, Any], ids: Ids | None) -> dict[str, Any]:
    """Readable ``$defs`` names and titles; ids enumerated (with ``ids``) or annotations
    dropped; dictionaries keyed by ids closed, as ``validate`` closes them."""
    defs = schema.get("$defs", {})
    renames = _def_names(defs)
    schema["$defs"] = {renames[name]: value for name, value in defs.items()}
    for name, value in schema["$defs"].items():
        value["title"] = _title(name, value)

    def visit(node: dict[str, Any]) -> None:
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            old = ref.removeprefix("#/$defs/")
            node["$ref"] = "#/$defs/" + renames.get(old, old)
        if "patternProperties" in node:
            # keys are ids: a key that is not one is an error for validate too
            node.setdefault("additionalProperties", False)
            names = node.get("propertyNames", {})
            kind = names.pop(ex.IDS_KEY, None)
            names.pop(ex.WORDS_KEY, None)
            if not names:
                node.pop("propertyNames", None)
            if ids is not None and kind in ids:
                value = next(iter(node["patternProperties"].values()))
                node["properties"] = {i: {**value, "description": d} for i, d in ids[kind]}
        kind = node.pop(ex.IDS_KEY, None)
        words = node.pop(ex.WORDS_KEY, None)
        if kind is not None and ids is not None and kind in ids:
            choices = [(word, _WORDS.get(word, word)) for word in words or ()] + ids[kind]
            if kind == "faction" and "powers" in (words or ()):  # a faction list: `except ID`
                choices += [(ex.EXCEPT + i, f"leave out: {d}") for i, d in ids[kind]]
            node.pop("pattern", None)
            node.pop("maxLength", None)
            node["enum"] = [value for value, _ in choices]
            # VS Code and yaml-language-server show these beside each completion
            node["markdownEnumDescriptions"] = [text for _, text in choices]
            node["enumDescriptions"] = [text for _, text in choices]

    _walk(schema, visit)
    if ids is not None:
        for def_name, kind in (("strategy_card", "card"), ("event_card", "event"),
                               ("action_def", "action")):
            card = schema["$defs"].get(def_name)
            if card is not None and kind in ids:
                id_field = card["properties"]["id"]
                id_field["examples"] = [value for value, _ in ids[kind]]
                id_field["description"] = (
                    f"{id_field.get('description', '')}; a mod item with the id of an existing "
                    f"{kind} replaces it (the examples list them)")
    return schema


_WORDS = {
    "self": "`self`: the acting faction",
    "target": "`target`: what the action, card or rule is aimed at",
    "own": "`own`: the acting state's own country",
    "all": "`all`: repeat for every one",
    "powers": "`powers`: every outside power",
    "states": "`states`: every Central Asian state",
}


def rules_ids(rules: Rules) -> Ids:
    """The ids a rules file may name, with a description of each, from loaded rules."""
    from chessboard.rules.crossref import walk

    def named(name: str, text: str) -> str:
        text = " ".join(text.split())
        return f"{name}: {text}" if text else name

    game = rules.game
    flags: dict[str, str] = {}
    for scenario in rules.scenarios.scenarios:
        for flag in scenario.flags:
            flags.setdefault(flag, f"set by the scenario {scenario.name}")
    for table in (rules.events, rules.phases, rules.actions, *rules.decks.values()):
        for _, value in walk(table):
            if isinstance(value, ex.FlagArgs) and value.value:
                flags.setdefault(value.id, "set by an effect")
    return {
        "power": [(f.id, named(f.name, f.description)) for f in game.factions
                  if f.kind == "power"],
        "faction": [(f.id, named(f.name, f.description)) for f in game.factions],
        "country": [(c.id, named(c.name, c.description)) for c in rules.countries.countries],
        "sphere": [(s.id, named(s.name, s.description)) for s in game.spheres],
        "track": [(t.id, named(t.name, f"{t.min}..{t.max}. {t.description}"))
                  for t in game.tracks],
        "era": [(e.id, f"{e.name}: from round {e.from_round}") for e in game.eras],
        "organisation": [(o.id, named(o.name, o.description))
                         for o in rules.organisations.organisations],
        "section": [(s.id, s.title) for s in rules.sources.sections],
        "deck": [(deck, f"strategy deck {deck}") for deck in rules.decks],
        "flag": sorted(flags.items()),
        "card": [(c.id, named(c.name, c.text)) for c in rules.all_cards()],
        "event": [(e.id, named(e.name, e.text)) for e in rules.events.events],
        "inject": [(i.id, named(i.name, i.text)) for i in rules.injects.injects],
        "action": [(a.id, named(a.name, a.text)) for a in rules.actions.actions],
    }


def _item_ids(rules: Rules) -> dict[str, list[tuple[str, str]]]:
    """Per kind of rules file, the ids of its items (what a mod's ``remove:`` may name)."""
    game, phases = rules.game, rules.phases
    rule_tables = ("income", "reactions", "auto_government", "scoring", "end_conditions")
    return {
        "game": [(x.id, f"{kind} {x.name}") for kind, items in (
            ("sphere", game.spheres), ("track", game.tracks), ("era", game.eras),
            ("faction", game.factions)) for x in items],
        "sources": [(x.id, x.title) for x in rules.sources.sections],
        "countries": [(x.id, x.name) for x in rules.countries.countries],
        "organisations": [(x.id, x.name) for x in rules.organisations.organisations],
        "actions": [(x.id, f"{x.name}: {x.text}") for x in rules.actions.actions],
        "phases": [(x.id, f"{table} rule {x.name}") for table in rule_tables
                   for x in getattr(phases, table)],
        "scenarios": [(x.id, x.name) for x in rules.scenarios.scenarios],
        "events": [(x.id, f"{x.name}: {x.text}") for x in rules.events.events],
        "injects": [(x.id, f"{x.name}: {x.text}") for x in rules.injects.injects],
        "deck": [(x.id, f"{x.name}: {x.text}") for x in rules.all_cards()],
    }


def mod_schema_of(file_schema: dict[str, Any], name: str,
                  ids: list[tuple[str, str]]) -> dict[str, Any]:
    """The schema of a mod's version of a rules file: every top-level key optional, mappings
    (``settings``) merged key by key so none of their keys is required either, and
    ``remove:`` listing the ids the mod may remove, with what each is."""
    schema = copy.deepcopy(file_schema)
    schema.pop("required", None)
    schema["title"] = f"Chessboard mod: {name}"
    defs = schema.get("$defs", {})
    for key, prop in list(schema.get("properties", {}).items()):
        prop.pop("minItems", None)  # a mod's list is merged into the rules' list
        ref = prop.get("$ref", "").removeprefix("#/$defs/")
        target = defs.get(ref)
        if target is not None and target.get("type") == "object":
            inlined = copy.deepcopy(target)
            inlined.pop("required", None)
            schema["properties"][key] = {**inlined, "description": prop.get(
                "description", f"merged key by key into the rules' {key}")}
    texts = [" ".join(text.split()) for _, text in ids]
    schema["properties"]["remove"] = {
        "type": "array",
        "description": "ids of items to remove from the rules' file before this mod's items "
                       "are added, e.g. `[" + ", ".join(i for i, _ in ids[:2]) + "]`",
        "items": {"enum": [i for i, _ in ids], "markdownEnumDescriptions": texts,
                  "enumDescriptions": texts},
    }
    return schema


def schema_of(model: type[BaseModel], title: str, rules: Rules | None = None) -> dict[str, Any]:
    schema = model.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = DRAFT
    schema["title"] = title
    return _finish(schema, rules_ids(rules) if rules is not None else None)


def all_schemas(rules: Rules | None = None, base: Rules | None = None
                ) -> dict[str, dict[str, Any]]:
    """One schema per kind of rules file, keyed by the file name to write it to; with
    ``rules``, the ids of those rules are listed for completion, and ``mod-<kind>`` schemas
    describe the files of a mod laid over them. When ``rules`` already has mods laid over it,
    ``base`` (the rules without them) says what a mod's ``remove:`` may name."""
    out = {f"{name}.schema.json": schema_of(model, f"Chessboard rules: {name}", rules)
           for name, model in _file_models().items()}
    if rules is not None:
        ids = _item_ids(base or rules)
        for name in _file_models():
            out[f"mod-{name}.schema.json"] = mod_schema_of(out[f"{name}.schema.json"], name,
                                                           ids[name])
    return out


def combined_schema(rules: Rules | None = None) -> dict[str, Any]:
    """One schema accepting any rules file (each kind as a ``$defs`` entry)."""
    defs: dict[str, Any] = {}
    refs = []
    for name, model in _file_models().items():
        schema = model.model_json_schema(by_alias=True, ref_template="#/$defs/{model}")
        defs.update(schema.pop("$defs", {}))
        defs[f"{name}_file"] = schema
        refs.append({"$ref": f"#/$defs/{name}_file"})
    combined = {"$schema": DRAFT, "title": "Chessboard rules file", "anyOf": refs, "$defs": defs}
    return _finish(combined, rules_ids(rules) if rules is not None else None)
