"""The small declarative language of the rules: effects, conditions and quantities.

Every effect, condition and quantity kind is a one-key mapping in YAML, for example
``{influence: {power: self, country: target, sphere: military, amount: 1}}``. Each kind has one
argument model here and one function of the same name in the engine's registry
(``chessboard.engine.effects`` / ``conditions`` / ``quantities``); a test checks that the two
sides list the same kinds. The JSON Schema and the designer docs come from these models.

References inside arguments are strings resolved once when the rules are compiled:
``self`` (the acting faction), ``target`` (the country, sphere or power the action or rule is
bound to), ``own`` (the acting state's own country), or a literal id from the rules.
"""

from __future__ import annotations

import typing
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag


class Strict(BaseModel):
    """Base for every rules model: unknown fields are errors, instances are immutable.

    Strict types: ``own_country: yes`` or ``cost: "2"`` are mistakes, not values to guess
    at, and the JSON Schema (which has no such coercions) must give the same verdict.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


IDS_KEY = "x-chessboard-ids"
"""JSON Schema annotation: which table's ids a text field names (see rules.schema)."""
WORDS_KEY = "x-chessboard-words"
"""JSON Schema annotation: the reference words (``self``, ``target``...) also allowed."""


def ids_of(kind: str, *words: str) -> dict[str, Any]:
    """Schema annotation of a field that names an id of ``kind`` (or one of ``words``).

    The generic schema drops it; ``chessboard schema --rules DIR`` turns it into the list of
    the ids of that kind in DIR, so an editor completes them and flags a misspelt one.
    """
    return {IDS_KEY: kind, WORDS_KEY: list(words)}


PowerRef = Annotated[str, Field(
    description="`self` (the acting power), `target` or a power id, e.g. `russia`",
    json_schema_extra=ids_of("power", "self", "target"))]
CountryRef = Annotated[str, Field(
    description="`target`, `own` (a state's own country) or a country id, e.g. `kazakhstan`",
    json_schema_extra=ids_of("country", "target", "own"))]
CountryOrAllRef = Annotated[str, Field(
    description="`target`, `own`, `all` (repeat for every country) or a country id",
    json_schema_extra=ids_of("country", "target", "own", "all"))]
SphereRef = Annotated[str, Field(
    description="`target` or a sphere id, e.g. `economic`",
    json_schema_extra=ids_of("sphere", "target"))]
SphereOrAllRef = Annotated[str, Field(
    description="`target`, `all` (repeat for every sphere) or a sphere id",
    json_schema_extra=ids_of("sphere", "target", "all"))]
FactionRef = Annotated[str, Field(
    description="`self`, `target` or a faction id, e.g. `kazakhstan`",
    json_schema_extra=ids_of("faction", "self", "target"))]
TrackRef = Annotated[str, Field(description="a track id, e.g. `tension`",
                                json_schema_extra=ids_of("track"))]
OrgRef = Annotated[str, Field(description="an organisation id, e.g. `csto`",
                              json_schema_extra=ids_of("organisation"))]
FlagRef = Annotated[str, Field(description="a flag id, set by a scenario or a `flag` effect",
                               json_schema_extra=ids_of("flag"))]
CountryId = Annotated[str, Field(json_schema_extra=ids_of("country"))]
SphereId = Annotated[str, Field(json_schema_extra=ids_of("sphere"))]
PowerId = Annotated[str, Field(json_schema_extra=ids_of("power"))]
# A faction list entry that takes a faction out of the groups it names: [powers, except eu]
EXCEPT = "except "
FactionOrGroupRef = Annotated[str, Field(
    description="a faction id, the groups `powers`, `states`, `all` (every faction of that "
    "kind, so a new faction needs no edit), or `except ID` to leave one out, e.g. "
    "`[powers, except eu]`",
    json_schema_extra=ids_of("faction", "powers", "states", "all"))]


