"""Phase steps of a round, one registered function each, named as in ``round_structure``.

The interactive step ``actions`` is driven by :class:`chessboard.engine.game.Engine`; every
other step runs by itself between two decisions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import compress
from typing import TYPE_CHECKING, Any

from chessboard.engine import cards
from chessboard.engine.compiler import CompiledEvent, CompiledRule
from chessboard.engine.conditions import Pred
from chessboard.engine.context import VP_NEWS, Ctx, flush_vp
from chessboard.engine.effects import Eff
from chessboard.rules.models import ForEach

if TYPE_CHECKING:
    from chessboard.engine.compiler import Compiled

Step = Callable[["Compiled", Ctx], None]
STEPS: dict[str, Step] = {}


def step(name: str) -> Callable[[Step], Step]:
    def register(fn: Step) -> Step:
        STEPS[name] = fn
        return fn

    return register


class _Ended(Exception):
    """An end condition holds: the rest of the step must not run (the game ends at once)."""


def ended(k: Compiled) -> Pred:
    """Whether any end condition of the rules holds now (made once, when compiled)."""
    return k.any_end


def run_rules(rules: list[CompiledRule], cx: Ctx, *, country_mask: int = -1,
              stop: Pred | None = None) -> None:
    """Run phase rules, each over the bindings its ``for_each`` names.

    Log lines a rule produces are prefixed with its name, so a reader sees why VP or a track
    moved ("Sphere control: Russia +5 VP"). With ``stop``, the step halts as soon as it holds
    after a rule has acted: an ending (tension 10) is never undone by a later reaction.
    ``stop`` is asked only after the rules whose effects write what it reads (``may_end``):
    it held not at the start (else it is asked after every rule, as it may already hold), and
    only those rules can change its answer.
    """
    log = cx.log
    if stop is not None and stop(cx):
        stop_all: Pred | None = stop
    else:
        stop_all = None
    cx.vp_rows = [] if cx.vp_rows is None else cx.vp_rows  # a batch of VP changes
    once = ForEach.once
    try:
        for rule in rules:
            cx.source = rule.vp_source
            halt = stop_all if stop_all is not None or not rule.may_end else stop
            if log is None:
                if rule.for_each is once:  # _run_rule's first case, inline: most rules
                    when = rule.when
                    if when is None or when(cx):
                        rule.effects(cx)
                        if halt is not None and halt(cx):
                            raise _Ended
                    continue
                mask = rule.mask
                if mask is not None and rule.pre is None and \
                        cx.actor == cx.c == cx.s == cx.p == -1:  # _run_rule's masked case
                    hold = mask(cx.st)
                    if any(hold):  # else no binding's condition holds: nothing to do
                        _run_masked(rule, cx, country_mask, _halting(rule.effects, halt), hold)
                    continue
                _run_rule(rule, cx, country_mask, halt)
                continue
            mark = len(log)
            try:
                _run_rule(rule, cx, country_mask, halt)
            finally:
                for i in range(mark, len(log)):
                    log[i] = f"{rule.name}: {log[i]}"
    except _Ended:
        cx.c = cx.s = cx.p = -1
    finally:
        flush_vp(cx)


def _run_rule(rule: CompiledRule, cx: Ctx, country_mask: int, stop: Pred | None) -> None:
    t = cx.tables
    each = rule.for_each
    when = rule.when
    if rule.pre is not None and not rule.pre(cx):  # the same answer for every binding
        return
    fx = _halting(rule.effects, stop)
    if each == ForEach.once:
        if when is None or when(cx):
            fx(cx)
        return
    if rule.mask is not None and cx.actor == cx.c == cx.s == cx.p == -1:
        hold = rule.mask(cx.st)
        if any(hold):
            _run_masked(rule, cx, country_mask, fx, hold)
        return
    if each == ForEach.faction:
        saved = cx.actor
        actors = rule.actors
        try:
            for f in cx.st.seats:
                if actors is not None and f not in actors:
                    continue
                cx.actor = f
                if when is None or when(cx):
                    fx(cx)
        finally:
            cx.actor = saved
        return
    if each == ForEach.power:
        for p in range(t.P):
            cx.p = p
            if when is None or when(cx):
                fx(cx)
        cx.p = -1
        return
    for c in range(t.C):
        if not country_mask >> c & 1:
            continue
        cx.c = c
        if each == ForEach.country:
            if when is None or when(cx):
                fx(cx)
        elif each == ForEach.country_power:
            for p in range(t.P):
                cx.p = p
                if when is None or when(cx):
                    fx(cx)
            cx.p = -1
        else:  # country_sphere
            for s in range(t.S):
                cx.s = s
                if when is None or when(cx):
                    fx(cx)
            cx.s = -1
    cx.c = -1


def _halting(fx: Eff, stop: Pred | None) -> Eff:
    """The effects, then the step halted if ``stop`` holds."""
    if stop is None:
        return fx

    def run(cx: Ctx) -> None:
        fx(cx)
        if stop(cx):
            raise _Ended

    return run


def _run_masked(rule: CompiledRule, cx: Ctx, country_mask: int, fx: Eff,
                hold: Sequence[Any]) -> None:
    """The loop of :func:`_run_rule` (same bindings, same order, the context bound and reset
    the same way) with the condition asked for all bindings at once (``rule.mask``); after a
    binding acted, the mask is asked again unless the rule's effects leave what it reads
    alone, so every binding sees the state the plain loop would. ``hold``: the mask now."""
    st = cx.st
    bindings, rest, stable = rule.bindings, rule.rest, rule.stable
    mask = rule.mask
    assert mask is not None
    if rule.for_each == ForEach.faction:
        slot = rule.slots
        try:
            for f in st.seats:
                i = slot[f]
                if i < 0 or not hold[i]:
                    continue
                cx.actor = f
                if rest is None or rest(cx):
                    fx(cx)
                    if not stable:
                        hold = mask(st)
        finally:
            cx.actor = -1
        return
    if stable:  # no binding changes what the mask reads: visit only those it holds for
        for _, c, s, p in compress(bindings, hold):
            if c >= 0 and not country_mask >> c & 1:
                continue
            cx.c, cx.s, cx.p = c, s, p
            if rest is None or rest(cx):
                fx(cx)
            cx.s = cx.p = -1
        cx.c = -1
        return
    i = -1
    while True:  # from one binding that holds to the next (masks are 0/1: see batch.Mask)
        try:
            i = hold.index(True, i + 1)
        except ValueError:
            break
        _, c, s, p = bindings[i]
        if c >= 0 and not country_mask >> c & 1:
            continue
        cx.c, cx.s, cx.p = c, s, p
        if rest is None or rest(cx):
            fx(cx)
            hold = mask(st)  # the effects may change what it reads (not stable)
        cx.s = cx.p = -1
    cx.c = -1


def current_era(cx: Ctx) -> int:
    era = 0
    for i, start in enumerate(cx.tables.era_from):
        if cx.st.round >= start:
            era = i
    return era


@step("news")
def news(k: Compiled, cx: Ctx) -> None:
    """Reveal the round's event from the current era's pile (falling back to other eras)."""
    st = cx.st
    era = current_era(cx)
    order = [era, *range(era + 1, len(st.event_piles)), *range(era - 1, -1, -1)]
    for e in order:
        pile = st.event_piles[e]
        if pile:
            st.event = pile[-1]
            st.event_piles[e] = pile[:-1]
            st.events_seen = (*st.events_seen, st.event)
            break
    else:
        st.event = -1
        cx.say("News: the deck is empty, a quiet year.")
        return
    cx.drew = True
    cx.source = VP_NEWS
    resolve_event(cx, k.events[st.event], "News")


def resolve_event(cx: Ctx, event: CompiledEvent, label: str) -> None:
    """Log a news event and apply it unless its condition fails: the year's news, and news
    the facilitator brings in."""
    # a late-era card is a projection of the paper, never reported fact: the log says so
    what_if = " (what if)" if event.what_if else ""
    cx.say(f"{label}{what_if}: {event.name}")
    if event.when is not None and not event.when(cx):
        cx.say("  (no effect this time)")
        return
    event.effects(cx)


@step("income")
def income(k: Compiled, cx: Ctx) -> None:
    t, st = cx.tables, cx.st
    ip_max = t.settings.ip_max  # a declared bound of the rules
    base = k.base_income
    for f in st.seats:
        st.ip[f] = min(ip_max, st.ip[f] + base[f])
    run_rules(k.income, cx, stop=ended(k))
    if cx.log is not None:
        cx.say("Income: " + ", ".join(f"{t.faction_names[f]} {st.ip[f]} IP" for f in st.seats))


@step("draw")
def draw(k: Compiled, cx: Ctx) -> None:
    hand_size = cx.tables.settings.hand_size
    for f in cx.st.seats:
        missing = hand_size - len(cx.st.hands[f])
        if missing > 0:
            cards.draw(cx, f, missing)


@step("reactions")
def reactions(k: Compiled, cx: Ctx) -> None:
    run_rules(k.reactions, cx, stop=ended(k))


@step("auto_government")
def auto_government(k: Compiled, cx: Ctx) -> None:
    """States no seat plays follow the YAML's automatic government rules."""
    unplayed = ~cx.tables.played_countries(cx.st)
    run_rules(k.auto_government, cx, country_mask=unplayed, stop=ended(k))


@step("scoring")
def scoring(k: Compiled, cx: Ctx) -> None:
    run_rules(k.scoring, cx, stop=ended(k))


@step("actions")
def actions(k: Compiled, cx: Ctx) -> None:  # pragma: no cover - driven by the Engine
    raise AssertionError("the actions step waits for the seats' decisions")
