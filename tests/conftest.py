"""Shared fixtures: the shipped rules (loaded once) and a small, frozen fixture rules dir.

The shipped ``rules/`` change as the game is tuned (cards above all), so tests that need exact
numbers build on ``tests/fixtures/tiny_rules`` instead: three countries, a few cards, every
effect kind used at least once.
"""

from __future__ import annotations

import shutil
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from chessboard.engine.game import Engine
from chessboard.rules.loader import DEFAULT_RULES_DIR, Rules, load_rules

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TINY_RULES_DIR = FIXTURES / "tiny_rules"


@pytest.fixture(scope="session")
def rules() -> Rules:
    """The shipped rules, loaded once per session."""
    return load_rules(DEFAULT_RULES_DIR)


@pytest.fixture(scope="session")
def engine(rules: Rules) -> Engine:
    return Engine(rules)


@pytest.fixture(scope="session")
def tiny() -> Rules:
    """The fixture rules, loaded once per session (read-only)."""
    return load_rules(TINY_RULES_DIR)


@pytest.fixture(scope="session")
def tiny_engine(tiny: Rules) -> Engine:
    return Engine(tiny)


@pytest.fixture
def tiny_rules(tmp_path: Path) -> Path:
    """A private copy of the fixture rules dir, free to edit."""
    return Path(shutil.copytree(TINY_RULES_DIR, tmp_path / "tiny" / "rules"))


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    """A private copy of the shipped rules dir, free to break."""
    return Path(shutil.copytree(DEFAULT_RULES_DIR, tmp_path / "rules"))


@pytest.fixture
def no_hang() -> Iterator[None]:
    """Fail instead of blocking for ever: a FIFO opened for reading waits for a writer, and a
    load route (saves, rules) must refuse it rather than block."""
    if not hasattr(signal, "setitimer"):
        yield
        return

    def alarm(signum: int, frame: object) -> None:
        raise TimeoutError("the load route blocked")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, 20)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
