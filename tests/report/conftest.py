"""Report fixtures: a seeded game with injects, saved; a headless Chromium for rendering."""

from __future__ import annotations

import os
import random
import shutil
import tempfile
from collections.abc import Iterator
from typing import Any

import pytest

from chessboard.engine.actions import Action
from chessboard.engine.game import Engine
from chessboard.engine.saves import SaveGame, SeatRecord, make_save
from chessboard.engine.state import GameState

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")


def seeded_game(engine: Engine, seed: int, *, inject_at: tuple[int, ...] = (5, 40)
                ) -> GameState:
    """A whole game of seeded random choices, with the facilitator bringing in one inject
    and one news event at the given move numbers."""
    st = engine.new_game(seed=seed)
    chooser = random.Random(seed)
    moves = 0
    while not st.over:
        if moves == inject_at[0] and engine.rules.injects.injects:
            st = engine.facilitate(st, Action("inject", engine.rules.injects.injects[0].id)
                                   ).state
        if moves == inject_at[1]:
            news = [a for a in engine.facilitator_actions(st) if a.kind == "news"]
            st = engine.facilitate(st, news[0]).state
        legal = engine.legal_actions(st)
        # mostly real moves, so cards come into play
        moves_only = [a for a in legal if a.kind != "pass"] or legal
        st = engine.apply(st, chooser.choice(moves_only)).state
        moves += 1
    return st


@pytest.fixture(scope="module")
def played(engine: Engine) -> tuple[GameState, SaveGame]:
    st = seeded_game(engine, 7)
    seats = [SeatRecord(engine.t.faction_ids[f], human=(i == 0)) for i, f in
             enumerate(st.seats)]
    return st, make_save(engine, st, seats)


@pytest.fixture
def browser() -> Iterator[Any]:
    """Headless Chromium driven by selenium, set up as tests/net/test_browser.py does it
    (offline: Selenium Manager never looks for a driver online)."""
    webdriver = pytest.importorskip("selenium.webdriver")
    if CHROMIUM is None or DRIVER is None:
        pytest.skip("needs chromium and chromium-driver (apt-get install)")
    from selenium.webdriver.chrome.service import Service

    os.environ["SE_OFFLINE"] = "true"
    profile = tempfile.mkdtemp(prefix="chessboard-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--no-first-run",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                 "--disable-extensions", "--window-size=1100,900", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
