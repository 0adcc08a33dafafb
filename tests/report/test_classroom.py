"""The class presets of docs/classroom (a mod over the shipped rules) stay valid and bring their
injects into play; the instructor's guide names commands that exist."""

from __future__ import annotations

import random
import re
from pathlib import Path

from chessboard.cli import build_parser
from chessboard.engine.game import Engine
from chessboard.engine.state import unroll
from chessboard.rules.loader import load_rules

ROOT = Path(__file__).resolve().parents[2]
PRESETS = ROOT / "docs" / "classroom"
GUIDE = ROOT / "docs" / "instructors-guide.md"


def test_presets_load_and_schedule_their_injects() -> None:
    rules = load_rules(None, [PRESETS])
    engine = Engine(rules)
    presets = [s for s in rules.scenarios.scenarios if s.id.startswith("class_")]
    assert [s.rounds for s in presets] == [3, 4, 6]
    for scenario in presets:
        st = engine.new_game(scenario=scenario.id, seed=1)
        chooser = random.Random(1)
        while not st.over:
            st = engine.apply(st, chooser.choice(engine.legal_actions(st))).state
        brought = [line for line in unroll(st.log) if line.startswith("Inject: ")]
        names = [rules.inject(p.inject).name if p.inject else rules.event(p.news or "").name
                 for p in scenario.injects]
        # a scheduled news the deck already dealt is not dealt twice
        assert len(brought) <= len(names) and brought
        assert all(any(name in line for name in names) for line in brought)


def test_guide_commands_parse() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    commands = re.findall(r"^python3 main\.py (.+?)(?:\s+#.*)?$", text, flags=re.M)
    assert len(commands) >= 5
    parser = build_parser()
    for command in commands:
        parser.parse_args(command.split())
    for preset in ("class_45", "class_60", "class_90"):
        assert preset in text
