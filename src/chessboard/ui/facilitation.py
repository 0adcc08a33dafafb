"""The instructor's side of a game in the window: pause and the turn timer (no pygame).

The timer measures the time a human seat has to act: one length for every seat, and a
different one for some seats where the instructor says so (a team of younger students, or
one that plays in a second language, gets more time; ``play --timer 60 --seat-timer
kazakhstan=90``). It runs only while that seat can act:
the board is in front (no pause, menu or pass screen over it), the seat is human and has not
acted yet. It keeps its time per turn, so taking a move back with Undo does not give a team a
fresh minute, and it starts again for the next turn. At zero the window warns; with the
"pass" action the seat then passes after :data:`GRACE_SECONDS`, through the engine's normal
pass action like any other move. Bots are never timed.

The clock is injected, so tests drive it by hand.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Collection, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chessboard.ui.session import GameSession

TIMER_ACTIONS = ("warn", "pass")  # at zero: only warn, or warn and then pass automatically
GRACE_SECONDS = 10  # between the warning at zero and the automatic pass
DEFAULT_TIMER = 90  # seconds, when the instructor switches on a timer none was set for
TIMER_LIMITS = (10, 3600)


def parse_seat_timers(text: str, factions: Collection[str]) -> dict[str, int]:
    """``kazakhstan=90,eu=45``: each seat's own turn length; ValueError says what is wrong."""
    lengths: dict[str, int] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        faction, sep, seconds = part.partition("=")
        faction = faction.strip()
        if not sep or not seconds.strip().isdigit():
            raise ValueError(f"{part!r} is not FACTION=SECONDS (e.g. kazakhstan=90)")
        if faction not in factions:
            raise ValueError(f"{faction!r} is not a faction of these rules (known: "
                             f"{', '.join(sorted(factions))})")
        problem = check_timer(int(seconds))
        if problem:
            raise ValueError(f"{faction}: {problem}")
        if faction in lengths:
            raise ValueError(f"{faction} is given twice")
        lengths[faction] = int(seconds)
    return lengths


def check_timer(seconds: int) -> str | None:
    """None when ``seconds`` is a usable turn time, else why not (for the command line)."""
    low, high = TIMER_LIMITS
    if not low <= seconds <= high:
        return f"the turn timer must be {low} to {high} seconds, not {seconds}"
    return None


class TurnTimer:
    """Seconds left for the seat to act; see the module's docstring."""

    def __init__(self, seconds: int | None = None, *, action: str = "warn",
                 grace: float = GRACE_SECONDS, per_seat: Mapping[str, int] | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if action not in TIMER_ACTIONS:
            raise ValueError(f"timer action must be one of {', '.join(TIMER_ACTIONS)}, "
                             f"not {action!r}")
        self.seconds = seconds
        self.per_seat = dict(per_seat or {})  # faction id -> its own turn length
        self.enabled = seconds is not None
        self.action = action
        self.grace = grace
        self.clock = clock
        self.turn: tuple[object, ...] | None = None  # the turn being timed
        self.used = 0.0  # seconds this turn has run
        self.since: float | None = None  # when the running clock was last read
        self.warned = False
        self.seat: str | None = None  # whose turn is timed

    @property
    def limit(self) -> int:
        """The length of a turn for every seat without a length of its own."""
        return self.seconds if self.seconds is not None else DEFAULT_TIMER

    def limit_for(self, seat: str | None) -> int:
        return self.per_seat.get(seat or "", self.limit)

    def switch(self, on: bool) -> None:
        """The instructor menu's "timer on/off"; a new limit counts from the current turn."""
        self.enabled = on
        if on and self.seconds is None:
            self.seconds = DEFAULT_TIMER
        self.since = None

    @staticmethod
    def turn_of(session: GameSession) -> tuple[object, ...]:
        st = session.state
        return (st.round, st.action_round, st.turn, session.current)

    @staticmethod
    def runs_for(session: GameSession) -> bool:
        """The seat to act is a human who can act now, in the window or on a team device."""
        current = session.current
        if current is None or session.state.over or session.turn_done:
            return False
        if not session.is_human(current):
            return False  # bots are never timed
        return session.can_act() or current in session.remote

    def hold(self) -> None:
        """Something covers the board: the time until the next poll does not count."""
        self.since = None

    def poll(self, session: GameSession) -> str | None:
        """Advance the clock; returns "warn" once at zero and "pass" when the seat must pass."""
        if not self.enabled:
            return None
        if not self.runs_for(session):
            self.since = None
            return None
        # Only a running turn is keyed: while a team's move waits to be ended the state already
        # shows the next turn, and Undo brings back the one being timed, with its time used.
        turn = self.turn_of(session)
        if turn != self.turn:
            self.turn, self.used, self.warned, self.since = turn, 0.0, False, None
            self.seat = session.current
        now = self.clock()
        if self.since is not None:
            self.used += max(0.0, now - self.since)
        self.since = now
        limit = self.limit_for(self.seat)
        if self.used < limit:
            return None
        if not self.warned:
            self.warned = True
            return "warn"
        if self.action == "pass" and self.used >= limit + self.grace:
            return "pass"
        return None

    def left(self, session: GameSession) -> int | None:
        """Whole seconds left for the seat to act (0 once over), None when nobody is timed."""
        if not self.enabled or not self.runs_for(session):
            return None
        used = self.used if self.turn == self.turn_of(session) else 0.0
        return max(0, math.ceil(self.limit_for(session.current) - used))

    def grace_left(self) -> int:
        """Seconds until the automatic pass, once the time is up."""
        return max(0, math.ceil(self.limit_for(self.seat) + self.grace - self.used))

    def describe(self) -> str:
        if not self.enabled:
            return "no turn timer"
        then = " then passes automatically" if self.action == "pass" else " then a warning"
        own = "".join(f", {seat} {seconds} s" for seat, seconds in sorted(self.per_seat.items()))
        return f"{self.limit} s per team turn{own},{then}"


class Classroom:
    """What the instructor controls in one game: the pause and the turn timer."""

    def __init__(self, *, timer: int | None = None, timer_action: str = "warn",
                 seat_timers: Mapping[str, int] | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.timer = TurnTimer(timer, action=timer_action, per_seat=seat_timers, clock=clock)
        self.paused = False

    def seconds_left(self, session: GameSession) -> int | None:
        """For the board's countdown and the team devices' ``timer`` field."""
        if self.paused:
            return None
        return self.timer.left(session)