def _kind(title: str, example: Any) -> ConfigDict:
    """Config of one effect, condition or quantity kind: a readable title and an example."""
    return ConfigDict(title=title, json_schema_extra={"examples": [example]})


def _one_key(value: Any) -> str | None:
    """Discriminate a one-key mapping by its key (pydantic calls this for tagged unions)."""
    if isinstance(value, dict) and len(value) == 1:
        return str(next(iter(value)))
    if isinstance(value, BaseModel):
        fields = type(value).model_fields
        return next(iter(fields)) if len(fields) == 1 else None
    return None


# --------------------------------------------------------------------------------------------
# Quantities: numbers read off the state.


class ControlledArgs(Strict):
    power: PowerRef = Field(description="whose control is counted")
    sphere: SphereOrAllRef | None = Field(None, description="only this sphere (default: all)")
    country: CountryOrAllRef | None = Field(None, description="only this country (default: all)")


class InfluenceArgs(Strict):
    power: PowerRef = Field(description="whose influence is summed")
    sphere: SphereOrAllRef | None = Field(None, description="only this sphere (default: all)")
    country: CountryOrAllRef | None = Field(None, description="only this country (default: all)")


class PowerCountryArgs(Strict):
    power: PowerRef = Field(description="the outside power")
    country: CountryRef = Field(description="the country")


class ControlledQ(Strict):
    controlled: ControlledArgs = Field(description="number of country-spheres a power controls")

    model_config = _kind(
        "quantity: controlled",
        {"controlled": {"power": "self", "sphere": "economic"}},
    )


class DominatedQ(Strict):
    dominated: PowerRef = Field(description="number of countries a power dominates")

    model_config = _kind("quantity: dominated", {"dominated": "china"})


class TrackQ(Strict):
    track: TrackRef = Field(description="current value of a global track")

    model_config = _kind("quantity: track", {"track": "tension"})


class InfluenceQ(Strict):
    influence: InfluenceArgs = Field(description="total influence of a power")

    model_config = _kind(
        "quantity: influence",
        {"influence": {"power": "russia", "country": "target"}},
    )


class OpinionQ(Strict):
    opinion: PowerCountryArgs = Field(description="public opinion of a power in a country")

    model_config = _kind("quantity: opinion", {"opinion": {"power": "china", "country": "target"}})


class StanceQ(Strict):
    stance: PowerCountryArgs = Field(description="official stance of a country towards a power")

    model_config = _kind("quantity: stance", {"stance": {"power": "eu", "country": "own"}})


class AgencyQ(Strict):
    agency: CountryRef = Field(description="a state's agency (assertiveness)")

    model_config = _kind("quantity: agency", {"agency": "target"})


class MembersQ(Strict):
    members: OrgRef = Field(description="number of Central Asian member states of an organisation")

    model_config = _kind("quantity: members", {"members": "csto"})


class InvestorsArgs(Strict):
    country: CountryRef = Field(description="the country")
    sphere: SphereRef = Field("economic", description="the sphere looked at")
    min: int = Field(2, ge=1, description="influence a power needs to count as an investor")


class InvestorsQ(Strict):
    investors: InvestorsArgs = Field(
        description="number of outside powers with at least `min` influence in a country-sphere"
    )

    model_config = _kind("quantity: investors", {"investors": {"country": "own", "min": 2}})


class RoundQ(Strict):
    round: Literal["current", "remaining"] = Field(description="the round number or rounds left")

    model_config = _kind("quantity: round", {"round": "remaining"})


Quantity = Annotated[
    Union[
        Annotated[ControlledQ, Tag("controlled")],
        Annotated[DominatedQ, Tag("dominated")],
        Annotated[TrackQ, Tag("track")],
        Annotated[InfluenceQ, Tag("influence")],
        Annotated[OpinionQ, Tag("opinion")],
        Annotated[StanceQ, Tag("stance")],
        Annotated[AgencyQ, Tag("agency")],
        Annotated[MembersQ, Tag("members")],
        Annotated[InvestorsQ, Tag("investors")],
        Annotated[RoundQ, Tag("round")],
    ],
    Discriminator(_one_key),
]
QUANTITY_KINDS = (
    "controlled", "dominated", "track", "influence", "opinion", "stance", "agency", "members",
    "investors", "round",
)


