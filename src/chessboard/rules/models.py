"""Typed models of the rules files: one pydantic model per table.

Field descriptions become the JSON Schema's text (``chessboard schema``) and the designer docs.
Cross-references between tables (a card naming a country, a source naming a section) are checked
after loading, in :mod:`chessboard.rules.crossref`, so that every problem is reported in one pass.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import Field, model_validator

from chessboard.rules.diagnostics import PATTERN_WORDS
from chessboard.rules.expressions import (
    Condition,
    Effect,
    FactionOrGroupRef,
    Strict,
    ids_of,
)

ID_PATTERN = r"^[a-z][a-z0-9_]*$"
ID_RULE = "lowercase letters, digits and _, starting with a letter, at most 40 characters"
COLOUR_PATTERN = r"^#[0-9a-fA-F]{6}$"
VERSION_PATTERN = r"^\d+\.\d+(\.\d+)?$"
# Messages say the rule in words; the regular expression is for machines (the JSON Schema).
PATTERN_WORDS.update({
    ID_PATTERN: f"must be an id: {ID_RULE}",
    COLOUR_PATTERN: "must be a colour written #rrggbb, e.g. #c0392b",
    VERSION_PATTERN: "must be a version number such as 1.2 or 1.2.3",
})

Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=40,
                          description=f"an id: {ID_RULE}, e.g. `gas_pipeline`")]
Colour = Annotated[str, Field(pattern=COLOUR_PATTERN, description="#rrggbb, e.g. `#c0392b`")]


def _names(kind: str) -> Any:
    """An id field naming an item of another table (``kind``); checked after loading."""
    return Field(pattern=ID_PATTERN, max_length=40, json_schema_extra=ids_of(kind))


SphereId = Annotated[str, _names("sphere")]
CountryId = Annotated[str, _names("country")]
PowerId = Annotated[str, _names("power")]
FactionId = Annotated[str, _names("faction")]
TrackId = Annotated[str, _names("track")]
OrgId = Annotated[str, _names("organisation")]
SectionId = Annotated[str, _names("section")]
EraId = Annotated[str, _names("era")]
DeckId = Annotated[str, _names("deck")]
InjectId = Annotated[str, _names("inject")]
EventId = Annotated[str, _names("event")]


class FactionKind(StrEnum):
    power = "power"
    state = "state"


class TargetKind(StrEnum):
    """What an action or card is aimed at; the UI offers exactly these targets."""

    none = "none"
    country = "country"
    country_sphere = "country_sphere"
    country_sphere_power = "country_sphere_power"
    country_power = "country_power"
    power = "power"


class ForEach(StrEnum):
    """What a phase rule repeats over; each binds `target` (or `self` for factions)."""

    once = "once"
    country = "country"
    power = "power"
    country_power = "country_power"
    country_sphere = "country_sphere"
    faction = "faction"


class SourceRef(Strict):
    """Where in the paper a rule comes from; the quote must appear in the paper word for word."""

    section: SectionId = Field(description="id of a section in sources.yaml")
    quote: str = Field(min_length=8, max_length=400, description="a short verbatim excerpt")


class DebriefQuestions(Strict):
    """Discussion questions for a section of the paper, in the order a debrief asks them."""

    what_happened: list[str] = Field(
        default_factory=list, max_length=6,
        description="questions on what happened in the game (describe before judging)")
    so_what: list[str] = Field(
        default_factory=list, max_length=6,
        description="questions tying the game to the paper's argument (why it matters)")
    now_what: list[str] = Field(
        default_factory=list, max_length=6,
        description="questions on what players, or policy makers, would do next")


class Section(Strict):
    id: Id
    title: str = Field(description="the section's heading in the paper")
    summary: str = Field("", description="what the section says, for debriefs")
    debrief: DebriefQuestions | None = Field(
        None, description="discussion questions shown in the debrief report when this section "
        "came into play (\"what happened / so what / now what\")")


class SourcesFile(Strict):
    title: str = Field(description="the paper's title")
    publisher: str = Field("", description="who published it")
    sections: list[Section] = Field(min_length=1)


class Sphere(Strict):
    id: Id
    name: str
    letter: str = Field(min_length=1, max_length=2, description="short label on the board")
    description: str = ""


class Track(Strict):
    id: Id
    name: str
    min: int = Field(0, ge=0, le=20)
    max: int = Field(ge=1, le=20)
    start: int = Field(ge=0, le=20, description="value at the start of the baseline scenario")
    danger: int | None = Field(None, ge=0, le=20, description="from here the UI warns")
    description: str = ""
    source: SourceRef | None = None


class Era(Strict):
    id: Id
    name: str
    from_round: int = Field(ge=1, le=30, description="first round whose news comes from this era")


class Faction(Strict):
    id: Id
    name: str
    kind: Annotated[FactionKind, Field(strict=False)] = Field(
        description="`power` (an outside power) or `state` (a Central Asian state)")
    letter: str = Field(min_length=1, max_length=2, description="symbol drawn beside the colour")
    colour: Colour
    deck: DeckId = Field(description="the strategy deck this faction draws from")
    country: CountryId | None = Field(
        None, description="for a state faction: the country it governs")
    base_income: int = Field(ge=0, le=20, description="influence points gained each round")
    description: str = ""
    objectives: list[str] = Field(default_factory=list, description="what it wants, for the UI")
    bot_weights: dict[str, float] = Field(
        default_factory=dict, description="priorities of the heuristic bot, by feature name"
    )
    bot_styles: dict[str, dict[str, float]] = Field(
        default_factory=dict,
        description="named styles of play: weights that replace some of `bot_weights` when a "
        "seat asks for the style (`bot:heuristic:aggressive`)",
    )
    source: SourceRef | None = None


class EncodingLimits(Strict):
    """Room reserved in the research environment's stable action ids and observation layout.

    Action ids and observation offsets are computed from these numbers, not from the content,
    so appending content within them keeps every id and offset. Raising one renumbers them:
    do it only with a new rules version.
    """

    actions: int = Field(32, ge=1, le=256, description="most entries of actions.yaml")
    decks: int = Field(6, ge=1, le=32, description="most strategy decks")
    cards_per_deck: int = Field(32, ge=1, le=256, description="most cards in one deck file")
    events: int = Field(96, ge=1, le=1024, description="most news events")
    countries: int = Field(8, ge=1, le=32)
    spheres: int = Field(5, ge=1, le=8)
    powers: int = Field(4, ge=1, le=8, description="most factions of kind power")
    factions: int = Field(12, ge=2, le=32)
    tracks: int = Field(8, ge=1, le=32)
    organisations: int = Field(8, ge=1, le=32)


class Settings(Strict):
    hand_size: int = Field(3, ge=1, le=8)
    action_rounds: int = Field(4, ge=1, le=8)
    max_influence: int = Field(8, ge=2, le=20, description="cap per power and country-sphere")
    opinion_range: int = Field(3, ge=1, le=5, description="opinion and stance run -N..N")
    agency_max: int = Field(5, ge=1, le=10)
    min_seats: int = Field(2, ge=1, le=8)
    max_seats: int = Field(8, ge=1, le=8)
    always_in_play: list[FactionId] = Field(
        default_factory=list, description="factions seated by a bot when no one takes them"
    )
    round_structure: list[Id] = Field(
        description="phase steps of a round, in order (news, income, draw, actions, reactions, "
        "scoring)"
    )
    vp_min: int = Field(
        -100, ge=-1000, le=0, description="no faction's VP go below this (a declared bound)"
    )
    vp_max: int = Field(
        1000, ge=1, le=10000, description="no faction's VP go above this (a declared bound)"
    )
    ip_max: int = Field(
        100, ge=1, le=1000, description="no faction holds more IP than this (IP are never "
        "negative)"
    )
    encoding: EncodingLimits = Field(
        default_factory=EncodingLimits,
        description="room in the research environment's action ids and observations",
    )


class GameFile(Strict):
    name: str
    version: str = Field(pattern=VERSION_PATTERN, description="e.g. `1.2`")
    tagline: str = Field("", max_length=100,
                         description="one line under the game's name on the title screen")
    description: str = ""
    settings: Settings
    spheres: list[Sphere] = Field(min_length=1, max_length=8)
    tracks: list[Track] = Field(min_length=1)
    eras: list[Era] = Field(min_length=1)
    factions: list[Faction] = Field(min_length=2)


class CountryStart(Strict):
    """Starting numbers for one outside power in one country."""

    political: int = Field(0, ge=0, le=20)
    economic: int = Field(0, ge=0, le=20)
    military: int = Field(0, ge=0, le=20)
    cultural: int = Field(0, ge=0, le=20)
    opinion: int = Field(0, ge=-5, le=5, description="public opinion of this power")
    stance: int = Field(0, ge=-5, le=5, description="the government's official stance")


class Country(Strict):
    id: Id
    name: str
    capital: str
    resilience: dict[SphereId, int] = Field(
        description="per sphere: influence needed to control it (see Control and dominance)")
    powers: dict[PowerId, CountryStart] = Field(
        description="per outside power: starting numbers")
    members: list[OrgId] = Field(
        default_factory=list, description="organisations it belongs to")
    agency: int = Field(1, ge=0, le=10, description="starting assertiveness")
    description: str = ""
    source: SourceRef | None = None


class CountriesFile(Strict):
    countries: list[Country] = Field(min_length=1)


class CostModifier(Strict):
    add: int = Field(ge=-5, le=5, description="added to the cost when the modifier applies")
    factions: list[FactionOrGroupRef] | None = Field(
        None, description="only for these factions or groups")
    tags: list[Id] | None = Field(None, description="only for actions or cards with a tag")
    spheres: list[SphereId] | None = Field(
        None, description="only when the target sphere is one of")
    when: Condition | None = Field(None, description="only when this holds")
    reason: str = Field(description="shown to the player beside the cost")


class Organisation(Strict):
    id: Id
    name: str
    short: str = Field(max_length=6, description="label on the board")
    description: str = ""
    cost_modifiers: list[CostModifier] = Field(
        default_factory=list, description="apply when the target country is a member"
    )
    source: SourceRef


class OrganisationsFile(Strict):
    organisations: list[Organisation] = Field(min_length=1)


class Cost(Strict):
    base: int = Field(ge=0, le=10, description="IP the action costs before modifiers")
    min: int = Field(0, ge=0, le=10, description="the cost never drops below this")
    modifiers: list[CostModifier] = Field(default_factory=list)


class Targeted(Strict):
    """Fields shared by actions and strategy cards: what they aim at and what they do."""

    target: Annotated[TargetKind, Field(strict=False)] = Field(
        TargetKind.none, description="what the player aims it at: `none`, `country`, "
        "`country_sphere`, `country_sphere_power`, `country_power` or `power`")
    spheres: list[SphereId] | None = Field(
        None, description="allowed target spheres (default: all)")
    countries: list[CountryId] | None = Field(
        None, description="allowed target countries (default: all)")
    own_country: bool = Field(False, description="a state may aim only at its own country")
    where: Condition | None = Field(None, description="the target must satisfy this")
    requirement: str = Field(
        "", description="the `where` condition in words, shown when a target is refused"
    )
    tags: list[Id] = Field(default_factory=list, description="for cost modifiers and statistics")
    effects: list[Effect] = Field(min_length=1)


class ActionDef(Targeted):
    id: Id
    name: str
    text: str = Field(description="rules text shown to the player")
    factions: list[FactionOrGroupRef] = Field(
        description="faction ids, or the groups powers / states / all")
    cost: Cost
    source: SourceRef | None = None


class ActionsFile(Strict):
    actions: list[ActionDef] = Field(min_length=1)


class StrategyCard(Targeted):
    id: Id
    name: str
    text: str
    cost: int = Field(ge=0, le=10)
    sphere: SphereId = Field(
        description="the sphere the card belongs to (its colour on the card)")
    copies: int = Field(1, ge=1, le=4)
    source: SourceRef


class StrategyDeck(Strict):
    deck: Id = Field(description="deck id named by factions")
    cards: list[StrategyCard] = Field(min_length=1)


class EventCard(Strict):
    id: Id
    name: str
    era: EraId
    text: str
    what_if: bool = Field(
        False,
        description="a development after the paper (it projects the trend but reports no such "
        "event): the card is labelled 'What if' wherever it is shown",
    )
    when: Condition | None = Field(None, description="if this fails the news has no effect")
    effects: list[Effect] = Field(min_length=1)
    source: SourceRef


class EventsFile(Strict):
    events: list[EventCard] = Field(min_length=1)


class Inject(Strict):
    """A card the instructor brings into play between two decisions (or a scenario schedules):
    it runs like news, with no acting faction."""

    id: Id
    name: str
    text: str = Field(description="what the class reads when the inject comes into play")
    effects: list[Effect] = Field(min_length=1)
    source: SourceRef


class InjectsFile(Strict):
    injects: list[Inject] = Field(default_factory=list)


class ScheduledInject(Strict):
    """An inject or a news event a scenario brings into play at the start of a round's
    actions (after the news and the income)."""

    round: int = Field(ge=1, le=20, description="the round it comes into play")
    inject: InjectId | None = Field(None, description="id of an inject of injects.yaml")
    news: EventId | None = Field(None, description="id of a news event of cards/events.yaml")

    @model_validator(mode="after")
    def _one_of(self) -> ScheduledInject:
        if (self.inject is None) == (self.news is None):
            raise ValueError("name exactly one of 'inject' or 'news'")
        return self


class PhaseRule(Strict):
    id: Id
    name: str
    text: str = ""
    for_each: Annotated[ForEach, Field(strict=False)] = Field(
        ForEach.once, description="repeat the rule: `once`, or for each `country`, `power`, "
        "`country_power`, `country_sphere` or `faction`")
    when: Condition | None = None
    effects: list[Effect] = Field(min_length=1)
    source: SourceRef | None = None


class EndCondition(Strict):
    id: Id
    name: str
    text: str
    when: Condition
    losers: list[FactionId] = Field(
        default_factory=list, description="factions that lose outright")
    source: SourceRef | None = None


class PhasesFile(Strict):
    income: list[PhaseRule] = Field(default_factory=list)
    reactions: list[PhaseRule] = Field(default_factory=list)
    auto_government: list[PhaseRule] = Field(
        default_factory=list, description="run for states that no seat plays"
    )
    scoring: list[PhaseRule] = Field(default_factory=list)
    end_conditions: list[EndCondition] = Field(default_factory=list)
    tiebreak: list[FactionId] = Field(
        description="faction order that breaks VP ties")


class Scenario(Strict):
    id: Id
    name: str
    description: str
    rounds: int = Field(8, ge=1, le=20)
    seats: list[FactionId] = Field(
        min_length=1, description="the default seats")
    tracks: dict[TrackId, int] = Field(
        default_factory=dict, description="start values overriding")
    flags: list[Id] = Field(default_factory=list, description="flags set at the start")
    setup: list[Effect] = Field(default_factory=list, description="effects applied at the start")
    injects: list[ScheduledInject] = Field(
        default_factory=list, description="injects or news brought into play in given rounds")
    source: SourceRef | None = None


class ScenariosFile(Strict):
    scenarios: list[Scenario] = Field(min_length=1)
