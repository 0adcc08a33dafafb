"""The engine: new games, legal actions, why an action is illegal, apply, views and results.

>>> from chessboard.rules.loader import load_rules
>>> engine = Engine(load_rules())
>>> state = engine.new_game(seed=1)
>>> engine.current_faction(state)
'...'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import compress
from operator import attrgetter
from typing import TYPE_CHECKING, Any, NamedTuple

from chessboard.engine import cards, rng
from chessboard.engine.actions import PASS, Action
from chessboard.engine.compiler import BoundModifier, Candidate, Compiled, Playable
from chessboard.engine.conditions import Pred
from chessboard.engine.context import (
    VP_ACTION,
    VP_CARD,
    VP_INJECT,
    Ctx,
    Tables,
    describe_target,
)
from chessboard.engine.phases import STEPS, resolve_event
from chessboard.engine.queries import Queries
from chessboard.engine.state import Cons, GameState, push
from chessboard.rules.models import TargetKind

if TYPE_CHECKING:
    from chessboard.engine.batch import Mask
    from chessboard.rules.loader import Rules


class IllegalActionError(ValueError):
    """An action that the current decision does not offer; the message says why."""


class SetupError(ValueError):
    """A new game asked for something the rules do not have (seats, scenario, rounds)."""


class Outcome(NamedTuple):
    """What :meth:`Engine.apply` gives back (a named tuple: made once per action, cheaply)."""

    state: GameState
    log: tuple[str, ...]
    revealed: bool  # hidden information came out (cards drawn, news, a random draw)


_outcome = partial(tuple.__new__, Outcome)


@dataclass(frozen=True, slots=True)
class Result:
    winner: str | None
    reason: str  # "rounds" or the id of the end condition that fired
    reason_text: str
    losers: tuple[str, ...]
    vp: dict[str, int]
    ranking: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Price:
    cost: int
    reasons: tuple[str, ...]


# A candidate of the listing's slow path: (action, rival influence index, modifiers, surcharge,
# c, s, p), unpacked faster than a Candidate's attributes are read.
_Row = tuple[Action, int, tuple[BoundModifier, ...], int, int, int, int]


class _Plan:
    """What :meth:`Engine.legal_actions` reads of one action or card for one faction (made by
    :meth:`Engine._plan`). A class with precise types rather than a tuple: the compiled build
    (tools/build_fast.py) reads typed attributes natively, and items of a tuple of ``Any``
    through Python's generic calls."""

    __slots__ = ("actions", "base", "cap", "first", "floor", "indexes", "kind", "mask", "memo",
                 "memo_key", "min_cost", "per_target", "pre", "rivals", "rows", "surcharge")

    def __init__(self, min_cost: int, base: int, surcharge: int, kind: int,
                 actions: tuple[Action, ...], indexes: tuple[int, ...],
                 cap: Callable[[int], bool], rows: tuple[_Row, ...], per_target: Pred | None,
                 floor: int, pre: Pred | None, memo_key: Callable[[GameState], Any] | None,
                 rivals: tuple[int, ...] | None, first: int, mask: Mask | None) -> None:
        self.min_cost = min_cost  # the cheapest any target can get
        self.base = base  # the base cost
        self.surcharge = surcharge  # the dearest surcharge of the fast path, or -1: none
        self.kind = kind  # the fast path's kind (0 to 4, see Playable.fast)
        self.actions = actions  # the fast path's actions, in the order of the list
        self.indexes = indexes  # their influence indexes (kinds 1 and 2)
        self.cap = cap  # kind 2's test of the seat's own influence
        self.rows = rows  # every candidate, in the order of the list
        self.per_target = per_target  # the part of `where` asked per candidate
        self.floor = floor  # the lowest cost, whatever the modifiers
        self.pre = pre  # the part of `where` asked once
        self.memo_key = memo_key  # what that part reads (kind 3)
        self.memo: dict[Any, tuple[Action, ...]] = {}  # the targets it allowed, by that key
        self.rivals = rivals  # every row's rival influence index, or None
        self.first = first  # the rank of its first action
        self.mask = mask  # the targets `where` allows, all at once (kind 4), or None


# (static actions, plan, mode): one piece of a listing (see Engine._split_by_ip)
_Item = tuple[tuple[Action, ...], _Plan, int | None]


@lru_cache(maxsize=8)
def _compile(rules: Rules) -> Compiled:
    return Compiled(rules)