class Scaled(Strict):
    """A quantity scaled and bounded: ``{of: {dominated: china}, times: 2, max: 4}``."""

    of: Quantity = Field(description="the quantity read off the state")
    times: int = Field(1, ge=-10, le=10, description="multiplier")
    div: int = Field(1, ge=1, le=10, description="integer divisor (rounds down), after times")
    plus: int = Field(0, ge=-20, le=20, description="added after scaling")
    min: int | None = Field(None, ge=-50, le=50, description="lower bound of the result")
    max: int | None = Field(None, ge=-50, le=50, description="upper bound of the result")


Amount = Annotated[
    Union[Annotated[int, Field(ge=-20, le=20)], Scaled],
    Field(description="a whole number, or a scaled quantity"),
]

# --------------------------------------------------------------------------------------------
# Conditions: yes/no questions about the state.


class RangeArgs(Strict):
    min: int | None = Field(None, description="at least this (inclusive)")
    max: int | None = Field(None, description="at most this (inclusive)")


class TrackRange(RangeArgs):
    id: TrackRef = Field(description="track id")


class MemberArgs(Strict):
    org: OrgRef = Field(description="organisation id")
    country: CountryRef = Field(description="the country")


class ControlsArgs(Strict):
    power: PowerRef = Field(description="the outside power")
    country: CountryRef = Field(description="the country")
    sphere: SphereRef = Field(description="the sphere")


class CompareArgs(Strict):
    left: Amount = Field(description="left-hand side")
    op: Literal["<", "<=", "==", "!=", ">=", ">"] = Field(description="comparison")
    right: Amount = Field(description="right-hand side")


class PowerCountryRange(RangeArgs):
    power: PowerRef = Field(description="the outside power")
    country: CountryRef = Field(description="the country")


class InfluenceRange(RangeArgs):
    power: PowerRef = Field(description="the outside power")
    country: CountryRef = Field(description="the country")
    sphere: SphereRef = Field(description="the sphere")


class CountrySphereArgs(Strict):
    country: CountryRef = Field("target", description="the country")
    sphere: SphereRef = Field("target", description="the sphere")


class TargetArgs(Strict):
    countries: list[CountryId] | None = Field(None, description="the bound country is one of these")
    spheres: list[SphereId] | None = Field(None, description="the bound sphere is one of these")
    powers: list[PowerId] | None = Field(None, description="the bound power is one of these")


class TrackC(Strict):
    track: TrackRange = Field(description="a track lies in a range")

    model_config = _kind("condition: track", {"track": {"id": "tension", "min": 5}})


class FlagC(Strict):
    flag: FlagRef = Field(description="a scenario or event flag is set")

    model_config = _kind("condition: flag", {"flag": "chinese_base"})


class MemberC(Strict):
    member: MemberArgs = Field(description="a country belongs to an organisation")

    model_config = _kind("condition: member", {"member": {"org": "csto", "country": "target"}})


class ControlsC(Strict):
    controls: ControlsArgs = Field(description="a power controls a country-sphere")

    model_config = _kind(
        "condition: controls",
        {"controls": {"power": "self", "country": "target", "sphere": "military"}},
    )


class DominatesC(Strict):
    dominates: PowerCountryArgs = Field(description="a power dominates a country")

    model_config = _kind(
        "condition: dominates",
        {"dominates": {"power": "china", "country": "target"}},
    )


class DominatedByArgs(Strict):
    country: CountryRef = Field(description="the country")
    powers: list[PowerId] | None = Field(
        None, description="only these powers count (default: any power, so a new power in "
        "game.yaml needs no edit here)")


