"""Cost of the per-card statistics: ``python benchmarks/cardstats.py [--games N]``.

Plays the same seeded heuristic games with and without the card tallies (sim/cardstats.py),
alternating game by game in one process so that both see the same machine load, and prints the
games per second of each and their ratio (target: the tallies cost at most 3%, a ratio of at
least 0.97). ``--smoke`` plays two games so that a test keeps the script working.
"""

from __future__ import annotations

import argparse
import time

from chessboard.engine.game import Engine
from chessboard.rules.loader import load_rules
from chessboard.seats import Seat
from chessboard.sim.runner import play_and_record

TARGET = 0.97


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=40, help="games of each kind")
    parser.add_argument("--smoke", action="store_true", help="two games: a quick run")
    args = parser.parse_args()
    games = 1 if args.smoke else args.games
    engine = Engine(load_rules(), log=False)
    seats = [Seat(f, human=False) for f in ("russia", "china", "eu", "kazakhstan")]
    spent = {True: 0.0, False: 0.0}
    for i in range(games):
        # the order within a pair alternates, so neither kind always runs on a warmer cache
        for cards in ((True, False) if i % 2 else (False, True)):
            start = time.process_time()
            play_and_record(engine, seats, index=i, seed=i, scenario=None, cards=cards)
            spent[cards] += time.process_time() - start
    with_cards, without = games / spent[True], games / spent[False]
    ratio = with_cards / without
    print(f"{games} heuristic games of each kind (CPU time, same seeds)")
    print(f"without card tallies: {without:.2f} games/s")
    print(f"with card tallies:    {with_cards:.2f} games/s")
    print(f"ratio with/without:   {ratio:.3f} (target >= {TARGET}) "
          f"{'ok' if ratio >= TARGET else 'MISSED'}")


if __name__ == "__main__":
    main()