class Engine(Queries):
    """Pure functions over :class:`GameState` for one set of rules.

    The read API (influence, control, scores, targets of a choice... by id) comes from
    :class:`~chessboard.engine.queries.Queries`; ``docs/engine-api.md`` lists it all.

    ``log=False`` skips writing log lines, for bots and simulations that never read them.
    """

    def __init__(self, rules: Rules, *, log: bool = True) -> None:
        self.rules = rules
        self._compiled = _compile(rules)
        self._tables: Tables = self._compiled.tables
        self.logging = log
        self.steps = [STEPS[name] for name in rules.game.settings.round_structure]
        self.step_names = list(rules.game.settings.round_structure)
        self.action_step = self.step_names.index("actions")
        self._action_rounds = self._tables.settings.action_rounds
        self._any_end = self._compiled.any_end
        # What legal_actions needs of each action (by faction) and card (by faction, card), as
        # flat tuples: it reads them for every playable at every decision.
        self._plans = [sorted((self._plan(p, f) for p in self._compiled.actions_for[f]
                               if p.rows.get(f)), key=attrgetter("first"))
                       for f in range(self._tables.F)]
        self._card_plans = [[self._plan(c, f) if c.rows.get(f) else None
                             for c in self._compiled.cards]
                            for f in range(self._tables.F)]
        self._by_ip = [self._split_by_ip(plans) for plans in self._plans]
        # by faction: a hand -> its cards' plans in the order of the list (see _hand_plans)
        self._hands: list[dict[tuple[int, ...], tuple[_Item, ...]]] = \
            [{} for _ in range(self._tables.F)]
        self._tiebreak_rank = {f: i for i, f in enumerate(self._compiled.tiebreak)}
        self._boards: dict[str, tuple[Any, ...]] = {}  # by scenario, see _starting_board
        self._era_events = [[i for i, e in enumerate(self._compiled.events) if e.era == era]
                            for era in range(len(self._tables.era_ids))]
        # The actions legal_actions hands out, by identity: an id() lookup instead of hashing
        # the dataclass (its five strings, in Python) for each action applied or previewed.
        # The objects stay alive in by_rank, so an id met here is always theirs.
        by_rank = self._compiled.by_rank
        canonical = {action: action for action in by_rank}
        self._lookup_id = [
            {id(canonical.get(action, action)): found for action, found in lookup.items()}
            for lookup in self._compiled.lookup]

    @staticmethod
    def _split_by_ip(plans: list[_Plan]) -> list[tuple[_Item, ...]]:
        """For each amount of IP a seat may hold, what the listing does, in the order of the
        list: (actions, plan, mode) triples, each the actions that IP alone makes legal (every
        target affordable, nothing to ask) then a plan to look at (``_NO_PLAN`` at the end)
        and how:
        its fast path's kind (0 to 4) when even its dearest target is affordable, else
        ``_SLOW`` (and -1 at the end). The listing then loops only over the plans that need it,
        and needs no sort."""
        top = max((max(plan.min_cost, plan.base + max(plan.surcharge, 0)) for plan in plans),
                  default=0)
        out = []
        for ip in range(top + 1):
            items: list[_Item] = []
            static: list[Action] = []
            for plan in plans:  # in the order of their actions in the list
                if plan.min_cost > ip:
                    continue
                fast = plan.surcharge >= 0 and plan.base + plan.surcharge <= ip
                if plan.pre is None and plan.kind == 0 and fast:
                    static.extend(plan.actions)
                else:
                    items.append((tuple(static), plan, plan.kind if fast else _SLOW))
                    static = []
            items.append((tuple(static), _NO_PLAN, -1))
            out.append(tuple(items))
        return out

    def _hand_plans(self, f: int, hand: tuple[int, ...]) -> tuple[_Item, ...]:
        """The plans of the cards in ``hand`` (each card once) as the listing's (actions,
        plan, mode) triples, the mode left to the listing (None); in the order of the list,
        remembered by hand."""
        known = self._hands[f]
        found = known.get(hand)
        if found is None:
            card_plans = self._card_plans[f]
            plans = {plan.first: plan for c in hand
                     if c >= 0 and (plan := card_plans[c]) is not None}
            found = tuple(((), plans[first], None) for first in sorted(plans))
            if len(known) >= 4096:  # a long-running process meets ever new hands
                known.clear()
            known[hand] = found
        return found

    # set-up -------------------------------------------------------------------------------

    def new_game(
        self,
        *,
        scenario: str | None = None,
        seats: list[str] | None = None,
        seed: int = 0,
        rounds: int | None = None,
    ) -> GameState:
        """Start a game; raise :class:`SetupError` with a clear message on a bad request."""
        t, rules = self._tables, self.rules
        scenario_id = scenario or rules.scenarios.scenarios[0].id
        try:
            sc = rules.scenario(scenario_id)
        except KeyError:
            known = ", ".join(s.id for s in rules.scenarios.scenarios)
            raise SetupError(f"unknown scenario {scenario_id!r} (known: {known})") from None
        seat_ids = self.seating(seats, sc.id)
        for fid in seat_ids:
            if fid not in t.faction_index:
                raise SetupError(f"unknown faction {fid!r} (known: {', '.join(t.faction_ids)})")
        if len(set(seat_ids)) != len(seat_ids):
            raise SetupError("a faction can take only one seat")
        settings = t.settings
        if not settings.min_seats <= len(seat_ids) <= settings.max_seats:
            raise SetupError(f"a game has {settings.min_seats} to {settings.max_seats} seats, "
                             f"not {len(seat_ids)}")
        if rounds is not None and not 1 <= rounds <= 20:
            raise SetupError(f"rounds must be 1 to 20, not {rounds}")
        st = GameState()
        st.scenario = sc.id
        st.seed = seed
        st.rng = rng.seed_state(seed)
        st.rounds = rounds or sc.rounds
        st.seats = tuple(t.faction_index[f] for f in seat_ids)
        board = self._boards.get(sc.id)
        if board is None:
            board = self._boards[sc.id] = self._starting_board(sc.id)
        st.inf, st.opinion, st.stance, st.members, st.agency, st.tracks = \
            (values[:] for values in board[:6])
        st.flags = board[6]
        st.vp = [0] * t.F
        st.ip = [0] * t.F
        st.hands = [()] * t.F
        st.tension_causes = [0] * len(t.causes)
        st.decks = []
        for d in range(len(t.deck_ids)):
            st.rng, pile = rng.shuffled(st.rng, t.deck_cards[d])
            st.decks.append(pile)
        st.discards = [()] * len(t.deck_ids)
        st.event_piles = []
        for events in self._era_events:
            st.rng, pile = rng.shuffled(st.rng, events)
            st.event_piles.append(pile)
        log: list[str] = []
        cx = Ctx(t, st, log=log)
        # The log is shown to every seat: it must not name the seed, from which the hidden
        # cards could be rebuilt (the save keeps it, for replays).
        cx.say(f"{sc.name}: {', '.join(t.faction_names[f] for f in st.seats)}; "
               f"{st.rounds} round{'s' if st.rounds != 1 else ''}")
        setup = self._compiled.scenario_setup.get(sc.id)
        if setup is not None:
            setup(cx)
        st.round = 1
        st.step = 0
        cx.say("Round 1")
        self._advance(cx)
        st.log = _push_all(st.log, log)
        return st

    def _starting_board(self, scenario: str) -> tuple[Any, ...]:
        """A scenario's starting influence, opinion, stance, memberships, agency and tracks
        (lists new games copy) and flags: read off the rules once, not at every new game."""
        t, rules, sc = self._tables, self.rules, self.rules.scenario(scenario)
        S, P = t.S, t.P
        inf = [0] * (t.C * S * P)
        opinion = [0] * (t.C * P)
        stance = [0] * (t.C * P)
        members = [0] * len(t.org_ids)
        agency = [0] * t.C
        for c, country in enumerate(rules.countries.countries):
            agency[c] = country.agency
            for pid, start in country.powers.items():
                p = t.power_index[pid]
                for s, sid in enumerate(t.sphere_ids):
                    inf[(c * S + s) * P + p] = getattr(start, sid, 0)
                opinion[c * P + p] = start.opinion
                stance[c * P + p] = start.stance
            for org in country.members:
                members[t.org_index[org]] |= 1 << c
        tracks = [sc.tracks.get(tr.id, tr.start) for tr in rules.game.tracks]
        flags = 0
        for flag_id in sc.flags:
            flags |= t.flag(flag_id)
        return inf, opinion, stance, members, agency, tracks, flags

    # questions ----------------------------------------------------------------------------

    def current(self, st: GameState) -> int:
        """Index of the faction to act, or -1 when the game is over."""
        if st.over:
            return -1
        return st.order[st.turn]

    def current_faction(self, st: GameState) -> str | None:
        f = self.current(st)
        return None if f < 0 else self._tables.faction_ids[f]

    def legal_actions(self, st: GameState) -> list[Action]:
        """Every action the acting seat may take now, sorted; pass is always among them."""
        if st.over:
            return []
        f = st.order[st.turn]  # self.current, inline (every decision)
        out: list[Action] = []
        cx: Ctx | None = None  # made when a condition is asked (most listings ask none)
        ip = st.ip[f]
        inf = st.inf
        by_ip = self._by_ip[f]
        # at or above the dearest threshold, the listing is that of the threshold
        items = by_ip[ip] if 0 <= ip < len(by_ip) else by_ip[-1] if ip >= 0 else _NOTHING
        hand = st.hands[f]
        if hand:  # cards come after actions in the list
            items = items + (self._hands[f].get(hand) or self._hand_plans(f, hand))
        # Every piece is in the order of the list and the pieces follow each other in it, so
        # the listing is sorted as built.
        for static, plan, mode in items:
            if static:
                out.extend(static)
            if mode is None:  # a card: what IP allows is decided now (actions: by _split_by_ip)
                if plan.min_cost > ip:  # even the cheapest target is too dear
                    continue
                fast = plan.surcharge
                mode = plan.kind if fast >= 0 and plan.base + fast <= ip else _SLOW
            elif mode < 0:
                continue
            if plan.pre is not None:  # what no target changes
                if cx is None:
                    cx = Ctx(self._tables, st, f)
                if not plan.pre(cx):
                    continue
            # modes 0 to 4: even the dearest target is affordable: filter in C (compress/map),
            # as this runs for most actions of every decision
            if mode == 0:
                out.extend(plan.actions)
            elif mode == 1:  # influence is never negative: a positive value is truthy
                out.extend(compress(plan.actions, map(inf.__getitem__, plan.indexes)))
            elif mode == 4:  # `where` asked for every target at once (engine/batch.py)
                out.extend(compress(plan.actions, plan.mask(st)))  # type: ignore[misc]
            elif mode == 3:  # the targets allowed are remembered by what `where` reads
                key = plan.memo_key(st)  # type: ignore[misc]
                allowed = plan.memo.get(key)
                if allowed is None:
                    allowed = self._remember(plan, cx or Ctx(self._tables, st, f), key)
                out.extend(allowed)
            elif mode == 2:
                out.extend(compress(plan.actions,
                                    map(plan.cap, map(inf.__getitem__, plan.indexes))))
            else:
                if cx is None:
                    cx = Ctx(self._tables, st, f)
                self._collect(plan, cx, ip, inf, out)  # a native call when compiled
        out.append(PASS)  # "pass" sorts after every act and card
        return out

    def _plan(self, playable: Playable, f: int) -> _Plan:
        """What the listing reads of ``playable`` for faction ``f``: see :class:`_Plan`."""
        by_rank = self._compiled.by_rank
        fast = playable.fast.get(f)
        fast_pairs = sorted(zip(fast[2], fast[3] or [-1] * len(fast[2]), strict=True)) \
            if fast is not None else []
        rows = sorted(playable.rows[f])
        return _Plan(playable.min_cost, playable.base_cost,
                     fast[0] if fast is not None else -1, fast[1] if fast is not None else -1,
                     tuple(by_rank[rank] for rank, _ in fast_pairs),
                     tuple(i for _, i in fast_pairs) if fast is not None and fast[3] else (),
                     playable.cap.__ge__,
                     tuple((by_rank[row[0]], *row[1:]) for row in rows),
                     playable.per_target, playable.floor, playable.pre, playable.memo_key,
                     tuple(row[1] for row in rows) if all(row[1] >= 0 for row in rows)
                     else None,
                     rows[0][0], playable.masks.get(f))

    @staticmethod
    def _remember(plan: _Plan, cx: Ctx, key: Any) -> tuple[Action, ...]:
        """The actions of the candidates whose ``where`` holds, asked one by one, remembered
        under ``key`` (the values of all that ``where`` reads)."""
        where, memo = plan.per_target, plan.memo
        allowed = []
        for action, _, _, _, c, s, p in plan.rows:
            cx.c, cx.s, cx.p = c, s, p
            if where(cx):  # type: ignore[misc]
                allowed.append(action)
        if len(memo) >= 4096:  # a long-running process meets ever new keys: start afresh
            memo.clear()
        memo[key] = found = tuple(allowed)
        return found

    @staticmethod
    def _collect(plan: _Plan, cx: Ctx, ip: int, inf: list[int], out: list[Action]) -> None:
        """Append the affordable candidates whose target is allowed, one by one
        (when the fast path of :meth:`legal_actions` cannot decide for all at once)."""
        base, where, floor = plan.base, plan.per_target, plan.floor
        rows: Iterable[_Row] = plan.rows
        members = cx.st.members
        mask, rivals = plan.mask, plan.rivals
        if mask is not None:  # the targets `where` allows (rivals present), picked in C
            rows = compress(rows, mask(cx.st))
            where = None
        elif rivals is not None:  # only the rivals present, picked in C
            rows = compress(rows, map(inf.__getitem__, rivals))
        for action, rival, modifiers, surcharge, c, s, p in rows:
            if rival >= 0 and inf[rival] <= 0:
                continue
            # Evaluate the modifiers only when they can decide affordability (inline: this is
            # the hottest loop of random play; _cost says the same thing once per action).
            if modifiers and base + surcharge > ip:
                cx.c, cx.s, cx.p = c, s, p
                cost = base
                for org, when, add, _ in modifiers:
                    if (org < 0 or members[org] >> c & 1) and (when is None or when(cx)):
                        cost += add
                if (cost if cost > floor else floor) > ip:
                    continue
                if where is not None and not where(cx):
                    continue
            elif base > ip:
                continue
            elif where is not None:
                cx.c, cx.s, cx.p = c, s, p
                if not where(cx):
                    continue
            out.append(action)

    @staticmethod
    def _cost(cand: Candidate, base: int, cx: Ctx, floor: int = 0) -> int:
        """What the candidate costs now (the sum of :meth:`_modifiers`, without listing them:
        every bot preview asks this)."""
        cx.c, cx.s, cx.p = cand.c, cand.s, cand.p
        members = cx.st.members
        c = cand.c
        cost = base
        for org, when, add, _ in cand.modifiers:
            if (org < 0 or members[org] >> c & 1) and (when is None or when(cx)):
                cost += add
        return cost if cost > floor else floor

    @staticmethod
    def _modifiers(cand: Candidate, cx: Ctx) -> list[tuple[int, str]]:
        """The cost modifiers that apply to a candidate now: (amount, reason)."""
        cx.c, cx.s, cx.p = cand.c, cand.s, cand.p
        members = cx.st.members
        return [
            (add, reason)
            for org, when, add, reason in cand.modifiers
            if (org < 0 or members[org] >> cand.c & 1) and (when is None or when(cx))
        ]

    def price(self, st: GameState, action: Action) -> Price | None:
        """The cost of an action for the acting seat, with the reasons it differs from base."""
        f = self.current(st)
        found = self._compiled.lookup[f].get(action) if f >= 0 else None
        if found is None:
            return None if action != PASS else Price(0, ())
        playable, cand = found
        applying = self._modifiers(cand, Ctx(self._tables, st, f))
        cost = playable.base_cost + sum(add for add, _ in applying)
        reasons = [f"{'+' if add > 0 else ''}{add}: {reason}" for add, reason in applying]
        if cost < playable.floor:
            reasons.append(f"never less than {playable.floor}")
        return Price(max(playable.floor, cost), tuple(reasons))

    def why_illegal(self, st: GameState, action: Action) -> str | None:
        """None when the action is legal now, else a sentence a player understands."""
        t = self._tables
        if st.hidden:
            return "this is a seat's view, not the game: apply actions to the full state"
        if action.is_facilitator:
            return ("only the facilitator brings injects and news into play or ends the game "
                    "early (Engine.facilitate), never a seat")
        f = self.current(st)
        if f < 0:
            return "the game is over"
        who = t.faction_names[f]
        if action == PASS:
            return None
        found = self._compiled.lookup[f].get(action)
        if found is None:
            return self._why_unknown(f, action)
        playable, cand = found
        if playable.kind == "card" and playable.index not in st.hands[f]:
            return f"{who} does not hold the card {playable.name!r}"
        if cand.inf_index >= 0 and st.inf[cand.inf_index] <= 0:
            return (f"{t.power_names[cand.p]} has no {t.sphere_ids[cand.s]} influence in "
                    f"{t.country_names[cand.c]} to counter")
        price = self.price(st, action)
        assert price is not None
        if price.cost > st.ip[f]:
            extra = f" ({'; '.join(price.reasons)})" if price.reasons else ""
            return f"{playable.name} costs {price.cost} IP{extra}; {who} has {st.ip[f]} IP"
        if playable.where is not None:
            cx = Ctx(t, st, f)
            cx.c, cx.s, cx.p = cand.c, cand.s, cand.p
            if not playable.where(cx):
                requirement = self._requirement(playable)
                target = describe_target(t, cand.c, cand.s, cand.p)
                if not target:  # an action without a target: "cannot target : ..." reads badly
                    return f"{playable.name} is not possible now: {requirement}"
                return f"{playable.name} cannot target {target}: {requirement}"
        return None

    def _requirement(self, playable: Playable) -> str:
        source = self.rules.action(playable.id) if playable.kind == "act" else next(
            c for c in self.rules.all_cards() if c.id == playable.id)
        return getattr(source, "requirement", "") or "its condition is not met"

    def _why_unknown(self, f: int, action: Action) -> str:
        t = self._tables
        who = t.faction_names[f]
        pool = self._compiled.actions if action.kind == "act" else self._compiled.cards
        match = next((p for p in pool if p.id == action.id), None)
        if action.kind not in ("act", "card"):
            return f"unknown kind of action {action.kind!r}"
        if match is None:
            return f"there is no {'action' if action.kind == 'act' else 'card'} {action.id!r}"
        if f not in match.candidates:
            return f"{who} cannot use {match.name!r}"
        needs = {
            TargetKind.none: "no target",
            TargetKind.country: "a country",
            TargetKind.country_sphere: "a country and a sphere",
            TargetKind.country_sphere_power: "a country, a sphere and a rival power",
            TargetKind.country_power: "a country and a power",
            TargetKind.power: "a power",
        }[match.target]
        own = t.faction_country[f]
        if own >= 0 and action.country and action.country != t.country_ids[own] and all(
            cand.c == own for cand in match.candidates[f]
        ):
            return f"{match.name!r} acts only in {who}'s own country"
        return f"{match.name!r} takes {needs}; {str(action)!r} is not one of its targets"

    # applying -----------------------------------------------------------------------------

    def apply(self, st: GameState, action: Action) -> Outcome:
        """Apply a legal action to a copy of the state; raise IllegalActionError otherwise."""
        reason = self.why_illegal(st, action)
        if reason is not None:
            raise IllegalActionError(f"{action}: {reason}")
        return self.apply_unchecked(st, action)

    def apply_unchecked(self, st: GameState, action: Action) -> Outcome:
        """Apply an action taken from :meth:`legal_actions` of this very state (bots only)."""
        new = st.copy()
        new.ctrl = st.ctrl  # controllers follow influence alone: valid until an effect moves it
        f = -1 if new.over else new.order[new.turn]  # self.current, inline (every action)
        log: list[str] | None = [] if self.logging else None
        cx = Ctx(self._tables, new, f, log=log)
        new.actions = (new.actions, action)  # state.push, inline
        self._perform(cx, f, action)
        new.turn += 1
        if new.turn >= len(new.order):
            new.turn = 0
            new.action_round += 1
        if not new.over and self._any_end(cx):  # _check_end's first test, inline
            self._check_end(cx)
        if new.over or new.step != self.action_step or not \
                0 < new.action_round <= self._action_rounds:
            self._advance(cx)  # else the same seat's round goes on: _advance would return
        if log:
            new.log = _push_all(new.log, log)
            return Outcome(new, tuple(log), cx.drew)
        return _outcome((new, (), cx.drew))  # Outcome's own __new__ is Python, this is C

    def _perform(self, cx: Ctx, f: int, action: Action) -> None:
        t, st = self._tables, cx.st
        found = self._lookup_id[f].get(id(action))
        if found is None and action is not PASS:  # an equal action made elsewhere (parsed)
            found = self._compiled.lookup[f].get(action)
        if found is None:
            if action is not PASS and action != PASS:
                raise KeyError(action)
            if cx.log is not None:
                cx.say(f"{t.faction_names[f]} passes")
            return
        playable, cand = found
        cx.source = VP_CARD if playable.kind == "card" else VP_ACTION
        cost = self._cost(cand, playable.base_cost, cx, playable.floor) if cand.modifiers \
            else max(playable.floor, playable.base_cost)
        st.ip[f] -= cost
        if cx.log is not None:
            target = describe_target(t, cand.c, cand.s, cand.p)
            verb = "plays" if playable.kind == "card" else "uses"
            cx.say(f"{t.faction_names[f]} {verb} {playable.name}"
                   f"{' on ' + target if target else ''} ({cost} IP)")
        if playable.kind == "card":
            cards.discard(cx, f, playable.index)
        cx.c, cx.s, cx.p = cand.c, cand.s, cand.p
        playable.effects(cx)
        cx.c = cx.s = cx.p = -1

    # the facilitator ---------------------------------------------------------------------

    def facilitator_actions(self, st: GameState) -> list[Action]:
        """What the instructor may bring into play now: every inject, and every news event
        not yet revealed (a card comes into play once). Never among a seat's legal actions."""
        if st.over or st.hidden:
            return []
        seen = set(st.events_seen)
        k = self._compiled
        return [*(Action("inject", i.id) for i in k.injects),
                *(Action("news", e.id) for n, e in enumerate(k.events) if n not in seen)]

    def why_not_facilitate(self, st: GameState, action: Action) -> str | None:
        """None when the facilitator may bring ``action`` into play now, else why not."""
        if st.hidden:
            return "this is a seat's view, not the game: bring injects into the full state"
        if st.over:
            return "the game is over"
        if action.kind == "inject":
            if action.id not in self._compiled.inject_index:
                known = ", ".join(i.id for i in self._compiled.injects) or "none in these rules"
                return f"there is no inject {action.id!r} (known: {known})"
            return None
        if action.kind == "news":
            index = self._compiled.event_index.get(action.id)
            if index is None:
                return f"there is no news event {action.id!r}"
            if index in st.events_seen:
                return f"the news {self._compiled.events[index].name!r} has already come into play"
            return None
        if action.kind == "end":
            if not action.id.isdigit():
                return f"'end' takes the round after which the game ends, not {action.id!r}"
            last = int(action.id)
            if last < st.round:
                return f"round {last} is already over (this is round {st.round})"
            if last >= st.rounds:
                return f"the game already ends after round {st.rounds}"
            return None
        return f"{str(action)!r} is a seat's action, not the facilitator's"

    def facilitate(self, st: GameState, action: Action) -> Outcome:
        """The facilitator's action between two decisions (the seat to act stays the same):
        bring an inject or a news event into play, or end the game after a round; recorded in
        the action list, so saves and replays reproduce it."""
        reason = self.why_not_facilitate(st, action)
        if reason is not None:
            raise IllegalActionError(f"{action}: {reason}")
        new = st.copy()
        log: list[str] | None = [] if self.logging else None
        cx = Ctx(self._tables, new, log=log)
        new.actions = push(new.actions, action)
        if action.kind == "end":
            # the game becomes one of fewer rounds: it ends after this round's scoring, and
            # whatever counts the rounds left (effects, bots) sees the new length
            cx.say(f"The facilitator ends the game after round {action.id} "
                   f"(of {new.rounds} planned)")
            new.rounds = int(action.id)
        else:
            self._bring_in(cx, action)
            self._check_end(cx)
        if log:
            new.log = _push_all(new.log, log)
        return Outcome(new, tuple(log or ()), cx.drew)

    def replay(self, st: GameState, action: Action) -> Outcome:
        """Apply one recorded action, a seat's or the facilitator's (saves, replays)."""
        if action.is_facilitator:
            return self.facilitate(st, action)
        return self.apply(st, action)

    def _bring_in(self, cx: Ctx, action: Action) -> None:
        """Resolve an inject or a news event like news: with no acting faction."""
        st = cx.st
        cx.actor = -1
        cx.source = VP_INJECT
        if action.kind == "inject":
            inject = self._compiled.injects[self._compiled.inject_index[action.id]]
            cx.say(f"Inject: {inject.name}")
            inject.effects(cx)
            return
        index = self._compiled.event_index[action.id]
        event = self._compiled.events[index]
        # The card leaves its pile, as if drawn: it will not come up again as the year's news.
        era = event.era
        st.event_piles[era] = tuple(e for e in st.event_piles[era] if e != index)
        st.events_seen = (*st.events_seen, index)
        resolve_event(cx, event, "Inject: news")

    def _scheduled(self, cx: Ctx) -> None:
        """The scenario's injects for this round, when its actions begin."""
        st = cx.st
        for action in self._compiled.scheduled.get((st.scenario, st.round), ()):
            if st.over:
                return
            if action.kind == "news" and self._compiled.event_index[action.id] in st.events_seen:
                continue  # the year's news already brought it
            self._bring_in(cx, action)
            self._check_end(cx)

    def preview(self, st: GameState, action: Action, *, log: bool = True) -> Outcome:
        """The action's own effects, without the phases that follow (for hover and warnings).

        Use it on the acting seat's view: random effects then draw from a blank RNG and reveal
        nothing real. ``log=False`` skips the log lines (bots preview every legal action and
        never read them).
        """
        new = st.copy()
        new.ctrl = st.ctrl  # controllers follow influence alone: valid until an effect moves it
        cx = self._preview_into(new, action, [] if log else None)
        if cx is None:
            return Outcome(new, (), False)
        return Outcome(new, tuple(cx.log or ()), cx.drew)

    def preview_in_place(self, scratch: GameState, action: Action) -> None:
        """:meth:`preview` without the copy: the action's own effects applied to ``scratch``
        itself, no log. For the bots' evaluator alone, which previews every legal action
        of every decision on one scratch copy of its view and puts back each field after
        looking (the copy would cost about a tenth of its time). ``scratch`` must be a copy
        the caller owns, its ``ctrl`` that of the state it copies (as :meth:`preview` sets
        it), and be restored in full before the next call."""
        self._preview_into(scratch, action, None)

    def _preview_into(self, new: GameState, action: Action, log: list[str] | None
                      ) -> Ctx | None:
        """Perform ``action``'s own effects on ``new`` (no phases); None for an action the
        seat to act does not have (``new`` is then left as it was)."""
        f = self.current(new)
        cx = Ctx(self._tables, new, f, log=log)
        # by identity first (the listing's own actions, as bots preview them): no hashing
        if self._lookup_id[f].get(id(action)) is None and action is not PASS and \
                self._compiled.lookup[f].get(action) is None and action != PASS:
            return None
        self._perform(cx, f, action)
        self._check_end(cx)
        return cx

    def ending(self, st: GameState, action: Action) -> str | None:
        """If the action may end the game early, a warning with the end condition's text.

        Besides the action itself, the last action of a round's action phase is followed at
        once by the end-of-round steps (reactions, governments, scoring): these are run on a
        copy, and when they would end the game, or leave tension one step from the end before
        the next news, the warning says so.
        """
        after = self.preview(st, action).state
        if after.over:
            return self._end_text(after) if after.end_reason != "rounds" else None
        if not self._closes_action_phase(st):
            return None
        probe = after.copy()
        cx = Ctx(self._tables, probe)
        for step in self.steps[self.action_step + 1:]:
            step(self._compiled, cx)
            self._check_end(cx)
            if probe.over:
                break
        if probe.over and probe.end_reason != "rounds":
            return f"at the end of this round: {self._end_text(probe)}"
        t = self._tables
        if t.tension >= 0 and not probe.over and probe.round < probe.rounds:
            top = t.track_max[t.tension]
            if probe.tracks[t.tension] >= top - 1 and any(
                    e.id != "rounds" for e in self._compiled.ends):
                return (f"tension will be {probe.tracks[t.tension]} after this round: the next "
                        f"news may end the game ({self._compiled.ends[0].text})")
        return None

    def _closes_action_phase(self, st: GameState) -> bool:
        """Whether the acting seat takes the last action of the round's action phase."""
        return (st.step == self.action_step and st.turn == len(st.order) - 1
                and st.action_round >= self._tables.settings.action_rounds)

    def _end_text(self, st: GameState) -> str:
        end = next((e for e in self._compiled.ends if e.id == st.end_reason), None)
        return end.text if end else st.end_reason

    # flow ---------------------------------------------------------------------------------

    def _advance(self, cx: Ctx) -> None:
        """Run automatic steps until a seat must decide or the game ends."""
        st = cx.st
        t = self._tables
        steps = self.steps
        action_rounds = t.settings.action_rounds
        any_end = self._any_end
        cx.actor = -1  # news, income, reactions and scoring have no acting faction
        while not st.over:
            if st.step >= len(steps):
                self._record_history(st)
                if st.round >= st.rounds:
                    self._finish(cx, "rounds", "the last round is over", frozenset())
                    return
                st.round += 1
                st.step = 0
                cx.say(f"Round {st.round}")
                continue
            if st.step == self.action_step:
                if st.action_round == 0:
                    if self._compiled.scheduled:
                        self._scheduled(cx)
                        cx.actor = -1
                        if st.over:
                            return
                    st.order = self._initiative(st)
                    st.action_round = 1
                    st.turn = 0
                if st.action_round <= action_rounds:
                    return
                st.action_round = 0
                st.step += 1
                continue
            steps[st.step](self._compiled, cx)
            st.step += 1
            if not st.over and any_end(cx):  # _check_end's first test, inline
                self._check_end(cx)

    def _initiative(self, st: GameState) -> tuple[int, ...]:
        """Fewest VP acts first; ties follow the rules' tiebreak order."""
        rank = self._tiebreak_rank
        return tuple(sorted(st.seats, key=lambda f: (st.vp[f], rank.get(f, 99), f)))

    def _check_end(self, cx: Ctx) -> None:
        st = cx.st
        if st.over or not self._compiled.any_end(cx):  # asked after every action: one call
            return
        for end in self._compiled.ends:  # which one (conditions are pure: the same answers)
            if end.when(cx):
                cx.say(f"The game ends: {end.name}. {end.text}")
                self._finish(cx, end.id, end.text, end.losers)
                return

    def _finish(self, cx: Ctx, reason: str, text: str, losers: frozenset[int]) -> None:
        st = cx.st
        st.over = True
        st.end_reason = reason
        # An end right after an action round's last turn finds the counter already moved on
        # to a round that will never be played.
        st.action_round = min(st.action_round, self._tables.settings.action_rounds)
        st.losers = tuple(sorted(f for f in losers if f in st.seats))
        ranking = self._ranking(st)
        st.winner = ranking[0] if ranking else -1
        if st.winner >= 0:
            cx.say(f"{self._tables.faction_names[st.winner]} wins with {st.vp[st.winner]} VP")
        else:
            cx.say("Nobody wins")

    def _ranking(self, st: GameState) -> list[int]:
        rank = {f: i for i, f in enumerate(self._compiled.tiebreak)}
        alive = [f for f in st.seats if f not in st.losers]
        return sorted(alive, key=lambda f: (-st.vp[f], rank.get(f, 99), f))

    def _record_history(self, st: GameState) -> None:
        st.history = (*st.history, self.history_record(st))

    def history_record(self, st: GameState) -> tuple[int, ...]:
        """The numbers of one ``state.history`` record, read off ``st`` now (names in
        :meth:`history_fields`): round, tracks, VP, and spheres controlled per power."""
        t = self._tables
        S = t.S
        control = [0] * (t.P * S)
        ctrl = t.control_map(st)
        for i in range(t.C * S):  # the controller of each country-sphere, c * S + s
            p = ctrl[i]
            if p >= 0:
                control[p * S + i % S] += 1
        return (st.round, *st.tracks, *st.vp, *control)

    def history_fields(self) -> list[str]:
        """Names of the numbers in each ``state.history`` record."""
        t = self._tables
        return ["round", *t.track_ids, *(f"vp_{f}" for f in t.faction_ids),
                *(f"control_{p}_{s}" for p in t.power_ids for s in t.sphere_ids)]

    # results and views --------------------------------------------------------------------

    def result(self, st: GameState) -> Result | None:
        if not st.over:
            return None
        t = self._tables
        end = next((e for e in self._compiled.ends if e.id == st.end_reason), None)
        return Result(
            winner=t.faction_ids[st.winner] if st.winner >= 0 else None,
            reason=st.end_reason,
            reason_text=end.text if end else "the last round is over",
            losers=tuple(t.faction_ids[f] for f in st.losers),
            vp={t.faction_ids[f]: st.vp[f] for f in st.seats},
            ranking=tuple(t.faction_ids[f] for f in self._ranking(st)),
        )

    def view(self, st: GameState, faction: str) -> GameState:
        """The state as one seat may see it: other hands, deck order, the RNG, the seed and the
        log blanked. Two states that differ only in what the seat may not see give equal views.
        """
        f = self._tables.faction_index[faction]
        out = st.copy()
        out.hands = [h if i == f else tuple(-1 for _ in h) for i, h in enumerate(st.hands)]
        out.decks = [tuple(-1 for _ in d) for d in st.decks]
        out.event_piles = [tuple(-1 for _ in p) for p in st.event_piles]
        out.rng = 0
        # The seed plus the (public) action list would replay the game and rebuild every
        # hidden card: a view carries neither the seed nor the RNG, nor the log, whose first
        # line names the seed (the window shows the game's log, not a view's).
        out.seed = 0
        out.log = None
        out.hidden = True
        return out

    def determinize(self, view: GameState, faction: str, seed: int) -> GameState:
        """A full state consistent with a seat's view: hidden cards dealt at random.

        Search bots plan on such samples, so they never see what their seat cannot.
        """
        t = self._tables
        f = t.faction_index[faction]
        st = view.copy()
        state = rng.seed_state(seed)
        for d in range(len(t.deck_ids)):
            unseen = list(t.deck_cards[d])
            for card in st.discards[d]:
                unseen.remove(card)
            if t.faction_deck[f] == d:
                for card in st.hands[f]:
                    unseen.remove(card)
            state, pool = rng.shuffled(state, unseen)
            pool_list = list(pool)
            for g in range(t.F):
                if g != f and t.faction_deck[g] == d and st.hands[g]:
                    n = len(st.hands[g])
                    st.hands[g] = tuple(sorted(pool_list[:n]))
                    del pool_list[:n]
            st.decks[d] = tuple(pool_list)
        seen = set(st.events_seen)
        for era in range(len(t.era_ids)):
            n = len(st.event_piles[era])
            unseen_events = [i for i, e in enumerate(self._compiled.events)
                             if e.era == era and i not in seen]
            state, pool = rng.shuffled(state, unseen_events)
            st.event_piles[era] = pool[:n]
        st.rng = state
        st.hidden = False
        return st


_SLOW = 9  # the listing's mode for a plan whose candidates are priced one by one (_collect)
# The plan of the last piece of a listing (mode -1: nothing to look at), never read.
_NO_PLAN = _Plan(0, 0, -1, -1, (), (), (0).__ge__, (), None, 0, None, None, None, 0, None)
_NOTHING: tuple[_Item, ...] = (((), _NO_PLAN, -1),)  # the items when nothing is affordable


def _push_all(cons: Cons, lines: list[str]) -> Cons:
    for line in lines:
        cons = (cons, line)
    return cons
