"""Conditions asked for every binding of a phase rule at once.

A phase rule with ``for_each: country`` (or ``power``, ``country_power``, ``country_sphere``,
``faction``) asks its condition for up to fifteen bindings a round, each time through a chain
of closures that read the binding off the context. Most condition kinds read, for a given
binding, fixed positions of the state's flat lists (influence, opinion, stance, agency,
tracks, memberships, the control map): here those positions are resolved once per binding
when the rules are compiled, and a condition becomes a *mask*, a function of the state giving
one truth value per binding, whose values are fetched at once (``operator.itemgetter``) and
tested in C (``map``).

A part of a condition whose kind (or quantity, or reference) is not handled here gives None:
the caller asks that part binding by binding as before, so a kind added later is never
evaluated wrongly. Masks are pure and cannot fail (every position is checked when compiled),
so asking them for every binding gives the same answers as the plain ``and`` would.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from chessboard.engine.conditions import compile_condition
from chessboard.engine.context import Ctx, Tables
from chessboard.rules import expressions as ex

if TYPE_CHECKING:
    from chessboard.engine.state import GameState

# (actor, country, sphere, power) of one binding; -1 where the rule does not bind it
Binding = tuple[int, int, int, int]
Mask = Callable[["GameState"], Sequence[Any]]  # one truthy value per binding
Values = Callable[["GameState"], Sequence[int]]

_OPS = {"<": operator.lt, "<=": operator.le, "==": operator.eq, "!=": operator.ne,
        ">=": operator.ge, ">": operator.gt}


def bound(t: Tables, binding: Binding) -> Ctx:
    """A context bound to a binding (the state blank): the reference getters read only these."""
    from chessboard.engine.state import GameState

    cx = Ctx(t, GameState(), binding[0])
    cx.c, cx.s, cx.p = binding[1], binding[2], binding[3]
    return cx


def compile_mask(model: Any, t: Tables, bindings: Sequence[Binding]) -> Mask | None:
    """The condition's value for every binding at once, or None when a kind inside is not
    handled (the caller then asks it binding by binding)."""
    return _mask(model, t, [bound(t, b) for b in bindings])


def join_masks(masks: Sequence[Mask]) -> Mask:
    """Masks that must all hold, as one (at least one mask)."""
    if len(masks) == 1:
        return masks[0]
    first, others = masks[0], masks[1:]

    def joined(st: GameState) -> Sequence[Any]:
        out = first(st)
        if not any(out):  # the usual case: the first part already fails everywhere
            return out
        out = [bool(v) for v in out]
        for mask in others:
            out = list(map(operator.and_, out, map(bool, mask(st))))
        return out

    return joined


def with_influence(mask: Mask, indexes: Sequence[int]) -> Mask:
    """``mask`` where the influence at ``indexes`` (one per binding) is also above 0: a
    counter needs the rival's influence to exist (influence is never negative)."""
    present = _fetch("inf", indexes)
    return lambda st: list(map(operator.and_, map(bool, present(st)), map(bool, mask(st))))


def _mask(model: Any, t: Tables, cxs: list[Ctx]) -> Mask | None:
    builder = _MASKS.get(ex.kind_of(model))
    if builder is None:
        return None
    return builder(ex.args_of(model), t, cxs, model)


def _fetch(field: str, indexes: Sequence[int]) -> Values:
    """The values at ``indexes`` of the state's list ``field``, as a sequence."""
    get = operator.attrgetter(field)
    if len(indexes) == 1:
        i = indexes[0]
        return lambda st: (get(st)[i],)
    pick = itemgetter(*indexes)
    return lambda st: pick(get(st))


def _control(t: Tables, indexes: Sequence[int]) -> Values:
    """Entries of the control map (controllers, then dominators) at ``indexes``."""
    control_map = t.control_map
    if len(indexes) == 1:
        i = indexes[0]
        return lambda st: (control_map(st)[i],)
    pick = itemgetter(*indexes)
    return lambda st: pick(control_map(st))


def _same(n: int, get: Callable[[GameState], int]) -> Values:
    """One value read off the state, for every binding (it names no binding)."""
    return lambda st: (get(st),) * n


def _in_range(values: Values, low: int | None, high: int | None, n: int) -> Mask:
    if low is not None and high is not None:
        return lambda st: [low <= v <= high for v in values(st)]
    if low is not None:
        at_least = low.__le__
        return lambda st: list(map(at_least, values(st)))
    if high is not None:
        at_most = high.__ge__
        return lambda st: list(map(at_most, values(st)))
    return lambda st: (True,) * n


# conditions -------------------------------------------------------------------------------