class DominatedByC(Strict):
    dominated_by: DominatedByArgs = Field(
        description="some power (any power, or one of `powers`) dominates a country")

    model_config = _kind("condition: dominated_by", {"dominated_by": {"country": "target"}})


class CompareC(Strict):
    compare: CompareArgs = Field(description="compare two amounts")

    model_config = _kind(
        "condition: compare",
        {"compare": {"left": {"of": {"dominated": "china"}}, "op": ">", "right": 1}},
    )


class OpinionC(Strict):
    opinion: PowerCountryRange = Field(description="public opinion lies in a range")

    model_config = _kind(
        "condition: opinion",
        {"opinion": {"power": "self", "country": "target", "min": 1}},
    )


class StanceC(Strict):
    stance: PowerCountryRange = Field(description="official stance lies in a range")

    model_config = _kind(
        "condition: stance",
        {"stance": {"power": "russia", "country": "target", "max": -1}},
    )


class HasInfluenceC(Strict):
    has_influence: InfluenceRange = Field(description="a power's influence lies in a range")

    model_config = _kind(
        "condition: has_influence",
        {"has_influence": {"power": "self", "country": "target", "sphere": "target", "min": 1}},
    )


class RivalControlsC(Strict):
    rival_controls: CountrySphereArgs = Field(
        description="a power other than the actor's controls a country-sphere"
    )

    model_config = _kind(
        "condition: rival_controls",
        {"rival_controls": {"country": "target", "sphere": "target"}},
    )


class TargetC(Strict):
    target: TargetArgs = Field(description="the bound target is among the listed ids")

    model_config = _kind("condition: target", {"target": {"spheres": ["economic", "political"]}})


class ActorC(Strict):
    actor: list[FactionOrGroupRef] = Field(
        description="the acting faction is one of these (ids, or the groups powers / states)"
    )

    model_config = _kind("condition: actor", {"actor": ["china"]})


class PlayedC(Strict):
    played: CountryRef = Field(description="a seat plays this Central Asian state")

    model_config = _kind("condition: played", {"played": "target"})


class RoundC(Strict):
    round: RangeArgs = Field(description="the round number lies in a range")

    model_config = _kind("condition: round", {"round": {"min": 3}})


class AllC(Strict):
    all: list[Condition] = Field(description="every condition holds")

    model_config = _kind(
        "condition: all",
        {"all": [{"track": {"id": "tension", "min": 5}}, {"flag": "chinese_base"}]},
    )


class AnyC(Strict):
    any: list[Condition] = Field(description="at least one condition holds")

    model_config = _kind(
        "condition: any",
        {"any": [{"member": {"org": "csto", "country": "target"}},
                 {"member": {"org": "eaeu", "country": "target"}}]},
    )


class NotC(Strict):
    not_: Condition = Field(alias="not", description="the condition does not hold")

    model_config = _kind(
        "condition: not",
        {"not": {"controls": {"power": "russia", "country": "target", "sphere": "military"}}},
    )


Condition = Annotated[
    Union[
        Annotated[TrackC, Tag("track")],
        Annotated[FlagC, Tag("flag")],
        Annotated[MemberC, Tag("member")],
        Annotated[ControlsC, Tag("controls")],
        Annotated[DominatesC, Tag("dominates")],
        Annotated[DominatedByC, Tag("dominated_by")],
        Annotated[CompareC, Tag("compare")],
        Annotated[OpinionC, Tag("opinion")],
        Annotated[StanceC, Tag("stance")],
        Annotated[HasInfluenceC, Tag("has_influence")],
        Annotated[RivalControlsC, Tag("rival_controls")],
        Annotated[TargetC, Tag("target")],
        Annotated[ActorC, Tag("actor")],
        Annotated[PlayedC, Tag("played")],
        Annotated[RoundC, Tag("round")],
        Annotated[AllC, Tag("all")],
        Annotated[AnyC, Tag("any")],
        Annotated[NotC, Tag("not")],
    ],
    Discriminator(_one_key),
]
CONDITION_KINDS = (
    "track", "flag", "member", "controls", "dominates", "dominated_by", "compare", "opinion",
    "stance", "has_influence", "rival_controls", "target", "actor", "played", "round", "all",
    "any", "not",
)

