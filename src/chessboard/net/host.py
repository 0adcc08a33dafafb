"""Starting team devices for a game session: tokens, the bridge and the server together."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

from chessboard.net.bridge import Bridge
from chessboard.net.server import DeviceServer, Limits
from chessboard.net.tokens import SeatTokens

if TYPE_CHECKING:
    from chessboard.ui.session import GameSession, Played


@dataclass(slots=True)
class Devices:
    """The running device server of one game; the game's own thread calls :meth:`pump`."""

    session: GameSession
    tokens: SeatTokens
    bridge: Bridge
    server: DeviceServer
    _pump_stop: threading.Event = field(default_factory=threading.Event)
    _pump_thread: threading.Thread | None = None

    @property
    def seats(self) -> list[str]:
        return self.tokens.seats

    def link(self, seat: str) -> str:
        return self.server.url(seat)

    def connected(self) -> dict[str, int]:
        return self.bridge.connected()

    def pump(self) -> list[Played]:
        return self.bridge.pump()

    def revoke(self, seat: str) -> str:
        """A new link for the seat (a lost phone); the seat plays in the window until it joins.

        Call on the session's thread.
        """
        self.bridge.forget(seat)
        self.server.revoke(seat)
        return self.link(seat)

    def pump_in_thread(self) -> None:
        """Without a window, a thread of its own owns the session (tests, benchmarks)."""
        self._pump_thread = threading.Thread(target=self.bridge.run, args=(self._pump_stop,),
                                             name="device-pump", daemon=True)
        self._pump_thread.start()

    def stop(self) -> None:
        self._pump_stop.set()
        if self._pump_thread is not None:
            self._pump_thread.join(5)
        self.bridge.close()
        self.server.stop()


def start_devices(session: GameSession, *, host: str, port: int = 0,
                  wake: Callable[[], None] | None = None,
                  limits: Limits | None = None) -> Devices:
    """Serve the human seats of ``session``; raises OSError when the address is unusable."""
    seats = [s.faction for s in session.seats if s.human]
    tokens = SeatTokens(seats)
    bridge = Bridge(session, wake=wake)
    server = DeviceServer(bridge, tokens, host=host, port=port, limits=limits)
    server.start()
    return Devices(session, tokens, bridge, server)


def print_links(devices: Devices, *, qr: bool = True, out: TextIO | None = None) -> None:
    """Each seat's link, with a QR code a phone can scan from the terminal."""
    out = out or sys.stdout
    print("Team devices: open your seat's link on a phone or laptop on the same network.",
          file=out)
    for seat in devices.seats:
        link = devices.link(seat)
        print(f"\n{devices.session.label(seat)}: {link}", file=out)
        if qr:
            import segno

            segno.make(link, error="m").terminal(out=out, compact=True, border=2)
    out.flush()
