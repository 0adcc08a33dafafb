"""The shipped configurations and the checks run over all of them (``simulate --fidelity``).

A configuration is a scenario with its seats: the first scenario with its default seats (the
*baseline*), the same with every faction seated, every other scenario with its default seats,
and the baseline once more with the two powers played aggressively (a bot style that ignores
the risk of escalation), which the escalation check compares against. Every configuration plays
the same seeds, so a scenario is compared with the baseline game by game.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from chessboard.engine.game import Engine
from chessboard.rules.loader import Rules
from chessboard.seats import Seat
from chessboard.sim.fidelity import Check, fidelity_checks
from chessboard.sim.runner import GameRecord

AGGRESSIVE = "aggressive"
PASS_SHARE = 0.10  # real decisions: at most this share of all choices are passes
TOP_SHARE = 0.30  # no single action above this share of one faction's choices
DEAD_SHARE = 0.01  # every action and card chosen in at least this share of its games
FAIR_MARGIN = 0.08  # baseline: every faction within this distance of its fair share
ESCALATION_FACTOR = 3.0  # aggressive powers escalate at least this many times as often


@dataclass(frozen=True, slots=True)
class Config:
    name: str
    scenario: str
    seats: tuple[Seat, ...]
    baseline: bool = False  # the 4-seat baseline: the tighter balance target
    checked: bool = True  # balance and choice targets apply (not to the aggressive style)


def configurations(rules: Rules, engine: Engine) -> list[Config]:
    """The shipped configurations, in the order they are reported."""
    scenarios = rules.scenarios.scenarios
    first = scenarios[0]
    always = engine.always_in_play

    def seated(ids: list[str], *, level: str = "normal", powers_level: str = "") -> tuple[
            Seat, ...]:
        return tuple(Seat(f, human=False, level=powers_level if powers_level and
                          engine.power_of(f) is not None and f in always else level)
                     for f in engine.seating(ids))

    configs = [Config("baseline", first.id, seated(first.seats), baseline=True)]
    if len(engine.faction_ids) > len(seated(first.seats)):
        most = rules.game.settings.max_seats
        configs.append(Config("all seats", first.id, seated(list(engine.faction_ids[:most]))))
    configs += [Config(s.id, s.id, seated(s.seats)) for s in scenarios[1:]]
    configs.append(Config(AGGRESSIVE, first.id, seated(first.seats, powers_level=AGGRESSIVE),
                          checked=False))
    return configs


# measures -----------------------------------------------------------------------------------


def _column(fields: list[str], name: str) -> int:
    return fields.index(name) if name in fields else -1


def first_round_at(rec: GameRecord, column: int, mark: int) -> int:
    """The first round at whose end the column reached ``mark`` (rounds + 1 if never)."""
    for h in rec.history:
        if column >= 0 and h[column] >= mark:
            return h[0]
    # a game cut short by an ending never got there: it counts as never, after any full game
    return len(rec.history) + 1 if rec.reason == "rounds" else 99


def mean_track(rec: GameRecord, column: int) -> float:
    return statistics.fmean(h[column] for h in rec.history) if rec.history else 0.0


def hedges(rec: GameRecord) -> int:
    russia = rec.choices_by_faction.get("russia", {})
    return sum(n for key, n in russia.items() if key in ("act:hedge_west", "card:look_west"))


def _share(rs: list[GameRecord], test: Callable[[GameRecord], bool]) -> float:
    return sum(1 for r in rs if test(r)) / len(rs) if rs else 0.0


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


# checks -------------------------------------------------------------------------------------


def dynamics_checks(name: str, records: list[GameRecord], *, fields: list[str],
                    start_asymmetry: int, junior: int = 7) -> list[Check]:
    """The paper's dynamics in one configuration: each can fail both ways."""
    checks: list[Check] = []
    games = [r for r in records if "russia" in r.vp and "china" in r.vp]
    asym = _column(fields, "asymmetry")
    top = 10

    def add(claim: str, source: str, measure: str, expected: str, observed: str,
            ok: bool) -> None:
        checks.append(Check(claim, source, measure, expected, observed, ok, config=name))

    if start_asymmetry < junior:
        rounds = sorted(first_round_at(r, asym, junior) for r in games)
        median = statistics.median(rounds) if rounds else 0
        add("Asymmetry grows gradually: the junior-partner question comes mid-game",
            "current_relationship",
            f"median round at whose end asymmetry first reaches {junior} (never: after the last)",
            "4 - 6", f"{median:g}", 4 <= median <= 6)
    share = _share(games, lambda r: first_round_at(r, asym, top) <= 4)
    add("Asymmetry grows gradually, not settled in year 1", "current_relationship",
        f"games where asymmetry is at {top} by the end of round 4", "<= 20%", _pct(share),
        bool(games) and share <= 0.20)

    def held(r: GameRecord) -> bool:
        gaps = r.extra.get("stance_gap_middle", [])
        return bool(gaps) and all(g > 0 for g in gaps)

    share = _share(games, held)
    bites = _share(games, lambda r: sum(r.extra.get("stance_gap_end", [0]))
                   < sum(r.extra.get("stance_gap_middle", [0])))
    add("Official stance lags public opinion: Sinophobia bites only in the long run", "culture",
        "games where official stance towards China stays above public opinion in Kazakhstan, "
        "Kyrgyzstan and Tajikistan at the end of the middle years / games where the gap "
        "narrows after them", ">= 60% / >= 15%", f"{_pct(share)} / {_pct(bites)}",
        bool(games) and share >= 0.60 and bites >= 0.15)

    own = sum(r.extra.get("china_military_own", 0) for r in games)
    joint = sum(r.extra.get("china_military_joint", 0) for r in games)
    other = sum(r.extra.get("china_military_other", 0) for r in games)
    mil_share = own / (own + other) if own + other else 0.0
    alone = (own - joint) / (own + other) if own + other else 0.0
    rises = _share(games, lambda r: r.end.influence["china"]["military"]
                   > r.start.influence["china"]["military"])
    add("China's military rise is its own doing", "military",
        "share of China's military influence gains from its own moves (of which alone, "
        "without joint exercises) / games where China's military influence ends higher",
        ">= 50% / > 50%", f"{_pct(mil_share)} ({_pct(alone)}) / {_pct(rises)}",
        mil_share >= 0.5 and rises > 0.5)

    same = _share(games, lambda r: r.extra.get("eaeu_start") == r.extra.get("eaeu_end"))
    add("Joining the EAEU is rare: no other state has begun the path", "eaeu",
        "games where EAEU membership ends as it started", ">= 80%", _pct(same),
        bool(games) and same >= 0.80)

    escalated = _share(games, lambda r: r.reason == "escalation")
    add("Escalation is possible but rare", "conclusion",
        "games ending in open rivalry (tension 10)", "1 - 10%", _pct(escalated),
        bool(games) and 0.01 <= escalated <= 0.10)

    def russia_leads(r: GameRecord) -> bool:
        mine = (r.end.control["russia"]["political"], r.end.influence["russia"]["political"])
        theirs = (r.end.control["china"]["political"], r.end.influence["china"]["political"])
        return mine > theirs

    share = _share(games, russia_leads)
    add("Russia preserves a stable political climate; China stays out of its political sphere",
        "politics", "games where Russia ends ahead of China in the political sphere "
        "(spheres controlled, then influence)", ">= 70%", _pct(share),
        bool(games) and share >= 0.70)

    with_eu = [r for r in games if "eu" in r.vp]
    if with_eu:
        def new_agreement(r: GameRecord) -> bool:
            return r.end.members.get("eu_partnership", 0) > r.start.members.get(
                "eu_partnership", 0)
        signed = [r for r in with_eu if new_agreement(r)]
        unsigned = [r for r in with_eu if not new_agreement(r)]
        win_signed = _share(signed, lambda r: r.winner == "eu")
        win_unsigned = _share(unsigned, lambda r: r.winner == "eu")
        # too few games on one side say nothing: the check then passes and says so
        gap = win_signed - win_unsigned if min(len(signed), len(unsigned)) >= 10 else 0.0
        add("The EU is a player as partner and alternative, not by collecting agreements",
            "key_takeaways",
            "EU win rate in games with a new partnership agreement minus without one",
            "<= 20 pp", f"{100 * gap:+.1f} pp ({len(signed)} / {len(unsigned)} games)",
            gap <= 0.20)
    return checks


