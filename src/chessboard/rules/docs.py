"""Designer docs in Markdown, generated from the same models that validate the rules.

``chessboard schema --markdown`` prints it; ``docs/rules-reference.md`` is its output, and a test
keeps the two in step. Types are said in the words of the YAML (``a condition``, ``a sphere
id``, ``a list of effects``), never by the models' class names.
"""

from __future__ import annotations

import re
import types
import typing
from typing import Any

from pydantic import BaseModel, Field
from pydantic.fields import FieldInfo

from chessboard.rules import expressions as ex
from chessboard.rules import models as m
from chessboard.rules.loader import OPTIONAL_FILES, TABLE_FILES
from chessboard.rules.models import StrategyDeck

# Readable names of the tables; each has a heading (and so an anchor) in the reference.
TABLE_NAMES: dict[type[BaseModel], str] = {
    m.Settings: "settings", m.Sphere: "sphere", m.Track: "track", m.Era: "era",
    m.Faction: "faction", m.Country: "country", m.CountryStart: "starting numbers",
    m.Organisation: "organisation", m.CostModifier: "cost modifier", m.Cost: "action cost",
    m.ActionDef: "action", m.StrategyCard: "strategy card", m.EventCard: "news event",
    m.PhaseRule: "phase rule", m.EndCondition: "end condition", m.Scenario: "scenario",
    m.ScheduledInject: "scheduled inject", m.Inject: "inject", m.SourceRef: "source",
    m.Section: "section", m.DebriefQuestions: "debrief questions",
    m.EncodingLimits: "encoding limits",
}
_UNIONS = ((ex.Condition, "condition", "conditions"), (ex.Effect, "effect", "effects"),
           (ex.Quantity, "quantity", "quantities"))
_SCALAR_WORDS = {str: "text", int: "whole number", float: "number", bool: "true or false"}


def _anchor(title: str) -> str:
    return re.sub(r"[^a-z0-9 -]", "", title.lower()).replace(" ", "-")


def _article(word: str) -> str:
    return ("an " if word[:1] in "aeiou" else "a ") + word


def _model_words(model: type[BaseModel]) -> str:
    name = TABLE_NAMES.get(model)
    if name is not None:
        return f"[{name}](#{_anchor(name)})"
    if model is ex.Scaled:
        return "[scaled amount](#scaled-amounts)"
    # the argument mapping of one effect, condition or quantity kind
    return "mapping (fields below)"


def _type_name(annotation: Any) -> str:
    for union, word, anchor in _UNIONS:
        # pydantic keeps a field's own annotation without its Annotated wrapper
        if annotation == union or annotation == typing.get_args(union)[0]:
            return f"[{word}](#{anchor})"
    if annotation == ex.Amount or annotation == typing.get_args(ex.Amount)[0]:
        return "whole number or [scaled amount](#scaled-amounts)"
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        inner, *meta = typing.get_args(annotation)
        for item in meta:
            extra = getattr(item, "json_schema_extra", None)
            if isinstance(extra, dict) and ex.IDS_KEY in extra:
                words = [f"`{w}`" for w in extra.get(ex.WORDS_KEY) or ()]
                return " or ".join([*words, f"{extra[ex.IDS_KEY]} id"])
        for item in meta:
            constraints = [item, *getattr(item, "metadata", ())]
            if any(getattr(c, "pattern", None) == m.ID_PATTERN for c in constraints):
                return "id"
        return _type_name(inner)
    if origin in (typing.Union, types.UnionType):
        names = [_type_name(a) for a in typing.get_args(annotation)]
        return " or ".join(n for n in names if n != "None") + (
            " (optional)" if "None" in names else ""
        )
    if origin is list:
        return f"list of {_type_name(typing.get_args(annotation)[0])}"
    if origin is dict:
        key, value = typing.get_args(annotation)
        return f"map {_type_name(key)} → {_type_name(value)}"
    if origin is typing.Literal:
        return " \\| ".join(f"`{v}`" for v in typing.get_args(annotation))
    if annotation is type(None):
        return "None"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _model_words(annotation)
    if isinstance(annotation, type) and issubclass(annotation, str) and annotation is not str:
        return " \\| ".join(f"`{v}`" for v in annotation.__members__)  # an enum of words
    return _SCALAR_WORDS.get(annotation, getattr(annotation, "__name__", str(annotation)))


def _default(info: FieldInfo) -> str:
    if info.is_required():
        return "required"
    if info.default_factory is not None:
        return "empty"
    if info.default is None:
        return "none"
    value = info.default
    if isinstance(value, bool):
        value = "true" if value else "false"
    return f"`{value}`" if value != "" else "empty"


def _field_type(info: FieldInfo) -> str:
    """A field's type in words; pydantic moves a field's own Annotated metadata onto ``info``."""
    return _type_name(typing.Annotated[info.annotation, *info.metadata,
                                       Field(json_schema_extra=info.json_schema_extra)])


def _fields_table(model: type[BaseModel]) -> list[str]:
    rows = ["| field | type | default | meaning |", "| --- | --- | --- | --- |"]
    for name, info in model.model_fields.items():
        described = (info.description or "").replace("|", "\\|").replace("\n", " ")
        rows.append(f"| `{info.alias or name}` | {_field_type(info)} | "
                    f"{_default(info)} | {described} |")
    return rows


