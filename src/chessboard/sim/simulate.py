"""``chessboard simulate``: many headless games and a summary table."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from chessboard.engine.game import Engine
from chessboard.rules.loader import Rules
from chessboard.seats import Seat
from chessboard.sim.runner import GameRecord, play_game, record


def run_games(rules: Rules, seats: list[Seat], *, games: int, seed: int,
              scenario: str | None) -> list[GameRecord]:
    engine = Engine(rules, log=False)
    return [record(engine, play_game(engine, seats, seed=seed + i, scenario=scenario))
            for i in range(games)]


def run_simulation(rules: Rules, seats: list[Seat], *, games: int, seed: int,
                   scenario: str | None, workers: int, json_path: Path | None,
                   report_dir: Path | None, fidelity: bool, progress: bool) -> int:
    records = run_games(rules, seats, games=games, seed=seed, scenario=scenario)
    wins = Counter(r.winner for r in records)
    escalations = sum(1 for r in records if r.reason == "escalation")
    print(f"{games} games, seed {seed}")
    for faction in sorted({f for r in records for f in r.vp}):
        print(f"  {faction:14} wins {wins.get(faction, 0):5}  "
              f"({100 * wins.get(faction, 0) / games:5.1f}%)")
    print(f"  average rounds {sum(r.rounds for r in records) / games:.2f}; "
          f"escalation rate {100 * escalations / games:.1f}%")
    if json_path:
        json_path.write_text(json.dumps([r.__dict__ for r in records]))
    return 0
