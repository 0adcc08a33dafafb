"""The team-device server: aiohttp on its own event loop, in a thread beside the window.

It serves the device page (fixed files shipped in the package, looked up by fixed names: nothing
from a request becomes a path) and one WebSocket per device. A device joins with its seat's
token, then sends small JSON requests that the :class:`~.bridge.Bridge` answers on the session's
thread. Malformed, oversized or too frequent messages get an error message and never reach the
game; a connection that keeps misbehaving is closed. Devices may come and go at any time.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
import time
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any

from aiohttp import WSCloseCode, WSMsgType, web

from chessboard.net.address import link_host
from chessboard.net.tokens import SeatTokens

if TYPE_CHECKING:
    from chessboard.net.bridge import Bridge

REQUESTS = frozenset({"join", "state", "targets", "preview", "confirm", "undo", "end_turn"})
CLOSE_REVOKED = 4001  # the page shows "ask for a new link" and stops reconnecting
CLOSE_ABUSE = 4002
STATIC = {  # URL name -> (package file, content type): the only files the server ever reads
    "app.js": ("app.js", "text/javascript"),
    "style.css": ("style.css", "text/css"),
}
HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",  # the link's token must not leak to another site
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'self'; connect-src 'self'; img-src 'self' data:; "
                               "frame-ancestors 'none'",
}


@dataclass(frozen=True, slots=True)
class Limits:
    message_bytes: int = 4096  # larger requests get an error (none of ours is near 300 bytes)
    frame_bytes: int = 65536  # larger frames close the connection (aiohttp refuses them)
    rate: float = 20.0  # requests a second, on average
    burst: int = 40
    abuse: int = 200  # errors of one connection before it is closed
    devices_per_seat: int = 6
    connections: int = 64
    answer_seconds: float = 10.0  # the window may be busy (a modal dialog); then say so
    join_seconds: float = 15.0  # a connection that has not joined a seat by then is closed


@dataclass(frozen=True, slots=True)
class _Close:
    """In a device's outbox: close the connection once the messages before it are out."""

    code: int
    reason: bytes


@dataclass(slots=True, eq=False)  # each connection is its own (kept in a set)
class _Device:
    ws: web.WebSocketResponse
    seat: str | None = None
    outbox: asyncio.Queue[dict[str, Any] | _Close | None] = field(
        default_factory=lambda: asyncio.Queue(maxsize=64))
    allowance: float = 0.0
    checked: float = 0.0
    errors: int = 0


