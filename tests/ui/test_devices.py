"""Team devices in the window: the codes overlay, a device's move on the board, revoking."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable
from typing import Any

import pygame
import pytest

from chessboard.seats import Seat
from chessboard.ui.board import BoardScene
from chessboard.ui.handoff import PassScene

aiohttp = pytest.importorskip("aiohttp")

from chessboard.ui.devices import DevicesScene  # noqa: E402

pytestmark = pytest.mark.ui

SEATS = [Seat("russia", True, name="Alice"), Seat("china", True, name="Bo")]


def in_background(make: Callable[[], Awaitable[Any]]) -> tuple[threading.Thread, list[Any]]:
    """A device's script in its own thread, while the test runs the window's frames."""
    out: list[Any] = []

    def work() -> None:
        try:
            out.append(asyncio.run(asyncio.wait_for(make(), 30)))
        except BaseException as err:  # re-raised by the test
            out.append(err)

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    return thread, out


def frames_until_done(d: Any, thread: threading.Thread, out: list[Any]) -> Any:
    for _ in range(3000):
        if not thread.is_alive():
            break
        d.frames(1)
    thread.join(5)
    assert out, "the device's script did not finish"
    if isinstance(out[0], BaseException):
        raise out[0]
    return out[0]


def test_a_device_joins_plays_and_is_revoked_from_the_window(make_app, rules) -> None:
    d = make_app(rules, seats=SEATS, seed=7, devices=True, bind="127.0.0.1")
    link = d.app.devices
    assert link is not None and isinstance(d.top, DevicesScene)  # the codes come first
    d.key(pygame.K_ESCAPE)
    d.frames(3)
    assert isinstance(d.top, PassScene)  # nobody joined yet: the hot seat as before
    board = d.app.stack.find(BoardScene)
    session = board.session
    seat = session.current
    port, token = link.devices.server.port, link.devices.tokens.token(seat)
    assert link.badge_text().startswith("Devices 0/2")

    async def play() -> tuple[str, list[dict]]:
        async with aiohttp.ClientSession() as http, \
                http.ws_connect(f"http://127.0.0.1:{port}/ws") as ws:
            await ws.send_json({"type": "join", "token": token})
            page = await ws.receive_json(timeout=10)
            choice = next(c for c in page["choices"] if c["enabled"] and c["kind"] == "act")
            action = choice["targets"][0]["action"]
            await ws.send_json({"type": "confirm", "action": action, "id": 1})
            seen = []
            while not any(m.get("id") == 1 for m in seen):
                seen.append(await ws.receive_json(timeout=10))
            return action, seen

    thread, out = in_background(play)
    action, seen = frames_until_done(d, thread, out)
    assert {"type": "done", "what": "confirm"}.items() <= next(
        m for m in seen if m.get("id") == 1).items()
    d.frames(3)
    # the window's own session applied it; the board says so, and no pass screen is left
    assert str(session.last.action) == action and session.turn_done
    assert isinstance(d.top, BoardScene)
    assert board.message and session.label(seat).split(" (")[0] in board.message
    assert seat in session.remote and session.viewer is None and not session.can_act()

    # a lost phone: Ctrl+D, "New link" on that seat's card
    d.key(pygame.K_d, pygame.KMOD_CTRL)
    overlay = d.top
    assert isinstance(overlay, DevicesScene)
    button = next(b for b, s in overlay.buttons.items() if s == seat)
    old = token
    d.click(button.rect.center)
    assert link.devices.tokens.token(seat) != old and seat not in session.remote
    d.key(pygame.K_d, pygame.KMOD_CTRL)
    assert isinstance(d.top, BoardScene)


def test_ctrl_d_serves_a_game_started_without_devices(make_app, rules) -> None:
    d = make_app(rules, seats=SEATS, seed=7, bind="127.0.0.1")
    assert d.app.devices is None and isinstance(d.top, PassScene)
    d.key(pygame.K_RETURN)  # Alice at the computer
    board = d.top
    assert isinstance(board, BoardScene)
    d.key(pygame.K_d, pygame.KMOD_CTRL)
    assert d.app.devices is not None and isinstance(d.top, DevicesScene)
    assert sorted(d.app.devices.devices.seats) == ["china", "russia"]
    d.app.to_title()  # the game is left: its links die with it
    assert d.app.devices is None


def test_the_set_up_screen_starts_team_devices(make_app, rules) -> None:
    from chessboard.ui.setup import DEVICES, SetupScene

    d = make_app(rules, bind="127.0.0.1")
    d.app.push(SetupScene(d.app))
    d.frames(2)
    setup = d.top
    assert setup.devices_menu.selected_option[0] == DEVICES[False]  # hot seat unless chosen
    setup._menu_changed(setup.devices_menu, DEVICES[True])
    setup.begin()
    d.frames(2)
    link = d.app.devices
    assert link is not None and isinstance(d.top, DevicesScene)  # the codes for the room
    humans = {s.faction for s in d.app.stack.find(BoardScene).session.seats if s.human}
    assert humans and humans <= set(link.devices.tokens.seats)
    d.app.stop_devices()
