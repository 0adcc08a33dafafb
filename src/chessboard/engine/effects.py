"""Effect kinds: each turns its YAML arguments into a function ``Ctx -> None`` that changes the
state bound in the context (always a private copy) and says what happened in the log."""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any

from chessboard.engine import cards, rng
from chessboard.engine.conditions import compile_condition
from chessboard.engine.context import ALL, Ctx, Tables, clamp, record_vp
from chessboard.engine.quantities import compile_amount
from chessboard.rules import expressions as ex

Eff = Callable[[Ctx], None]
EFFECTS: dict[str, Callable[[Any, Tables], Eff]] = {}


def effect(kind: str) -> Callable[[Callable[[Any, Tables], Eff]], Callable[[Any, Tables], Eff]]:
    def register(fn: Callable[[Any, Tables], Eff]) -> Callable[[Any, Tables], Eff]:
        EFFECTS[kind] = fn
        return fn

    return register


def compile_effect(model: Any, t: Tables) -> Eff:
    return EFFECTS[ex.kind_of(model)](ex.args_of(model), t)


def compile_effects(models: list[Any], t: Tables) -> Eff:
    """A list of effects run in order, as one function."""
    fns = tuple(compile_effect(m, t) for m in models)
    if len(fns) == 1:
        return fns[0]
    if len(fns) == 2:  # most lists of an action or a rule: no loop (run after every action)
        first, second = fns

        def run_two(cx: Ctx) -> None:
            first(cx)
            second(cx)

        return run_two

    def run(cx: Ctx) -> None:
        for fn in fns:
            fn(cx)

    return run


def _signed(n: int) -> str:
    return f"+{n}" if n >= 0 else str(n)