class DeviceServer:
    """Serves the device page to the seats in ``tokens``; :meth:`start` runs it in a thread."""

    def __init__(self, bridge: Bridge, tokens: SeatTokens, *, host: str, port: int = 0,
                 limits: Limits | None = None) -> None:
        self.bridge = bridge
        self.tokens = tokens
        self.host = host
        self.port = port
        self.limits = limits or Limits()
        self._files = {name: resources.files("chessboard.net").joinpath("static", file)
                       .read_bytes() for name, (file, _type) in STATIC.items()}
        self._page = resources.files("chessboard.net").joinpath("static", "index.html") \
            .read_bytes()
        self._devices: set[_Device] = set()
        self._closing: set[asyncio.Future[bool]] = set()  # kept until done (no lost tasks)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._stopped: asyncio.Event | None = None
        bridge.publish = self._publish

    # life cycle (the caller's thread) -------------------------------------------------------

    def start(self) -> None:
        """Bind and serve in a daemon thread; raises OSError when the address cannot be used."""
        ready = threading.Event()
        failure: list[BaseException] = []

        def serve() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            try:
                loop.run_until_complete(self._serve(ready))
            except BaseException as err:  # reported to start() below
                failure.append(err)
                ready.set()
            finally:
                loop.close()

        self._thread = threading.Thread(target=serve, name="device-server", daemon=True)
        self._thread.start()
        ready.wait(15)
        if failure:
            raise OSError(f"cannot serve team devices on {self.host}:{self.port}: "
                          f"{failure[0]}") from failure[0]

    async def _serve(self, ready: threading.Event) -> None:
        app = web.Application(client_max_size=self.limits.message_bytes)
        app.router.add_get("/", self._home)
        app.router.add_get("/s/{token}", self._seat_page)
        app.router.add_get("/static/{name}", self._static)
        app.router.add_get("/ws", self._socket)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self.port = self._runner.addresses[0][1]
        self._stopped = asyncio.Event()
        ready.set()
        await self._stopped.wait()
        for device in list(self._devices):
            with contextlib.suppress(Exception):
                await device.ws.close(code=WSCloseCode.GOING_AWAY, message=b"game closed")
        await self._runner.cleanup()

    def stop(self) -> None:
        loop, stopped = self._loop, self._stopped
        if loop is not None and stopped is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(stopped.set)
        if self._thread is not None:
            self._thread.join(10)

    def url(self, seat: str) -> str:
        return f"http://{link_host(self.host)}:{self.port}/s/{self.tokens.token(seat)}"

    def revoke(self, seat: str) -> str:
        """A new link for the seat; devices on the old one are told and disconnected."""
        token = self.tokens.reissue(seat)
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._drop_seat, seat)
        return token

    # HTTP -----------------------------------------------------------------------------------

    @staticmethod
    def _headers() -> dict[str, str]:
        return dict(HEADERS)

    async def _home(self, _request: web.Request) -> web.Response:
        return web.Response(text="The Central Asian Chessboard: open your team's link or scan "
                                 "its QR code on the big screen.", headers=self._headers())

    async def _seat_page(self, request: web.Request) -> web.Response:
        if self.tokens.seat_for(request.match_info["token"]) is None:
            return web.Response(status=404, text="This link is not valid (any more): ask for "
                                                 "your team's new link.", headers=self._headers())
        return web.Response(body=self._page, content_type="text/html", charset="utf-8",
                            headers=self._headers())

    async def _static(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name not in STATIC:
            raise web.HTTPNotFound()
        return web.Response(body=self._files[name], content_type=STATIC[name][1],
                            charset="utf-8", headers=self._headers())

    # WebSocket ------------------------------------------------------------------------------

    async def _socket(self, request: web.Request) -> web.StreamResponse:
        if len(self._devices) >= self.limits.connections:
            return web.Response(status=503, text="too many devices")
        ws = web.WebSocketResponse(max_msg_size=self.limits.frame_bytes, heartbeat=25.0)
        await ws.prepare(request)
        device = _Device(ws, allowance=float(self.limits.burst), checked=time.monotonic())
        self._devices.add(device)
        writer = asyncio.create_task(self._write(device))
        # idle sockets that never join must not fill the connection limit for everyone
        expiry = asyncio.get_running_loop().call_later(self.limits.join_seconds,
                                                       self._expire, device)
        try:
            async for msg in ws:
                if msg.type == WSMsgType.TEXT:
                    await self._receive(device, msg.data)
                elif msg.type == WSMsgType.BINARY:
                    await self._error(device, "send text (JSON) messages only")
                else:
                    break
                if device.errors >= self.limits.abuse:
                    self._send(device, _Close(CLOSE_ABUSE, b"too many bad messages"))
                    await asyncio.wait_for(asyncio.shield(writer), 5)
                    break
        finally:
            expiry.cancel()
            self._devices.discard(device)
            if device.seat is not None:
                self.bridge.detach(device.seat)
            writer.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await writer
        return ws

    async def _write(self, device: _Device) -> None:
        """One writer per device, so its messages go out in order."""
        while True:
            message = await device.outbox.get()
            if message is None or device.ws.closed:
                return
            if isinstance(message, _Close):
                await device.ws.close(code=message.code, message=message.reason)
                return
            try:
                await device.ws.send_str(json.dumps(message, separators=(",", ":")))
            except (ConnectionError, RuntimeError):
                return

    def _send(self, device: _Device, message: dict[str, Any] | _Close) -> None:
        try:
            device.outbox.put_nowait(message)
        except asyncio.QueueFull:
            # a device that reads nothing must not make the server hoard messages for it
            task = asyncio.ensure_future(device.ws.close(
                code=WSCloseCode.TRY_AGAIN_LATER, message=b"too slow"))
            self._closing.add(task)
            task.add_done_callback(self._closing.discard)

    async def _error(self, device: _Device, text: str, ident: object = None) -> None:
        device.errors += 1
        self._send(device, {"type": "error", "message": text, "id": ident})

    def _allowed(self, device: _Device) -> bool:
        """A token bucket: ``rate`` requests a second on average, bursts up to ``burst``."""
        now = time.monotonic()
        device.allowance = min(float(self.limits.burst),
                               device.allowance + (now - device.checked) * self.limits.rate)
        device.checked = now
        if device.allowance < 1.0:
            return False
        device.allowance -= 1.0
        return True

    async def _receive(self, device: _Device, data: str) -> None:
        if len(data) > self.limits.message_bytes:
            await self._error(device, f"message too large ({len(data)} characters; at most "
                                      f"{self.limits.message_bytes})")
            return
        try:
            message = json.loads(data)
        except (ValueError, RecursionError):
            await self._error(device, "not a JSON message")
            return
        if not isinstance(message, dict):
            await self._error(device, "a message must be a JSON object")
            return
        ident = message.get("id")
        if not (ident is None or (isinstance(ident, int) and not isinstance(ident, bool))
                or (isinstance(ident, str) and len(ident) <= 40)):
            ident = None
        # after parsing (cheap, and bounded above), so that the refusal names the request
        if not self._allowed(device):
            await self._error(device, "too many messages: slow down", ident)
            return
        kind = message.get("type")
        if not isinstance(kind, str) or kind not in REQUESTS:
            await self._error(device, f"unknown request type {str(kind)[:40]!r}", ident)
            return
        if kind == "join":
            await self._join(device, message.get("token"), ident)
            return
        seat = device.seat
        if seat is None:
            await self._error(device, "join with your seat's link first", ident)
            return
        reply = await self._ask(seat, message)
        if device.seat != seat:  # revoked while the game answered
            return
        if ident is not None:
            reply = {**reply, "id": ident}
        if reply.get("type") == "error":
            device.errors += 1
        self._send(device, reply)

    async def _ask(self, seat: str, message: dict[str, Any]) -> dict[str, Any]:
        # only the fields a request may carry travel on, as plain short strings
        clean: dict[str, Any] = {"type": message["type"]}
        for key in ("action", "choice"):
            value = message.get(key)
            if isinstance(value, str):
                clean[key] = value
        future = self.bridge.submit(seat, clean)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future),
                                          self.limits.answer_seconds)
        except TimeoutError:
            future.cancel()
            return {"type": "error", "message": "the game window is busy: try again"}

    async def _join(self, device: _Device, token: object, ident: object) -> None:
        seat = self.tokens.seat_for(token)
        if seat is None:
            await self._error(device, "This link is not valid (any more): ask for your team's "
                                      "new link.", ident)
            self._send(device, _Close(CLOSE_REVOKED, b"invalid link"))
            return
        if device.seat == seat:
            self._send(device, await self._ask(seat, {"type": "state"}))
            return
        if device.seat is not None:
            await self._error(device, "this connection already plays another seat", ident)
            return
        open_here = sum(1 for d in self._devices if d.seat == seat)
        if open_here >= self.limits.devices_per_seat:
            await self._error(device, "too many devices on this seat already", ident)
            self._send(device, _Close(CLOSE_ABUSE, b"too many devices"))
            return
        device.seat = seat
        self.bridge.attach(seat)
        reply = await self._ask(seat, {"type": "join"})
        if ident is not None:
            reply = {**reply, "id": ident}
        self._send(device, reply)

    # from the session's thread --------------------------------------------------------------

    def _publish(self, pages: dict[str, dict[str, Any]]) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._deliver, pages)

    def _deliver(self, pages: dict[str, dict[str, Any]]) -> None:
        for device in list(self._devices):
            if device.seat is not None and device.seat in pages:
                self._send(device, pages[device.seat])

    def _expire(self, device: _Device) -> None:
        if device.seat is None and device in self._devices:
            self._send(device, {"type": "error", "message": "no seat joined: closing"})
            self._send(device, _Close(CLOSE_ABUSE, b"join timeout"))

    def _drop_seat(self, seat: str) -> None:
        for device in list(self._devices):
            if device.seat == seat:
                device.seat = None
                self.bridge.detach(seat)
                self._send(device, {"type": "revoked", "message": "This link was revoked: "
                                    "ask for your team's new link."})
                self._send(device, _Close(CLOSE_REVOKED, b"revoked"))