# --------------------------------------------------------------------------------------------
# Effects: changes to the state.


class InfluenceChange(Strict):
    power: PowerRef = Field("self", description="whose influence changes")
    country: CountryOrAllRef = Field("target", description="the country (or `all`)")
    sphere: SphereOrAllRef = Field("target", description="the sphere (or `all`)")
    amount: Amount = Field(description="how much to add (negative removes)")


class TrackChange(Strict):
    id: TrackRef = Field(description="track id")
    amount: Amount = Field(description="how much to add (negative lowers)")
    cause: Literal["military", "political", "economic", "cultural", "event", "other"] | None = (
        Field(None, description="why it moves; tension statistics group by cause")
    )


class PowerCountryChange(Strict):
    power: PowerRef = Field(description="the outside power")
    country: CountryOrAllRef = Field("target", description="the country (or `all`)")
    amount: Amount = Field(description="how much to add (clamped to the scale)")


class CountryChange(Strict):
    country: CountryOrAllRef = Field("target", description="the country (or `all`)")
    amount: Amount = Field(description="how much to add")


class Membership(Strict):
    org: OrgRef = Field(description="organisation id")
    country: CountryRef = Field("target", description="the country")


class FactionChange(Strict):
    faction: FactionRef = Field("self", description="the faction")
    amount: Amount = Field(description="how much to add")


class DrawArgs(Strict):
    faction: FactionRef = Field("self", description="who draws")
    count: int = Field(1, ge=1, le=5, description="how many cards")


class IfArgs(Strict):
    when: Condition = Field(description="the condition")
    then: list[Effect] = Field(default_factory=list, description="effects when it holds")
    else_: list[Effect] = Field(
        default_factory=list, alias="else", description="effects when it does not"
    )


class ChanceArgs(Strict):
    percent: int = Field(ge=1, le=99, description="chance in percent, drawn from the game's RNG")
    then: list[Effect] = Field(default_factory=list, description="effects on success")
    else_: list[Effect] = Field(
        default_factory=list, alias="else", description="effects on failure"
    )


class EachCountryArgs(Strict):
    where: Condition | None = Field(None, description="only countries where this holds")
    do: list[Effect] = Field(description="effects, with `target` bound to each country")


class FlagArgs(Strict):
    id: str = Field(description="flag id")
    value: bool = Field(True, description="set (true) or clear (false)")


class InfluenceE(Strict):
    influence: InfluenceChange = Field(description="add or remove influence")

    model_config = _kind("effect: influence", {"influence": {"sphere": "economic", "amount": 2}})


class TrackE(Strict):
    track: TrackChange = Field(description="move a global track")

    model_config = _kind(
        "effect: track",
        {"track": {"id": "tension", "amount": 1, "cause": "military"}},
    )


class OpinionE(Strict):
    opinion: PowerCountryChange = Field(description="shift public opinion of a power")

    model_config = _kind("effect: opinion", {"opinion": {"power": "self", "amount": 1}})


class StanceE(Strict):
    stance: PowerCountryChange = Field(description="shift a government's official stance")

    model_config = _kind(
        "effect: stance",
        {"stance": {"power": "china", "country": "target", "amount": -1}},
    )


class AgencyE(Strict):
    agency: CountryChange = Field(description="change a state's agency")

    model_config = _kind("effect: agency", {"agency": {"country": "own", "amount": 1}})


class JoinE(Strict):
    join: Membership = Field(description="a country joins an organisation")

    model_config = _kind("effect: join", {"join": {"org": "eaeu"}})


