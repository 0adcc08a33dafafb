"""The end screen: each faction's VP by source and the tiebreak, "Save debrief…" into the
user's data folder, and charts whose lines differ by dash pattern and marker, not colour alone."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from chessboard.report.debrief import tiebreak_text
from chessboard.seats import Seat
from chessboard.ui.endscreen import DASHES, MARKERS, EndScene, dashed_lines, series_style

pytestmark = pytest.mark.ui


def _button(scene: object, text: str) -> pygame.Rect:
    for sprite in scene.manager.get_sprite_group().sprites():  # type: ignore[attr-defined]
        if getattr(sprite, "text", None) == text:
            return sprite.rect
    raise AssertionError(f"no button {text!r}")


def _end_scene(make_app, tiny) -> tuple[object, EndScene]:
    d = make_app(tiny, autoplay=True, seats=[Seat("russia", False), Seat("china", False),
                                               Seat("eu", False)], seed=3, rounds=2)
    d.run_until(lambda: isinstance(d.top, EndScene), limit=5000)
    return d, d.top


def test_the_end_screen_breaks_vp_down_and_explains_the_tiebreak(make_app, tiny) -> None:
    _d, end = _end_scene(make_app, tiny)
    result = end.result
    assert result is not None
    for fid, vp in result.vp.items():
        assert sum(value for _, value in end.breakdown[fid]) == vp
    assert any(end.breakdown.values())
    assert end.tiebreak == tiebreak_text(tiny, result.vp, result.losers)
    assert end.tiebreak and (" tie on " in end.tiebreak or " leads " in end.tiebreak)


def test_save_debrief_writes_into_the_data_folder_and_says_where(make_app, tiny,
                                                                 data_dir: Path) -> None:
    d, end = _end_scene(make_app, tiny)
    d.click(_button(end, "Save debrief…").center)
    d.frames(2)
    written = sorted(data_dir.glob("debriefs/*/debrief.html"))
    assert len(written) == 1
    assert end.notice == (f"Debrief saved: {written[0]} (open it in a browser), with the log "
                          "as text and CSV.")
    html = written[0].read_text(encoding="utf-8")
    winner = tiny.game.factions[[f.id for f in tiny.game.factions].index(
        end.result.winner)].name
    assert f"{winner} wins with" in html
    assert (written[0].parent / "log.csv").is_file()


def test_a_failed_debrief_says_why(make_app, tiny, data_dir: Path) -> None:
    d, end = _end_scene(make_app, tiny)
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "debriefs").write_text("a file where the folder should be")
    d.key(pygame.K_d)  # the keyboard does what the button does
    assert end.notice.startswith("The debrief could not be saved in ")
    assert isinstance(d.top, EndScene)


def test_every_series_has_its_own_dash_and_marker() -> None:
    styles = [series_style(k) for k in range(8)]  # the most seats a game has
    assert len({marker for marker, _ in styles}) == 8 == len(MARKERS)
    assert len({dash for _, dash in styles}) == 8 == len(DASHES)
    assert all(len(dash) % 2 == 0 for dash in DASHES)  # line, gap, line, gap


def test_a_dashed_line_leaves_gaps() -> None:
    surface = pygame.Surface((100, 5))
    surface.fill((0, 0, 0))
    dashed_lines(surface, (255, 255, 255), [(0, 2), (60, 2), (99, 2)], 1, (10, 5))
    lit = [surface.get_at((x, 2))[0] > 0 for x in range(100)]
    assert lit[0:9] == [True] * 9 and not any(lit[11:14]) and lit[16] and not lit[27]
    # the pattern runs on across the corner at x=60 (a dash from 45 to 55, a gap to 60...)
    assert not any(lit[56:59]) and lit[61] and not lit[71]
    surface.fill((0, 0, 0))
    dashed_lines(surface, (255, 255, 255), [(0, 2), (99, 2)], 1, ())
    assert all(surface.get_at((x, 2))[0] > 0 for x in range(100))
