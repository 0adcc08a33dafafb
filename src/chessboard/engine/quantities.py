"""Quantity kinds: each turns its YAML arguments into a function ``Ctx -> int``.

One function per YAML key, registered under that key; :func:`compile_amount` adds scaling.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chessboard.engine.context import ALL, Ctx, Getter, Tables
from chessboard.rules import expressions as ex

QUANTITIES: dict[str, Callable[[Any, Tables], Getter]] = {}


Compile = Callable[[Any, Tables], Getter]


def quantity(kind: str) -> Callable[[Compile], Compile]:
    def register(fn: Compile) -> Compile:
        QUANTITIES[kind] = fn
        return fn

    return register


def compile_quantity(model: Any, t: Tables) -> Getter:
    return QUANTITIES[ex.kind_of(model)](ex.args_of(model), t)


def compile_amount(amount: int | ex.Scaled, t: Tables) -> Getter:
    """An amount is a constant or a scaled, bounded quantity."""
    if isinstance(amount, int):
        return lambda cx: amount
    get = compile_quantity(amount.of, t)
    times, div, plus, low, high = amount.times, amount.div, amount.plus, amount.min, amount.max
    if (times, div, low, high) == (1, 1, None, None):
        return get if plus == 0 else lambda cx: get(cx) + plus

    def scaled(cx: Ctx) -> int:
        value = get(cx) * times // div + plus
        if low is not None and value < low:
            value = low
        if high is not None and value > high:
            value = high
        return value

    return scaled


def _countries(get: Getter | None, t: Tables, cx: Ctx) -> range | tuple[int, ...]:
    if get is None:
        return range(t.C)
    c = get(cx)
    return range(t.C) if c == ALL else (c,)


def _spheres(get: Getter | None, t: Tables, cx: Ctx) -> range | tuple[int, ...]:
    if get is None:
        return range(t.S)
    s = get(cx)
    return range(t.S) if s == ALL else (s,)


@quantity("controlled")
def controlled(a: ex.ControlledArgs, t: Tables) -> Getter:
    power = t.power_ref(a.power)
    S, CS = t.S, t.C * t.S
    if a.country is None:  # count straight off the cached control map
        if a.sphere is None:
            return lambda cx: t.control_map(cx.st)[:CS].count(power(cx))
        if a.sphere in t.sphere_index:
            s0 = t.sphere_index[a.sphere]
            return lambda cx: t.control_map(cx.st)[s0:CS:S].count(power(cx))
    country = t.country_ref(a.country) if a.country else None
    sphere = t.sphere_ref(a.sphere) if a.sphere else None

    def count(cx: Ctx) -> int:
        p = power(cx)
        st = cx.st
        return sum(
            1
            for c in _countries(country, t, cx)
            for s in _spheres(sphere, t, cx)
            if t.controller(st, c, s) == p
        )

    return count


@quantity("dominated")
def dominated(a: str, t: Tables) -> Getter:
    power, CS = t.power_ref(a), t.C * t.S
    return lambda cx: t.control_map(cx.st)[CS:].count(power(cx))


@quantity("track")
def track(a: str, t: Tables) -> Getter:
    index = t.track(a)
    return lambda cx: cx.st.tracks[index]


@quantity("influence")
def influence(a: ex.InfluenceArgs, t: Tables) -> Getter:
    if a.country and a.sphere and "all" not in (a.country, a.sphere):
        index = t.inf_index(a.power, a.country, a.sphere)
        return lambda cx: cx.st.inf[index(cx)]
    power = t.power_ref(a.power)
    country = t.country_ref(a.country) if a.country else None
    sphere = t.sphere_ref(a.sphere) if a.sphere else None
    S, P = t.S, t.P

    def total(cx: Ctx) -> int:
        p = power(cx)
        inf = cx.st.inf
        return sum(
            inf[(c * S + s) * P + p]
            for c in _countries(country, t, cx)
            for s in _spheres(sphere, t, cx)
        )

    return total


@quantity("opinion")
def opinion(a: ex.PowerCountryArgs, t: Tables) -> Getter:
    if (a.power, a.country) == ("target", "target"):  # reactions ask this of every pair
        P = t.P
        return lambda cx: cx.st.opinion[cx.c * P + cx.p]
    index = t.cp_index(a.power, a.country)
    return lambda cx: cx.st.opinion[index(cx)]


@quantity("stance")
def stance(a: ex.PowerCountryArgs, t: Tables) -> Getter:
    if (a.power, a.country) == ("target", "target"):
        P = t.P
        return lambda cx: cx.st.stance[cx.c * P + cx.p]
    index = t.cp_index(a.power, a.country)
    return lambda cx: cx.st.stance[index(cx)]


@quantity("agency")
def agency(a: str, t: Tables) -> Getter:
    country = t.country_ref(a)
    return lambda cx: cx.st.agency[country(cx)]


@quantity("members")
def members(a: str, t: Tables) -> Getter:
    org = t.org_index[a]
    return lambda cx: bin(cx.st.members[org]).count("1")


@quantity("investors")
def investors(a: ex.InvestorsArgs, t: Tables) -> Getter:
    country, sphere, need, S, P = t.country_ref(a.country), t.sphere_ref(a.sphere), a.min, t.S, t.P

    at_least = need.__le__

    def count(cx: Ctx) -> int:
        base = (country(cx) * S + sphere(cx)) * P
        # a count of True in C: bots' scoring probes ask this for every action they weigh
        return sum(map(at_least, cx.st.inf[base:base + P]))

    return count


@quantity("round")
def round_(a: str, t: Tables) -> Getter:
    if a == "current":
        return lambda cx: cx.st.round
    return lambda cx: cx.st.rounds - cx.st.round