def _has_influence(a: ex.InfluenceRange, t: Tables, cxs: list[Ctx], _: Any) -> Mask | None:
    if "all" in (a.country, a.sphere):
        return None
    parts = _parts(t, cxs, power=a.power, country=a.country, sphere=a.sphere)
    if parts is None:
        return None
    indexes = [(c * t.S + s) * t.P + p for c, s, p in parts]
    return _in_range(_fetch("inf", indexes), a.min, a.max, len(cxs))


def _cp(field: str) -> Callable[..., Mask | None]:
    def build(a: ex.PowerCountryRange, t: Tables, cxs: list[Ctx], _: Any) -> Mask | None:
        parts = _parts(t, cxs, power=a.power, country=a.country)
        if parts is None:
            return None
        indexes = [c * t.P + p for c, _, p in parts]
        return _in_range(_fetch(field, indexes), a.min, a.max, len(cxs))

    return build


def _track(a: ex.TrackRange, t: Tables, cxs: list[Ctx], _: Any) -> Mask:
    index = t.track(a.id)
    return _in_range(_same(len(cxs), lambda st: st.tracks[index]), a.min, a.max, len(cxs))


def _round(a: ex.RangeArgs, t: Tables, cxs: list[Ctx], _: Any) -> Mask:
    return _in_range(_same(len(cxs), lambda st: st.round), a.min, a.max, len(cxs))


def _member(a: ex.MemberArgs, t: Tables, cxs: list[Ctx], _: Any) -> Mask | None:
    parts = _parts(t, cxs, country=a.country)
    if parts is None:
        return None
    org = t.org_index[a.org]
    countries = [c for c, _, _ in parts]
    return lambda st: [st.members[org] >> c & 1 for c in countries]


def _controls(a: ex.ControlsArgs, t: Tables, cxs: list[Ctx], _: Any) -> Mask | None:
    parts = _parts(t, cxs, power=a.power, country=a.country, sphere=a.sphere)
    if parts is None:
        return None
    cells = _control(t, [c * t.S + s for c, s, _ in parts])
    powers = [p for _, _, p in parts]
    return lambda st: list(map(operator.eq, cells(st), powers))


def _dominates(a: ex.PowerCountryArgs, t: Tables, cxs: list[Ctx], _: Any) -> Mask | None:
    parts = _parts(t, cxs, power=a.power, country=a.country)
    if parts is None:
        return None
    cells = _control(t, [t.C * t.S + c for c, _, _ in parts])
    powers = [p for _, _, p in parts]
    return lambda st: list(map(operator.eq, cells(st), powers))


def _dominated_by(a: ex.DominatedByArgs, t: Tables, cxs: list[Ctx], _: Any) -> Mask | None:
    parts = _parts(t, cxs, country=a.country)
    if parts is None:
        return None
    cells = _control(t, [t.C * t.S + c for c, _, _ in parts])
    if a.powers is None:
        return lambda st: list(map((-1).__lt__, cells(st)))
    allowed = frozenset(t.power_index[p] for p in a.powers)
    return lambda st: list(map(allowed.__contains__, cells(st)))


def _rival_controls(a: ex.CountrySphereArgs, t: Tables, cxs: list[Ctx], _: Any) -> Mask | None:
    parts = _parts(t, cxs, country=a.country, sphere=a.sphere)
    if parts is None:
        return None
    cells = _control(t, [c * t.S + s for c, s, _ in parts])
    # the acting faction's own power, as the plain condition reads it (any actor, even none)
    own = [t.faction_power[cx.actor] for cx in cxs]
    return lambda st: [p >= 0 and p != o for p, o in zip(cells(st), own, strict=True)]


def _settled(a: Any, t: Tables, cxs: list[Ctx], model: Any) -> Mask:
    """A condition on the binding alone (``actor``, ``target``): answered when compiled."""
    pred = compile_condition(model, t)
    values = tuple(bool(pred(cx)) for cx in cxs)
    return lambda st: values


def _compare(a: ex.CompareArgs, t: Tables, cxs: list[Ctx], _: Any) -> Mask | None:
    left, right = _amount(a.left, t, cxs), _amount(a.right, t, cxs)
    if left is None or right is None:
        return None
    op = _OPS[a.op]
    return lambda st: list(map(op, left(st), right(st)))


def _not(a: Any, t: Tables, cxs: list[Ctx], _: Any) -> Mask | None:
    inner = _mask(a, t, cxs)
    if inner is None:
        return None
    return lambda st: [not v for v in inner(st)]


def _all(a: list[Any], t: Tables, cxs: list[Ctx], _: Any) -> Mask | None:
    return _join(a, t, cxs, operator.and_)


def _any(a: list[Any], t: Tables, cxs: list[Ctx], _: Any) -> Mask | None:
    return _join(a, t, cxs, operator.or_)


