"""Stable action ids: every action as one integer, for research agents and their saved policies.

An id is a mixed-radix number over five factors, most significant first::

    id = (((item * COUNTRIES + country) * SPHERES + sphere) * POWERS + power)

- ``item``: 0 is pass; ``1 .. actions`` are the entries of ``actions.yaml`` in file order; then
  each strategy deck has a block of ``cards_per_deck`` slots holding its cards in file order.
  Decks come in the order the factions of ``game.yaml`` first name them (decks no faction
  uses follow, by id).
- ``country``, ``sphere``, ``power``: 0 for "no such target", else 1 + the position in
  ``countries.yaml``, in ``game.yaml``'s spheres, and among ``game.yaml``'s factions of kind
  power.

Each factor's size comes from ``settings.encoding`` in ``game.yaml`` (the room reserved, plus
one for "none"), never from the content itself. Hence the guarantee:

- **Appending content keeps every id**: a new action at the end of ``actions.yaml``, a card at
  the end of its deck file, a new deck, country, sphere or power at the end of its list. The
  validator refuses content that outgrows the reserved room.
- Ids change only when entries are reordered, renamed or removed, or when a limit is raised.
- Ids never depend on alphabetical order, on which actions are legal, or on the seats.

Ids are well-formed when their target shape matches the action's ``target`` kind
(:meth:`ActionEncoding.action_from_id` refuses the others); which of them are legal now is
:meth:`ActionEncoding.legal_action_ids` / :meth:`ActionEncoding.legal_mask`.

>>> from chessboard.rules.loader import load_rules
>>> from chessboard.engine.game import Engine
>>> engine = Engine(load_rules())
>>> encoding = ActionEncoding(engine.rules)
>>> encoding.action_id(Action.parse("pass"))
0
>>> encoding.action_from_id(encoding.action_id(Action.parse("act:place kazakhstan military")))
Action(kind='act', id='place', country='kazakhstan', sphere='military', power='')
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from chessboard.engine.actions import PASS, Action
from chessboard.rules.models import FactionKind, TargetKind

if TYPE_CHECKING:
    from chessboard.engine.game import Engine
    from chessboard.engine.state import GameState
    from chessboard.rules.loader import Rules

# Which of (country, sphere, power) each target kind names.
_SHAPE: dict[TargetKind, tuple[bool, bool, bool]] = {
    TargetKind.none: (False, False, False),
    TargetKind.country: (True, False, False),
    TargetKind.country_sphere: (True, True, False),
    TargetKind.country_sphere_power: (True, True, True),
    TargetKind.country_power: (True, False, True),
    TargetKind.power: (False, False, True),
}


def deck_order(rules: Rules) -> list[str]:
    """Strategy decks in their stable order: as the factions first name them, then the rest."""
    order: list[str] = []
    for faction in rules.game.factions:
        if faction.deck in rules.decks and faction.deck not in order:
            order.append(faction.deck)
    order.extend(sorted(d for d in rules.decks if d not in order))
    return order


class ActionEncoding:
    """The stable ids of one set of rules (see the module text for the layout and guarantee)."""

    def __init__(self, rules: Rules) -> None:
        limits = rules.game.settings.encoding
        self.country_ids = [c.id for c in rules.countries.countries]
        self.sphere_ids = [s.id for s in rules.game.spheres]
        self.power_ids = [f.id for f in rules.game.factions if f.kind == FactionKind.power]
        decks = deck_order(rules)
        for what, ids, room in (("countries", self.country_ids, limits.countries),
                                ("spheres", self.sphere_ids, limits.spheres),
                                ("powers", self.power_ids, limits.powers),
                                ("actions", rules.actions.actions, limits.actions),
                                ("decks", decks, limits.decks)):
            if len(ids) > room:  # the validator says so first; this guards hand-built rules
                raise ValueError(f"{len(ids)} {what} do not fit settings.encoding.{what} "
                                 f"= {room}")
        self.countries = limits.countries + 1
        self.spheres = limits.spheres + 1
        self.powers = limits.powers + 1
        self.cards_per_deck = limits.cards_per_deck
        self.items = 1 + limits.actions + limits.decks * limits.cards_per_deck
        #: The number of ids: every id is in ``range(size)``.
        self.size = self.items * self.countries * self.spheres * self.powers
        # item slot -> (kind, id, target kind), and back
        self._items: dict[int, tuple[str, str, TargetKind]] = {0: ("pass", "pass",
                                                                    TargetKind.none)}
        for i, action in enumerate(rules.actions.actions):
            self._items[1 + i] = ("act", action.id, action.target)
        card_base = 1 + limits.actions
        self.card_slots: dict[str, int] = {}  # card id -> its slot among the card blocks
        for d, deck in enumerate(decks):
            cards = rules.decks[deck].cards
            if len(cards) > limits.cards_per_deck:
                raise ValueError(f"deck {deck!r} has {len(cards)} cards; settings.encoding."
                                 f"cards_per_deck = {limits.cards_per_deck}")
            for j, card in enumerate(cards):
                self.card_slots[card.id] = d * limits.cards_per_deck + j
                self._items[card_base + self.card_slots[card.id]] = ("card", card.id,
                                                                      card.target)
        self._slot = {(kind, ident): slot for slot, (kind, ident, _) in self._items.items()}
        self._country = {c: i + 1 for i, c in enumerate(self.country_ids)}
        self._sphere = {s: i + 1 for i, s in enumerate(self.sphere_ids)}
        self._power = {p: i + 1 for i, p in enumerate(self.power_ids)}
        self._ids: dict[Action, int] = {}

    # ids <-> actions ----------------------------------------------------------------------

    def action_id(self, action: Action) -> int:
        """The stable id of an action of these rules; ValueError for one they do not have."""
        found = self._ids.get(action)
        if found is not None:
            return found
        slot = self._slot.get((action.kind, action.id))
        if slot is None:
            raise ValueError(f"{str(action)!r} is not an action of these rules")
        try:
            c = self._country[action.country] if action.country else 0
            s = self._sphere[action.sphere] if action.sphere else 0
            p = self._power[action.power] if action.power else 0
        except KeyError as err:
            raise ValueError(f"{str(action)!r} names an unknown target {err.args[0]!r}") from None
        if (bool(c), bool(s), bool(p)) != _SHAPE[self._items[slot][2]]:
            raise ValueError(f"{str(action)!r} does not have the targets its kind takes")
        ident = self._id(slot, c, s, p)
        self._ids[action] = ident
        return ident

    def _id(self, slot: int, c: int, s: int, p: int) -> int:
        return ((slot * self.countries + c) * self.spheres + s) * self.powers + p

    def factors(self, ident: int) -> tuple[int, int, int, int]:
        """The (item, country, sphere, power) slots of an id, as laid out in the module text."""
        if not 0 <= ident < self.size:
            raise ValueError(f"action id {ident} is outside 0..{self.size - 1}")
        rest, p = divmod(ident, self.powers)
        rest, s = divmod(rest, self.spheres)
        slot, c = divmod(rest, self.countries)
        return slot, c, s, p

    def action_from_id(self, ident: int) -> Action:
        """The action an id stands for; ValueError when no action of these rules has it."""
        slot, c, s, p = self.factors(ident)
        item = self._items.get(slot)
        if item is None:
            raise ValueError(f"action id {ident} is a free slot of these rules")
        kind, name, target = item
        if kind == "pass":
            if (c, s, p) != (0, 0, 0):
                raise ValueError(f"action id {ident} is not well-formed (pass takes no target)")
            return PASS
        if (bool(c), bool(s), bool(p)) != _SHAPE[target] or c > len(self.country_ids) or \
                s > len(self.sphere_ids) or p > len(self.power_ids):
            raise ValueError(f"action id {ident} is not well-formed for {kind}:{name} "
                             f"(target {target.value})")
        return Action(kind, name,
                      self.country_ids[c - 1] if c else "",
                      self.sphere_ids[s - 1] if s else "",
                      self.power_ids[p - 1] if p else "")

    def well_formed_ids(self) -> Iterator[int]:
        """Every id that :meth:`action_from_id` accepts, in increasing order."""
        C, S, P = len(self.country_ids), len(self.sphere_ids), len(self.power_ids)
        for slot in sorted(self._items):
            want_c, want_s, want_p = _SHAPE[self._items[slot][2]]
            for c in range(1, C + 1) if want_c else (0,):
                for s in range(1, S + 1) if want_s else (0,):
                    for p in range(1, P + 1) if want_p else (0,):
                        yield self._id(slot, c, s, p)

    # legality ---------------------------------------------------------------------------

    def legal_action_ids(self, engine: Engine, state: GameState) -> list[int]:
        """The ids of the acting seat's legal actions, in the engine's legal-action order."""
        return [self.action_id(a) for a in engine.legal_actions(state)]

    def legal_mask(self, engine: Engine, state: GameState) -> bytearray:
        """One byte per id: 1 where the action is legal now (all 0 once the game is over)."""
        mask = bytearray(self.size)
        for ident in self.legal_action_ids(engine, state):
            mask[ident] = 1
        return mask


def possible_actions(engine: Engine) -> list[Action]:
    """Every action some seat could ever be offered under the engine's rules, sorted.

    A subset of the well-formed ones (a state's own country, a faction's own actions...):
    an agent may shrink its output layer to these ids. The one place here that reads the
    engine's compiled tables.
    """
    return sorted({PASS, *(a for by_action in engine._compiled.lookup for a in by_action)})


@lru_cache(maxsize=8)
def encoding_for(rules: Rules) -> ActionEncoding:
    """The (cached) encoding of a set of rules."""
    return ActionEncoding(rules)


def action_id(engine: Engine, action: Action) -> int:
    """The stable id of ``action`` under the engine's rules."""
    return encoding_for(engine.rules).action_id(action)


def action_from_id(engine: Engine, ident: int) -> Action:
    """The action with stable id ``ident`` under the engine's rules."""
    return encoding_for(engine.rules).action_from_id(ident)


def legal_action_ids(engine: Engine, state: GameState) -> list[int]:
    """The stable ids of the acting seat's legal actions."""
    return encoding_for(engine.rules).legal_action_ids(engine, state)


def legal_mask(engine: Engine, state: GameState) -> bytearray:
    """A byte per stable id, 1 where that action is legal now."""
    return encoding_for(engine.rules).legal_mask(engine, state)
