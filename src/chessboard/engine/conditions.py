"""Condition kinds: each turns its YAML arguments into a predicate ``Ctx -> bool``."""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from chessboard.engine.context import Ctx, Tables
from chessboard.engine.quantities import compile_amount
from chessboard.rules import expressions as ex

Pred = Callable[[Ctx], bool]
CONDITIONS: dict[str, Callable[[Any, Tables], Pred]] = {}


Compile = Callable[[Any, Tables], Pred]


def condition(kind: str) -> Callable[[Compile], Compile]:
    def register(fn: Compile) -> Compile:
        CONDITIONS[kind] = fn
        return fn

    return register


def compile_condition(model: Any, t: Tables) -> Pred:
    return CONDITIONS[ex.kind_of(model)](ex.args_of(model), t)


def _in_range(get: Callable[[Ctx], int], low: int | None, high: int | None) -> Pred:
    if low is not None and high is not None:
        return lambda cx: low <= get(cx) <= high
    if low is not None:
        return lambda cx: get(cx) >= low
    if high is not None:
        return lambda cx: get(cx) <= high
    return lambda cx: True


def _read_range(field: str, index: Callable[[Ctx], int] | int, low: int | None,
                high: int | None) -> Pred:
    """A range test on one entry of a flat list of the state (``tracks`` at a fixed index,
    or ``inf``, ``opinion``, ``stance`` at a bound one), in one closure for the one-sided
    ranges (these run for every binding and every listing)."""
    if isinstance(index, int):  # a track
        i = index
        if low is not None and high is None:
            return lambda cx: cx.st.tracks[i] >= low
        if high is not None and low is None:
            return lambda cx: cx.st.tracks[i] <= high
        return _in_range(lambda cx: cx.st.tracks[i], low, high)
    get = index
    if field == "inf":
        if low is not None and high is None:
            return lambda cx: cx.st.inf[get(cx)] >= low
        if high is not None and low is None:
            return lambda cx: cx.st.inf[get(cx)] <= high
        return _in_range(lambda cx: cx.st.inf[get(cx)], low, high)
    if field == "opinion":
        if low is not None and high is None:
            return lambda cx: cx.st.opinion[get(cx)] >= low
        if high is not None and low is None:
            return lambda cx: cx.st.opinion[get(cx)] <= high
        return _in_range(lambda cx: cx.st.opinion[get(cx)], low, high)
    if low is not None and high is None:
        return lambda cx: cx.st.stance[get(cx)] >= low
    if high is not None and low is None:
        return lambda cx: cx.st.stance[get(cx)] <= high
    return _in_range(lambda cx: cx.st.stance[get(cx)], low, high)


@condition("track")
def track(a: ex.TrackRange, t: Tables) -> Pred:
    return _read_range("tracks", t.track(a.id), a.min, a.max)


@condition("flag")
def flag(a: str, t: Tables) -> Pred:
    bit = t.flag(a)
    return lambda cx: bool(cx.st.flags & bit)


@condition("member")
def member(a: ex.MemberArgs, t: Tables) -> Pred:
    org, country = t.org_index[a.org], t.country_ref(a.country)
    if a.country == "target":  # an action's own target: checked for every candidate
        return lambda cx: bool(cx.st.members[org] >> cx.c & 1)
    return lambda cx: bool(cx.st.members[org] >> country(cx) & 1)


@condition("controls")
def controls(a: ex.ControlsArgs, t: Tables) -> Pred:
    power, country, sphere = t.power_ref(a.power), t.country_ref(a.country), t.sphere_ref(a.sphere)
    if a.country == "target" and a.sphere == "target":  # a cost modifier's, for each candidate
        S = t.S

        def check_target(cx: Ctx) -> bool:
            ctrl = cx.st.ctrl or t.control_map(cx.st)  # the cache itself when it is there
            return ctrl[cx.c * S + cx.s] == power(cx)

        return check_target
    return lambda cx: t.controller(cx.st, country(cx), sphere(cx)) == power(cx)


@condition("dominates")
def dominates(a: ex.PowerCountryArgs, t: Tables) -> Pred:
    power, country = t.power_ref(a.power), t.country_ref(a.country)
    return lambda cx: t.dominator(cx.st, country(cx)) == power(cx)


@condition("dominated_by")
def dominated_by(a: ex.DominatedByArgs, t: Tables) -> Pred:
    country = t.country_ref(a.country)
    if a.powers is None:  # any power: read off the factions, never a list in the rules
        return lambda cx: t.dominator(cx.st, country(cx)) >= 0
    allowed = frozenset(t.power_index[p] for p in a.powers)
    return lambda cx: t.dominator(cx.st, country(cx)) in allowed


_OPS = {"<": operator.lt, "<=": operator.le, "==": operator.eq, "!=": operator.ne,
        ">=": operator.ge, ">": operator.gt}


@condition("compare")
def compare(a: ex.CompareArgs, t: Tables) -> Pred:
    left, right, op = compile_amount(a.left, t), compile_amount(a.right, t), _OPS[a.op]
    return lambda cx: op(left(cx), right(cx))