def choice_checks(config: Config, records: list[GameRecord], *,
                  factions: list[str]) -> list[Check]:
    """Real decisions and balance in one configuration."""
    checks: list[Check] = []
    name = config.name
    choices: Counter[str] = Counter()
    by_faction: dict[str, Counter[str]] = {}
    for r in records:
        choices.update(r.choices)
        for f, c in r.choices_by_faction.items():
            by_faction.setdefault(f, Counter()).update(c)
    total = sum(choices.values()) or 1
    passes = choices.get("pass", 0) / total
    checks.append(Check("Every seat has real decisions", "design", "passes among all choices",
                        f"<= {100 * PASS_SHARE:.0f}%", _pct(passes),
                        bool(records) and passes <= PASS_SHARE, config=name))
    # each faction's most chosen action; every one over the limit is named, so that fixing
    # the worst does not hide the next one (as Russia's `place` hid Kazakhstan's `push_back`)
    tops: list[tuple[float, str]] = []
    for f, counter in by_faction.items():
        n = sum(counter.values()) or 1
        key, count = max(((k, v) for k, v in counter.items() if k != "pass"),
                         key=lambda kv: (kv[1], kv[0]), default=("", 0))
        tops.append((count / n, f"{f} {key} {_pct(count / n)}"))
    tops.sort(key=lambda t: -t[0])
    over = [text for share, text in tops if share > TOP_SHARE]
    # when none is over the limit, the worst is shown as the margin left
    observed = ", ".join(over) if over else (tops[0][1] if tops else "-")
    checks.append(Check("No single action dominates a faction's play", "design",
                        "share of each faction's most chosen action or card in its choices "
                        "(every faction over the limit is named)",
                        f"<= {100 * TOP_SHARE:.0f}%", observed,
                        bool(records) and not over, config=name))
    fair = 1 / len(factions) if factions else 0.0
    rates = {f: _share(records, lambda r, f=f: r.winner == f) for f in factions}
    text = ", ".join(f"{f} {_pct(v)}" for f, v in rates.items())
    if config.baseline:
        ok = all(abs(v - fair) <= FAIR_MARGIN for v in rates.values())
        expected = f"{_pct(fair)} +- {100 * FAIR_MARGIN:.0f} pp"
    else:
        ok = all(fair / 2 <= v <= 2 * fair for v in rates.values())
        expected = f"{_pct(fair / 2)} - {_pct(2 * fair)}"
    checks.append(Check("Balance: every faction can win", "design",
                        "win rate of every faction", expected, text, bool(records) and ok,
                        config=name))
    return checks


