"""What a bot sees in a position: named features, weighted by each faction's ``bot_weights``.

The weights live in ``rules/game.yaml`` (``factions[].bot_weights``) so designers can change a
faction's priorities without touching code. Every key is optional; a missing key takes the
default below. Feature names:

``vp``
    VP lead: own VP minus the mean VP of the other seats (default 1).
``projected``
    The same lead in the VP that the scoring phase would award if it ran now: the scoring rules
    of ``rules/phases.yaml`` themselves, so a bot follows any change of scoring (default 2).
``ip``
    Each unspent influence point (default 0.25): what keeps a bot from wasting its income.
``political`` / ``economic`` / ``military`` / ``cultural``
    Powers: progress towards control of that sphere, summed over the countries (1 when
    controlled, partly for influence and for a lead over the rivals).
``dominance``
    Powers: countries dominated.
``opinion`` / ``stance``
    Powers: public opinion / official stance towards the power, mean over the countries, in
    units of the opinion range.
any track id (``tension``, ``asymmetry``, ``stability``, ``western_pressure``)
    The track's position from 0 (its minimum) to 1 (its maximum).
``danger``
    Each tension step at or above the track's danger mark (default -4 for the factions that
    lose by escalation, 0 for the others).
``escalation``
    The game has ended with this faction among the losers (default -100).
any organisation id (``eu_partnership``, ``csto``...)
    The share of the countries that are members.
``sovereignty``
    States: no power dominates the own country (1), less the strongest power's share of the
    spheres it controls there.
``investors``
    States: powers with at least 2 economic influence in the own country, as a share.
``agency``
    States: the own country's agency as a share of its maximum.
``hand``
    Each card in the own hand (default 0). A hand refills only up to its size, so a card that
    is never played blocks every new one: a negative weight makes a bot cycle its cards when a
    card is nearly as good as a basic action, as a player who knows this would.
``noise``
    Random tie-breaking added to every score (default 0.01); a larger value makes a weaker,
    more varied bot.
"""

from __future__ import annotations

from functools import reduce
from itertools import compress
from operator import add, ne
from typing import TYPE_CHECKING

from chessboard.engine.changes import changed_indexes

if TYPE_CHECKING:
    from chessboard.engine.actions import Action
    from chessboard.engine.game import Engine
    from chessboard.engine.state import GameState

DEFAULTS: dict[str, float] = {
    "vp": 1.0,
    "projected": 2.0,
    "ip": 0.25,
    "hand": 0.0,
    "escalation": -100.0,
    "noise": 0.01,
}


