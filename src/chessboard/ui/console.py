"""The designer's debug console: ` on the board with ``play --designer`` (or ``--watch``).

Each line typed is a debug edit (:mod:`chessboard.engine.debug`) that the session hands to the
engine, which checks ids and ranges and logs it; the game is then marked as touched in its
saves. Nothing here changes the game itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UITextEntryLine

from chessboard.engine.debug import EDIT_FORMS
from chessboard.ui import theme as th
from chessboard.ui.keys import CONSOLE_KEY
from chessboard.ui.overlays import Overlay

if TYPE_CHECKING:
    from chessboard.rules.loader import Rules
    from chessboard.ui.app import App
    from chessboard.ui.board import BoardScene

HELP = [" ".join((kind, *form)) for kind, form in EDIT_FORMS.items()]


def examples(rules: Rules) -> str:
    """A line of edits that work under the rules loaded, with their own ids."""
    out = []
    if rules.events.events:
        out.append(f"event {rules.events.events[0].id}")
    # the card with the most copies, so that one is likely still in the deck to be given
    dealt = next(((f, max(rules.decks[f.deck].cards, key=lambda c: c.copies))
                  for f in rules.game.factions
                  if f.deck in rules.decks and rules.decks[f.deck].cards), None)
    if dealt is not None:
        out.append(f"card {dealt[0].id} {dealt[1].id}")
    track = rules.game.tracks[0]
    out.append(f"track {track.id} {track.danger if track.danger is not None else track.max}")
    out.append(f"ip {rules.game.factions[-1].id} 5")
    return "e.g. " + " · ".join(out)
MAX_LINES = 8


class ConsoleScene(Overlay):
    """Type an edit, Enter applies it; Esc or ` closes."""

    box_size = (760, 440)

    def __init__(self, app: App, board: BoardScene) -> None:
        super().__init__(app)
        self.board = board
        self.lines: list[tuple[str, str]] = []  # (text, style) answers, newest last

    def box(self) -> pygame.Rect:
        rect = super().box()
        rect.bottom = self.app.screen.get_height() - self.theme.px(20)  # the board stays seen
        return rect

    def build(self, manager: pygame_gui.UIManager) -> None:
        px = self.theme.px
        box = self.box()
        self.entry = UITextEntryLine(pygame.Rect(box.x + px(20), box.bottom - px(64),
                                                 box.w - px(170), px(44)), manager)
        self.entry.set_text_length_limit(200)
        self.entry.focus()
        self.close = UIButton(pygame.Rect(box.right - px(140), box.bottom - px(64), px(120),
                                          px(44)), "Close", manager)

    def handle(self, event: pygame.event.Event) -> pygame.event.Event | None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.close:
            self.app.pop()
        elif event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.entry:
            self.run(self.entry.get_text())
            self.entry.set_text("")
            self.entry.focus()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.pop()
        return None

    def process_event(self, event: pygame.event.Event) -> pygame.event.Event | None:
        # the key that opened the console closes it (before the text box types a `)
        if event.type == pygame.KEYDOWN and event.key == CONSOLE_KEY:
            self.app.pop()
            return None
        if event.type == pygame.TEXTINPUT and event.text == "`":
            return None
        return super().process_event(event)

    def run(self, text: str) -> None:
        """Apply one edit through the session (the engine checks it); say how it went."""
        text = text.strip()
        if not text:
            return
        try:
            done = self.board.session.debug_edit(text)
        except ValueError as err:  # DebugError: a bad edit, the game unchanged
            self.lines.append((f"{text}: {err}", "error"))
        else:
            self.lines.append((done, "done"))
            board = self.board
            board.selected, board.pending = -1, None
            board.say(f"Debug edit: {text}. This game is marked as edited in its saves.",
                      "info")
            board.invalidate()
            self.app.stack.needs_full = True  # the board below changed: redraw it, then us
        del self.lines[:-MAX_LINES]
        self.invalidate()

    def draw_box(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        theme = self.theme
        px = theme.px
        surface.blit(theme.text("Debug console (designer)", 22, th.ACCENT, bold=True),
                     (box.x + px(20), box.y + px(14)))
        y = box.y + px(50)
        for line in HELP:
            surface.blit(theme.text(line, 14, th.TEXT_DIM), (box.x + px(24), y))
            y += theme.line_height(14)
        surface.blit(theme.text(examples(self.app.rules), 13, th.TEXT_DIM, italic=True),
                     (box.x + px(24), y))
        y += theme.line_height(13) + px(8)
        colours = {"error": (255, 140, 130), "done": th.LEGAL}
        width = box.w - px(48)
        for text, style in self.lines:
            for part in theme.wrap(text, 15, width):
                if y > box.bottom - px(84):
                    break
                surface.blit(theme.text(part, 15, colours.get(style, th.TEXT)),
                             (box.x + px(24), y))
                y += theme.line_height(15)
