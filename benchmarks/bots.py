"""Bot and simulation benchmark: ``python benchmarks/bots.py [--positions N] [--games N]``.

Prints the search bot's iterations per second, the decision time of every bot level (on
positions taken from a seeded heuristic game), where the time of a heuristic game goes (engine,
the bots' previews, logging, statistics: CPU time per game) and ``chessboard simulate``
throughput with 1 and 2 worker processes (target: at least 1.7 times faster with 2; and 1000
games with 2 workers in at most 60 s, about 17 games/s, on the 2-core development machine).
The machine's load average is printed with the figures: wall times only mean something on an
idle machine, CPU times per game much more so. ``--smoke`` runs a few seconds, for CI.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from _machine import load_line

from chessboard.ai import make_bot
from chessboard.ai.mcts import LEVELS, MCTSBot
from chessboard.engine.game import Engine
from chessboard.engine.projection import scoring_probe
from chessboard.engine.state import GameState, unroll
from chessboard.rules.loader import load_rules
from chessboard.seats import Seat
from chessboard.sim.executors import games_gc
from chessboard.sim.runner import choice_key, make_bots, snapshot
from chessboard.sim.simulate import Task, _execute

SIM_TARGET = 1000 / 60  # games/s: a 1000-game balance answer in a minute on 2 workers
FACTIONS = ("russia", "china", "eu", "kazakhstan")


def positions(engine: Engine, count: int, seed: int = 7) -> list[GameState]:
    """Decision points spread over a heuristic game (then more games if needed)."""
    out: list[GameState] = []
    game = 0
    while len(out) < count:
        state = engine.new_game(seed=seed + game)
        bots = {f: make_bot("heuristic", seed=i) for i, f in enumerate(engine.seated(state))}
        step = 0
        while not state.over and len(out) < count:
            faction = engine.current_faction(state)
            assert faction is not None
            legal = engine.legal_actions(state)
            if step % 9 == 4 and len(legal) > 1:  # a forced move needs no thinking
                out.append(state)
            action = bots[faction].choose(engine, engine.view(state, faction), legal)
            state = engine.apply_unchecked(state, action).state
            step += 1
        game += 1
    return out


def decide(engine: Engine, bot: object, state: GameState) -> float:
    faction = engine.current_faction(state)
    assert faction is not None
    legal = engine.legal_actions(state)
    start = time.perf_counter()
    bot.choose(engine, engine.view(state, faction), legal)  # type: ignore[attr-defined]
    return time.perf_counter() - start


def cost_split(engine: Engine, games: int, first_seed: int = 100) -> dict[str, float]:
    """CPU seconds per heuristic game by part: what ``chessboard simulate`` spends them on."""
    clock = time.process_time
    seats = [Seat(f, human=False) for f in FACTIONS]
    parts = Counter[str]()
    scripts = []
    for seed in range(first_seed, first_seed + games):
        t = clock()
        state = engine.new_game(seats=list(FACTIONS), seed=seed)
        parts["engine"] += clock() - t
        t = clock()
        start = snapshot(engine, state)
        bots = make_bots(engine, state, seats, seed=seed, time_limit=None)
        choices: Counter[str] = Counter()
        parts["statistics"] += clock() - t
        while not state.over:
            t = clock()
            faction = engine.current_faction(state)
            assert faction is not None
            legal = engine.legal_actions(state)
            view = engine.view(state, faction)
            t1 = clock()
            action = bots[faction].choose(engine, view, legal)
            t2 = clock()
            choices[choice_key(str(action))] += 1
            t3 = clock()
            state = engine.apply_unchecked(state, action).state
            t4 = clock()
            parts["engine"] += (t1 - t) + (t4 - t3)
            parts["bot previews"] += t2 - t1
            parts["statistics"] += t3 - t2
        t = clock()
        engine.result(state)
        start, _ = start, snapshot(engine, state)
        parts["statistics"] += clock() - t
        scripts.append((seed, state))
    # What the game log would cost: the same games replayed with and without it.
    logged = Engine(engine.rules, log=True)
    for with_log, eng in ((True, logged), (False, engine)):
        t = clock()
        for seed, final in scripts:
            state = eng.new_game(seats=list(FACTIONS), seed=seed)
            for action in unroll(final.actions):
                state = eng.apply_unchecked(state, action).state
        parts["logging" if with_log else "_replay"] += clock() - t
    parts["logging (not used by simulate)"] = max(0.0, parts.pop("logging") - parts.pop("_replay"))
    return {k: v / games for k, v in parts.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--positions", type=int, default=6)
    parser.add_argument("--games", type=int, default=16, help="games per simulate run")
    parser.add_argument("--split-games", type=int, default=20,
                        help="heuristic games timed part by part")
    parser.add_argument("--smoke", action="store_true", help="a few seconds, for CI")
    args = parser.parse_args()
    if args.smoke:
        args.positions, args.games, args.split_games = 2, 2, 1
    print(load_line())
    rules = load_rules()
    engine = Engine(rules, log=False)
    spots = positions(engine, args.positions)

    print("Search: iterations per second (fixed budget of 200 iterations, no time cap)")
    rates, total_iterations, total_seconds = [], 0, 0.0
    for i, state in enumerate(spots):
        bot = MCTSBot(seed=i, iterations=20 if args.smoke else 200, time_limit=None)
        seconds = decide(engine, bot, state)
        rates.append(bot.last_iterations / seconds)
        total_iterations += bot.last_iterations
        total_seconds += seconds
    print(f"  overall {total_iterations / total_seconds:6.0f} it/s   per position: "
          f"min {min(rates):6.0f}   max {max(rates):6.0f}   ({len(spots)} positions)")

    print("\nDecision time per bot and level (seconds; search levels with their time caps)")
    print(f"  {'bot':18} {'budget':>22} {'mean':>7} {'max':>7}")
    cases: list[tuple[str, str, str]] = [("random", "normal", "-"),
                                         ("heuristic", "normal", "one preview per action")]
    for level, budget in LEVELS.items():
        if not args.smoke or level == "easy":
            cases.append(("mcts", level, f"{budget.iterations} it, cap {budget.time_limit} s"))
    for kind, level, budget_text in cases:
        times = [decide(engine, make_bot(kind, level=level, seed=i), state)
                 for i, state in enumerate(spots)]
        print(f"  {kind + ':' + level:18} {budget_text:>22} {statistics.fmean(times):7.3f} "
              f"{max(times):7.3f}")

    print(f"\nWhere a heuristic game's time goes (CPU ms per game, {args.split_games} games of "
          "4 heuristic bots)")
    # the engine-internal probe, to count where answers come from
    probe = scoring_probe(engine._compiled)
    before = probe.reused, probe.hits, probe.misses
    with games_gc():  # the garbage collector tuned as simulate's workers have it
        split = cost_split(engine, args.split_games)
    total = sum(v for k, v in split.items() if not k.startswith("logging"))
    for name, seconds in sorted(split.items(), key=lambda kv: -kv[1]):
        share = f"{100 * seconds / total:5.1f}%" if not name.startswith("logging") else "     -"
        print(f"  {name:32} {1000 * seconds:7.1f} ms  {share}")
    print(f"  {'total (as simulate plays)':32} {1000 * total:7.1f} ms; 1000 games on 2 "
          f"workers need {1000 * total / 2:.0f} s of CPU each")
    reused, hits, misses = (now - then for now, then in zip(
        (probe.reused, probe.hits, probe.misses), before, strict=True))
    asked = reused + hits + misses or 1
    print(f"  scoring probe, per group of rules asked: {100 * reused / asked:.0f}% reused from "
          f"the prepared view, {100 * hits / asked:.0f}% from the cache, "
          f"{100 * misses / asked:.0f}% run")

    print(f"\nSimulate throughput: {args.games} games of 4 heuristic bots")
    seats = tuple(Seat(f, human=False) for f in FACTIONS)
    tasks = [Task(i, 100 + i, seats, None) for i in range(args.games)]
    rate = {}
    for workers in (1, 2):
        start = time.perf_counter()
        cpu = time.process_time()
        children = os.times()
        for _ in _execute(rules, tasks, workers=workers, progress=False):
            pass
        seconds = time.perf_counter() - start
        after = os.times()
        used = (time.process_time() - cpu) + (after.children_user - children.children_user) + (
            after.children_system - children.children_system)
        rate[workers] = args.games / seconds
        print(f"  {workers} worker{'s' if workers > 1 else ' '}: {seconds:6.1f} s wall, "
              f"{rate[workers]:5.2f} games/s; {1000 * used / args.games:6.1f} ms CPU per game")
    print(f"  speed-up with 2 workers: {rate[2] / rate[1]:.2f}x (target >= 1.7x); "
          f"2 workers: {rate[2]:.1f} games/s (target >= {SIM_TARGET:.1f} on an idle 2-core "
          "machine)")
    print(load_line())


if __name__ == "__main__":
    main()
