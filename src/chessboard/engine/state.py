"""The game state: plain integers, lists and tuples, cheap to copy and lossless through JSON.

Ids are resolved to indexes when the rules are compiled, so the state holds only numbers. The
flat ``inf`` list holds influence at ``(country * S + sphere) * P + power``. Callers never mutate
a state: the engine copies it, changes the copy and returns it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
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


# How a field copies and goes through JSON (its kind, in :data:`FIELDS`):
SCALAR = "scalar"  # int, str or bool: shared by copies; loaded with its type checked
INTS = "ints"  # list[int]: copied
INT_TUPLE = "int_tuple"  # tuple[int, ...]: shared (replaced, never changed in place)
TUPLES = "tuples"  # list[tuple[int, ...]]: the list copied, its tuples shared
ROWS = "rows"  # tuple[tuple[int, ...], ...]: shared
LINES = "lines"  # a persistent list (cons) of log lines: shared
ACTIONS = "actions"  # a persistent list of Action: shared; JSON holds their text
CACHE = "cache"  # not game data: never saved, reset by copy()


@dataclass(slots=True, eq=False, repr=False)
class GameState:
    """Everything that changes during a game. Treat instances as immutable.

    The fields below declare the slots and the constructor; :data:`FIELDS` gives each one's
    kind, which ``to_json`` and ``from_json`` follow, and ``copy`` (written out, as the bots
    copy states thousands of times a game) is checked against both by
    ``tests/engine/test_state_fields.py``.
    """

    scenario: str = ""
    seed: int = 0
    rounds: int = 0
    round: int = 0
    # index into the round structure
    step: int = 0
    action_round: int = 0
    # index into ``order``
    turn: int = 0
    # faction indexes seated in this game
    seats: tuple[int, ...] = ()
    # this round's initiative order
    order: tuple[int, ...] = ()
    inf: list[int] = field(default_factory=list)
    opinion: list[int] = field(default_factory=list)
    stance: list[int] = field(default_factory=list)
    # per organisation: bitmask of member countries
    members: list[int] = field(default_factory=list)
    tracks: list[int] = field(default_factory=list)
    agency: list[int] = field(default_factory=list)
    vp: list[int] = field(default_factory=list)
    # VP won per faction and source (faction * len(Tables.vp_sources) + source); empty
    # until the first VP change, and in games saved before it was kept.
    vp_sources: tuple[int, ...] = ()
    ip: list[int] = field(default_factory=list)
    # per faction: card indexes
    hands: list[tuple[int, ...]] = field(default_factory=list)
    # per deck: draw pile, top card last
    decks: list[tuple[int, ...]] = field(default_factory=list)
    discards: list[tuple[int, ...]] = field(default_factory=list)
    # per era: event indexes, top last
    event_piles: list[tuple[int, ...]] = field(default_factory=list)
    # this round's news
    event: int = -1
    # news revealed so far, in order
    events_seen: tuple[int, ...] = ()
    # bitmask over the compiled flag ids
    flags: int = 0
    rng: int = 0
    # tension raised, by cause
    tension_causes: list[int] = field(default_factory=list)
    # one record per finished round
    history: tuple[tuple[int, ...], ...] = ()
    over: bool = False
    winner: int = -1
    end_reason: str = ""
    losers: tuple[int, ...] = ()
    # a per-seat view: other hands and deck order are blanked
    hidden: bool = False
    log: Cons = None
    # Action objects, oldest first once unrolled
    actions: Cons = None
    # Cache of who controls each country-sphere; not part of the game's data. Reset by
    # copy() (the engine hands it on where it knows it valid) and updated by every
    # influence change (see Tables.control_map and Tables.influence_moved).
    ctrl: list[int] | None = None

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

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"format": STATE_FORMAT}
        for name, kind, _ in FIELDS:
            if kind != CACHE:
                data[name] = _SAVE[kind](getattr(self, name))
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> GameState:
        """Rebuild a state; raise ValueError naming the first field that is wrong."""
        if not isinstance(data, dict) or data.get("format") != STATE_FORMAT:
            raise ValueError("not a game state of this version (format field missing or wrong)")
        state = cls()
        try:
            for name, kind, optional in FIELDS:
                if kind == CACHE:
                    continue
                if kind == SCALAR:
                    value = data[name]
                    expected = type(getattr(state, name))
                    if (expected is int and isinstance(value, bool)) or \
                            not isinstance(value, expected):
                        raise TypeError(name)
                    setattr(state, name, value)
                elif optional and name not in data:
                    continue  # the default stands
                else:
                    setattr(state, name, _LOAD[kind](data[name], name))
        except KeyError as err:
            raise ValueError(f"game state lacks the field {err.args[0]!r}") from None
        except TypeError as err:
            raise ValueError(f"game state field {err.args[0]!r} has the wrong type") from None
        return state

    def __eq__(self, other: object) -> bool:
        return isinstance(other, GameState) and self.to_json() == other.to_json()

    # Unhashable, as a class defining __eq__ is: Python sets __hash__ to None by itself (an
    # explicit ``__hash__ = None`` would become a field of mypyc's compiled dataclass).


# (name, kind, optional) of every field, in declaration order; ``optional``: states written
# before the field existed load without it. Written out rather than kept in the fields'
# metadata, which mypyc drops, so that this module can be compiled (see COMPILED in
# chessboard/engine/__init__.py for why it is not today); tests/engine/test_state_fields.py
# checks that it names exactly the fields above, in order.
FIELDS: tuple[tuple[str, str, bool], ...] = (
    ("scenario", SCALAR, False), ("seed", SCALAR, False), ("rounds", SCALAR, False),
    ("round", SCALAR, False), ("step", SCALAR, False), ("action_round", SCALAR, False),
    ("turn", SCALAR, False), ("seats", INT_TUPLE, False), ("order", INT_TUPLE, False),
    ("inf", INTS, False), ("opinion", INTS, False), ("stance", INTS, False),
    ("members", INTS, False), ("tracks", INTS, False), ("agency", INTS, False),
    ("vp", INTS, False), ("vp_sources", INT_TUPLE, True), ("ip", INTS, False),
    ("hands", TUPLES, False), ("decks", TUPLES, False), ("discards", TUPLES, False),
    ("event_piles", TUPLES, False), ("event", SCALAR, False), ("events_seen", INT_TUPLE, False),
    ("flags", SCALAR, False), ("rng", SCALAR, False), ("tension_causes", INTS, False),
    ("history", ROWS, False), ("over", SCALAR, False), ("winner", SCALAR, False),
    ("end_reason", SCALAR, False), ("losers", INT_TUPLE, False), ("hidden", SCALAR, False),
    ("log", LINES, False), ("actions", ACTIONS, False), ("ctrl", CACHE, False),
)

# What each kind of field becomes in JSON, and how it comes back (raising TypeError(name)).
_SAVE: dict[str, Callable[[Any], Any]] = {
    SCALAR: lambda v: v,
    INTS: list,
    INT_TUPLE: list,
    TUPLES: lambda v: [list(t) for t in v],
    ROWS: lambda v: [list(h) for h in v],
    LINES: unroll,
    ACTIONS: lambda v: [str(a) for a in unroll(v)],
}
_LOAD: dict[str, Callable[[Any, str], Any]] = {
    INTS: lambda v, name: _ints(v, name),
    INT_TUPLE: lambda v, name: tuple(_ints(v, name)),
    TUPLES: lambda v, name: [tuple(_ints(t, name)) for t in _list(v, name)],
    ROWS: lambda v, name: tuple(tuple(_ints(h, name)) for h in _list(v, name)),
    LINES: lambda v, name: roll([str(line) for line in _list(v, name)]),
    ACTIONS: lambda v, name: roll([Action.parse(_text(a)) for a in _list(v, name)]),
}


def _list(value: Any, name: str) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError(name)
    return value


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