def dead_content(groups: dict[str, list[GameRecord]], available: dict[str, list[str]]) -> Check:
    """Every action and card chosen in at least 1% of the games where it is available."""
    games: Counter[str] = Counter()
    chosen: Counter[str] = Counter()
    for name, records in groups.items():
        for r in records:
            for key in available[name]:
                games[key] += 1
                if r.choices.get(key):
                    chosen[key] += 1
    dead = sorted(k for k in games if k != "pass" and chosen[k] / games[k] < DEAD_SHARE)
    observed = ", ".join(f"{k} {_pct(chosen[k] / games[k])}" for k in dead[:20]) or "none"
    if len(dead) > 20:
        observed += f" and {len(dead) - 20} more"
    return Check("No dead content", "design",
                 "actions and cards chosen in under 1% of the games where they are available",
                 "none", observed, not dead, config="all")


def comparison_checks(groups: dict[str, list[GameRecord]], *, fields: list[str],
                      baseline: str) -> list[Check]:
    """Aggressive powers and each scenario against the baseline, on the same seeds."""
    checks: list[Check] = []
    base = groups.get(baseline, [])
    tension = _column(fields, "tension")
    wp = _column(fields, "western_pressure")

    def rate(rs: list[GameRecord]) -> float:
        return _share(rs, lambda r: r.reason == "escalation")

    aggressive = groups.get(AGGRESSIVE)
    if aggressive is not None:
        b, a = rate(base), rate(aggressive)
        checks.append(Check(
            "Overreach escalates: aggressive powers end in open rivalry far more often",
            "conclusion", "escalation rate with both powers playing aggressively vs the baseline",
            f">= {ESCALATION_FACTOR:g}x", f"{_pct(a)} vs {_pct(b)}",
            a > 0 and a >= ESCALATION_FACTOR * b - 1e-9, config=AGGRESSIVE))

    def mean(rs: list[GameRecord], fn: Callable[[GameRecord], float]) -> float:
        return statistics.fmean(fn(r) for r in rs) if rs else 0.0

    base_by_seed = {r.seed: r for r in base}
    for name, records in groups.items():
        if name in (baseline, AGGRESSIVE, "all seats"):
            continue
        pairs = [(r, base_by_seed[r.seed]) for r in records if r.seed in base_by_seed]
        ours = [p[0] for p in pairs]
        theirs = [p[1] for p in pairs]
        if "base" in name:
            mil_a = mean(ours, lambda r: r.end.influence["china"]["military"])
            mil_b = mean(theirs, lambda r: r.end.influence["china"]["military"])
            ten_a = mean(ours, lambda r: mean_track(r, tension))
            ten_b = mean(theirs, lambda r: mean_track(r, tension))
            checks.append(Check(
                "A Chinese base raises China's military position and the tension", "military",
                "China's military influence at the end / mean tension, vs the baseline",
                "both higher", f"{mil_a:.1f} vs {mil_b:.1f} / {ten_a:.2f} vs {ten_b:.2f}",
                bool(pairs) and mil_a > mil_b and ten_a > ten_b, config=name))
        elif "west" in name:
            h_a, h_b = mean(ours, hedges), mean(theirs, hedges)
            wp_a = mean(ours, lambda r: mean_track(r, wp))
            wp_b = mean(theirs, lambda r: mean_track(r, wp))
            checks.append(Check(
                "A Russia that looks West hedges more, under less Western pressure",
                "economics", "Russia's hedging choices per game / mean Western pressure, vs "
                "the baseline", "more / lower",
                f"{h_a:.2f} vs {h_b:.2f} / {wp_a:.2f} vs {wp_b:.2f}",
                bool(pairs) and h_a > h_b and wp_a < wp_b, config=name))
    return checks


