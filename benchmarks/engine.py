"""Engine speed: actions applied per second, random games per second, rules load time.

    python benchmarks/engine.py [--games N] [--smoke]

Runs on one core and counts CPU time (time.process_time), so other load on the machine
skews the figures less. "Actions/s" counts full random play: listing the legal actions, choosing
one at random and applying it (including the automatic phases between rounds), as a random
bot or a search rollout does. The apply-only figure re-applies recorded actions without
listing the legal ones, which isolates the cost of ``apply``. ``--smoke`` runs every part on a
few games, so that a test keeps the script working (its figures mean nothing).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from chessboard.engine.game import Engine
from chessboard.engine.state import unroll
from chessboard.rules.loader import load_rules


def time_load(repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        start = time.process_time()
        load_rules()
        times.append(time.process_time() - start)
    return times


def random_games(engine: Engine, games: int) -> tuple[int, float, list]:
    chooser = random.Random(12345)
    actions = 0
    finished = []
    start = time.process_time()
    for seed in range(games):
        state = engine.new_game(seed=seed)
        while not state.over:
            legal = engine.legal_actions(state)
            state = engine.apply_unchecked(state, legal[chooser.randrange(len(legal))]).state
            actions += 1
        finished.append(state)
    return actions, time.process_time() - start, finished


def apply_only(engine: Engine, finished: list) -> tuple[int, float]:
    scripts = [(s.seed, unroll(s.actions)) for s in finished]
    count = 0
    start = time.process_time()
    for seed, script in scripts:
        state = engine.new_game(seed=seed)
        for action in script:
            state = engine.apply_unchecked(state, action).state
            count += 1
    return count, time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=300)
    parser.add_argument("--smoke", action="store_true", help="a few games only (for tests)")
    args = parser.parse_args()
    if args.smoke:
        args.games = min(args.games, 3)

    loads = time_load(2 if args.smoke else 7)
    print(f"rules load + validation: median {statistics.median(loads) * 1000:.0f} ms, "
          f"first {loads[0] * 1000:.0f} ms")
    rules = load_rules()
    start = time.process_time()
    Engine(rules)
    print(f"compile rules for the engine: {(time.process_time() - start) * 1000:.0f} ms")

    engine = Engine(rules, log=False)
    random_games(engine, 1 if args.smoke else 20)  # warm up
    actions, seconds, finished = random_games(engine, args.games)
    print(f"random play (legal actions + choice + apply): {actions / seconds:,.0f} actions/s; "
          f"{args.games / seconds:,.1f} games/s; {actions / args.games:.0f} actions per game")
    count, seconds = apply_only(engine, finished)
    print(f"apply only (replaying recorded actions): {count / seconds:,.0f} actions/s")
    logged = Engine(rules, log=True)
    actions, seconds, _ = random_games(logged, args.games if args.smoke else
                                       max(20, args.games // 5))
    print(f"random play with the game log on: {actions / seconds:,.0f} actions/s")


if __name__ == "__main__":
    main()