@condition("opinion")
def opinion(a: ex.PowerCountryRange, t: Tables) -> Pred:
    return _read_range("opinion", t.cp_index(a.power, a.country), a.min, a.max)


@condition("stance")
def stance(a: ex.PowerCountryRange, t: Tables) -> Pred:
    return _read_range("stance", t.cp_index(a.power, a.country), a.min, a.max)


@condition("has_influence")
def has_influence(a: ex.InfluenceRange, t: Tables) -> Pred:
    S, P = t.S, t.P
    if (a.power, a.country, a.sphere, a.min) == ("self", "target", "target", None) \
            and a.max is not None:  # the common cap check of placing actions, on the hot path
        high, own = a.max, t.faction_power
        return lambda cx: cx.st.inf[(cx.c * S + cx.s) * P + own[cx.actor]] <= high
    return _read_range("inf", t.inf_index(a.power, a.country, a.sphere), a.min, a.max)


@condition("rival_controls")
def rival_controls(a: ex.CountrySphereArgs, t: Tables) -> Pred:
    country, sphere, own = t.country_ref(a.country), t.sphere_ref(a.sphere), t.faction_power
    S = t.S
    if a.country == "target" and a.sphere == "target":  # the common case, on the hot path

        def check_target(cx: Ctx) -> bool:
            ctrl = cx.st.ctrl or t.control_map(cx.st)  # the cache itself when it is there
            p = ctrl[cx.c * S + cx.s]
            return p >= 0 and p != own[cx.actor]

        return check_target

    def check(cx: Ctx) -> bool:
        p = t.controller(cx.st, country(cx), sphere(cx))
        return p >= 0 and p != own[cx.actor]

    return check


@condition("target")
def target(a: ex.TargetArgs, t: Tables) -> Pred:
    countries = frozenset(t.country_index[c] for c in a.countries) if a.countries else None
    spheres = frozenset(t.sphere_index[s] for s in a.spheres) if a.spheres else None
    powers = frozenset(t.power_index[p] for p in a.powers) if a.powers else None

    def check(cx: Ctx) -> bool:
        return ((countries is None or cx.c in countries)
                and (spheres is None or cx.s in spheres)
                and (powers is None or cx.p in powers))

    return check


@condition("actor")
def actor(a: list[str], t: Tables) -> Pred:
    allowed = t.faction_set(a)
    return lambda cx: cx.actor in allowed


@condition("played")
def played(a: str, t: Tables) -> Pred:
    country = t.country_ref(a)
    return lambda cx: bool(t.played_countries(cx.st) >> country(cx) & 1)


@condition("round")
def round_(a: ex.RangeArgs, t: Tables) -> Pred:
    return _in_range(lambda cx: cx.st.round, a.min, a.max)


@condition("all")
def all_(a: list[Any], t: Tables) -> Pred:
    return compile_all(a, t) or (lambda cx: True)


def compile_all(models: list[Any], t: Tables) -> Pred | None:
    """Conditions that must all hold, as one predicate (None when there are none)."""
    preds = tuple(compile_condition(c, t) for c in models)
    return join_all(preds) if preds else None


def join_all(preds: tuple[Pred, ...]) -> Pred:
    """Predicates that must all hold, as one (at least one predicate)."""
    if len(preds) == 1:
        return preds[0]
    if len(preds) == 2:  # the usual case; a plain `and` is much cheaper than all(generator)
        first, second = preds
        return lambda cx: first(cx) and second(cx)

    def every(cx: Ctx) -> bool:  # an explicit loop: all(generator) is slower here
        for pred in preds:  # noqa: SIM110
            if not pred(cx):
                return False
        return True

    return every


@condition("any")
def any_(a: list[Any], t: Tables) -> Pred:
    return join_any(tuple(compile_condition(c, t) for c in a))


def join_any(preds: tuple[Pred, ...]) -> Pred:
    """Predicates of which one must hold, as one."""

    def some(cx: Ctx) -> bool:
        for pred in preds:  # noqa: SIM110
            if pred(cx):
                return True
        return False

    return some


def fold(model: Any, t: Tables, cx: Ctx) -> bool | Pred:
    """A condition with what ``cx`` binds for good (the acting faction and the target of one
    candidate action) settled: True or False when that decides it, else a predicate of the
    rest (``actor`` and ``target`` parts drop out of ``all``, ``any`` and ``not``)."""
    kind, args = ex.kind_of(model), ex.args_of(model)
    if kind == "actor":
        return cx.actor in t.faction_set(args)
    if kind == "target":
        return bool(compile_condition(model, t)(cx))
    if kind == "not":
        inner = fold(args, t, cx)
        if isinstance(inner, bool):
            return not inner
        return lambda cx: not inner(cx)
    if kind in ("all", "any"):
        decisive = kind == "any"  # the value of a part that decides the whole
        parts = [fold(m, t, cx) for m in args]
        if any(part is decisive for part in parts):
            return decisive
        preds = tuple(part for part in parts if not isinstance(part, bool))
        if not preds:
            return not decisive
        return join_any(preds) if decisive else join_all(preds)
    return compile_condition(model, t)


@condition("not")
def not_(a: Any, t: Tables) -> Pred:
    pred = compile_condition(a, t)
    return lambda cx: not pred(cx)