class Evaluator:
    """Scores positions for one faction with its weights (``bot_weights`` over the defaults)."""

    def __init__(self, engine: Engine, faction: int, weights: dict[str, float] | None = None):
        # the hot loops below read the state's flat lists through the engine's documented
        # layout hook (docs/engine-api.md); everything else here is by id
        t = self.layout = engine.layout
        rules = engine.rules
        self.engine = engine
        self.f = faction
        self.faction = t.factions[faction]
        self.power = t.faction_power[faction]
        self.country = t.faction_country[faction]
        merged = dict(DEFAULTS)
        loses_by_escalation = any(self.faction in end.losers
                                  for end in rules.phases.end_conditions)
        merged["danger"] = -4.0 if loses_by_escalation else 0.0
        if weights is None:
            weights = rules.faction(self.faction).bot_weights
        merged.update(weights)
        self.w = merged
        if not loses_by_escalation:
            merged["escalation"] = 0.0
        self.sphere_w = [merged.get(sid, 0.0) for sid in t.spheres]
        tracks = [rules.track(tid) for tid in t.tracks]
        self.track_w = [(i, merged[tr.id], tr.min, tr.max)
                        for i, tr in enumerate(tracks) if merged.get(tr.id)]
        self.tension = t.tracks.index("tension") if "tension" in t.tracks else -1
        danger = tracks[self.tension].danger if self.tension >= 0 else None
        self.danger_from = danger if danger is not None else 10**9
        self.org_w = [(o, merged[oid]) for o, oid in enumerate(t.organisations)
                      if merged.get(oid)]
        self.is_power = self.power >= 0
        self.spheres = [(s, wt) for s, wt in enumerate(self.sphere_w) if wt]
        self.rivals = [q for q in range(t.P) if q != self.power]
        self.resilience = list(t.resilience)
        settings = rules.game.settings
        self.opinion_range = settings.opinion_range
        self.agency_max = settings.agency_max
        self.economic = t.spheres.index("economic") if "economic" in t.spheres else 0
        # per weighted sphere: (index c * S + s, its first influence index, resilience)
        self.sphere_cells = [
            (weight, [(c * t.S + s, (c * t.S + s) * t.P, self.resilience[c * t.S + s])
                      for c in range(t.C)])
            for s, weight in self.spheres
        ]
        # influence cell -> (its weighted sphere's position above, its country, its
        # country-sphere, the country-sphere's first cell, resilience), or None for a sphere
        # without weight
        self.cell_slots: list[tuple[int, int, int, int, int] | None] = [None] * (t.C * t.S * t.P)
        for k, (_, cells) in enumerate(self.sphere_cells):
            for c, (cs, first, r) in enumerate(cells):
                for i in range(first, first + t.P):
                    self.cell_slots[i] = (k, c, cs, first, r)
        self.dominance_w = merged.get("dominance", 0.0)
        # the weights every evaluation reads, as attributes (not dict lookups)
        self.ip_w, self.hand_w = merged["ip"], merged["hand"]
        self.opinion_w = merged.get("opinion", 0.0)
        self.stance_w = merged.get("stance", 0.0)
        # the terms of the last prepared position and what they were computed from
        self._prep: _Prepared | None = None
        # per action (by identity): the influence cells its last preview moved
        self._moved: dict[int, list[int]] = {}

    # ----------------------------------------------------------------------------------------

    def value(self, st: GameState, projected: dict[str, int] | None = None) -> float:
        """How good the state is for this faction (higher is better)."""
        return self._value(st, projected, owned=False)

    def preview_value(self, st: GameState, action: Action) -> float:
        """The value after ``action``'s own effects on ``st`` (the one-ply heuristic score).

        The same number as ``value(engine.preview(st, action).state)``, cheaper: the preview
        keeps no log and the scoring probe runs on the preview itself, not on a second copy;
        on the prepared position, the preview is made on one scratch copy of it, put back
        after each action (``Engine.preview_in_place``), rather than on a new copy.
        """
        b = self._prep
        if b is None or st is not b.view:
            after = self.engine.preview(st, action, log=False).state
            if b is None or len(b.inf) != len(after.inf):
                return self._value(after, None, owned=True)
            return self._value(after, None, owned=True, moved=self._moved_cells(after, action))
        scratch = b.scratch
        try:
            self.engine.preview_in_place(scratch, action)
            return self._value(scratch, None, owned=True,
                               moved=self._moved_cells(scratch, action))
        finally:
            scratch.restore(b.view, b.ctrl)

    def _moved_cells(self, after: GameState, action: Action) -> list[int]:
        """The influence cells where ``after`` differs from the prepared position, guessed
        from where the same action's preview moved them last time (the guess is checked:
        see changed_indexes)."""
        key = id(action)
        guess = self._moved.get(key)
        moved = changed_indexes(after.inf, self._prep.inf, guess)  # type: ignore[union-attr]
        if moved != guess:
            if len(self._moved) >= 4096:  # actions are the engine's own few objects
                self._moved.clear()
            self._moved[key] = moved
        return moved

    def _value(self, st: GameState, projected: dict[str, int] | None, *,
               owned: bool, moved: list[int] | None = None) -> float:
        """The value of ``st``; ``moved``: the indexes where its influence differs from the
        prepared position's, when the caller knows them."""
        w, f = self.w, self.f
        if st.over and f in st.losers:
            return w["escalation"]
        seats = st.seats
        others = len(seats) - 1 or 1
        # Each term is taken from the prepared position when what it reads is equal there
        # (the same expression on equal inputs: the same float), else computed.
        b = self._prep
        vp = st.vp
        if b is not None and vp == b.vp and seats == b.seats:
            score = b.vp_score
        else:
            score = w["vp"] * (vp[f] - (sum(map(vp.__getitem__, seats)) - vp[f]) / others)
        # Every other term is read before the scoring probe, which may run on ``st`` itself
        # (``owned``), and they are added after it in the original order, so the float sum
        # and hence every bot's choice are exactly what they were with a copied probe.
        terms = [self.ip_w * st.ip[f]]
        if self.hand_w:
            terms.append(self.hand_w * len(st.hands[f]))
        if b is None:
            terms += self._track_terms(st.tracks)
            if self.org_w:
                terms += self._org_terms(st.members)
        else:
            terms += b.track_terms if st.tracks == b.tracks else self._track_terms(st.tracks)
            if self.org_w:
                terms += b.org_terms if st.members == b.members else \
                    self._org_terms(st.members)
        if self.is_power:
            terms.append(self._power_terms(st, moved))
        elif self.country >= 0:
            same = (not moved) if moved is not None else b is not None and st.inf == b.inf
            terms.append(b.state_term if same and b is not None and st.agency == b.agency
                         else self._state_terms(st))
        if w["projected"]:
            # by seated faction (integers: their sum is exact in any order)
            if projected is not None:
                mine = projected[self.faction]
                rest = sum(projected.values()) - mine
            else:
                # ``moved`` was found against the prepared position itself: exact
                gains = self.engine.projected_gains(st, in_place=owned, guess=moved,
                                                    since=b.token if b is not None else None)
                mine = gains[f]
                rest = sum(map(gains.__getitem__, seats)) - mine
            score += w["projected"] * (mine - rest / others)
        return reduce(add, terms, score)  # score + terms[0] + terms[1]..., in that order

    def _track_terms(self, tracks: list[int]) -> list[float]:
        """The tracks' terms and the danger term, in the order they are added up."""
        terms = [weight * (tracks[i] - low) / (high - low)
                 for i, weight, low, high in self.track_w]
        tension = self.tension
        if tension >= 0 and tracks[tension] >= self.danger_from:
            terms.append(self.w["danger"] * (tracks[tension] - self.danger_from + 1))
        return terms

    def _org_terms(self, members: list[int]) -> list[float]:
        C = self.layout.C
        return [weight * bin(members[o]).count("1") / C for o, weight in self.org_w]

    def prepare(self, st: GameState) -> None:
        """Remember ``st``'s terms, and its scoring rules' VP: previews of it then recompute
        only the terms that read something they change (for the sphere terms, only the
        spheres whose influence or controllers they change; the sums are redone in the same
        order, so the values are exactly those of a full computation) and the scoring rules
        that read what they change."""
        self._prep = None
        w, f = self.w, self.f
        prep = _Prepared()
        prep.seats, prep.vp = st.seats, st.vp[:]
        vp, seats = st.vp, st.seats
        others = len(seats) - 1 or 1
        prep.vp_score = w["vp"] * (vp[f] - (sum(map(vp.__getitem__, seats)) - vp[f]) / others)
        prep.tracks, prep.track_terms = st.tracks[:], self._track_terms(st.tracks)
        prep.members, prep.org_terms = st.members[:], self._org_terms(st.members)
        prep.inf, prep.agency = st.inf[:], st.agency[:]
        prep.opinion, prep.stance = st.opinion[:], st.stance[:]
        if self.is_power:
            control = self.layout.control_map(st)
            prep.control = control
            prep.progress = [self._progress(cells, st.inf, control)
                             for _, cells in self.sphere_cells]
            prep.addends = self._power_addends(st.inf, control)
            prep.addend_sum = _total(prep.addends)
            prep.opinion_term, prep.stance_term = self._attitude_terms(st)
        elif self.country >= 0:
            prep.state_term = self._state_terms(st)
        prep.token = None
        if w["projected"]:  # the scoring probe too reuses what a preview leaves alone
            prep.token = self.engine.prepare_projection(st)
        # the scratch copy previews are made on, and what puts it back (the control map
        # last: the preparations above cache it on ``st``, and a preview starts from it)
        prep.view, prep.scratch = st, st.copy()
        prep.scratch.ctrl = prep.ctrl = st.ctrl
        self._prep = prep

    def _progress(self, cells: list[tuple[int, int, int]], inf: list[int],
                  control: list[int]) -> list[float]:
        """Progress towards control of one sphere in each country (summed in this order)."""
        p = self.power
        rivals = self.rivals
        two = len(rivals) == 2
        q0, q1 = (rivals[0], rivals[1]) if two else (0, 0)
        out = []
        for cs, base, r in cells:
            if control[cs] == p:
                out.append(1.0)
                continue
            own = inf[base + p]
            if two:  # the usual three powers: no generator on this hot path
                a, b = inf[base + q0], inf[base + q1]
                rival = a if a >= b else b
            else:
                rival = max(inf[base + q] for q in rivals)
            lead = own - rival
            out.append(0.4 * (own if own < r else r) / r +
                       0.4 * (-1.0 if lead < -r else (lead if lead < r else r) / r))
        return out

    def _power_addends(self, inf: list[int], control: list[int]) -> list[float]:
        """The sphere and dominance terms, in the order they are added up."""
        t = self.layout
        out = [weight * _total(self._progress(cells, inf, control))
               for weight, cells in self.sphere_cells]
        if self.dominance_w:
            out.extend(self._dominance(control, c) for c in range(t.C))
        return out

    def _dominance(self, control: list[int], c: int) -> float:
        """The dominance term of country ``c``."""
        t, weight = self.layout, self.dominance_w
        n = control[c * t.S:(c + 1) * t.S].count(self.power)
        return weight if n >= t.dominance else weight * 0.25 * n / t.dominance

    def _attitude_terms(self, st: GameState) -> tuple[float, float]:
        """The opinion and stance terms (0.0 when unweighted: then never added)."""
        t, w, p = self.layout, self.w, self.power
        P, C = t.P, t.C
        range_ = self.opinion_range or 1
        weight = w.get("opinion", 0.0)
        opinion = weight * sum(st.opinion[p::P]) / (C * range_) if weight else 0.0
        weight = w.get("stance", 0.0)
        stance = weight * sum(st.stance[p::P]) / (C * range_) if weight else 0.0
        return opinion, stance

    def _power_terms(self, st: GameState, cells: list[int] | None = None) -> float:
        """The sphere, dominance, opinion and stance terms; ``cells``: where the influence
        differs from the prepared position's, when known."""
        t = self.layout
        inf = st.inf
        control = t.control_map(st)
        b = self._prep
        if b is None or len(b.inf) != len(inf):
            score = _total(self._power_addends(inf, control))
        elif not cells if cells is not None else inf == b.inf:
            score = b.addend_sum  # the same influence, so the same controllers
        else:
            # Only the country-spheres whose influence or controller moved need their
            # progress again, and only the countries whose controllers moved their
            # dominance; each sphere's progress is then summed again in country order.
            if cells is None:
                cells = list(compress(range(len(inf)), map(ne, inf, b.inf)))
            cell_slots = self.cell_slots
            slots = [cell_slots[i] for i in cells]
            countries: set[int] = set()
            if control is not b.control:  # the map is replaced whenever a controller changes
                changed = list(compress(range(t.C * t.S), map(ne, control, b.control)))
                slots += [cell_slots[cs * t.P] for cs in changed]
                countries.update(cs // t.S for cs in changed)
            addends = b.addends[:]
            redone: dict[int, list[float]] = {}
            power, rivals = self.power, self.rivals
            two = len(rivals) == 2
            for slot in slots:  # (a country-sphere met twice is computed twice, alike)
                if slot is None:  # a sphere without weight
                    continue
                k, c, cs, first, r = slot
                progress = redone.get(k)
                if progress is None:
                    progress = redone[k] = b.progress[k][:]
                if control[cs] == power:  # as _progress has it, for one country
                    progress[c] = 1.0
                    continue
                own = inf[first + power]
                if two:  # the usual three powers, as in _progress
                    x, y = inf[first + rivals[0]], inf[first + rivals[1]]
                    rival = x if x >= y else y
                else:
                    rival = max([inf[first + q] for q in rivals])
                lead = own - rival
                progress[c] = 0.4 * (own if own < r else r) / r + \
                    0.4 * (-1.0 if lead < -r else (lead if lead < r else r) / r)
            for k, progress in redone.items():
                addends[k] = self.sphere_cells[k][0] * _total(progress)
            if self.dominance_w:
                first = len(self.sphere_cells)
                for c in countries:
                    addends[first + c] = self._dominance(control, c)
            score = _total(addends)
        if not (self.opinion_w or self.stance_w):
            return score
        if b is not None and st.opinion == b.opinion and st.stance == b.stance:
            opinion, stance = b.opinion_term, b.stance_term
        else:
            opinion, stance = self._attitude_terms(st)
        if self.opinion_w:
            score += opinion
        if self.stance_w:
            score += stance
        return score

    def _state_terms(self, st: GameState) -> float:
        t, w, c = self.layout, self.w, self.country
        S, P = t.S, t.P
        score = 0.0
        weight = w.get("sovereignty", 0.0)
        if weight:
            counts = [0] * P
            control = t.control_map(st)
            for s in range(S):
                p = control[c * S + s]
                if p >= 0:
                    counts[p] += 1
            top = max(counts)
            score += weight * ((1.0 if top < t.dominance else 0.0) - 0.5 * top / S)
        weight = w.get("investors", 0.0)
        if weight:
            base = (c * S + self.economic) * P
            score += weight * sum(1 for p in range(P) if st.inf[base + p] >= 2) / P
        weight = w.get("agency", 0.0)
        if weight:
            score += weight * st.agency[c] / max(1, self.agency_max)
        return score


def _total(addends: list[float]) -> float:
    """The addends summed from 0.0 in order (the order fixes the float's last bits; a C
    loop of plain additions: builtin sum may compensate rounding, on newer Pythons)."""
    return reduce(add, addends, 0.0)


class _Prepared:
    """A prepared position's terms, and the inputs they were computed from (copied)."""

    __slots__ = ("addend_sum", "addends", "agency", "control", "ctrl", "inf", "members",
                 "opinion", "opinion_term", "org_terms", "progress", "scratch", "seats",
                 "stance", "stance_term", "state_term", "token", "track_terms", "tracks",
                 "view", "vp", "vp_score")

    seats: tuple[int, ...]
    vp: list[int]
    vp_score: float
    tracks: list[int]
    track_terms: list[float]
    members: list[int]
    org_terms: list[float]
    inf: list[int]
    agency: list[int]
    opinion: list[int]
    stance: list[int]
    control: list[int]
    progress: list[list[float]]  # per weighted sphere, per country
    addends: list[float]
    addend_sum: float
    opinion_term: float
    stance_term: float
    state_term: float
    token: object | None  # the scoring probe's, for the influence cells found moved
    view: GameState  # the position itself (not copied: states are never changed)
    scratch: GameState  # a copy of it that previews change and GameState.restore puts back
    ctrl: list[int] | None  # the view's control map, as previews start from it
