"""Handouts built from the fixture rules: the summary and one sheet per faction, with content
taken from the rules (so they cannot drift from them)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from chessboard.cli import main
from chessboard.engine.context import Tables
from chessboard.report.handouts import sheets_html, summary_html, write_handouts
from chessboard.report.page import esc
from chessboard.rules.loader import Rules


def _sheet(html: str, faction_id: str) -> str:
    start = html.index(f'id="sheet-{faction_id}"')
    end = html.find('<section class="sheet"', start)
    return html[start:end if end > 0 else len(html)]


def test_faction_sheets_hold_the_rules(tiny: Rules) -> None:
    html = sheets_html(tiny, list(tiny.game.factions))
    tables = Tables(tiny)  # who may take an action: the engine's reading of the lists
    assert any(len(tables.faction_set(a.factions)) < tables.F for a in tiny.actions.actions)
    assert html.count('<section class="sheet"') == len(tiny.game.factions)
    for faction in tiny.game.factions:
        sheet = _sheet(html, faction.id)
        assert f"<h1>{esc(faction.name)}</h1>" in sheet
        assert f"<strong>{faction.base_income} IP</strong> every round" in sheet
        for objective in faction.objectives:
            assert esc(objective) in sheet
        deck = tiny.decks[faction.deck]
        for card in deck.cards:
            assert f"<strong>{esc(card.name)}</strong>" in sheet
            assert esc(card.source.quote) in sheet
            assert f'{card.cost} IP</span>' in sheet
        # the actions it may take, and none it may not
        for action in tiny.actions.actions:
            allowed = tables.faction_index[faction.id] in tables.faction_set(action.factions)
            assert (f"<strong>{esc(action.name)}</strong></td><td class=\"num\">"
                    f"{action.cost.base} IP</td><td>{esc(action.text)}" in sheet) == allowed
        # other decks' cards stay off this sheet
        others = [c for d, deck_ in tiny.decks.items() if d != faction.deck
                  for c in deck_.cards]
        assert not any(f"<strong>{esc(c.name)}</strong>" in sheet for c in others
                       if all(c.name != own.name for own in deck.cards))


def test_summary_covers_the_round_and_the_end(tiny: Rules) -> None:
    html = summary_html(tiny)
    for track in tiny.game.tracks:
        assert esc(track.name) in html and f"{track.min}–{track.max}" in html
    for rule in tiny.phases.scoring:
        assert f"<b>{esc(rule.name)}</b>" in html
    for end in tiny.phases.end_conditions:
        assert esc(end.text) in html
    assert html.count("<li>", html.index("<ol>"), html.index("</ol>")) == \
        len(tiny.game.settings.round_structure)
    names = {f.id: f.name for f in tiny.game.factions}
    assert ", ".join(names[f] for f in tiny.phases.tiebreak) in html
    assert not re.search(r"<(script|link|img)\b", html)
    assert "@media print" in html


def test_command_line_writes_both(tmp_path: Path, tiny: Rules,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "handouts"
    assert main(["handouts", "--rules", str(tiny.directory), "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["faction-sheets.html", "rules-summary.html"]
    scenario = tiny.scenarios.scenarios[1]
    paths = write_handouts(tiny, tmp_path / "sc", scenario=scenario.id)
    sheets = paths[1].read_text()
    seated = {*scenario.seats, *tiny.game.settings.always_in_play}
    assert sheets.count('<section class="sheet"') == len(seated)
    capsys.readouterr()
    assert main(["handouts", "--rules", str(tiny.directory), "--out", str(out),
                 "--scenario", "nope"]) == 2
    assert "unknown scenario 'nope'" in capsys.readouterr().err


def test_the_report_package_does_not_import_pygame() -> None:
    """``report -> engine``: the debrief and handouts build headless, on a machine without the
    window's extra."""
    code = ("import sys, chessboard.report.debrief, chessboard.report.handouts; "
            "assert 'pygame' not in sys.modules, 'pygame imported'")
    subprocess.run([sys.executable, "-c", code], check=True)
