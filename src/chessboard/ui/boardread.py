"""What the board screen asks the game: names and numbers by index, read through the engine.

The board lays itself out in rows and columns (country ``c``, sphere ``s``, power ``p``, in the
rules' order), so it asks by index; this reader is the one place that turns those questions
into calls on the engine, and holds no rules of its own. It never imports pygame.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chessboard.engine.game import Engine
    from chessboard.engine.state import GameState
    from chessboard.rules.loader import Rules
    from chessboard.rules.models import EventCard


@dataclass(frozen=True, slots=True)
class Legend:
    """The board's fixed vocabulary, in the rules' order (what the painter labels and colours)."""

    country_ids: tuple[str, ...]
    country_names: tuple[str, ...]
    sphere_ids: tuple[str, ...]
    power_ids: tuple[str, ...]
    power_names: tuple[str, ...]
    power_colours: tuple[str, ...]  # "#rrggbb"
    power_letters: tuple[str, ...]
    faction_ids: tuple[str, ...]
    faction_names: tuple[str, ...]
    faction_colours: tuple[str, ...]
    faction_letters: tuple[str, ...]
    org_names: tuple[str, ...]  # short names, as on the panels
    track_names: tuple[str, ...]
    country_faction: tuple[int, ...]  # the faction governing each country, or -1

    @classmethod
    def of(cls, rules: Rules) -> Legend:
        game = rules.game
        factions = {f.id: f for f in game.factions}
        countries = rules.countries.countries
        powers = [f for f in game.factions if f.kind == "power"]
        by_country = {f.country: i for i, f in enumerate(game.factions) if f.country}
        return cls(
            country_ids=tuple(c.id for c in countries),
            country_names=tuple(c.name for c in countries),
            sphere_ids=tuple(s.id for s in game.spheres),
            power_ids=tuple(f.id for f in powers),
            power_names=tuple(f.name for f in powers),
            power_colours=tuple(factions[f.id].colour for f in powers),
            power_letters=tuple(factions[f.id].letter for f in powers),
            faction_ids=tuple(f.id for f in game.factions),
            faction_names=tuple(f.name for f in game.factions),
            faction_colours=tuple(f.colour for f in game.factions),
            faction_letters=tuple(f.letter for f in game.factions),
            org_names=tuple(o.short for o in rules.organisations.organisations),
            track_names=tuple(t.name for t in game.tracks),
            country_faction=tuple(by_country.get(c.id, -1) for c in countries),
        )

    @property
    def C(self) -> int:
        return len(self.country_ids)

    @property
    def S(self) -> int:
        return len(self.sphere_ids)

    @property
    def P(self) -> int:
        return len(self.power_ids)


class BoardReader:
    """The game's numbers for the board, by index, from a state or a seat's view.

    Every answer comes from the engine's public read API, asked by id (see
    ``docs/engine-api.md``); this class only turns the board's row and column numbers into
    those ids and the answers back into indexes.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.rules = engine.rules
        self.legend = Legend.of(engine.rules)
        lg = self.legend
        self.country_index = {cid: i for i, cid in enumerate(lg.country_ids)}
        self.sphere_index = {sid: i for i, sid in enumerate(lg.sphere_ids)}
        self.power_index = {pid: i for i, pid in enumerate(lg.power_ids)}
        self.faction_index = {fid: i for i, fid in enumerate(lg.faction_ids)}
        self.track_ids = tuple(t.id for t in engine.rules.game.tracks)
        self.org_ids = tuple(o.id for o in engine.rules.organisations.organisations)

    # the fixed numbers of the rules -------------------------------------------------------

    def resilience(self, c: int, s: int) -> int:
        return self.rules.countries.countries[c].resilience[self.legend.sphere_ids[s]]

    @property
    def opinion_range(self) -> int:
        return self.rules.game.settings.opinion_range

    @property
    def action_rounds(self) -> int:
        return self.rules.game.settings.action_rounds

    def faction_power(self, faction: str) -> int:
        """The power index a faction plays, or -1 (a Central Asian state)."""
        return self.power_index.get(faction, -1)

    def card_id(self, card: int) -> str:
        """The id of a card as the session numbers a hand (``GameSession.hand_numbers``)."""
        return self.engine.card_ids[card]

    def _power(self, power: str | None) -> int:
        return -1 if power is None else self.power_index[power]

    # the game's numbers -------------------------------------------------------------------

    def influence(self, st: GameState, c: int, s: int, p: int) -> int:
        lg = self.legend
        return self.engine.influence(st, lg.country_ids[c], lg.sphere_ids[s], lg.power_ids[p])

    def controller(self, st: GameState, c: int, s: int) -> int:
        """The power controlling a country's sphere, or -1."""
        lg = self.legend
        return self._power(self.engine.controller(st, lg.country_ids[c], lg.sphere_ids[s]))

    def dominator(self, st: GameState, c: int) -> int:
        """The power dominating a country, or -1."""
        return self._power(self.engine.dominated_by(st, self.legend.country_ids[c]))

    def opinion(self, st: GameState, c: int, p: int) -> int:
        return self.engine.opinion(st, self.legend.country_ids[c], self.legend.power_ids[p])

    def stance(self, st: GameState, c: int, p: int) -> int:
        return self.engine.stance(st, self.legend.country_ids[c], self.legend.power_ids[p])

    def member(self, st: GameState, org: int, c: int) -> bool:
        return self.engine.is_member(st, self.org_ids[org], self.legend.country_ids[c])

    def agency(self, st: GameState, c: int) -> int:
        return self.engine.agency(st, self.legend.country_ids[c])

    def track(self, st: GameState, k: int) -> int:
        return self.engine.track(st, self.track_ids[k])

    def vp(self, st: GameState, f: int) -> int:
        return self.engine.vp(st, self.legend.faction_ids[f])

    def ip(self, st: GameState, f: int) -> int:
        return self.engine.ip(st, self.legend.faction_ids[f])

    def hand_size(self, st: GameState, f: int) -> int:
        return len(self.engine.hand(st, self.legend.faction_ids[f]))

    def seated(self, st: GameState) -> list[int]:
        """The seated factions' indexes, in seat order."""
        return [self.faction_index[f] for f in self.engine.seated(st)]

    def turn_order(self, st: GameState) -> list[int]:
        """This action round's initiative order (indexes; empty between rounds)."""
        return [self.faction_index[f] for f in self.engine.turn_order(st)]

    def current(self, st: GameState) -> int:
        """The faction to act (index), or -1 when the game is over."""
        faction = self.engine.current_faction(st)
        return -1 if faction is None else self.faction_index[faction]

    def news(self, st: GameState) -> EventCard | None:
        """This round's news event, or None."""
        event = self.engine.news(st)
        return None if event is None else self.rules.event(event)
