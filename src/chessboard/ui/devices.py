"""Team devices in the window: serving the game, the join links with QR codes, revoking.

The window's loop owns the game session, so it pumps the device bridge once a frame (device
requests are answered there, exactly as the window's own clicks). The server thread wakes the
loop with an event when a request arrives, so an idle window answers within a frame. Ctrl+D
opens :class:`DevicesScene` (each seat's link, QR code, connection and a "New link" button),
and starts the server first in a game opened without ``--devices``; a small indicator on the
board says how many seats are connected.
"""

from __future__ import annotations

import contextlib
import sys
from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.elements import UIButton

from chessboard.ui import theme as th
from chessboard.ui.overlays import Overlay

if TYPE_CHECKING:
    from chessboard.net.host import Devices
    from chessboard.ui.app import App
    from chessboard.ui.board import BoardScene
    from chessboard.ui.scene import Rects
    from chessboard.ui.session import GameSession

WAKE = pygame.event.custom_type()  # posted by the server thread: a device request is waiting
HOTKEY = "Ctrl+D"


def qr_surface(text: str, size: int) -> pygame.Surface:
    """A QR code of ``text`` as a square surface of about ``size`` pixels (whole modules)."""
    import segno

    code = segno.make(text, error="m")
    rows = [list(row) for row in code.matrix_iter(scale=1, border=2)]
    n = len(rows)
    small = pygame.Surface((n, n))
    small.fill((255, 255, 255))
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            if dark:
                small.set_at((x, y), (0, 0, 0))
    scale = max(1, size // n)
    return pygame.transform.scale(small, (n * scale, n * scale))  # nearest: sharp modules


def _hotkey(event: pygame.event.Event) -> bool:
    return (event.type == pygame.KEYDOWN and event.key == pygame.K_d
            and bool(event.mod & pygame.KMOD_CTRL))


def handle_event(app: App, event: pygame.event.Event) -> bool:
    """The window's share of team devices: Ctrl+D starts them in a game played without
    ``--devices``; once they run, the wake-up event and Ctrl+D for the codes screen."""
    if app.devices is not None:
        return app.devices.handle(event)
    if not _hotkey(event):
        return False
    board = app.board()
    if board is None or app.stack.top is not board:
        return False
    app.serve_devices(board.session, board)
    return True


class DeviceLink:
    """The running device server of the window's game, seen from the window's loop."""

    def __init__(self, app: App, session: GameSession, devices: Devices) -> None:
        self.app = app
        self.session = session
        self.devices = devices
        self._shown: tuple[object, ...] = ()
        self._badge: pygame.Surface | None = None
        self._badge_for = ""

    @classmethod
    def start(cls, app: App, session: GameSession, *, bind: str | None,
              port: int) -> DeviceLink | str:
        """Serve the session's human seats; a sentence for the player when that fails."""
        try:
            from chessboard.net.address import local_address
            from chessboard.net.host import print_links, start_devices
        except ImportError:
            return ("Team devices need the 'devices' extra: pip install 'chessboard[devices]'")
        if not any(s.human for s in session.seats):
            return "Team devices need at least one human seat."
        host = bind or local_address()

        def wake() -> None:
            with contextlib.suppress(pygame.error):  # the window is closing
                pygame.event.post(pygame.event.Event(WAKE))

        try:
            devices = start_devices(session, host=host, port=port, wake=wake)
        except OSError as err:
            return f"Team devices could not start: {err}"
        print_links(devices, out=sys.stdout)
        if host in ("0.0.0.0", "::"):
            print("Warning: serving on every network interface (--bind 0.0.0.0).",
                  file=sys.stderr)
        return cls(app, session, devices)

    def stop(self) -> None:
        self.devices.stop()

    # the loop's side ----------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> bool:
        """The wake-up event and the hot key; True when the event was taken."""
        if event.type == WAKE:
            return True
        if _hotkey(event):
            if isinstance(self.app.stack.top, DevicesScene):
                self.app.pop()
            else:
                self.app.push(DevicesScene(self.app, self))
            return True
        return False

    def board(self) -> BoardScene | None:
        found = self.app.board()
        return found if found is not None and found.session is self.session else None

    def pump(self) -> None:
        """Answer device requests; show what they played on the board at once."""
        s = self.session
        played = self.devices.pump()
        if s.viewer is not None and s.viewer in s.remote:
            s.viewer = None  # a seat on a device never shows its hand on the projector
        board = self.board()
        if board is None:
            return
        for move in played:
            board.after_played(move)
        if self.app.top_is("pass") and not s.needs_handover():
            self.app.pop()  # that seat took its turn on its device meanwhile
        key = (s.state, s.turn_done, s.viewer, frozenset(s.remote))
        if played or key != self._shown:
            if self._shown:
                board.invalidate()
            self._shown = key

    # the connected-seats indicator --------------------------------------------------------

    def badge_text(self) -> str:
        connected = self.devices.connected()
        seats = self.devices.seats
        return f"Devices {sum(1 for s in seats if connected.get(s))}/{len(seats)} · {HOTKEY}"

    def draw_indicator(self, surface: pygame.Surface, redrawn: bool) -> Rects:
        """A small badge under the map, redrawn over the scene when either changes."""
        if self.board() is None or self.app.stack.top is not self.board():
            return []
        text = self.badge_text()
        if self._badge is not None and self._badge_for == text and not redrawn:
            return []
        if self._badge is None or self._badge_for != text:
            theme = self.app.theme
            px = theme.px
            label = theme.text(text, 13, th.TEXT, bold=True)
            badge = pygame.Surface((label.get_width() + px(16), label.get_height() + px(8)),
                                   pygame.SRCALPHA)
            th.draw_panel(badge, badge.get_rect(), th.BG_PANEL, th.LINE, radius=px(8),
                          width=1)
            badge.blit(label, (px(8), px(4)))
            self._badge, self._badge_for = badge, text
        px = self.app.theme.px
        board = self.board()
        # the bottom middle of the map: between the country panels, clear of the buttons
        area = board.view.map_rect if board is not None else surface.get_rect()
        rect = self._badge.get_rect(midbottom=(area.centerx, area.bottom - px(6)))
        surface.blit(self._badge, rect)
        return [rect]


class DevicesScene(Overlay):
    """Each seat's join link and QR code, its connection, and a button for a new link."""

    box_size = (1240, 660)

    def __init__(self, app: App, link: DeviceLink) -> None:
        super().__init__(app)
        self.link = link
        self.seats = link.devices.seats
        self.buttons: dict[object, str] = {}
        self.close: UIButton | None = None
        self._connected: dict[str, int] = {}
        self._qr: dict[tuple[str, int], pygame.Surface] = {}
        self.note = ""

    def box(self) -> pygame.Rect:
        w, h = self.app.screen.get_size()
        px = self.theme.px
        rect = pygame.Rect(0, 0, min(w - px(30), px(self.box_size[0])), h - px(30))
        rect.center = (w // 2, h // 2)
        return rect

    def cells(self, box: pygame.Rect) -> list[pygame.Rect]:
        px = self.theme.px
        n = len(self.seats)
        cols = min(4, n)
        rows = (n + cols - 1) // cols
        top = box.y + px(84)
        bottom = box.bottom - px(70)
        cw = (box.w - px(24) * 2 - px(14) * (cols - 1)) // cols
        ch = (bottom - top - px(14) * (rows - 1)) // rows
        return [pygame.Rect(box.x + px(24) + (i % cols) * (cw + px(14)),
                            top + (i // cols) * (ch + px(14)), cw, ch) for i in range(n)]

    def build(self, manager: pygame_gui.UIManager) -> None:
        px = self.theme.px
        box = self.box()
        self.buttons = {}
        for seat, cell in zip(self.seats, self.cells(box), strict=True):
            button = UIButton(pygame.Rect(cell.x + px(10), cell.bottom - px(44),
                                          cell.w - px(20), px(36)), "New link", manager,
                              tool_tip_text="Revoke this seat's link (a lost phone) and show "
                                            "a new one")
            self.buttons[button] = seat
        self.close = UIButton(pygame.Rect(box.right - px(184), box.bottom - px(58), px(160),
                                          px(44)), "Close", manager,
                              object_id=pygame_gui.core.ObjectID(class_id="@primary"))

    def handle(self, event: pygame.event.Event) -> pygame.event.Event | None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.close:
                self.app.pop()
            elif event.ui_element in self.buttons:
                seat = self.buttons[event.ui_element]
                self.link.devices.revoke(seat)
                self._qr = {k: v for k, v in self._qr.items() if k[0] != seat}
                self.note = (f"{self.link.session.label(seat)}: the old link no longer works; "
                             "the seat plays in the window until it joins with the new one.")
                board = self.link.board()
                if board is not None:
                    board.invalidate()
                self._dirty = True
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.pop()
        return None

    def update(self, dt: float) -> None:
        super().update(dt)
        connected = self.link.devices.connected()
        if connected != self._connected:
            self._connected = connected
            self._dirty = True

    def draw_box(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        theme, px = self.theme, self.theme.px
        title = theme.text("Team devices: scan your team's code, or open its link", 22,
                           th.ACCENT, bold=True)
        surface.blit(title, (box.x + px(24), box.y + px(18)))
        hint = theme.text(f"Phones and laptops on the same network as this computer. "
                          f"{HOTKEY} shows this again.", 15, th.TEXT_DIM)
        surface.blit(hint, (box.x + px(24), box.y + px(22) + title.get_height()))
        s = self.link.session
        colours = {f.id: th.hex_colour(f.colour) for f in s.engine.rules.game.factions}
        for seat, cell in zip(self.seats, self.cells(box), strict=True):
            th.draw_panel(surface, cell, th.BG_PANEL_HI, colours.get(seat, th.LINE),
                          radius=px(10), width=px(3))
            name = theme.fit(s.label(seat), 18, cell.w - px(20), bold=True)
            label = theme.text(name, 18, th.TEXT, bold=True)
            surface.blit(label, (cell.x + px(10), cell.y + px(8)))
            count = self._connected.get(seat, 0)
            if count:
                state, colour = (f"connected ({count} device{'s' if count > 1 else ''})",
                                 th.GOOD)
            elif seat in s.remote:
                state, colour = "joined, now offline (its turn waits)", th.WARN
            else:
                state, colour = "not joined: plays in the window", th.TEXT_DIM
            line = theme.text(theme.fit(state, 14, cell.w - px(20)), 14, colour)
            y = cell.y + px(10) + label.get_height()
            surface.blit(line, (cell.x + px(10), y))
            y += line.get_height() + px(6)
            url = self.link.devices.link(seat)
            # the address, then the token: a long link on two lines rather than cut short
            head, _, token = url.partition("/s/")
            lines = [theme.text(theme.fit(text, 13, cell.w - px(16)), 13, th.TEXT_DIM)
                     for text in (head, "/s/" + token)]
            room = cell.bottom - px(52) - sum(t.get_height() for t in lines) - px(6) - y
            side = max(px(40), min(cell.w - px(20), room))
            key = (seat, side)
            if key not in self._qr:
                self._qr[key] = qr_surface(url, side)
            code = self._qr[key]
            surface.blit(code, code.get_rect(midtop=(cell.centerx, y)))
            y += code.get_height() + px(4)
            for line in lines:
                surface.blit(line, line.get_rect(midtop=(cell.centerx, y)))
                y += line.get_height()
        if self.note:
            note = theme.text(theme.fit(self.note, 14, box.w - px(240)), 14, th.WARN)
            surface.blit(note, (box.x + px(24), box.bottom - px(46)))