def _join(models: list[Any], t: Tables, cxs: list[Ctx],
          op: Callable[[Any, Any], Any]) -> Mask | None:
    masks = []
    for model in models:
        mask = _mask(model, t, cxs)
        if mask is None:
            return None
        masks.append(mask)
    if not masks:  # an empty all holds, an empty any does not
        value = (op is operator.and_,) * len(cxs)
        return lambda st: value
    if len(masks) == 1:
        return masks[0]

    def joined(st: GameState) -> Sequence[Any]:
        # truthy values (bools, and 0/1 bits of memberships) combined one by one
        out = [bool(v) for v in masks[0](st)]
        for mask in masks[1:]:
            out = list(map(op, out, map(bool, mask(st))))
        return out

    return joined


_MASKS: dict[str, Callable[..., Mask | None]] = {
    "has_influence": _has_influence,
    "opinion": _cp("opinion"),
    "stance": _cp("stance"),
    "track": _track,
    "round": _round,
    "member": _member,
    "controls": _controls,
    "dominates": _dominates,
    "dominated_by": _dominated_by,
    "rival_controls": _rival_controls,
    "actor": _settled,
    "target": _settled,
    "compare": _compare,
    "not": _not,
    "all": _all,
    "any": _any,
}


# quantities -------------------------------------------------------------------------------

def _amount(amount: int | ex.Scaled, t: Tables, cxs: list[Ctx]) -> Values | None:
    """An amount's value for every binding (see quantities.compile_amount), or None."""
    n = len(cxs)
    if isinstance(amount, int):
        constant = (amount,) * n
        return lambda st: constant
    get = _quantity(amount.of, t, cxs)
    if get is None:
        return None
    times, div, plus, low, high = amount.times, amount.div, amount.plus, amount.min, amount.max
    if (times, div, low, high) == (1, 1, None, None):
        if plus == 0:
            return get
        return lambda st: [v + plus for v in get(st)]

    def scaled(st: GameState) -> list[int]:
        out = []
        for v in get(st):
            value = v * times // div + plus
            if low is not None and value < low:
                value = low
            if high is not None and value > high:
                value = high
            out.append(value)
        return out

    return scaled


def _quantity(model: Any, t: Tables, cxs: list[Ctx]) -> Values | None:
    kind, a = ex.kind_of(model), ex.args_of(model)
    n = len(cxs)
    if kind == "influence":
        if not (a.country and a.sphere) or "all" in (a.country, a.sphere):
            return None
        parts = _parts(t, cxs, power=a.power, country=a.country, sphere=a.sphere)
        if parts is None:
            return None
        return _fetch("inf", [(c * t.S + s) * t.P + p for c, s, p in parts])
    if kind in ("opinion", "stance"):
        parts = _parts(t, cxs, power=a.power, country=a.country)
        if parts is None:
            return None
        return _fetch(kind, [c * t.P + p for c, _, p in parts])
    if kind == "agency":
        parts = _parts(t, cxs, country=a)
        if parts is None:
            return None
        return _fetch("agency", [c for c, _, _ in parts])
    if kind == "track":
        index = t.track(a)
        return _same(n, lambda st: st.tracks[index])
    if kind == "round":
        if a == "current":
            return _same(n, lambda st: st.round)
        return _same(n, lambda st: st.rounds - st.round)
    if kind == "members":
        org = t.org_index[a]
        return _same(n, lambda st: bin(st.members[org]).count("1"))
    if kind == "investors":
        parts = _parts(t, cxs, country=a.country, sphere=a.sphere)
        if parts is None:
            return None
        bases = [(c * t.S + s) * t.P for c, s, _ in parts]
        at_least, P = a.min.__le__, t.P
        return lambda st: [sum(map(at_least, st.inf[b:b + P])) for b in bases]
    return None


def _parts(t: Tables, cxs: list[Ctx], *, power: str | None = None, country: str | None = None,
           sphere: str | None = None) -> list[tuple[int, int, int]] | None:
    """(country, sphere, power) each reference resolves to, per binding (0 where not asked);
    None when one resolves outside the board (``all``, ``own`` of a power, ``self`` of no
    faction...): the plain condition then decides, as before."""
    if any(cx.actor < 0 for cx in cxs) and ({"self", "own"} & {power, country}):
        return None  # the acting faction's power or country, with no faction acting
    getters = (
        t.country_ref(country) if country is not None else None,
        t.sphere_ref(sphere) if sphere is not None else None,
        t.power_ref(power) if power is not None else None,
    )
    sizes = (t.C, t.S, t.P)
    out = []
    for cx in cxs:
        row = []
        for get, size in zip(getters, sizes, strict=True):
            value = get(cx) if get is not None else 0
            if not 0 <= value < size:
                return None
            row.append(value)
        out.append((row[0], row[1], row[2]))
    return out
