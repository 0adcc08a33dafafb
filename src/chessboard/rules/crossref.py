"""The cross-reference pass: ids that point at other tables, duplicates, ranges across files.

Runs on whatever tables validated, so one run reports as much as it can. Every problem becomes a
:class:`Diagnostic` with the file, line and column of the offending value and, for a misspelt
id, the nearest valid ids.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel

from chessboard.rules import expressions as ex
from chessboard.rules import models as m
from chessboard.rules.diagnostics import Diagnostic, did_you_mean
from chessboard.rules.yamlio import LoadedYaml

Path_ = tuple[str | int, ...]

# Arguments whose country (and sphere) may be `all`: the engine repeats them over each one.
REPEATING = (ex.InfluenceChange, ex.PowerCountryChange, ex.CountryChange, ex.ControlledArgs,
             ex.InfluenceArgs)

PHASE_STEPS = ("news", "income", "draw", "actions", "reactions", "auto_government", "scoring")
FACTION_GROUPS = ("powers", "states", "all")

# What `target` can name where a card, action or rule runs: its target kind (or a phase rule's
# for_each) binds some of country, sphere and power; an unbound one would read index -1 and
# silently hit the last country, sphere or power.
TARGET_BINDS: dict[str, frozenset[str]] = {
    "none": frozenset(),
    "country": frozenset({"country"}),
    "country_sphere": frozenset({"country", "sphere"}),
    "country_sphere_power": frozenset({"country", "sphere", "power"}),
    "country_power": frozenset({"country", "power"}),
    "power": frozenset({"power"}),
    # phase rules' for_each
    "once": frozenset(),
    "faction": frozenset(),
}
# reference fields of the expression models and what their `target` needs bound
# (a faction's `target` falls back to the acting faction, so it is always safe)
TARGET_FIELDS = {"country": "country", "agency": "country", "played": "country",
                 "sphere": "sphere", "power": "power", "dominated": "power"}


def walk(obj: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    """Yield ``(path, value)`` for every model and scalar inside ``obj``, with YAML keys."""
    yield path, obj
    if isinstance(obj, BaseModel):
        for name, info in type(obj).model_fields.items():
            value = getattr(obj, name)
            if value is None:
                continue
            yield from walk(value, (*path, info.alias or name))
    elif isinstance(obj, list | tuple):
        for index, item in enumerate(obj):
            yield from walk(item, (*path, index))
    elif isinstance(obj, dict):
        for key, item in obj.items():
            yield from walk(item, (*path, key))


class _Checker:
    def __init__(
        self,
        models: dict[str, BaseModel],
        loaded: dict[str, LoadedYaml],
        attempted: list[str],
    ) -> None:
        self.models = models
        self.loaded = loaded
        self.out: list[Diagnostic] = []
        game = models.get("game.yaml")
        countries = models.get("countries.yaml")
        orgs = models.get("organisations.yaml")
        sources = models.get("sources.yaml")
        self.spheres = [s.id for s in game.spheres] if isinstance(game, m.GameFile) else None
        self.tracks = [t.id for t in game.tracks] if isinstance(game, m.GameFile) else None
        self.eras = [e.id for e in game.eras] if isinstance(game, m.GameFile) else None
        self.factions = [f.id for f in game.factions] if isinstance(game, m.GameFile) else None
        self.powers = (
            [f.id for f in game.factions if f.kind == m.FactionKind.power]
            if isinstance(game, m.GameFile)
            else None
        )
        self.countries = (
            [c.id for c in countries.countries] if isinstance(countries, m.CountriesFile) else None
        )
        self.orgs = (
            [o.id for o in orgs.organisations] if isinstance(orgs, m.OrganisationsFile) else None
        )
        self.sections = (
            [s.id for s in sources.sections] if isinstance(sources, m.SourcesFile) else None
        )
        self.decks = [
            d.deck for rel, d in models.items() if isinstance(d, m.StrategyDeck)
        ]
        events = models.get("cards/events.yaml")
        self.events = [e.id for e in events.events] if isinstance(events, m.EventsFile) \
            else None
        injects = models.get("injects.yaml")
        self.injects = [i.id for i in injects.injects] if isinstance(injects, m.InjectsFile) \
            else [] if "injects.yaml" not in attempted else None
        self.flags_set: set[str] = set()
        # A deck file that failed to load would make every faction using it look wrong.
        self.decks_complete = bool(self.decks) and all(
            rel in models for rel in attempted if rel.startswith("cards/")
        )

    def error(self, rel: str, path: Path_, message: str, hint: str | None = None) -> None:
        doc = self.loaded.get(rel)
        if doc is None:
            self.out.append(Diagnostic(rel, 1, 1, path, message, hint))
            return
        line, column = doc.position(path)
        self.out.append(Diagnostic(doc.file, line, column, path, message, hint))

    def ref(
        self,
        rel: str,
        path: Path_,
        value: str,
        known: list[str] | None,
        what: str,
        extra: Iterable[str] = (),
    ) -> None:
        if known is None:
            return
        allowed = [*known, *extra]
        if extra == FACTION_GROUPS and value.startswith(ex.EXCEPT):
            value, allowed = value[len(ex.EXCEPT):], list(known)  # `except ID`: a faction
        if value not in allowed:
            self.error(rel, path, f"unknown {what} {value!r}", did_you_mean(value, allowed))

    def duplicates(self, rel: str, path: Path_, items: list[Any], what: str) -> None:
        seen: dict[str, int] = {}
        for index, item in enumerate(items):
            if item.id in seen:
                first = self.loaded[rel].position((*path, seen[item.id], "id"))[0]
                self.error(
                    rel, (*path, index, "id"), f"duplicate {what} id {item.id!r}",
                    f"first defined at line {first}",
                )
            else:
                seen[item.id] = index

    # ----------------------------------------------------------------------------------------

    def run(self) -> list[Diagnostic]:
        # One walk of every document; flags are collected first because a condition may
        # test a flag that a later file sets.
        nodes = [(rel, path, value) for rel, model in self.models.items()
                 for path, value in walk(model)]
        for _, _, value in nodes:
            if isinstance(value, ex.FlagArgs) and value.value:
                self.flags_set.add(value.id)
            if isinstance(value, m.Scenario):
                self.flags_set.update(value.flags)
        self.check_game()
        self.check_encoding_limits()
        self.check_countries()
        self.check_tables()
        for rel, path, value in nodes:
            self.check_node(rel, path, value)
            self.check_bindings(rel, path, value)
        return self.out

    def check_bindings(self, rel: str, path: Path_, value: Any) -> None:
        """`target` where nothing binds it: a card with `target: none` whose effect takes its
        default `country: target`, a rule repeated over countries that names a target power."""
        if isinstance(value, m.Targeted):
            bound, why = TARGET_BINDS[str(value.target)], f"target is {value.target}"
            parts = ("where", "effects")
        elif isinstance(value, m.PhaseRule):
            each = str(value.for_each)
            bound = TARGET_BINDS.get(each) or frozenset(each.split("_"))
            why, parts = f"the rule repeats for_each {each}", ("when", "effects")
        elif isinstance(value, m.EventCard):
            bound, why, parts = frozenset(), "news has no target", ("when", "effects")
        elif isinstance(value, m.EndCondition):
            bound, why, parts = frozenset(), "end conditions have no target", ("when",)
        elif isinstance(value, m.Scenario):
            bound, why, parts = frozenset(), "a scenario's set-up has no target", ("setup",)
        else:
            return
        for name in parts:
            part = getattr(value, name)
            if part is not None:
                self._unbound(rel, (*path, name), part, bound, why)

    def _unbound(self, rel: str, path: Path_, value: Any, bound: frozenset[str],
                 why: str) -> None:
        if isinstance(value, ex.EachCountryArgs):
            bound = bound | {"country"}  # its `do` and `where` run once per country
        if isinstance(value, ex.Strict):
            fields = type(value).model_fields
            for name, needs in TARGET_FIELDS.items():
                if name in fields and getattr(value, name) == "target" and needs not in bound:
                    self.error(rel, (*path, name), f"'target' names no {needs} here: {why}",
                               f"name the {needs}, or give the item a target that includes a "
                               f"{needs}")
            if isinstance(value, ex.TargetArgs):
                for name, needs in (("countries", "country"), ("spheres", "sphere"),
                                    ("powers", "power")):
                    if getattr(value, name) and needs not in bound:
                        self.error(rel, (*path, name), f"'target' names no {needs} here, so "
                                   f"there is none to test: {why}")
        if isinstance(value, BaseModel):
            for name, info in type(value).model_fields.items():
                child = getattr(value, name)
                if child is not None and not isinstance(child, str | int | float | bool):
                    self._unbound(rel, (*path, info.alias or name), child, bound, why)
        elif isinstance(value, list | tuple):
            for index, item in enumerate(value):
                self._unbound(rel, (*path, index), item, bound, why)
        elif isinstance(value, dict):
            for key, item in value.items():
                self._unbound(rel, (*path, key), item, bound, why)

    def check_game(self) -> None:
        game = self.models.get("game.yaml")
        if not isinstance(game, m.GameFile):
            return
        rel = "game.yaml"
        self.duplicates(rel, ("spheres",), game.spheres, "sphere")
        self.duplicates(rel, ("tracks",), game.tracks, "track")
        self.duplicates(rel, ("eras",), game.eras, "era")
        self.duplicates(rel, ("factions",), game.factions, "faction")
        for i, track in enumerate(game.tracks):
            if not track.min <= track.start <= track.max:
                self.error(rel, ("tracks", i, "start"),
                           f"start {track.start} is outside {track.min}..{track.max}")
        for i, step in enumerate(game.settings.round_structure):
            if step not in PHASE_STEPS:
                self.error(rel, ("settings", "round_structure", i), f"unknown phase step {step!r}",
                           did_you_mean(step, PHASE_STEPS))
        self.check_round_structure(rel, game.settings.round_structure)
        for i, track in enumerate(game.tracks):
            if track.min > track.max:
                self.error(rel, ("tracks", i, "max"), f"max {track.max} is below min {track.min}")
            if track.danger is not None and not track.min <= track.danger <= track.max:
                self.error(rel, ("tracks", i, "danger"),
                           f"danger {track.danger} is outside {track.min}..{track.max}: the "
                           "track never gets there")
        for i, faction in enumerate(game.factions):
            for name, weight in faction.bot_weights.items():
                if not math.isfinite(weight):
                    self.error(rel, ("factions", i, "bot_weights", name),
                               f"bot weight {name!r} must be a finite number, not {weight}")
        for i, fid in enumerate(game.settings.always_in_play):
            self.ref(rel, ("settings", "always_in_play", i), fid, self.factions, "faction")
        for i, faction in enumerate(game.factions):
            if faction.deck not in self.decks and self.decks_complete:
                self.error(rel, ("factions", i, "deck"), f"no strategy deck {faction.deck!r}",
                           did_you_mean(faction.deck, self.decks))
            if faction.kind == m.FactionKind.state:
                if faction.country is None:
                    self.error(rel, ("factions", i), "a state faction needs `country`")
                else:
                    self.ref(rel, ("factions", i, "country"), faction.country, self.countries,
                             "country")

    def check_encoding_limits(self) -> None:
        """The content must fit the room reserved in the stable action ids and observations."""
        game = self.models.get("game.yaml")
        if not isinstance(game, m.GameFile):
            return
        limits = game.settings.encoding
        counts: dict[str, int | None] = {
            "actions": next((len(x.actions) for x in self.models.values()
                             if isinstance(x, m.ActionsFile)), None),
            "decks": len(self.decks),
            "cards_per_deck": max((len(x.cards) for x in self.models.values()
                                   if isinstance(x, m.StrategyDeck)), default=0),
            "events": next((len(x.events) for x in self.models.values()
                            if isinstance(x, m.EventsFile)), None),
            "countries": len(self.countries) if self.countries is not None else None,
            "spheres": len(game.spheres),
            "powers": len(self.powers or ()),
            "factions": len(game.factions),
            "tracks": len(game.tracks),
            "organisations": len(self.orgs) if self.orgs is not None else None,
        }
        for name, count in counts.items():
            room = getattr(limits, name)
            if count is not None and count > room:
                self.error("game.yaml", ("settings", "encoding", name),
                           f"the rules have {count} {name.replace('_', ' ')} but "
                           f"settings.encoding.{name} leaves room for {room}",
                           "raise it (this renumbers the research environment's action ids)")

    def check_round_structure(self, rel: str, steps: list[str]) -> None:
        """The engine waits for the seats at the one `actions` step of each round."""
        path = ("settings", "round_structure")
        where = [i for i, step in enumerate(steps) if step == "actions"]
        if not where:
            self.error(rel, path, "the round has no `actions` step: nobody would ever act",
                       "add actions to round_structure")
        for i in where[1:]:
            self.error(rel, (*path, i), "`actions` is listed twice; a round has one actions "
                       "step (its action rounds come from settings.action_rounds)")

    def check_countries(self) -> None:
        countries = self.models.get("countries.yaml")
        if not isinstance(countries, m.CountriesFile):
            return
        rel = "countries.yaml"
        self.duplicates(rel, ("countries",), countries.countries, "country")
        for i, country in enumerate(countries.countries):
            base = ("countries", i)
            if self.spheres is not None:
                missing = [s for s in self.spheres if s not in country.resilience]
                # a misspelt sphere is one mistake, reported as unknown and not also as missing
                typos = [s for s in country.resilience if s not in self.spheres]
                missing = [s for s in missing if not any(did_you_mean(t, [s]) for t in typos)]
                if missing:
                    self.error(rel, (*base, "resilience"),
                               f"no resilience for {', '.join(missing)}")
            for sphere in country.resilience:
                self.ref(rel, (*base, "resilience", sphere), sphere, self.spheres, "sphere")
            for power in country.powers:
                self.ref(rel, (*base, "powers", power), power, self.powers, "power")
            for j, org in enumerate(country.members):
                self.ref(rel, (*base, "members", j), org, self.orgs, "organisation")

    def check_tables(self) -> None:
        for rel, model in self.models.items():
            if isinstance(model, m.OrganisationsFile):
                self.duplicates(rel, ("organisations",), model.organisations, "organisation")
            elif isinstance(model, m.ActionsFile):
                self.duplicates(rel, ("actions",), model.actions, "action")
            elif isinstance(model, m.EventsFile):
                self.duplicates(rel, ("events",), model.events, "event")
            elif isinstance(model, m.InjectsFile):
                self.duplicates(rel, ("injects",), model.injects, "inject")
            elif isinstance(model, m.ScenariosFile):
                self.duplicates(rel, ("scenarios",), model.scenarios, "scenario")
            elif isinstance(model, m.SourcesFile):
                self.duplicates(rel, ("sections",), model.sections, "section")
            elif isinstance(model, m.PhasesFile):
                for table in ("income", "reactions", "auto_government", "scoring",
                              "end_conditions"):
                    self.duplicates(rel, (table,), getattr(model, table), "rule")
                for i, fid in enumerate(model.tiebreak):
                    self.ref(rel, ("tiebreak", i), fid, self.factions, "faction")
        decks: dict[str, str] = {}
        for rel, model in self.models.items():
            if not isinstance(model, m.StrategyDeck):
                continue
            # The loader keys decks by id: a second file with the same id would silently
            # replace the first one's cards.
            if model.deck in decks:
                other = self.loaded[decks[model.deck]]
                self.error(rel, ("deck",), f"duplicate deck id {model.deck!r}",
                           f"first defined in {other.file} at line {other.position(('deck',))[0]}")
            else:
                decks[model.deck] = rel
        seen: dict[str, tuple[str, int]] = {}
        for rel, model in self.models.items():
            if not isinstance(model, m.StrategyDeck):
                continue
            for i, card in enumerate(model.cards):
                if card.id in seen:
                    other, index = seen[card.id]
                    line = self.loaded[other].position(("cards", index, "id"))[0]
                    self.error(rel, ("cards", i, "id"), f"duplicate card id {card.id!r}",
                               f"first defined in {self.loaded[other].file} at line {line}")
                else:
                    seen[card.id] = (rel, i)

    def check_node(self, rel: str, path: Path_, value: Any) -> None:
        if isinstance(value, m.SourceRef):
            self.ref(rel, (*path, "section"), value.section, self.sections, "source section")
        elif isinstance(value, m.Scenario):
            self.check_scenario(rel, path, value)
        elif isinstance(value, m.EventCard):
            self.ref(rel, (*path, "era"), value.era, self.eras, "era")
            self.check_no_actor(rel, path, value, "news has no acting faction")
        elif isinstance(value, m.Inject):
            self.check_no_actor(rel, path, value, "an inject has no acting faction")
        elif isinstance(value, m.ScheduledInject):
            if value.inject is not None:
                self.ref(rel, (*path, "inject"), value.inject, self.injects, "inject")
            if value.news is not None:
                self.ref(rel, (*path, "news"), value.news, self.events, "news event")
        elif isinstance(value, m.PhaseRule) and value.for_each != m.ForEach.faction:
            self.check_no_actor(rel, path, value,
                                "this rule has no acting faction (use for_each: faction)")
        elif isinstance(value, m.Targeted):
            self.check_targeted(rel, path, value)
        elif isinstance(value, m.CostModifier):
            for i, fid in enumerate(value.factions or ()):
                self.ref(rel, (*path, "factions", i), fid, self.factions, "faction",
                         FACTION_GROUPS)
            for i, sphere in enumerate(value.spheres or ()):
                self.ref(rel, (*path, "spheres", i), sphere, self.spheres, "sphere")
        elif isinstance(value, m.EndCondition):
            for i, fid in enumerate(value.losers):
                self.ref(rel, (*path, "losers", i), fid, self.factions, "faction")
            self.check_no_actor(rel, path, value, "end conditions have no acting faction")
        else:
            self.check_expression(rel, path, value)

    def check_no_actor(self, rel: str, path: Path_, item: Any, why: str) -> None:
        """`self` and `own` name the acting faction; where there is none they are mistakes."""
        for sub, value in walk(item, path):
            if not isinstance(value, ex.Strict):
                continue
            for name in ("power", "faction", "country", "dominated", "agency", "played"):
                ref = getattr(value, name, None) if name in type(value).model_fields else None
                if ref in ("self", "own"):
                    self.error(rel, (*sub, name), f"{ref!r} cannot be used here: {why}")
            if isinstance(value, ex.ActorC):
                self.error(rel, (*sub, "actor"), f"'actor' cannot be used here: {why}")

    def check_scenario(self, rel: str, path: Path_, scenario: m.Scenario) -> None:
        seen_seats: set[str] = set()
        for i, fid in enumerate(scenario.seats):
            if fid in seen_seats:
                self.error(rel, (*path, "seats", i), f"{fid!r} takes two seats")
            seen_seats.add(fid)
        self.check_no_actor(rel, (*path, "setup"), scenario.setup,
                            "a scenario's set-up has no acting faction")
        for i, fid in enumerate(scenario.seats):
            self.ref(rel, (*path, "seats", i), fid, self.factions, "faction")
        game = self.models.get("game.yaml")
        if isinstance(game, m.GameFile):
            limits = {t.id: (t.min, t.max) for t in game.tracks}
            for tid, start in scenario.tracks.items():
                self.ref(rel, (*path, "tracks", tid), tid, self.tracks, "track")
                low, high = limits.get(tid, (start, start))
                if not low <= start <= high:
                    self.error(rel, (*path, "tracks", tid), f"{start} is outside {low}..{high}")
            settings = game.settings
            if not settings.min_seats <= len(scenario.seats) <= settings.max_seats:
                self.error(rel, (*path, "seats"),
                           f"needs {settings.min_seats} to {settings.max_seats} seats")

    def check_targeted(self, rel: str, path: Path_, item: m.Targeted) -> None:
        for i, sphere in enumerate(item.spheres or ()):
            self.ref(rel, (*path, "spheres", i), sphere, self.spheres, "sphere")
        for i, country in enumerate(item.countries or ()):
            self.ref(rel, (*path, "countries", i), country, self.countries, "country")
        if isinstance(item, m.ActionDef):
            for i, fid in enumerate(item.factions):
                self.ref(rel, (*path, "factions", i), fid, self.factions, "faction",
                         FACTION_GROUPS)
        if isinstance(item, m.StrategyCard):
            self.ref(rel, (*path, "sphere"), item.sphere, self.spheres, "sphere")
        self.check_actor_kinds(rel, path, item)

    def users(self, rel: str, item: m.Targeted) -> set[m.FactionKind] | None:
        """The kinds of faction (power, state) that can take an action or hold a card."""
        game = self.models.get("game.yaml")
        if not isinstance(game, m.GameFile):
            return None
        kinds = {f.id: f.kind for f in game.factions}
        if isinstance(item, m.ActionDef):
            out: set[m.FactionKind] = set()
            for fid in item.factions:
                if fid == "all":
                    out.update(kinds.values())
                elif fid in ("powers", "states"):
                    out.add(m.FactionKind.power if fid == "powers" else m.FactionKind.state)
                elif fid in kinds:
                    out.add(kinds[fid])
            return out
        deck = self.models.get(rel)
        if isinstance(deck, m.StrategyDeck):
            return {f.kind for f in game.factions if f.deck == deck.deck}
        return None

    def check_actor_kinds(self, rel: str, path: Path_, item: m.Targeted) -> None:
        """`own` is a state's country; a power's `self` is an outside power. Using either
        for the other kind of faction would silently pick a wrong index."""
        users = self.users(rel, item)
        if not users:
            return
        if m.FactionKind.power in users and item.own_country:
            self.error(rel, (*path, "own_country"),
                       "own_country needs a state, but outside powers can use this")
        for sub, value in walk(item.effects, (*path, "effects")):
            self._actor_refs(rel, sub, value, users)
        if item.where is not None:
            for sub, value in walk(item.where, (*path, "where")):
                self._actor_refs(rel, sub, value, users)

    def _actor_refs(self, rel: str, path: Path_, value: Any, users: set[m.FactionKind]) -> None:
        if not isinstance(value, ex.Strict):
            return
        fields = type(value).model_fields
        if m.FactionKind.power in users:
            for name in ("country", "agency", "played"):
                if name in fields and getattr(value, name) == "own":
                    self.error(rel, (*path, name), "'own' is a state's own country, but "
                               "outside powers can use this")
        if m.FactionKind.state in users:
            for name in ("power", "dominated"):
                if name in fields and getattr(value, name) == "self":
                    self.error(rel, (*path, name), "'self' is not an outside power when a "
                               "Central Asian state acts: name the power (or use target)")

    def check_expression(self, rel: str, path: Path_, value: Any) -> None:
        power_refs = ("self", "target")
        # `all` only where the engine repeats over every country or sphere; elsewhere it
        # would index nothing sensible (or crash, as in a join).
        repeats = isinstance(value, REPEATING)
        country_refs = ("target", "own", "all") if repeats else ("target", "own")
        sphere_refs = ("target", "all") if repeats else ("target",)
        if isinstance(value, ex.Strict) and not repeats:
            for name in ("country", "sphere"):
                if getattr(value, name, None) == "all":
                    self.error(rel, (*path, name), "'all' cannot be used here",
                               "name one country, or use each_country")
                    return
        if isinstance(value, ex.Strict):
            for name in ("power", "country", "sphere", "org", "faction"):
                if name not in type(value).model_fields:
                    continue
                ref = getattr(value, name)
                if not isinstance(ref, str):
                    continue
                where = (*path, name)
                if name == "power":
                    self.ref(rel, where, ref, self.powers, "power", power_refs)
                elif name == "country":
                    self.ref(rel, where, ref, self.countries, "country", country_refs)
                elif name == "sphere":
                    self.ref(rel, where, ref, self.spheres, "sphere", sphere_refs)
                elif name == "org":
                    self.ref(rel, where, ref, self.orgs, "organisation")
                else:
                    self.ref(rel, where, ref, self.factions, "faction", power_refs)
        if isinstance(value, ex.TrackChange | ex.TrackRange):
            self.ref(rel, (*path, "id"), value.id, self.tracks, "track")
        elif isinstance(value, ex.TrackQ):
            self.ref(rel, (*path, "track"), value.track, self.tracks, "track")
        elif isinstance(value, ex.DominatedQ):
            self.ref(rel, (*path, "dominated"), value.dominated, self.powers, "power",
                     power_refs)
        elif isinstance(value, ex.MembersQ):
            self.ref(rel, (*path, "members"), value.members, self.orgs, "organisation")
        elif isinstance(value, ex.AgencyQ):
            self.ref(rel, (*path, "agency"), value.agency, self.countries, "country",
                     country_refs)
        elif isinstance(value, ex.PlayedC):
            self.ref(rel, (*path, "played"), value.played, self.countries, "country",
                     country_refs)
        elif isinstance(value, ex.TargetArgs):
            for name, known, what in (("countries", self.countries, "country"),
                                      ("spheres", self.spheres, "sphere"),
                                      ("powers", self.powers, "power")):
                for i, ref in enumerate(getattr(value, name) or ()):
                    self.ref(rel, (*path, name, i), ref, known, what)
        elif isinstance(value, ex.DominatedByArgs):
            for i, ref in enumerate(value.powers or ()):
                self.ref(rel, (*path, "powers", i), ref, self.powers, "power")
        elif isinstance(value, ex.ActorC):
            for i, fid in enumerate(value.actor):
                self.ref(rel, (*path, "actor", i), fid, self.factions, "faction", FACTION_GROUPS)
        elif isinstance(value, ex.FlagC) and value.flag not in self.flags_set:
            self.error(rel, (*path, "flag"),
                       f"flag {value.flag!r} is never set by any effect or scenario",
                       did_you_mean(value.flag, sorted(self.flags_set)))


def cross_check(
    models: dict[str, BaseModel], loaded: dict[str, LoadedYaml], attempted: list[str]
) -> list[Diagnostic]:
    """Check every reference between the validated tables; return the problems found.

    ``attempted`` names every rules file read, so checks can tell a missing table from one
    that failed on its own (already reported) and stay quiet about the latter.
    """
    return _Checker(models, loaded, attempted).run()