def _yaml(value: Any) -> str:
    """A small value in YAML flow style, as designers write them in the rules."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_yaml(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_yaml(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and (not re.fullmatch(r"[A-Za-z_][\w .,'-]*", value)
                                   or value in ("true", "false", "null")):
        return '"' + value.replace('"', '\\"') + '"'
    return str(value)


def _kinds_section(title: str, union: Any, intro: str) -> list[str]:
    out = [f"## {title}", "", intro, ""]
    for member in ex.members_of(union):
        name, info = next(iter(member.model_fields.items()))
        key = info.alias or name
        out.append(f"### `{key}`")
        out.append("")
        out.append(info.description or "")
        out.append("")
        extra = member.model_config.get("json_schema_extra")
        for example in (extra or {}).get("examples", []) if isinstance(extra, dict) else []:
            out.append(f"Example: `{_yaml(example)}`")
            out.append("")
        arg = info.annotation
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            out.extend(_fields_table(arg))
        else:
            out.append(f"Argument: {_type_name(arg)}.")
        out.append("")
    return out


def _bot_weights() -> list[str]:
    """The bot's own description of its feature names, as a Markdown list."""
    from chessboard.ai import features

    doc = features.__doc__ or ""
    terms = doc.split("Feature names:", 1)[-1]
    out: list[str] = []
    for line in terms.splitlines():
        if not line.strip():
            continue
        text = line.strip().replace("``", "`")
        if line.startswith("    "):
            out[-1] += " " + text
        else:
            out.append(f"- {text}:")
    return [item.replace(": ", ": ", 1) for item in out]


CONCEPTS = """\
## How the board is scored

**Control.** A power *controls* a country-sphere (say Kazakhstan's economic sphere) when its
influence there is at least the sphere's *resilience* (`countries.yaml`, `resilience`) **and**
exceeds every other power's influence there by at least the resilience. With resilience 3,
Russia 3 and China 0 is control; Russia 4 and China 2 is not (a lead of 2). Influence runs from
0 to `settings.max_influence`.

**Dominance.** A power *dominates* a country when it controls all its spheres but one (3 of 4
with the shipped spheres; at least 1 in a game with a single sphere). The conditions
`controls`, `rival_controls`, `dominates` and the quantities `controlled` and `dominated` read
these; the scoring rules of `phases.yaml` award VP for them.

**Opinion and stance** run from `-settings.opinion_range` to `+opinion_range`: public opinion of
a power, and the government's official stance towards it. Effects are clamped to the range;
so are tracks (`min`..`max`) and agency (0..`settings.agency_max`).

## Defaults

A field not written takes the default shown in its table. The ones that matter most:

- in an effect, `power` is `self` (the acting power), `country` and `sphere` are `target` (what
  the action or card was aimed at), and `faction` is `self`;
- `target: none` means no target is chosen, so an effect must then name its country and
  sphere (`target` would have nothing to stand for);
- a card or action with no `spheres` / `countries` list may aim at every sphere / country;
- `for_each: once` runs a phase rule once; the other values repeat it and bind `target`
  (or `self` for `faction`) to each in turn;
- an amount is a whole number, or `{of: <quantity>}` with `times: 1`, `div: 1`, `plus: 0` and
  no bounds.

## References

`self` is the acting faction, `target` the country, sphere or power an action, card or rule
is bound to, `own` the acting state's own country, `all` every country (or sphere) where the
field says so. Id fields name an id of another table; `chessboard schema --rules rules
--out schema/` lists them for your editor.

## Bot weights

`factions[].bot_weights` in `game.yaml` sets what the heuristic bot values for that faction,
as `name: weight` pairs; a name not in this list is an error. The names:

"""


def reference_markdown() -> str:
    lines = [
        "# Rules reference",
        "",
        "Generated by `chessboard schema --markdown` from the models that validate the rules;",
        "do not edit by hand. The tutorial is [the designers' guide](designers-guide.md).",
        "",
        *CONCEPTS.splitlines(),
        *_bot_weights(),
        "",
        "## Files",
        "",
    ]
    files = {**TABLE_FILES, **{f"{name} (optional)": model
                                for name, model in OPTIONAL_FILES.items()},
             "cards/<deck>.yaml": StrategyDeck}
    for file_name, model in files.items():
        lines.append(f"### `{file_name}`")
        lines.append("")
        lines.extend(_fields_table(model))
        lines.append("")
    lines += ["## Tables", ""]
    for model, name in TABLE_NAMES.items():
        lines.append(f"### {name[0].upper()}{name[1:]}")
        lines.append("")
        if model.__doc__ and model.__doc__ != BaseModel.__doc__:
            lines.append(" ".join(model.__doc__.split()))
            lines.append("")
        lines.extend(_fields_table(model))
        lines.append("")
    lines += _kinds_section("Effects", ex.Effect,
                            "Each effect is a one-key mapping, e.g. "
                            "`{influence: {sphere: military, amount: 1}}`.")
    lines += _kinds_section("Conditions", ex.Condition,
                            "Each condition is a one-key mapping, e.g. "
                            "`{track: {id: tension, min: 5}}`.")
    lines += _kinds_section("Quantities", ex.Quantity,
                            "Amounts are whole numbers or `{of: <quantity>, times, div, plus, "
                            "min, max}`.")
    lines.append("## Scaled amounts")
    lines.append("")
    lines.append(" ".join((ex.Scaled.__doc__ or "").split()))
    lines.append("")
    lines.extend(_fields_table(ex.Scaled))
    lines.append("")
    return "\n".join(lines)
