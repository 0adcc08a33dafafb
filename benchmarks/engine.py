"""Engine speed: actions per second against catanatron, random games per second, rules load.

    python benchmarks/engine.py [--games N] [--rounds R] [--smoke]

Runs on one core and counts CPU time (time.process_time), so other load on the machine
skews the figures less. "Actions/s" counts full random play: listing the legal actions, choosing
one at random and applying it (including the automatic phases between rounds), as a random
bot or a search rollout does. The apply-only figure re-applies recorded actions without
listing the legal ones, which isolates the cost of ``apply``.

The peer is catanatron (a pure-Python Catan engine; ``pip install -e '.[bench]'``): four random
players, its own ``Game.play`` loop (list the playable actions, a random choice, execute). The
two engines alternate in small blocks (five of our games, one of catanatron's) in this one
process, so load on a shared machine shifts both figures alike; the ratio is that of the
totals, with the quartiles of the blocks' ratios to show the noise. Target: the engine's random
play at least 2x catanatron's actions/s. ``--smoke`` runs a few games of each, for CI, and
prints the same lines.

It measures whichever engine this checkout runs, and says which: the compiled modules when
``python3 tools/build_fast.py`` has built them for the current sources, else pure Python
(``CHESSBOARD_PURE=1`` forces it, to compare the two).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from _machine import load_line

from chessboard.engine import engine_build
from chessboard.engine.game import Engine
from chessboard.engine.state import unroll
from chessboard.rules.loader import load_rules

TARGET_RATIO = 2.0


def time_load(repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        start = time.process_time()
        load_rules()
        times.append(time.process_time() - start)
    return times


def random_games(engine: Engine, games: int, first_seed: int = 0) -> tuple[int, float, list]:
    chooser = random.Random(12345 + first_seed)
    actions = 0
    finished = []
    start = time.process_time()
    for seed in range(first_seed, first_seed + games):
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


def catanatron_games(games: int, first_seed: int = 0) -> tuple[int, float] | None:
    """Actions and CPU seconds of ``games`` catanatron games of 4 random players, or None."""
    try:
        from catanatron import Color, Game, RandomPlayer
    except ImportError:
        return None
    colours = (Color.RED, Color.BLUE, Color.WHITE, Color.ORANGE)
    actions = 0
    start = time.process_time()
    for seed in range(first_seed, first_seed + games):
        players = [RandomPlayer(c) for c in colours]
        game: Any = Game(players, seed=seed)
        game.play()
        actions += len(game.state.actions)
    return actions, time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=100, help="our games per round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds")
    parser.add_argument("--smoke", action="store_true", help="a few seconds, for CI")
    args = parser.parse_args()
    if args.smoke:
        args.games, args.rounds = 4, 1
    print(load_line())

    loads = time_load(2 if args.smoke else 7)
    print(f"rules load + validation: median {statistics.median(loads) * 1000:.0f} ms, "
          f"first {loads[0] * 1000:.0f} ms")
    rules = load_rules()
    start = time.process_time()
    Engine(rules)
    print(f"compile rules for the engine: {(time.process_time() - start) * 1000:.0f} ms")

    engine = Engine(rules, log=False)
    random_games(engine, 2 if args.smoke else 20)  # warm up
    catanatron_games(1)
    # Fine interleaving (a few of our games, then one of catanatron's, over and over) so that
    # both engines see the same load; the ratio is that of the two totals.
    ours_actions = theirs_actions = 0
    ours_seconds = theirs_seconds = 0.0
    block_ratios: list[float] = []
    finished: list = []
    games = 0
    have_peer = True
    for r in range(args.rounds):
        for block in range(max(1, args.games // 5)):
            seed = 1000 * r + 5 * block
            actions, seconds, done = random_games(engine, 5, seed)
            finished += done
            games += 5
            ours_actions += actions
            ours_seconds += seconds
            peer = catanatron_games(1, seed) if have_peer else None
            if peer is None:
                have_peer = False
                continue
            theirs_actions += peer[0]
            theirs_seconds += peer[1]
            block_ratios.append((actions / seconds) / (peer[0] / peer[1]))
    ours = ours_actions / ours_seconds
    print(f"random play (legal actions + choice + apply): {ours:,.0f} actions/s; "
          f"{games / ours_seconds:,.1f} games/s; {ours_actions / games:.0f} actions per game")
    if have_peer:
        theirs = theirs_actions / theirs_seconds
        ratio = ours / theirs
        quartiles = statistics.quantiles(block_ratios, n=4) if len(block_ratios) > 1 else \
            [block_ratios[0]] * 3
        print(f"catanatron random play (4 random players): {theirs:,.0f} actions/s")
        kind = engine_build().split(" (")[0]
        print(f"ratio: {ratio:.2f}x catanatron, {kind} engine (target >= {TARGET_RATIO:.1f}x; "
              f"{len(block_ratios)} interleaved blocks, block ratios quartiles "
              f"{quartiles[0]:.2f} / {quartiles[1]:.2f} / {quartiles[2]:.2f})")
    else:
        print("catanatron not installed (pip install -e '.[bench]'): no ratio")
    count, seconds = apply_only(engine, finished)
    print(f"apply only (replaying recorded actions): {count / seconds:,.0f} actions/s")
    logged = Engine(rules, log=True)
    actions, seconds, _ = random_games(logged, max(2, args.games // 5))
    print(f"random play with the game log on: {actions / seconds:,.0f} actions/s")
    print(load_line())


if __name__ == "__main__":
    main()
