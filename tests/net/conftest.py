"""A game session served to team devices on 127.0.0.1, and a small WebSocket client for tests.

A thread pumps the bridge (the window's loop does it in the game), so requests go the whole
real way: client, server thread, bridge queue, session thread, and back.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import pytest

aiohttp = pytest.importorskip("aiohttp")

from chessboard.net.host import Devices, start_devices  # noqa: E402
from chessboard.seats import Seat  # noqa: E402
from chessboard.ui.session import GameSession  # noqa: E402

SEATS = [Seat("russia", True), Seat("china", True), Seat("eu", True)]


def run(coro: Awaitable[Any], seconds: float = 60) -> Any:
    """Run one test's client side, bounded in time."""
    return asyncio.run(asyncio.wait_for(coro, seconds))  # type: ignore[arg-type]


class Client:
    """One device: a WebSocket with the messages it received, in order."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.received: list[dict[str, Any]] = []
        self.raw: list[str] = []
        self.unread: list[dict[str, Any]] = []
        self.next_id = 1

    async def send(self, **message: Any) -> int:
        ident = self.next_id
        self.next_id += 1
        await self.ws.send_str(json.dumps({**message, "id": ident}))
        return ident

    async def send_raw(self, text: str) -> None:
        await self.ws.send_str(text)

    async def receive(self, timeout: float = 10) -> dict[str, Any] | None:
        """The next message not yet read, or None when the server closed the connection."""
        if self.unread:
            return self.unread.pop(0)
        msg = await self.ws.receive(timeout=timeout)
        if msg.type != aiohttp.WSMsgType.TEXT:
            return None
        self.raw.append(msg.data)
        message = json.loads(msg.data)
        self.received.append(message)
        return message

    async def expect(self, *types: str, ident: int | None = None,
                     timeout: float = 10) -> dict[str, Any]:
        """The next message of one of ``types`` (answering ``ident``, if given).

        Messages of other types stay unread for later.
        """
        skipped: list[dict[str, Any]] = []
        try:
            for _ in range(500):
                message = await self.receive(timeout)
                if message is None:
                    raise AssertionError(f"connection closed while waiting for {types}")
                if message["type"] in types and (ident is None or message.get("id") == ident):
                    return message
                skipped.append(message)
            raise AssertionError(f"no {types} message")
        finally:
            self.unread[:0] = skipped

    async def ask(self, timeout: float = 10, **message: Any) -> dict[str, Any]:
        """Send a request and return its answer (an error answer too)."""
        ident = await self.send(**message)
        types = ("state", "targets", "preview", "done", "error", "revoked")
        return await self.expect(*types, ident=ident, timeout=timeout)

    async def state(self, *, turn: bool | None = None, timeout: float = 10) -> dict[str, Any]:
        """The next page (with ``turn``: the next one where it is / is not the seat's turn)."""
        for _ in range(500):
            page = await self.expect("state", timeout=timeout)
            if turn is None or page["your_turn"] == turn:
                return page
        raise AssertionError("no such page")


class Served:
    """The session, its device server, and a way to open devices on it."""

    def __init__(self, session: GameSession, devices: Devices) -> None:
        self.session = session
        self.devices = devices

    @property
    def ws_url(self) -> str:
        return f"http://127.0.0.1:{self.devices.server.port}/ws"

    def token(self, seat: str) -> str:
        return self.devices.tokens.token(seat)

    async def device(self, http: Any, seat: str | None = None, *,
                     token: str | None = None) -> Client:
        """A connected device; with a seat, joined to it (its first page read)."""
        client = Client(await http.ws_connect(self.ws_url))
        if seat is not None or token is not None:
            ident = await client.send(type="join", token=token or self.token(seat or ""))
            reply = await client.expect("state", "error", ident=ident)
            if seat is not None:
                assert reply["type"] == "state", reply
        return client


@pytest.fixture
def serve(engine) -> Iterator[Callable[..., Served]]:
    """Start a served game: ``serve(seats=..., seed=..., rounds=...)``."""
    started: list[Devices] = []

    def start(seats: list[Seat] | None = None, *, seed: int = 7, rounds: int = 2,
              **options: Any) -> Served:
        session = GameSession.new(engine, seats or SEATS, scenario=None, seed=seed,
                                  rounds=rounds)
        devices = start_devices(session, host="127.0.0.1", **options)
        started.append(devices)
        devices.pump_in_thread()
        return Served(session, devices)

    yield start
    for devices in started:
        devices.stop()
