"""The debrief and the handouts in a real headless Chromium: the debrief's charts and sections
render, offline, and it prints; the rules summary prints on one page. Skips without Chromium,
its driver or selenium (CI installs them: see .ci/run).
"""

from __future__ import annotations

import base64
import re
from pathlib import Path
from typing import Any

from chessboard.engine.game import Engine
from chessboard.engine.saves import SaveGame
from chessboard.engine.state import GameState
from chessboard.report.debrief import write_debrief
from chessboard.report.handouts import write_handouts
from chessboard.rules.loader import Rules


def test_debrief_renders_in_chromium(engine: Engine, played: tuple[GameState, SaveGame],
                                     browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    _, save = played
    html_path = write_debrief(engine, save, tmp_path)[0]
    browser.get(html_path.resolve().as_uri())
    assert browser.title.startswith("Debrief: ")
    for anchor in ("outcome", "tracks", "turning", "played", "coverage", "questions"):
        section = browser.find_element(By.ID, anchor)
        assert section.is_displayed() and section.size["height"] > 40, anchor
    charts = browser.find_elements(By.CSS_SELECTOR, "svg.chart")
    assert len(charts) == 1 + len(engine._tables.track_ids)
    for chart in charts:
        box = browser.execute_script(
            "const r = arguments[0].getBoundingClientRect(); return [r.width, r.height];", chart)
        assert box[0] > 200 and box[1] > 150
    # the VP chart draws one line per seat, each with its own dash pattern and marker count
    lines = browser.execute_script(
        "return [...document.querySelectorAll('#chart-vp g.series')].map(g => {"
        " const p = g.querySelector('polyline'); const b = p.getBBox();"
        " return [g.dataset.series, p.getAttribute('stroke-dasharray') || '',"
        " g.children.length - 1, b.width]; });")
    assert len(lines) == len(save.seats)
    assert len({dash for _, dash, _, _ in lines}) == len(lines)
    assert all(markers >= 2 and width > 100 for _, _, markers, width in lines)
    # nothing was fetched: the page is one file
    fetched = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name);")
    assert fetched == []
    # print: the navigation hides, and Chromium makes a PDF of it
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    assert not browser.find_element(By.CSS_SELECTOR, "nav.toc").is_displayed()
    pdf = browser.execute_cdp_cmd("Page.printToPDF", {"printBackground": False})
    data = base64.b64decode(pdf["data"])
    assert data.startswith(b"%PDF") and len(data) > 20_000


def test_rules_summary_prints_on_one_page(rules: Rules, browser: Any, tmp_path: Path) -> None:
    """The shipped rules' summary fits one printed page (A4 and Letter); each faction's sheet
    is two pages (one sheet of paper printed double-sided: the cards on the back)."""
    summary, sheets = write_handouts(rules, tmp_path)
    for paper in ({"paperWidth": 8.27, "paperHeight": 11.69}, {"paperWidth": 8.5,
                                                                "paperHeight": 11.0}):
        for path, pages in ((summary, 1), (sheets, 2 * len(rules.game.factions))):
            browser.get(path.resolve().as_uri())
            pdf = browser.execute_cdp_cmd("Page.printToPDF", {**paper, "printBackground": False})
            data = base64.b64decode(pdf["data"])
            assert _pdf_pages(data) == pages, (path.name, paper)


def _pdf_pages(data: bytes) -> int:
    """Pages of a PDF Chromium wrote: its page tree's /Count."""
    counts = [int(n) for n in re.findall(rb"/Count (\d+)", data)]
    assert counts, "no page tree in the PDF"
    return max(counts)
