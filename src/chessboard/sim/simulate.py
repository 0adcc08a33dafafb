"""``chessboard simulate``: many headless bot games in parallel, then tables for designers.

Games are independent: game ``i`` uses the seed ``seed + i`` and its bots derive their own
seeds from it, search bots run on fixed iteration budgets (no clock), and results are gathered
in game order. So the output is the same for the same arguments whatever ``--workers`` is.

Strength comparisons (``--challenger mcts:hard --baseline random,heuristic``): in game ``i`` one
seat, the *hero* (``--hero FACTION``, or each seat in turn), is played by the challenger; the
same game (same seed, same opponents) is played again with the hero seat taken by each
baseline bot. The challenger *beats* the baseline in that pair when the hero finishes in a
better place, or in the same place with a larger VP margin over the best other seat
(escalation losers finish last); a tie counts half.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chessboard.engine.game import Engine, SetupError
from chessboard.rules.loader import DEFAULT_RULES_DIR, Rules
from chessboard.seats import Seat, fill_seats, parse_seat
from chessboard.sim.cardstats import (
    card_statistics,
    display_names,
    format_card_statistics,
    format_never_chosen,
)
from chessboard.sim.executors import RulesSpec, Task, preload
from chessboard.sim.executors import executor as make_executor
from chessboard.sim.fidelity import Check, format_fidelity
from chessboard.sim.runner import GameRecord
from chessboard.sim.stats import (
    Summary,
    format_summary,
    format_table,
    pct,
    summarise,
    wilson,
)

FAIR_MARGIN = 0.08  # balance target: every faction within 8 points of a fair share
TOP_ACTION_SHARE = 0.40  # balance target: no action above 40% of all choices


def rules_spec(rules: Rules, overrides: list[tuple[str, list[Any], Any]] | None = None
               ) -> RulesSpec:
    """How workers find these rules (the installed ones by None, so remote workers can)."""
    default = rules.directory.resolve() == DEFAULT_RULES_DIR.resolve()
    return RulesSpec.of(rules, overrides, default_dir=default)


def _execute(rules: Rules, tasks: list[Task], *, workers: int, progress: bool,
             executor: str = "local", scheduler: str | None = None,
             specs: tuple[RulesSpec, ...] | None = None
             ) -> Iterator[tuple[str, GameRecord]]:
    """Results in task order, from ``workers`` processes (1: this process) or Dask.

    ``specs`` are the rules of a sweep's variants (``Task.rules`` indexes them); by default
    the one spec of ``rules``.
    """
    if specs is None:
        specs = (rules_spec(rules),)
        preload(specs[0], rules)
    run = make_executor(executor, workers=workers, scheduler=scheduler)
    bar = None
    if progress:
        try:
            from tqdm import tqdm

            bar = tqdm(total=len(tasks), unit="game", file=sys.stderr, dynamic_ncols=True,
                       desc="simulating")
        except ImportError:  # pragma: no cover - tqdm is a dependency
            bar = None
    try:
        for result in run(specs, tasks):
            yield result
            if bar is not None:
                bar.update(1)
    finally:
        if bar is not None:
            bar.close()


# strength comparisons ---------------------------------------------------------------------


def _outcome(rec: GameRecord, hero: str) -> tuple[int, int]:
    """(minus the finishing place, VP margin over the best other seat): larger is better."""
    place = rec.ranking.index(hero) if hero in rec.ranking else len(rec.vp)
    others = max((v for f, v in rec.vp.items() if f != hero), default=0)
    return (-place, rec.vp[hero] - others)


@dataclass(slots=True)
class Strength:
    challenger: str
    baseline: str
    pairs: int
    better: int
    ties: int
    worse: int
    beats: float  # (better + ties / 2) / pairs
    challenger_wins: int
    baseline_wins: int
    by_hero: dict[str, float]  # beats share by hero faction

    def to_json(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


def compare(challenger: str, baseline: str, ours: list[GameRecord],
            theirs: list[GameRecord]) -> Strength:
    better = ties = worse = 0
    hero_scores: dict[str, list[float]] = {}
    for a, b in zip(ours, theirs, strict=True):
        assert a.seed == b.seed and a.hero == b.hero
        oa, ob = _outcome(a, a.hero), _outcome(b, b.hero)
        score = 1.0 if oa > ob else 0.5 if oa == ob else 0.0
        better += oa > ob
        ties += oa == ob
        worse += oa < ob
        hero_scores.setdefault(a.hero, []).append(score)
    n = len(ours)
    return Strength(
        challenger=challenger, baseline=baseline, pairs=n, better=better, ties=ties,
        worse=worse, beats=(better + ties / 2) / n if n else 0.0,
        challenger_wins=sum(1 for r in ours if r.winner == r.hero),
        baseline_wins=sum(1 for r in theirs if r.winner == r.hero),
        by_hero={h: sum(s) / len(s) for h, s in hero_scores.items()},
    )


def format_strength(results: list[Strength]) -> str:
    rows = []
    for s in results:
        cw, bw = wilson(s.challenger_wins, s.pairs), wilson(s.baseline_wins, s.pairs)
        rows.append([
            s.challenger, s.baseline, str(s.pairs), str(s.better), str(s.ties), str(s.worse),
            pct(s.beats),
            f"{pct(s.challenger_wins / s.pairs)} ({pct(cw[0]).strip()}-{pct(cw[1]).strip()})",
            f"{pct(s.baseline_wins / s.pairs)} ({pct(bw[0]).strip()}-{pct(bw[1]).strip()})",
            " ".join(f"{h} {100 * v:.0f}%" for h, v in s.by_hero.items()),
        ])
    return "\n".join([
        "Strength: the hero seat played by the challenger vs by the baseline, same seeds and "
        "opponents",
        format_table(["challenger", "baseline", "pairs", "better", "ties", "worse", "beats",
                      "hero win rate (challenger)", "hero win rate (baseline)", "beats by hero"],
                     rows, align="llrrrrrrrl"),
    ])


# the command ------------------------------------------------------------------------------


def _all_keys(engine: Engine, seated: list[str]) -> list[str]:
    """Every action and card a seated faction could choose, plus pass."""
    keys = {"pass"}
    for faction in seated:
        if faction in engine.faction_ids:
            keys.update(f"{kind}:{choice}" for kind, choice in engine.choices_of(faction))
    return sorted(keys)


def rules_identity(rules: Rules) -> dict[str, Any]:
    """What tells two runs' rules apart in the JSON: name, version, folder, hash and mods."""
    return {"name": rules.name, "version": rules.version, "directory": str(rules.directory),
            "hash": rules.digest,
            "mods": [{"name": m.name, "directory": str(m.directory), "hash": m.digest}
                     for m in rules.mods]}


