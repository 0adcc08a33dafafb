"""The thread-safe bridge between the server's event loop and the thread that owns the session.

The server never touches the game session: it queues each device request here and awaits the
answer. The owner (the window's loop, once a frame; a plain thread without a window) calls
:meth:`Bridge.pump`, which answers the queued requests through :class:`~.desk.Desk` and, when the
game moved on (a device, the window or a bot acted), hands a fresh page to every connected seat.
So the session is only ever read and changed on one thread, as if there were no network.
"""

from __future__ import annotations

import queue
import threading
import traceback
from collections import Counter
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from chessboard.net.desk import Answer, Desk, DeviceError

if TYPE_CHECKING:
    from chessboard.ui.session import GameSession, Played

Publish = Callable[[dict[str, dict[str, Any]]], None]


@dataclass(slots=True)
class _Request:
    seat: str
    message: dict[str, Any]
    future: Future[dict[str, Any]]


class Bridge:
    """Device requests in, answers and pages out; :meth:`pump` runs on the session's thread."""

    def __init__(self, session: GameSession, *, wake: Callable[[], None] | None = None) -> None:
        self.session = session
        self.desk = Desk(session)
        self.wake = wake  # the window's loop sleeps while idle: wake it for a request
        self.publish: Publish | None = None  # set by the server: sends pages to devices
        self._queue: queue.SimpleQueue[_Request] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._connected: Counter[str] = Counter()
        self._seen = self._key()  # a device's first page is the answer to its join
        self.revision = 0

    # the server's side (any thread) -------------------------------------------------------

    def submit(self, seat: str, message: dict[str, Any]) -> Future[dict[str, Any]]:
        """Queue a request of a device bound to ``seat``; the future holds the reply."""
        future: Future[dict[str, Any]] = Future()
        self._queue.put(_Request(seat, message, future))
        if self.wake is not None:
            self.wake()
        return future

    def attach(self, seat: str) -> None:
        with self._lock:
            self._connected[seat] += 1

    def detach(self, seat: str) -> None:
        with self._lock:
            self._connected[seat] -= 1
            if self._connected[seat] <= 0:
                del self._connected[seat]

    def connected(self) -> dict[str, int]:
        """How many devices each seat has open now (for the window's indicator)."""
        with self._lock:
            return dict(self._connected)

    # the owner's side (the session's thread) ----------------------------------------------

    def pump(self, wait: float = 0.0) -> list[Played]:
        """Answer queued requests, then send new pages if the game changed.

        Returns the actions devices played, so the window can announce them. ``wait`` blocks
        that long for a first request (a thread without a window pumps in a loop).
        """
        played: list[Played] = []
        block = wait > 0
        while True:
            try:
                request = self._queue.get(block=block, timeout=wait if block else None)
            except queue.Empty:
                break
            block = False
            answer = self._answer(request)
            if answer is not None and answer.played is not None:
                played.append(answer.played)
        self._publish_if_changed()
        return played

    def _answer(self, request: _Request) -> Answer | None:
        if not request.future.set_running_or_notify_cancel():
            return None  # the device gave up waiting (it left)
        try:
            answer = self.desk.handle(request.seat, request.message)
        except DeviceError as err:
            request.future.set_result({"type": "error", "message": str(err)})
            return None
        except Exception as err:  # a bug must not take the window down with it
            request.future.set_result({"type": "error",
                                       "message": f"the game could not answer ({err!r})"})
            return None
        request.future.set_result(answer.reply)
        return answer

    def _publish_if_changed(self) -> None:
        seen = self._key()
        if len(seen) == len(self._seen) and all(
                a is b or a == b for a, b in zip(seen, self._seen, strict=True)):
            return
        self._seen = seen
        seats = sorted(self.connected())
        if self.publish is None or not seats:
            return
        self.revision += 1
        pages = {}
        for seat in seats:
            try:
                page = self.desk.snapshot(seat)
            except Exception:  # a bug here must not take the window (and the class) down
                traceback.print_exc()
                continue
            page["revision"] = self.revision
            pages[seat] = page
        self.publish(pages)

    def _key(self) -> tuple[object, ...]:
        """What a page depends on; the objects themselves (kept alive here, so an identity is
        never reused)."""
        s = self.session
        return (s.state, s.turn_done, s.last, s.can_undo, self.desk.timer)

    def forget(self, seat: str) -> None:
        """A revoked seat plays in the window again (call on the session's thread)."""
        self.session.remote.discard(seat)

    def close(self) -> None:
        """The game is closing: answer what is still queued, so no device waits for nothing."""
        while True:
            try:
                request = self._queue.get_nowait()
            except queue.Empty:
                return
            if request.future.set_running_or_notify_cancel():
                request.future.set_result({"type": "error", "message": "the game was closed"})

    def run(self, stop: threading.Event, *, tick: float = 0.02) -> None:
        """Pump until ``stop`` is set: the owner loop of a session without a window."""
        while not stop.is_set():
            self.pump(wait=tick)
