"""The game state: plain integers, lists and tuples, cheap to copy and lossless through JSON.

Ids are resolved to indexes when the rules are compiled, so the state holds only numbers. The
flat ``inf`` list holds influence at ``(country * S + sphere) * P + power``. Callers never mutate
a state: the engine copies it, changes the copy and returns it.
"""

from __future__ import annotations

from typing import Any

from chessboard.engine.actions import Action

STATE_FORMAT = 1

# Persistent lists (log lines, actions taken) are cons cells ``(previous, item)`` so that a copy
# shares the past and appending costs O(1); ``unroll`` turns one into a Python list.
Cons = tuple[Any, Any] | None


def push(cons: Cons, item: Any) -> Cons:
    return (cons, item)


def unroll(cons: Cons) -> list[Any]:
    out: list[Any] = []
    while cons is not None:
        cons, item = cons
        out.append(item)
    out.reverse()
    return out


def roll(items: list[Any]) -> Cons:
    cons: Cons = None
    for item in items:
        cons = (cons, item)
    return cons


class GameState:
    """Everything that changes during a game. Treat instances as immutable."""

    __slots__ = (
        "action_round",
        "actions",
        "agency",
        "ctrl",
        "decks",
        "discards",
        "end_reason",
        "event",
        "event_piles",
        "events_seen",
        "flags",
        "hands",
        "hidden",
        "history",
        "inf",
        "ip",
        "log",
        "losers",
        "members",
        "opinion",
        "order",
        "over",
        "rng",
        "round",
        "rounds",
        "scenario",
        "seats",
        "seed",
        "stance",
        "step",
        "tension_causes",
        "tracks",
        "turn",
        "vp",
        "vp_sources",
        "winner",
    )

    def __init__(self) -> None:
        self.scenario = ""
        self.seed = 0
        self.rounds = 0
        self.round = 0
        self.step = 0  # index into the round structure
        self.action_round = 0
        self.turn = 0  # index into ``order``
        self.seats: tuple[int, ...] = ()  # faction indexes seated in this game
        self.order: tuple[int, ...] = ()  # this round's initiative order
        self.inf: list[int] = []
        self.opinion: list[int] = []
        self.stance: list[int] = []
        self.members: list[int] = []  # per organisation: bitmask of member countries
        self.tracks: list[int] = []
        self.agency: list[int] = []
        self.vp: list[int] = []
        # VP won per faction and source (faction * len(Tables.vp_sources) + source); empty
        # until the first VP change, and in games saved before it was kept.
        self.vp_sources: tuple[int, ...] = ()
        self.ip: list[int] = []
        self.hands: list[tuple[int, ...]] = []  # per faction: card indexes
        self.decks: list[tuple[int, ...]] = []  # per deck: draw pile, top card last
        self.discards: list[tuple[int, ...]] = []
        self.event_piles: list[tuple[int, ...]] = []  # per era: event indexes, top last
        self.event = -1  # this round's news
        self.events_seen: tuple[int, ...] = ()  # news revealed so far, in order
        self.flags = 0  # bitmask over the compiled flag ids
        self.rng = 0
        self.tension_causes: list[int] = []  # tension raised, by cause
        self.history: tuple[tuple[int, ...], ...] = ()  # one record per finished round
        self.over = False
        self.winner = -1
        self.end_reason = ""
        self.losers: tuple[int, ...] = ()
        self.hidden = False  # a per-seat view: other hands and deck order are blanked
        self.log: Cons = None
        self.actions: Cons = None  # Action objects, oldest first once unrolled
        # Cache of who controls each country-sphere; not part of the game's data. Reset by
        # copy() (the engine hands it on where it knows it valid) and updated by every
        # influence change (see Tables.control_map and Tables.influence_moved).
        self.ctrl: list[int] | None = None

    def copy(self) -> GameState:
        """A new state sharing nothing mutable with this one."""
        new = GameState.__new__(GameState)
        new.scenario = self.scenario
        new.seed = self.seed
        new.rounds = self.rounds
        new.round = self.round
        new.step = self.step
        new.action_round = self.action_round
        new.turn = self.turn
        new.seats = self.seats
        new.order = self.order
        new.inf = self.inf[:]
        new.opinion = self.opinion[:]
        new.stance = self.stance[:]
        new.members = self.members[:]
        new.tracks = self.tracks[:]
        new.agency = self.agency[:]
        new.vp = self.vp[:]
        new.vp_sources = self.vp_sources
        new.ip = self.ip[:]
        new.hands = self.hands[:]
        new.decks = self.decks[:]
        new.discards = self.discards[:]
        new.event_piles = self.event_piles[:]
        new.event = self.event
        new.events_seen = self.events_seen
        new.flags = self.flags
        new.rng = self.rng
        new.tension_causes = self.tension_causes[:]
        new.history = self.history
        new.over = self.over
        new.winner = self.winner
        new.end_reason = self.end_reason
        new.losers = self.losers
        new.hidden = self.hidden
        new.log = self.log
        new.actions = self.actions
        new.ctrl = None
        return new

    # JSON ---------------------------------------------------------------------------------

    _LISTS = ("inf", "opinion", "stance", "members", "tracks", "agency", "vp", "ip",
              "tension_causes")
    _TUPLE_LISTS = ("hands", "decks", "discards", "event_piles")
    _SCALARS = ("scenario", "seed", "rounds", "round", "step", "action_round", "turn", "event",
                "flags", "rng", "over", "winner", "end_reason", "hidden")

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"format": STATE_FORMAT}
        for name in self._SCALARS:
            data[name] = getattr(self, name)
        data["seats"] = list(self.seats)
        data["order"] = list(self.order)
        data["losers"] = list(self.losers)
        data["events_seen"] = list(self.events_seen)
        for name in self._LISTS:
            data[name] = list(getattr(self, name))
        for name in self._TUPLE_LISTS:
            data[name] = [list(t) for t in getattr(self, name)]
        data["history"] = [list(h) for h in self.history]
        data["vp_sources"] = list(self.vp_sources)
        data["log"] = unroll(self.log)
        data["actions"] = [str(a) for a in unroll(self.actions)]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> GameState:
        """Rebuild a state; raise ValueError naming the first field that is wrong."""
        if not isinstance(data, dict) or data.get("format") != STATE_FORMAT:
            raise ValueError("not a game state of this version (format field missing or wrong)")
        state = cls()
        try:
            for name in cls._SCALARS:
                value = data[name]
                expected = type(getattr(state, name))
                if expected is int and isinstance(value, bool):
                    raise TypeError(name)
                if not isinstance(value, expected):
                    raise TypeError(name)
                setattr(state, name, value)
            state.seats = tuple(_ints(data["seats"], "seats"))
            state.order = tuple(_ints(data["order"], "order"))
            state.losers = tuple(_ints(data["losers"], "losers"))
            state.events_seen = tuple(_ints(data["events_seen"], "events_seen"))
            for name in cls._LISTS:
                setattr(state, name, _ints(data[name], name))
            for name in cls._TUPLE_LISTS:
                setattr(state, name, [tuple(_ints(t, name)) for t in data[name]])
            state.history = tuple(tuple(_ints(h, "history")) for h in data["history"])
            # optional: states written before the breakdown was kept have none
            state.vp_sources = tuple(_ints(data.get("vp_sources", []), "vp_sources"))
            state.log = roll([str(line) for line in data["log"]])
            state.actions = roll([Action.parse(_text(a)) for a in data["actions"]])
        except KeyError as err:
            raise ValueError(f"game state lacks the field {err.args[0]!r}") from None
        except TypeError as err:
            raise ValueError(f"game state field {err.args[0]!r} has the wrong type") from None
        return state

    def __eq__(self, other: object) -> bool:
        return isinstance(other, GameState) and self.to_json() == other.to_json()

    __hash__ = None  # type: ignore[assignment]


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("actions")
    return value


def _ints(value: Any, name: str) -> list[int]:
    if not isinstance(value, list) or not all(
        isinstance(v, int) and not isinstance(v, bool) for v in value
    ):
        raise TypeError(name)
    return value