def suite_checks(configs: list[Config], groups: dict[str, list[GameRecord]], *,
                 engine: Engine, available: dict[str, list[str]]) -> list[Check]:
    """Every check in every configuration, the existing ones first."""
    fields = engine.history_fields()
    rules = engine.rules
    danger_track = rules.track("tension") if "tension" in engine.track_ids else None
    danger = danger_track.danger if danger_track is not None and danger_track.danger else 8
    checks: list[Check] = []
    baseline = next((c.name for c in configs if c.baseline), configs[0].name)
    for config in configs:
        records = groups.get(config.name, [])
        if config.name == AGGRESSIVE:
            continue
        for check in fidelity_checks(records, fields=fields, danger=danger):
            check.config = config.name
            checks.append(check)
        sc = rules.scenario(config.scenario)
        start = sc.tracks.get("asymmetry", next(
            (tr.start for tr in rules.game.tracks if tr.id == "asymmetry"), 0))
        checks += dynamics_checks(config.name, records, fields=fields, start_asymmetry=start)
        if config.checked:
            checks += choice_checks(config, records, factions=[s.faction for s in config.seats])
    checks += comparison_checks(groups, fields=fields, baseline=baseline)
    checks.append(dead_content({c.name: groups.get(c.name, []) for c in configs if c.checked},
                               available))
    return checks


# running ------------------------------------------------------------------------------------


def config_tag(config: Config) -> str:
    return f"config:{config.name}"


def same_config(config: Config, scenario: str | None, seats: tuple[Seat, ...],
                first: str) -> bool:
    """Whether a plain ``simulate`` request plays exactly this configuration."""
    def key(ss: tuple[Seat, ...]) -> list[tuple[str, str, str]]:
        return sorted((s.faction, "heuristic" if s.human else s.bot,
                       "normal" if s.human else s.level) for s in ss)
    return (scenario or first) == config.scenario and key(seats) == key(config.seats)


def summary_lines(configs: list[Config], groups: dict[str, list[GameRecord]]) -> str:
    """One line per configuration: win rates, passes, escalation."""
    out = ["Configurations (equal heuristic bots; the aggressive one: powers ignore the risk)"]
    for config in configs:
        records = groups.get(config.name, [])
        n = len(records) or 1
        wins = Counter(r.winner for r in records)
        choices: Counter[str] = Counter()
        for r in records:
            choices.update(r.choices)
        passes = choices.get("pass", 0) / (sum(choices.values()) or 1)
        escal = sum(1 for r in records if r.reason == "escalation") / n
        rates = ", ".join(f"{s.faction} {_pct(wins[s.faction] / n)}" for s in config.seats)
        out.append(f"- {config.name} ({config.scenario}, {len(records)} games): {rates}; "
                   f"passes {_pct(passes)}; escalation {_pct(escal)}")
    return "\n".join(out)
