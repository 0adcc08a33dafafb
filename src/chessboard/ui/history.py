"""The history viewer: the board as it was after any move of the game, read-only.

H on the board (or the instructor menu) opens it at the current move. The positions are
replayed with the engine from the game's set-up (:class:`chessboard.ui.timeline.Timeline`),
so a loaded save shows its whole past too. Hands are shown as in the live game: only the hand
the window shows now (the seat holding the device), as it was then; never another seat's.

Keys: Left/Right a move, Page Up/Page Down (or Up/Down) a round, Home/End the first and the
last move, Esc (or H) back to the game.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from chessboard.engine.state import unroll
from chessboard.ui.boardmodel import Marks, build_model
from chessboard.ui.boardview import BoardView
from chessboard.ui.diff import diff_states
from chessboard.ui.keys import HISTORY_KEY
from chessboard.ui.scene import Rects, Scene
from chessboard.ui.timeline import Timeline

if TYPE_CHECKING:
    from chessboard.engine.state import GameState
    from chessboard.ui.app import App
    from chessboard.ui.session import GameSession

class HistoryScene(Scene):
    """An opaque scene over the board: the past position, a banner, and the keys to move."""

    def __init__(self, app: App, session: GameSession, *, at: int | None = None) -> None:
        super().__init__(app)
        self.session = session
        self.timeline = Timeline.of(session)
        self.move = self.timeline.moves if at is None else self.timeline.clamp(at)
        self.view = BoardView(app.theme, session.reader.legend, app.board_map)
        self.layer: pygame.Surface | None = None
        self.dirty = True
        # whose eyes: the window's viewer now (as the live board), else nobody's hand
        self.viewer = session.viewer if session.viewer not in session.remote else None

    def enter(self) -> None:
        self.resize(self.app.screen.get_size())

    def resize(self, size: tuple[int, int]) -> None:
        self.view.layout(size)
        self.layer = pygame.Surface(size)
        self.dirty = True

    # what is shown ------------------------------------------------------------------------

    def seen(self, k: int) -> GameState:
        """Position ``k`` as the window may show it: every hand but the viewer's hidden."""
        st = self.timeline.state(k)
        engine = self.session.engine
        who = self.viewer or engine.current_faction(st) or engine.seated(st)[0]
        return engine.view(st, who)

    def hand(self, k: int) -> tuple[int, ...]:
        if self.viewer is None:
            return ()
        return self.session.hand_numbers(self.timeline.state(k), self.viewer)

    def banner(self) -> str:
        st = self.timeline.state(self.move)
        return (f"History: round {st.round}, move {self.move} of {self.timeline.moves} - "
                "Esc to return")

    def move_text(self) -> str:
        if self.move == 0:
            return "The set-up, before the first move"
        action = self.timeline.actions[self.move - 1]
        before = self.timeline.state(self.move - 1)
        if action.is_facilitator:
            return f"Move {self.move}: the instructor: {self.session.describe(action)}"
        who = self.session.engine.current_faction(before) or ""
        return f"Move {self.move}: {self.session.label(who)}: {self.session.describe(action)}"

    def marks(self) -> Marks:
        s = self.session
        view = self.seen(self.move)
        changed = diff_states(s.reader, self.seen(self.move - 1), view) if self.move > 0 else None
        labels = {f: s.label(f) for f in s.engine.seated(view)}
        return Marks(changed=changed, message=self.banner(), message_style="warn",
                     status=[("History (read-only)", "title"), (self.move_text(), "accent"),
                             ("Left/Right: a move. PgUp/PgDn: a round. Home/End. Esc returns.",
                              "dim")],
                     hand=self.hand(self.move), acting=s.engine.current_faction(view),
                     labels=labels)

    def log_entries(self) -> tuple[list[tuple[str, str]], int]:
        st = self.timeline.state(self.move)
        board = self.app.board()
        if board is not None:
            return board.log_entries(st.log, fresh_from=self._fresh_from())
        return [], 0

    def _fresh_from(self) -> int:
        """The log lines the move at ``k`` wrote are highlighted, as the live log does."""
        if self.move == 0:
            return len(unroll(self.timeline.state(0).log))
        return len(unroll(self.timeline.state(self.move - 1).log))

    # events -------------------------------------------------------------------------------

    def process_event(self, event: pygame.event.Event) -> pygame.event.Event | None:
        if event.type == pygame.KEYDOWN:
            tl, at = self.timeline, self.move
            moves = {
                pygame.K_LEFT: at - 1, pygame.K_RIGHT: at + 1,
                pygame.K_HOME: 0, pygame.K_END: tl.moves,
                pygame.K_PAGEUP: tl.previous_round(at), pygame.K_UP: tl.previous_round(at),
                pygame.K_PAGEDOWN: tl.next_round(at), pygame.K_DOWN: tl.next_round(at),
            }
            if event.key in moves:
                self.go(moves[event.key])
            elif event.key in (pygame.K_ESCAPE, HISTORY_KEY):
                self.app.pop()
        elif event.type == pygame.MOUSEWHEEL and self.view.log.handle(event):
            self.dirty = True
        return None  # read-only: no click reaches the live board below

    def go(self, k: int) -> None:
        k = self.timeline.clamp(k)
        if k != self.move:
            self.move = k
            self.dirty = True

    # drawing ------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface, full: bool) -> Rects:
        assert self.layer is not None
        if not (self.dirty or full):
            return []
        if self.dirty:
            self.view.log.set_entries(*self.log_entries())
            self.view.draw_all(self.layer, build_model(self.session.reader, self.seen(self.move),
                                                       self.marks()))
            self.dirty = False
        surface.blit(self.layer, (0, 0))
        return [surface.get_rect()]