def balance_lines(summary: Summary) -> tuple[str, bool]:
    fair = 1 / len(summary.factions) if summary.factions else 0.0
    worst = max((abs(f.rate - fair) for f in summary.factions), default=0.0)
    ok_fair = worst <= FAIR_MARGIN
    ok_top = summary.top_share <= TOP_ACTION_SHARE
    text = (f"Balance targets: largest distance from the fair share {100 * worst:.1f} pp "
            f"(target <= {100 * FAIR_MARGIN:.0f}) {'ok' if ok_fair else 'MISSED'}; "
            f"most used choice {summary.top_key} {pct(summary.top_share).strip()} "
            f"(target <= {100 * TOP_ACTION_SHARE:.0f}%) {'ok' if ok_top else 'MISSED'}")
    return text, ok_fair and ok_top


def _suite_tasks(rules: Rules, engine: Engine, *, games: int, seed: int, scenario: str | None,
                 seats: tuple[Seat, ...], main: bool) -> tuple[list[Any], list[Task], str]:
    """Tasks for every shipped configuration (``--fidelity``), all on the same seeds.

    The third item is the tag of the configuration the plain request plays, if any.
    """
    from chessboard.sim.suite import config_tag, configurations, same_config

    configs = configurations(rules, engine)
    first = rules.scenarios.scenarios[0].id
    reuse = next((c for c in configs if main and same_config(c, scenario, seats, first)), None)
    tasks = [Task(i, seed + i, c.seats, c.scenario, tag=config_tag(c))
             for c in configs for i in range(games)]
    return configs, tasks, config_tag(reuse) if reuse else ""