@effect("influence")
def influence(a: ex.InfluenceChange, t: Tables) -> Eff:
    power, country, sphere = t.power_ref(a.power), t.country_ref(a.country), t.sphere_ref(a.sphere)
    amount = compile_amount(a.amount, t)
    S, P, cap = t.S, t.P, t.max_influence
    if "all" not in (a.country, a.sphere):
        # one cell (every action's and most rules' change): its index in one call
        index = t.inf_index(a.power, a.country, a.sphere)
        fixed = a.amount if isinstance(a.amount, int) else None

        def change_cell(cx: Ctx) -> None:
            i = index(cx)
            n = fixed if fixed is not None else amount(cx)
            inf = cx.st.inf
            old = inf[i]
            new = old + n
            new = 0 if new < 0 else cap if new > cap else new
            if new != old:
                inf[i] = new
                t.cell_moved(cx.st, i // P)
                if cx.log is not None:
                    c, s = divmod(i // P, S)
                    cx.say(f"{t.power_names[i % P]} {_signed(n)} {t.sphere_ids[s]} influence "
                           f"in {t.country_names[c]} (now {new})")

        return change_cell

    def change(cx: Ctx) -> None:
        p, n = power(cx), amount(cx)
        c0, s0 = country(cx), sphere(cx)
        inf = cx.st.inf
        if c0 != ALL and s0 != ALL and cx.log is None:
            # one cell and no log: what every bot preview of placing or countering does
            i = (c0 * S + s0) * P + p
            old = inf[i]
            new = old + n
            new = 0 if new < 0 else cap if new > cap else new
            if new != old:
                inf[i] = new
                t.influence_moved(cx.st, c0, s0)
            return
        for c in range(t.C) if c0 == ALL else (c0,):
            for s in range(S) if s0 == ALL else (s0,):
                i = (c * S + s) * P + p
                new = clamp(inf[i] + n, 0, cap)
                if new != inf[i]:
                    inf[i] = new
                    t.influence_moved(cx.st, c, s)
                    if cx.log is not None:
                        cx.say(f"{t.power_names[p]} {_signed(n)} {t.sphere_ids[s]} influence in "
                               f"{t.country_names[c]} (now {new})")

    return change


@effect("track")
def track(a: ex.TrackChange, t: Tables) -> Eff:
    index = t.track(a.id)
    amount = compile_amount(a.amount, t)
    low, high = t.track_min[index], t.track_max[index]
    cause = t.causes.index(a.cause) if a.cause else t.causes.index("other")
    is_tension = index == t.tension
    if isinstance(a.amount, int):  # a fixed step (every track change of the shipped rules)
        step = a.amount

        def move_fixed(cx: Ctx) -> None:
            tracks = cx.st.tracks
            old = tracks[index]
            new = old + step
            new = low if new < low else high if new > high else new
            if new != old:
                tracks[index] = new
                if is_tension and new > old:
                    cx.st.tension_causes[cause] += new - old
                if cx.log is not None:
                    cx.say(f"{t.track_names[index]} {_signed(new - old)} (now {new})")

        return move_fixed

    def move(cx: Ctx) -> None:
        tracks = cx.st.tracks
        old = tracks[index]
        new = clamp(old + amount(cx), low, high)
        if new != old:
            tracks[index] = new
            if is_tension and new > old:
                cx.st.tension_causes[cause] += new - old
            if cx.log is not None:  # bots and simulations run without a log: skip formatting
                cx.say(f"{t.track_names[index]} {_signed(new - old)} (now {new})")

    return move


def _power_country(kind: str, a: ex.PowerCountryChange, t: Tables) -> Eff:
    power, country = t.power_ref(a.power), t.country_ref(a.country)
    amount = compile_amount(a.amount, t)
    P, bound = t.P, t.opinion_range
    label = "public opinion of" if kind == "opinion" else "official stance towards"
    if a.country != "all" and isinstance(a.amount, int):
        # one country and a fixed step (what reactions and events mostly do): no loop
        n0, low = a.amount, -bound
        field = attrgetter(kind)

        def shift_one(cx: Ctx) -> None:
            values: list[int] = field(cx.st)  # typed: native list and int operations compiled
            p = power(cx)
            c = country(cx)
            i = c * P + p
            old = values[i]
            new = old + n0
            new = low if new < low else bound if new > bound else new
            if new != old:
                values[i] = new
                if cx.log is not None:
                    cx.say(f"{t.country_names[c]}: {label} {t.power_names[p]} {_signed(n0)} "
                           f"(now {_signed(new)})")

        return shift_one

    def shift(cx: Ctx) -> None:
        values: list[int] = getattr(cx.st, kind)
        p, n, c0 = power(cx), amount(cx), country(cx)
        for c in range(t.C) if c0 == ALL else (c0,):
            i = c * P + p
            new = clamp(values[i] + n, -bound, bound)
            if new != values[i]:
                values[i] = new
                if cx.log is not None:
                    cx.say(f"{t.country_names[c]}: {label} {t.power_names[p]} {_signed(n)} "
                           f"(now {_signed(new)})")

    return shift


@effect("opinion")
def opinion(a: ex.PowerCountryChange, t: Tables) -> Eff:
    return _power_country("opinion", a, t)


@effect("stance")
def stance(a: ex.PowerCountryChange, t: Tables) -> Eff:
    return _power_country("stance", a, t)


@effect("agency")
def agency(a: ex.CountryChange, t: Tables) -> Eff:
    country, amount, top = t.country_ref(a.country), compile_amount(a.amount, t), \
        t.settings.agency_max
    if a.country != "all" and isinstance(a.amount, int):  # one country, a fixed step
        n0 = a.amount

        def change_one(cx: Ctx) -> None:
            c = country(cx)
            values = cx.st.agency
            old = values[c]
            new = old + n0
            new = 0 if new < 0 else top if new > top else new
            if new != old:
                values[c] = new
                if cx.log is not None:
                    cx.say(f"{t.country_names[c]}: agency {_signed(n0)} (now {new})")

        return change_one

    def change(cx: Ctx) -> None:
        c0, n = country(cx), amount(cx)
        values = cx.st.agency
        for c in range(t.C) if c0 == ALL else (c0,):
            new = clamp(values[c] + n, 0, top)
            if new != values[c]:
                values[c] = new
                if cx.log is not None:
                    cx.say(f"{t.country_names[c]}: agency {_signed(n)} (now {new})")

    return change


def _membership(a: ex.Membership, t: Tables, *, joining: bool) -> Eff:
    org, country = t.org_index[a.org], t.country_ref(a.country)

    def change(cx: Ctx) -> None:
        c = country(cx)
        members = cx.st.members
        was = bool(members[org] >> c & 1)
        if was == joining:
            return
        members[org] ^= 1 << c
        if cx.log is not None:
            verb = "joins" if joining else "leaves"
            cx.say(f"{t.country_names[c]} {verb} the {t.org_names[org]}")

    return change


@effect("join")
def join(a: ex.Membership, t: Tables) -> Eff:
    return _membership(a, t, joining=True)


@effect("leave")
def leave(a: ex.Membership, t: Tables) -> Eff:
    return _membership(a, t, joining=False)


def _points(kind: str, a: ex.FactionChange, t: Tables) -> Eff:
    faction, amount = t.faction_ref(a.faction), compile_amount(a.amount, t)
    is_vp = kind == "vp"
    label = "VP" if is_vp else "IP"
    settings = t.settings
    # The rules declare these bounds (the research environment's observations rely on them);
    # real games stay far inside them.
    low, high = (settings.vp_min, settings.vp_max) if kind == "vp" else (0, settings.ip_max)

    values_of = attrgetter(kind)
    width = len(t.vp_sources)

    def add(cx: Ctx, f: int, n: int) -> None:
        """Add ``n`` to faction ``f``'s VP or IP, within bounds; VP are credited to the source
        bound in the context (record_vp, inline for a batch already begun: scoring changes VP
        some twenty times a round)."""
        values: list[int] = values_of(cx.st)  # typed: native list and int operations compiled
        old = values[f]
        new = old + n
        new = low if new < low else high if new > high else new
        values[f] = new
        if is_vp and new != old and cx.credit:
            rows = cx.vp_rows
            if rows:
                rows[f * width + cx.source] += new - old
            else:
                record_vp(cx, f, new - old)
        if cx.log is not None:
            cx.say(f"{t.faction_names[f]} {_signed(n)} {label} (now {new})")

    if a.faction in t.faction_index and isinstance(a.amount, int):
        # a fixed faction and amount (most scoring rules): no reference to resolve
        f0, n0 = t.faction_index[a.faction], a.amount
        if n0 == 0:
            return lambda cx: None

        def change_fixed(cx: Ctx) -> None:
            if f0 in cx.st.seats:
                add(cx, f0, n0)

        return change_fixed

    def change(cx: Ctx) -> None:
        f, n = faction(cx), amount(cx)
        if n == 0 or f not in cx.st.seats:
            return
        add(cx, f, n)

    return change


@effect("vp")
def vp(a: ex.FactionChange, t: Tables) -> Eff:
    return _points("vp", a, t)


@effect("ip")
def ip(a: ex.FactionChange, t: Tables) -> Eff:
    return _points("ip", a, t)


@effect("draw")
def draw(a: ex.DrawArgs, t: Tables) -> Eff:
    faction, count = t.faction_ref(a.faction), a.count

    def run(cx: Ctx) -> None:
        f = faction(cx)
        if f in cx.st.seats:
            n = cards.draw(cx, f, count)
            if n and cx.log is not None:
                cx.say(f"{t.faction_names[f]} draws {n} card{'s' if n > 1 else ''}")

    return run


@effect("flag")
def flag(a: ex.FlagArgs, t: Tables) -> Eff:
    bit, value = t.flag(a.id), a.value

    def run(cx: Ctx) -> None:
        cx.st.flags = cx.st.flags | bit if value else cx.st.flags & ~bit

    return run


@effect("if")
def if_(a: ex.IfArgs, t: Tables) -> Eff:
    pred = compile_condition(a.when, t)
    then = compile_effects(a.then, t) if a.then else None
    other = compile_effects(a.else_, t) if a.else_ else None

    def run(cx: Ctx) -> None:
        branch = then if pred(cx) else other
        if branch is not None:
            branch(cx)

    return run


@effect("chance")
def chance(a: ex.ChanceArgs, t: Tables) -> Eff:
    percent = a.percent
    then = compile_effects(a.then, t) if a.then else None
    other = compile_effects(a.else_, t) if a.else_ else None

    def run(cx: Ctx) -> None:
        if cx.st.hidden:
            _foretell(cx, percent, then, other)
            return
        cx.st.rng, roll = rng.below(cx.st.rng, 100)
        cx.drew = True
        hit = roll < percent
        cx.say(f"Chance {percent}%: rolled {roll + 1} of 100, "
               f"{'it happens' if hit else 'it does not happen'}")
        branch = then if hit else other
        if branch is not None:
            branch(cx)

    return run


def _foretell(cx: Ctx, percent: int, then: Eff | None, other: Eff | None) -> None:
    """On a seat's view (a preview) nothing is rolled: the log says what each outcome would
    do, as a chance ("50%: ..."), and the state stays as it is, so no preview shows a chance
    as certain."""
    if cx.log is None:
        return
    for share, branch in ((percent, then), (100 - percent, other)):
        if branch is None or share <= 0:
            continue
        saved_st, saved_log, saved_rows = cx.st, cx.log, cx.vp_rows
        # the branch's VP go to the throwaway copy, never into a batch of the real state
        cx.st, cx.log, cx.vp_rows = saved_st.copy(), [], None
        try:
            branch(cx)
            lines = cx.log
        finally:
            cx.st, cx.log, cx.vp_rows = saved_st, saved_log, saved_rows
        for line in lines or ["nothing happens"]:
            cx.say(f"{share}%: {line}")


@effect("each_country")
def each_country(a: ex.EachCountryArgs, t: Tables) -> Eff:
    pred = compile_condition(a.where, t) if a.where else None
    body = compile_effects(a.do, t)

    def run(cx: Ctx) -> None:
        saved = cx.c
        for c in range(t.C):
            cx.c = c
            if pred is None or pred(cx):
                body(cx)
        cx.c = saved

    return run


@effect("log")
def log(a: str, t: Tables) -> Eff:
    """A log line; ``{country}``, ``{sphere}``, ``{power}`` and ``{faction}`` name the binding."""

    def run(cx: Ctx) -> None:
        if cx.log is None:
            return
        line = a
        if "{" in line:
            line = (line.replace("{country}", t.country_names[cx.c] if cx.c >= 0 else "")
                    .replace("{sphere}", t.sphere_ids[cx.s] if cx.s >= 0 else "")
                    .replace("{power}", t.power_names[cx.p] if cx.p >= 0 else "")
                    .replace("{faction}", t.faction_names[cx.actor] if cx.actor >= 0 else ""))
        cx.log.append(line)

    return run
