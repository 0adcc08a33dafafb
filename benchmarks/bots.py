"""Bot and simulation benchmark: ``python benchmarks/bots.py [--positions N] [--games N]``.

``--smoke`` runs every part once, on one position and two games with small search budgets, so
that a test keeps the script working (its figures mean nothing).

Prints the search bot's iterations per second, the decision time of every bot level (on
positions taken from a seeded heuristic game) and ``chessboard simulate`` throughput with 1
and 2 worker processes (target: at least 1.7 times faster with 2).
"""

from __future__ import annotations

import argparse
import statistics
import time

from chessboard.ai import make_bot
from chessboard.ai.mcts import LEVELS, MCTSBot
from chessboard.engine.game import Engine
from chessboard.engine.state import GameState
from chessboard.rules.loader import load_rules
from chessboard.seats import Seat
from chessboard.sim.simulate import Task, _execute


def positions(engine: Engine, count: int, seed: int = 7) -> list[GameState]:
    """Decision points spread over a heuristic game (then more games if needed)."""
    out: list[GameState] = []
    game = 0
    while len(out) < count:
        state = engine.new_game(seed=seed + game)
        bots = {engine.t.faction_ids[f]: make_bot("heuristic", seed=i)
                for i, f in enumerate(state.seats)}
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--positions", type=int, default=6)
    parser.add_argument("--games", type=int, default=16, help="games per simulate run")
    parser.add_argument("--smoke", action="store_true", help="tiny budgets only (for tests)")
    args = parser.parse_args()
    if args.smoke:
        args.positions, args.games = 1, 2
    iterations = 20 if args.smoke else 200
    rules = load_rules()
    engine = Engine(rules, log=False)
    spots = positions(engine, args.positions)

    print(f"Search: iterations per second (fixed budget of {iterations} iterations, no time cap)")
    rates, total_iterations, total_seconds = [], 0, 0.0
    for i, state in enumerate(spots):
        bot = MCTSBot(seed=i, iterations=iterations, time_limit=None)
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
        if args.smoke and level != "easy":  # the same code path, seconds longer
            continue
        cases.append(("mcts", level, f"{budget.iterations} it, cap {budget.time_limit} s"))
    for kind, level, budget_text in cases:
        times = [decide(engine, make_bot(kind, level=level, seed=i), state)
                 for i, state in enumerate(spots)]
        print(f"  {kind + ':' + level:18} {budget_text:>22} {statistics.fmean(times):7.3f} "
              f"{max(times):7.3f}")

    print(f"\nSimulate throughput: {args.games} games of 4 heuristic bots")
    seats = tuple(Seat(f, human=False) for f in ("russia", "china", "eu", "kazakhstan"))
    tasks = [Task(i, 100 + i, seats, None) for i in range(args.games)]
    rate = {}
    for workers in (1, 2):
        start = time.perf_counter()
        for _ in _execute(rules, tasks, workers=workers, progress=False):
            pass
        seconds = time.perf_counter() - start
        rate[workers] = args.games / seconds
        print(f"  {workers} worker{'s' if workers > 1 else ' '}: {seconds:6.1f} s, "
              f"{rate[workers]:5.2f} games/s")
    print(f"  speed-up with 2 workers: {rate[2] / rate[1]:.2f}x (target >= 1.7x)")


if __name__ == "__main__":
    main()