def _suite_report(engine: Engine, configs: list[Any],
                  grouped: dict[str, list[GameRecord]]) -> tuple[list[Check], str]:
    from chessboard.sim.suite import config_tag, suite_checks, summary_lines

    groups = {c.name: grouped.get(config_tag(c), []) for c in configs}
    available = {c.name: [k for k in _all_keys(engine, [s.faction for s in c.seats])
                          if k != "pass"] for c in configs}
    checks = suite_checks(configs, groups, engine=engine, available=available)
    return checks, summary_lines(configs, groups)


@dataclass(slots=True)
class Plan:
    """What a simulation will play: the seats (with the engine's additions), every game's
    task, and which group of results the tables are about."""

    rules: Rules
    engine: Engine
    games: int
    seed: int
    scenario: str | None
    seats: tuple[Seat, ...]
    tasks: list[Task]
    main_tag: str  # the results the tables report ("" plain games, "challenger", a config)
    challenger: str | None = None
    baselines: tuple[str, ...] = ()
    hero: str | None = None
    configs: list[Any] | None = None  # with --fidelity: the shipped configurations

    @property
    def factions(self) -> list[str]:
        return [s.faction for s in self.seats]


def plan_simulation(rules: Rules, seats: list[Seat], *, games: int, seed: int,
                    scenario: str | None, fidelity: bool, challenger: str | None = None,
                    baselines: tuple[str, ...] = (), hero: str | None = None) -> Plan:
    """Check the request (SetupError with the reason) and list the games to play."""
    engine = Engine(rules, log=False)
    seat_tuple = fill_seats(engine, seats)
    factions = [s.faction for s in seat_tuple]
    engine.new_game(scenario=scenario, seats=factions, seed=seed)  # SetupError early
    if hero is not None and hero not in factions:
        raise SetupError(f"--hero {hero!r} is not seated (seats: {', '.join(factions)})")

    tasks: list[Task] = []
    if challenger:
        labels = ["challenger", *baselines]
        for i in range(games):
            hero_i = hero or factions[i % len(factions)]
            for label, spec in zip(labels, (challenger, *baselines), strict=True):
                bot = parse_seat(hero_i, f"bot:{spec}")
                game_seats = tuple(bot if s.faction == hero_i else s for s in seat_tuple)
                tasks.append(Task(i, seed + i, game_seats, scenario, hero_i, label))
    else:
        tasks = [Task(i, seed + i, seat_tuple, scenario) for i in range(games)]
    main_tag = "challenger" if challenger else ""
    configs = None
    if fidelity:
        configs, suite_tasks, reuse = _suite_tasks(rules, engine, games=games, seed=seed,
                                                   scenario=scenario, seats=seat_tuple,
                                                   main=not challenger)
        if reuse:  # the request is one of the configurations: play it once
            tasks, main_tag = [], reuse
        tasks += suite_tasks
    return Plan(rules, engine, games, seed, scenario, seat_tuple, tasks, main_tag,
                challenger, baselines, hero, configs)


def run_plan(plan: Plan, *, workers: int, progress: bool, executor: str = "local",
             scheduler: str | None = None) -> dict[str, list[GameRecord]]:
    """Play every game of the plan; the records grouped by their task's tag."""
    grouped: dict[str, list[GameRecord]] = {}
    for tag, rec in _execute(plan.rules, plan.tasks, workers=workers, progress=progress,
                             executor=executor, scheduler=scheduler):
        grouped.setdefault(tag, []).append(rec)
    return grouped