class LeaveE(Strict):
    leave: Membership = Field(description="a country leaves an organisation")

    model_config = _kind("effect: leave", {"leave": {"org": "csto", "country": "target"}})


class VpE(Strict):
    vp: FactionChange = Field(description="victory points")

    model_config = _kind("effect: vp", {"vp": {"amount": 2}})


class IpE(Strict):
    ip: FactionChange = Field(description="influence points to spend")

    model_config = _kind("effect: ip", {"ip": {"faction": "self", "amount": 1}})


class DrawE(Strict):
    draw: DrawArgs = Field(description="draw strategy cards (reveals hidden information)")

    model_config = _kind("effect: draw", {"draw": {"count": 1}})


class FlagE(Strict):
    flag: FlagArgs = Field(description="set or clear a flag")

    model_config = _kind("effect: flag", {"flag": {"id": "chinese_base"}})


class IfE(Strict):
    if_: IfArgs = Field(alias="if", description="effects that depend on a condition")

    model_config = _kind(
        "effect: if",
        {"if": {"when": {"track": {"id": "tension", "min": 6}},
                "then": [{"vp": {"amount": -1}}]}},
    )


class ChanceE(Strict):
    chance: ChanceArgs = Field(description="effects that depend on a random draw")

    model_config = _kind(
        "effect: chance",
        {"chance": {"percent": 30,
                    "then": [{"track": {"id": "tension", "amount": 1, "cause": "event"}}]}},
    )


class EachCountryE(Strict):
    each_country: EachCountryArgs = Field(description="repeat effects for every country")

    model_config = _kind(
        "effect: each_country",
        {"each_country": {"where": {"member": {"org": "csto", "country": "target"}},
                          "do": [{"opinion": {"power": "russia", "amount": 1}}]}},
    )


class LogE(Strict):
    log: str = Field(description="a line for the game log")

    model_config = _kind("effect: log", {"log": "Beijing opens a new pipeline."})


Effect = Annotated[
    Union[
        Annotated[InfluenceE, Tag("influence")],
        Annotated[TrackE, Tag("track")],
        Annotated[OpinionE, Tag("opinion")],
        Annotated[StanceE, Tag("stance")],
        Annotated[AgencyE, Tag("agency")],
        Annotated[JoinE, Tag("join")],
        Annotated[LeaveE, Tag("leave")],
        Annotated[VpE, Tag("vp")],
        Annotated[IpE, Tag("ip")],
        Annotated[DrawE, Tag("draw")],
        Annotated[FlagE, Tag("flag")],
        Annotated[IfE, Tag("if")],
        Annotated[ChanceE, Tag("chance")],
        Annotated[EachCountryE, Tag("each_country")],
        Annotated[LogE, Tag("log")],
    ],
    Discriminator(_one_key),
]
EFFECT_KINDS = (
    "influence", "track", "opinion", "stance", "agency", "join", "leave", "vp", "ip", "draw",
    "flag", "if", "chance", "each_country", "log",
)

for _model in (AllC, AnyC, NotC, IfArgs, ChanceArgs, EachCountryArgs, IfE, ChanceE, EachCountryE):
    _model.model_rebuild()


def kind_of_model(model: type[BaseModel]) -> str:
    """The YAML key of a one-key expression class (``if`` for ``IfE``)."""
    name, field = next(iter(model.model_fields.items()))
    return field.alias or name


def kind_of(model: BaseModel) -> str:
    """The YAML key of a one-key expression model (``if`` for ``IfE``)."""
    return kind_of_model(type(model))


def members_of(union: Any) -> list[type[BaseModel]]:
    """The classes of a tagged union (``Effect``, ``Condition``, ``Quantity``), in order."""
    inner = typing.get_args(union)[0]
    return [typing.get_args(member)[0] for member in typing.get_args(inner)]


def args_of(model: BaseModel) -> Any:
    """The argument of a one-key expression model."""
    return getattr(model, next(iter(type(model).model_fields)))
