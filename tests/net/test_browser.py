"""End to end in a real headless Chromium: two seats join from their pages and play moves.

Skips when Chromium, its driver or selenium is missing (CI installs them: see .ci/run). All
traffic stays on 127.0.0.1.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from chessboard.engine.state import unroll
from chessboard.seats import Seat
from headless_browser import CHROMIUM, DRIVER, MISSING, headless_chromium

from .conftest import Served

webdriver = pytest.importorskip("selenium.webdriver")
pytestmark = pytest.mark.skipif(CHROMIUM is None or DRIVER is None, reason=MISSING)
WAIT = 20  # seconds, for each thing the page must show


@pytest.fixture
def browser() -> Iterator[Any]:
    with headless_chromium(width=420, height=900, page_load_timeout=WAIT) as driver:
        yield driver


def test_two_seats_play_from_their_pages(serve, browser) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    served: Served = serve([Seat("russia", True), Seat("china", True)], seed=5, rounds=2)
    session = served.session
    start = session.state
    tabs: dict[str, str] = {}
    for seat in ("russia", "china"):
        if tabs:
            browser.switch_to.new_window("tab")
        browser.get(served.devices.link(seat))
        tabs[seat] = browser.current_window_handle
        WebDriverWait(browser, WAIT).until(
            ec.text_to_be_present_in_element((By.ID, "link"), "connected"))
    wait = WebDriverWait(browser, WAIT)

    def visible(element_id: str) -> Any:
        return wait.until(ec.visibility_of_element_located((By.ID, element_id)))

    def click(css: str) -> str:
        element = wait.until(ec.element_to_be_clickable((By.CSS_SELECTOR, css)))
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
        text = element.text
        element.click()
        return text

    for move in range(3):
        seat = session.current
        assert seat in tabs
        browser.switch_to.window(tabs[seat])
        wait.until(ec.text_to_be_present_in_element((By.ID, "notice"), "Your turn"))
        visible("choose")
        # the seat's own hand is on its page: the cards the engine says it holds
        f = session.engine._tables.faction_index[seat]
        held = {session.engine._tables.card_ids[i] for i in session.state.hands[f]}
        shown = {e.get_attribute("data-card")
                 for e in browser.find_elements(By.CSS_SELECTOR, "#hand li")}
        assert shown == held
        before = session.state
        click('#choices button.item[data-key="act:place"]')
        visible("targets-panel")
        click("#targets button.item")
        visible("preview-panel")
        previewed = browser.find_element(By.ID, "preview-title").text
        assert previewed.startswith("Place influence")
        click("#confirm")
        visible("acted")
        wait.until(lambda _d, b=before: session.state is not b and session.turn_done)
        assert session.last is not None and session.last.faction == seat
        assert session.describe(session.last.action) == previewed
        if move == 1:  # take it back from the page, then play it again
            click("#undo")
            wait.until(lambda _d, b=before: session.state is b and not session.turn_done)
            click('#choices button.item[data-key="act:place"]')
            click("#targets button.item")
            visible("preview-panel")
            click("#confirm")
            wait.until(lambda _d, b=before: session.state is not b and session.turn_done)
        click("#end-turn")
        wait.until(lambda _d, s=seat: not session.turn_done and session.current != s)
    # three moves in the game, each a placement made from a page
    played = unroll(session.state.actions)[len(unroll(start.actions)):]
    assert len(played) == 3 and all(str(a).startswith("act:place ") for a in played)
    assert session.remote == {"russia", "china"}