def report_simulation(plan: Plan, grouped: dict[str, list[GameRecord]], *,
                      json_path: Path | None, report_dir: Path | None) -> int:
    """Print the tables, write the JSON and the charts; return the exit status (1 when a
    fidelity check fails)."""
    rules, engine, games, seed = plan.rules, plan.engine, plan.games, plan.seed
    challenger, baselines, hero = plan.challenger, plan.baselines, plan.hero
    seat_tuple, factions = plan.seats, plan.factions
    fields = engine.history_fields()
    records = grouped.get(plan.main_tag, [])
    summary = summarise(records, all_keys=_all_keys(engine, factions))

    out: list[str] = []
    seats_text = ", ".join(f"{s.faction}={'human->heuristic' if s.human else s.bot + ':' + s.level}"
                           for s in seat_tuple)
    out.append(f"{games} games of {plan.scenario or rules.scenarios.scenarios[0].id}, seeds "
               f"{seed}..{seed + games - 1}; seats {seats_text}")
    strength: list[Strength] = []
    if challenger:
        out.append(f"hero seat: {hero or 'each seat in turn'}; challenger {challenger}")
        for b in baselines:
            strength.append(compare(challenger, b, records, grouped.get(b, [])))
    out.append("")
    out.append(format_summary(summary))
    cards = card_statistics(records, rules, available=_all_keys(engine, factions))
    out += [format_never_chosen(cards, display_names(rules))]
    balance_text, _ = balance_lines(summary)
    out += ["", balance_text, "", format_card_statistics(cards)]
    strength_text = format_strength(strength) if strength else ""
    if strength_text:
        out += ["", strength_text]
    checks: list[Check] | None = None
    status = 0
    if plan.configs is not None:
        checks, text = _suite_report(engine, plan.configs, grouped)
        out += ["", text, "", format_fidelity(checks)]
        if not all(c.passed for c in checks):
            status = 1
    print("\n".join(out))

    if json_path is not None:
        data = {
            "arguments": {"games": games, "seed": seed, "scenario": plan.scenario,
                          "seats": [f"{s.faction}={s.bot}:{s.level}" for s in seat_tuple],
                          "challenger": challenger, "baselines": list(baselines),
                          "hero": hero},
            "rules": rules_identity(rules),
            "history_fields": fields,
            "summary": summary.to_json(),
            "cards": cards.to_json(),
            "balance": {"text": balance_text, "pass": balance_lines(summary)[1]},
            "fidelity": [c.to_json() for c in checks] if checks is not None else None,
            "strength": [s.to_json() for s in strength],
            "games": [r.to_json() for r in records],
            "baseline_games": {b: [r.to_json() for r in grouped.get(b, [])] for b in baselines},
        }
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps(data, indent=1, sort_keys=False), encoding="utf-8")
    if report_dir is not None:
        from chessboard.sim.report import write_report

        colours = {f.id: f.colour for f in rules.game.factions}
        write_report(report_dir, records, summary, fields=fields, checks=checks,
                     title=f"Chessboard simulation: {games} games",
                     strength_text=strength_text, colours=colours, cards=cards)
    return status


def run_simulation(rules: Rules, seats: list[Seat], *, games: int, seed: int,
                   scenario: str | None, workers: int, json_path: Path | None,
                   report_dir: Path | None, fidelity: bool, progress: bool,
                   challenger: str | None = None, baselines: tuple[str, ...] = (),
                   hero: str | None = None, executor: str = "local",
                   scheduler: str | None = None) -> int:
    """Play ``games`` games and print the tables; return the exit status: plan, run, report.

    The status is 1 when ``fidelity`` is asked and a check fails, else 0.
    """
    plan = plan_simulation(rules, seats, games=games, seed=seed, scenario=scenario,
                           fidelity=fidelity, challenger=challenger, baselines=baselines,
                           hero=hero)
    grouped = run_plan(plan, workers=workers, progress=progress, executor=executor,
                       scheduler=scheduler)
    return report_simulation(plan, grouped, json_path=json_path, report_dir=report_dir)
