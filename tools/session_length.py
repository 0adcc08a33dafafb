"""How long does a class game take? Counts turns from the rules and from seeded bot games, then
turns them into minutes under stated assumptions about how long a team takes to decide.

    .venv/bin/python tools/session_length.py [--games 20] [--turn 30,40,60] [--round 2]

What is measured: for each scenario and number of rounds, seeded games of heuristic bots (the
default bot, which plays like a cautious class) give the turns per game, the share of passes
and how often the game ends early (open rivalry). What is assumed (change them with the options):
a team's turn (read the hover, discuss, 5+ clicks) takes ``--turn`` seconds, a pass
``--pass-turn`` seconds, and each round adds ``--round`` minutes for the news, the round summary
and a word from the instructor. Set-up and the debrief are listed apart.
"""

from __future__ import annotations

import argparse
import statistics
import time

from chessboard.engine.game import Engine
from chessboard.engine.state import unroll
from chessboard.rules.loader import load_rules
from chessboard.seats import Seat
from chessboard.sim.runner import play_game


def measure(engine: Engine, scenario: str, rounds: int, games: int) -> dict[str, float]:
    seats = [Seat(f, False) for f in engine.rules.scenario(scenario).seats]
    turns, passes, early, seconds = [], [], 0, 0.0
    for seed in range(games):
        start = time.perf_counter()
        st = play_game(engine, seats, seed=seed, scenario=scenario, rounds=rounds,
                       time_limit=None)
        seconds += time.perf_counter() - start
        actions = unroll(st.actions)
        turns.append(len(actions))
        passes.append(sum(1 for a in actions if a.kind == "pass"))
        early += st.end_reason != "rounds"
    return {"turns": statistics.mean(turns), "turns_max": max(turns),
            "passes": statistics.mean(passes), "early": early / games,
            "bot_seconds": seconds / games, "seats": len(seats)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--games", type=int, default=20)
    parser.add_argument("--turn", default="30,40,60",
                        help="seconds per team turn (a list gives a column each)")
    parser.add_argument("--pass-turn", type=float, default=10.0, help="seconds per pass")
    parser.add_argument("--round", type=float, default=2.0, help="minutes of news and summary "
                        "per round")
    parser.add_argument("--rounds", default="3,4,6,8",
                        help="round counts to measure; 'own' takes each scenario's")
    parser.add_argument("--mod", action="append", default=[], metavar="DIR",
                        help="a mod folder over the rules, e.g. docs/classroom")
    parser.add_argument("--scenario", action="append", default=[], metavar="ID",
                        help="measure only these scenarios")
    args = parser.parse_args()
    rules = load_rules(None, args.mod)
    engine = Engine(rules, log=False)
    settings = rules.game.settings
    turn_times = [float(t) for t in args.turn.split(",")]
    print(f"assumptions: {args.turn} s a team turn, {args.pass_turn:.0f} s a pass, "
          f"{args.round:.1f} min a round of news and summary; {settings.action_rounds} action "
          f"rounds a year; {args.games} seeded heuristic-bot games each")
    print(f"{'scenario':<20} {'rounds':>6} {'seats':>5} {'turns (rules)':>13} {'turns':>6} "
          f"{'passes':>6} {'early end':>9} "
          + " ".join(f"{f'min@{t:.0f}s':>8}" for t in turn_times))
    for scenario in rules.scenarios.scenarios:
        if args.scenario and scenario.id not in args.scenario:
            continue
        counts = [scenario.rounds] if args.rounds == "own" else \
            [int(r) for r in args.rounds.split(",")]
        for rounds in counts:
            m = measure(engine, scenario.id, rounds, args.games)
            by_rules = rounds * settings.action_rounds * m["seats"]
            minutes = [((m["turns"] - m["passes"]) * t + m["passes"] * args.pass_turn) / 60
                       + rounds * args.round for t in turn_times]
            print(f"{scenario.id:<20} {rounds:>6} {m['seats']:>5.0f} {by_rules:>13} "
                  f"{m['turns']:>6.1f} {m['passes']:>6.1f} {m['early']:>8.0%} "
                  + " ".join(f"{x:>8.0f}" for x in minutes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
