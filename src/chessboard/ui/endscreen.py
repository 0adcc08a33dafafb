"""The round summary and the end screen with the winner, the VP table and the charts."""

from __future__ import annotations

import itertools
import math
from datetime import datetime
from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.elements import UIButton

from chessboard.engine.saves import SaveError
from chessboard.report.debrief import tiebreak_text, vp_by_source, write_debrief
from chessboard.ui import theme as th
from chessboard.ui.overlays import Overlay
from chessboard.ui.scene import GuiScene
from chessboard.ui.storage import data_dir, why_not_written
from chessboard.ui.theme import Colour, Theme, hex_colour
from chessboard.ui.widgets import LogView, chip

if TYPE_CHECKING:
    from chessboard.ui.app import App
    from chessboard.ui.session import GameSession


def history_columns(session: GameSession, *, final: bool = False) -> dict[str, list[int]]:
    """``state.history`` as one list per field named by ``engine.history_fields()``.

    With ``final``, a game that ended between two scorings (open rivalry in the middle of a
    round) gets one more point: the board as it ended, so its charts are never empty.
    """
    fields = session.engine.history_fields()
    columns: dict[str, list[int]] = {name: [] for name in fields}
    records = list(session.state.history)
    if final and session.state.over:
        last = _final_record(session)
        if not records or records[-1][1:] != last[1:]:
            records.append(last)
    for record in records:
        for name, value in zip(fields, record, strict=False):
            columns[name].append(value)
    return columns


def _final_record(session: GameSession) -> tuple[int, ...]:
    """A history record (round, tracks, VP, control) read off the last state."""
    return session.engine.history_record(session.state)


def control_counts(session: GameSession, columns: dict[str, list[int]]) -> dict[str, list[int]]:
    engine = session.engine
    out = {}
    for pid in engine.power_ids:
        keys = [f"control_{pid}_{sid}" for sid in engine.sphere_ids]
        rounds = len(columns.get("round", []))
        out[pid] = [sum(columns[k][r] for k in keys if k in columns) for r in range(rounds)]
    return out


class RoundSummary(Overlay):
    """Between rounds: VP gained, the tracks, control of spheres, and the next news."""

    box_size = (920, 640)

    def __init__(self, app: App, session: GameSession, happened: list[str]) -> None:
        super().__init__(app)
        self.session = session
        self.happened = happened
        self.log = LogView(app.theme, size=13)
        self.auto = session.human_count() == 0
        self.wait = app.options.bot_pause * 5 if self.auto else 0.0
        self.shot = False

    def build(self, manager: pygame_gui.UIManager) -> None:
        px = self.theme.px
        box = self.box()
        self.go = UIButton(pygame.Rect(box.right - px(220), box.bottom - px(66), px(196),
                                       px(48)), "Continue", manager,
                           object_id=pygame_gui.core.ObjectID(class_id="@primary"))
        top = box.y + px(330)
        self.log.set_rect(pygame.Rect(box.x + px(28), top + px(24), box.w // 2 - px(20),
                                      box.bottom - px(20) - top - px(24)))
        self.log.set_entries([], 0)
        self.log.set_entries([(line, "round" if line.startswith("Round ") else "normal")
                              for line in self.happened], len(self.happened))
        self.log.scroll = self.log.max_scroll()  # read from the first line

    def handle(self, event: pygame.event.Event) -> pygame.event.Event | None:
        if (event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.go) or (
                event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN,
                                                               pygame.K_KP_ENTER,
                                                               pygame.K_ESCAPE,
                                                               pygame.K_SPACE)):
            self.app.pop()
        elif self.log.handle(event):
            self.invalidate()
        return None

    def busy(self) -> bool:
        return self.auto

    def update(self, dt: float) -> None:
        super().update(dt)
        if not self.shot:
            self.shot = True
            rounds = self.session.state.history
            number = rounds[-1][0] if rounds else self.session.state.round - 1
            self.app.screenshot(f"round-{number:02d}.png")
        if self.auto:
            self.wait -= dt
            if self.wait <= 0:
                self.app.pop()

    def draw_box(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        theme, s = self.theme, self.session
        px = theme.px
        cols = history_columns(s)
        if not cols["round"]:
            return
        last = len(cols["round"]) - 1
        finished = cols["round"][last]

        def delta(name: str) -> int:
            return cols[name][last] - cols[name][last - 1] if last > 0 else 0

        x0, y = box.x + px(28), box.y + px(20)
        surface.blit(theme.text(f"Round {finished} is over", 26, th.TEXT, bold=True), (x0, y))
        y += px(46)
        # victory points
        surface.blit(theme.text("VICTORY POINTS", 12, th.TEXT_DIM, bold=True), (x0, y))
        surface.blit(theme.text("TRACKS", 12, th.TEXT_DIM, bold=True), (box.centerx + px(20), y))
        y += px(22)
        rules = s.engine.rules
        for fid in sorted(s.engine.seated(s.state), key=lambda f: -cols[f"vp_{f}"][last]):
            faction = rules.faction(fid)
            badge = pygame.Rect(x0, y, px(30), px(20))
            chip(theme, surface, badge, hex_colour(faction.colour), faction.letter, size=12)
            name = theme.fit(s.label(fid), 15, box.centerx - px(100) - badge.right - px(8))
            surface.blit(theme.text(name, 15, th.TEXT), (badge.right + px(8), y - px(1)))
            vp = cols[f"vp_{fid}"][last]
            gain = delta(f"vp_{fid}") if last > 0 else vp
            surface.blit(theme.text(f"{vp}", 15, th.TEXT, bold=True),
                         (box.centerx - px(90), y - px(1)))
            surface.blit(theme.text(f"+{gain}" if gain >= 0 else str(gain), 14,
                                    th.LEGAL if gain > 0 else th.TEXT_DIM),
                         (box.centerx - px(50), y))
            y += px(28)
        ty = box.y + px(88)
        tx = box.centerx + px(20)
        for track in s.engine.rules.game.tracks:
            value = cols[track.id][last]
            d = delta(track.id)
            danger = track.danger is not None and value >= track.danger
            surface.blit(theme.text(track.name, 15, th.DANGER if danger else th.TEXT), (tx, ty))
            text = f"{value}/{track.max}" + (f"  ({d:+d})" if last > 0 and d else "")
            surface.blit(theme.text(text, 15, th.DANGER if danger else th.ACCENT, bold=True),
                         (box.right - px(150), ty))
            ty += px(28)
        ty += px(10)
        surface.blit(theme.text("SPHERES CONTROLLED", 12, th.TEXT_DIM, bold=True), (tx, ty))
        ty += px(22)
        counts = control_counts(s, cols)
        x = tx
        for pid in s.engine.power_ids:
            power = rules.faction(pid)
            badge = pygame.Rect(x, ty, px(30), px(20))
            chip(theme, surface, badge, hex_colour(power.colour), power.letter, size=12)
            surface.blit(theme.text(str(counts[pid][last]), 16, th.TEXT, bold=True),
                         (badge.right + px(6), ty - px(2)))
            x += px(80)
        # what the end of the round did, and the next news
        top = box.y + px(330)
        pygame.draw.line(surface, th.LINE, (x0, top - px(12)), (box.right - px(28), top - px(12)))
        surface.blit(theme.text("WHAT HAPPENED", 12, th.TEXT_DIM, bold=True), (x0, top))
        self.log.draw(surface)
        event = s.state.event
        events = s.engine.rules.events.events
        nx = box.centerx + px(20)
        if not s.state.over and 0 <= event < len(events):
            ev = events[event]
            head = f"ROUND {s.state.round} NEWS" + (f" · {th.WHAT_IF_LABEL}" if ev.what_if else "")
            surface.blit(theme.text(head, 12, th.WARN if ev.what_if else th.TEXT_DIM, bold=True),
                         (nx, top))
            y = top + px(24)
            width = box.right - px(28) - nx
            for line in theme.wrap(ev.name, 17, width, bold=True)[:2]:
                surface.blit(theme.text(line, 17, (255, 222, 150), bold=True), (nx, y))
                y += theme.line_height(17)
            y += px(4)
            for line in theme.wrap(ev.text, 14, width)[:5]:
                surface.blit(theme.text(line, 14, th.TEXT), (nx, y))
                y += theme.line_height(14)


class EndScene(GuiScene):
    """The winner, the VP table and charts of the tracks and VP over the rounds."""

    def __init__(self, app: App, session: GameSession) -> None:
        super().__init__(app)
        self.session = session
        self.result = session.engine.result(session.state)
        self.shot = False
        self.quit_wait = 3 * app.options.bot_pause
        # each faction's VP by source and why the winner ranks first, from the engine's record
        self.breakdown = vp_by_source(session.engine, session.state)
        self.tiebreak = tiebreak_text(session.engine.rules, self.result.vp,
                                      self.result.losers) if self.result else ""
        self.notice = ""  # where the debrief was saved, or why it was not

    def build(self, manager: pygame_gui.UIManager) -> None:
        px = self.theme.px
        w, h = self.app.screen.get_size()
        y = h - px(74)
        self.debrief = UIButton(pygame.Rect(w - px(860), y, px(210), px(50)), "Save debrief…",
                                manager)
        self.again = UIButton(pygame.Rect(w - px(640), y, px(200), px(50)), "New game", manager,
                              object_id=pygame_gui.core.ObjectID(class_id="@primary"))
        self.board = UIButton(pygame.Rect(w - px(430), y, px(200), px(50)), "See the board",
                              manager)
        self.title = UIButton(pygame.Rect(w - px(220), y, px(190), px(50)), "Title screen",
                              manager)

    def handle(self, event: pygame.event.Event) -> pygame.event.Event | None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.debrief:
                self.notice = self.save_debrief()
                self.invalidate()
            elif event.ui_element is self.again:
                self.app.to_title()
                self.app.open("setup")
            elif event.ui_element is self.board:
                self.app.pop()
            elif event.ui_element is self.title:
                self.app.to_title()
            return None
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.pop()
            return None
        if event.type == pygame.KEYDOWN and event.key == pygame.K_h:
            self.app.open("history", self.session)  # the debrief's "go back to…"
        if event.type == pygame.KEYDOWN and event.key == pygame.K_d:
            self.notice = self.save_debrief()
            self.invalidate()
        return None

    def save_debrief(self) -> str:
        """Write the debrief into the user's data folder; say where, or why not."""
        # a folder per debrief, named by the clock: nothing of the game goes into the path
        folder = data_dir() / "debriefs" / datetime.now().strftime("%Y-%m-%d_%H-%M-%S")
        try:
            paths = write_debrief(self.session.engine, self.session.to_save(), folder)
        except OSError as err:
            return f"The debrief could not be saved in {folder}: {why_not_written(err)}."
        except SaveError as err:
            return f"The debrief could not be made: {err}."
        return f"Debrief saved: {paths[0]} (open it in a browser), with the log as text and CSV."

    def busy(self) -> bool:
        return self.app.options.quit_at_end

    def update(self, dt: float) -> None:
        super().update(dt)
        if not self.shot:
            self.shot = True
            self.app.screenshot("end.png")
        elif self.app.options.quit_at_end:
            self.quit_wait -= dt
            if self.quit_wait <= 0:
                self.app.quit(0)

    def draw_background(self, surface: pygame.Surface) -> None:
        theme, s = self.theme, self.session
        px = theme.px
        surface.fill(th.BG)
        w, h = surface.get_size()
        result = self.result
        rules = s.engine.rules
        x0 = px(40)
        y = px(26)
        if result is None:
            return
        if result.winner is not None:
            colour = hex_colour(rules.faction(result.winner).colour)
            pygame.draw.rect(surface, colour, (0, 0, w, px(8)))
            head = f"{s.label(result.winner)} wins"
        else:
            head = "Nobody wins"
        size = theme.shrink(head, 44, w - 2 * x0, bold=True, smallest=28)
        head = theme.fit(head, size, w - 2 * x0, bold=True)
        surface.blit(theme.text(head, size, th.TEXT, bold=True), (x0, y))
        y += px(62)
        reason = result.reason_text
        if result.losers:
            names = " and ".join(s.label(f) for f in result.losers)
            reason = f"{reason.rstrip('.')}. {names} lose."
        for line in theme.wrap(reason[0].upper() + reason[1:], 17, w - 2 * x0)[:2]:
            surface.blit(theme.text(line, 17, th.DANGER if result.losers else th.TEXT_DIM),
                         (x0, y))
            y += theme.line_height(17)
        for line in theme.wrap(self.tiebreak, 15, w - 2 * x0)[:2]:
            surface.blit(theme.text(line, 15, th.TEXT), (x0, y))
            y += theme.line_height(15)
        y += px(12)
        # VP table
        table = pygame.Rect(x0, y, px(400), h - y - px(100))
        surface.blit(theme.text("FINAL VICTORY POINTS, BY SOURCE", 13, th.TEXT_DIM, bold=True),
                     (table.x, table.y))
        ry = table.y + px(26)
        order = list(result.ranking) + [f for f in result.losers if f not in result.ranking]
        # rows shrink to fit every seat above the buttons: two lines of sources, one, or none
        pitch = max(px(44), min(px(80), (table.bottom - ry) // max(1, len(order))))
        for rank, fid in enumerate(order, start=1):
            faction = rules.faction(fid)
            row = pygame.Rect(table.x, ry, table.w, pitch - px(6))
            lost = fid in result.losers
            pygame.draw.rect(surface, th.BG_PANEL_HI if rank == 1 and not lost else th.BG_PANEL,
                             row, border_radius=px(6))
            surface.blit(theme.text("—" if lost else str(rank), 17, th.TEXT_DIM, bold=True),
                         (row.x + px(12), row.y + px(7)))
            badge = pygame.Rect(row.x + px(42), row.y + px(9), px(32), px(20))
            chip(theme, surface, badge, hex_colour(faction.colour), faction.letter, size=12)
            label = s.label(fid) + ("  (lost)" if lost else "")
            label = theme.fit(label, 16, row.right - px(70) - badge.right, bold=rank == 1)
            surface.blit(theme.text(label, 16, th.TEXT_DIM if lost else th.TEXT, bold=rank == 1),
                         (badge.right + px(10), row.y + px(7)))
            vp = theme.text(str(result.vp.get(fid, 0)), 18, th.ACCENT, bold=True)
            surface.blit(vp, vp.get_rect(midright=(row.right - px(14), row.y + px(19))))
            if row.h >= px(46):
                parts = [f"{name} {value:+d}" if value < 0 else f"{name} {value}"
                         for name, value in self.breakdown.get(fid, [])]
                width = row.w - px(54)
                room = 2 if row.h >= px(66) else 1
                lines = theme.wrap(" · ".join(parts) or "no VP", 13, width)
                if len(lines) > room:  # the rest is cut, visibly
                    lines = [*lines[:room - 1], theme.fit(" ".join(lines[room - 1:]), 13, width)]
                for k, line in enumerate(lines):
                    surface.blit(theme.text(line, 13, th.TEXT_DIM),
                                 (row.x + px(42), row.y + px(32) + k * theme.line_height(13)))
            ry += pitch
        chart_x = table.right + px(40)
        chart_w = w - chart_x - x0
        charts_bottom = h - px(90)
        if self.notice:  # beside the buttons, where nothing else is drawn
            room = pygame.Rect(x0, h - px(78), w - px(880) - x0, px(60))
            if room.w < px(300):  # large text: under the charts, which give it room
                lines = theme.wrap(self.notice, 13, chart_w)[:3]
                charts_bottom -= len(lines) * theme.line_height(13) + px(8)
                room = pygame.Rect(chart_x, charts_bottom + px(4), chart_w, 0)
            else:
                lines = theme.wrap(self.notice, 13, room.w)[:4]
            for k, line in enumerate(lines):
                surface.blit(theme.text(line, 13, th.ACCENT),
                             (room.x, room.y + k * theme.line_height(13)))
        # charts
        cols = history_columns(s, final=True)
        chart_h = (charts_bottom - y - px(30)) // 2
        rounds = cols["round"]
        tracks = s.engine.rules.game.tracks
        series = [(tr.name, th.TRACK_STYLES[k % 4][0], *series_style(k), cols[tr.id])
                  for k, tr in enumerate(tracks)]
        # the rules say which track warns, and from where (the chart has room for one zone)
        warned = next((tr for tr in tracks if tr.danger is not None), None)
        line_chart(theme, surface, pygame.Rect(chart_x, y, chart_w, chart_h),
                   "Tracks over the rounds", series, rounds,
                   max(tr.max for tr in tracks), danger=warned.danger if warned else None,
                   danger_of=warned.name if warned else "")
        vp_series = []
        for k, fid in enumerate(s.engine.seated(s.state)):
            vp_series.append((s.label(fid), hex_colour(rules.faction(fid).colour),
                              *series_style(k), cols[f"vp_{fid}"]))
        top_vp = max([max(v, default=0) for *_x, v in vp_series] + [10])
        line_chart(theme, surface, pygame.Rect(chart_x, y + chart_h + px(30), chart_w, chart_h),
                   "Victory points over the rounds", vp_series, rounds, top_vp)


# Each series gets a marker and a dash pattern (lengths of line and gap in px at scale 1): two
# series never share both, so the lines read without colour (deuteranopia, a grey printout).
MARKERS = ("circle", "square", "triangle", "diamond", "cross", "triangle_down", "plus", "ring")
DASHES: tuple[tuple[int, ...], ...] = ((), (12, 6), (3, 5), (14, 4, 3, 4), (6, 6), (20, 6),
                                       (2, 3), (8, 3, 2, 3))


def series_style(k: int) -> tuple[str, tuple[int, ...]]:
    """The marker and dash pattern of the k-th series of a chart."""
    return MARKERS[k % len(MARKERS)], DASHES[k % len(DASHES)]


def dashed_lines(surface: pygame.Surface, colour: Colour, points: list[tuple[int, int]],
                 width: int, pattern: tuple[int, ...]) -> None:
    """A polyline drawn with a dash pattern (line, gap, line, gap...: an even count of
    lengths) that runs on across its corners."""
    if not pattern:
        pygame.draw.lines(surface, colour, False, points, width)
        return
    index, left, on = 0, float(pattern[0]), True
    for (x1, y1), (x2, y2) in itertools.pairwise(points):
        length = math.hypot(x2 - x1, y2 - y1)
        done = 0.0
        while done < length:
            step = min(left, length - done)
            if on:
                a, b = done / length, (done + step) / length
                pygame.draw.line(surface, colour, (x1 + (x2 - x1) * a, y1 + (y2 - y1) * a),
                                 (x1 + (x2 - x1) * b, y1 + (y2 - y1) * b), width)
            done += step
            left -= step
            if left <= 0:
                index = (index + 1) % len(pattern)
                left, on = float(pattern[index]), index % 2 == 0


def _marker(surface: pygame.Surface, kind: str, colour: Colour, pos: tuple[int, int],
            r: int) -> None:
    x, y = pos
    if kind == "zone":  # a swatch of the shaded danger zone
        pygame.draw.rect(surface, colour, (x - r - 1, y - r, 2 * r + 2, 2 * r))
    elif kind == "square":
        pygame.draw.rect(surface, colour, (x - r, y - r, 2 * r, 2 * r))
    elif kind == "triangle":
        pygame.draw.polygon(surface, colour,
                            [(x, y - r - 1), (x - r - 1, y + r), (x + r + 1, y + r)])
    elif kind == "diamond":
        pygame.draw.polygon(surface, colour, [(x, y - r - 1), (x + r + 1, y), (x, y + r + 1),
                                              (x - r - 1, y)])
    elif kind == "triangle_down":
        pygame.draw.polygon(surface, colour,
                            [(x, y + r + 1), (x - r - 1, y - r), (x + r + 1, y - r)])
    elif kind == "cross":
        w = max(2, r // 2 + 1)
        pygame.draw.line(surface, colour, (x - r, y - r), (x + r, y + r), w)
        pygame.draw.line(surface, colour, (x - r, y + r), (x + r, y - r), w)
    elif kind == "plus":
        w = max(2, r // 2 + 1)
        pygame.draw.line(surface, colour, (x - r - 1, y), (x + r + 1, y), w)
        pygame.draw.line(surface, colour, (x, y - r - 1), (x, y + r + 1), w)
    elif kind == "ring":
        pygame.draw.circle(surface, colour, pos, r + 1, max(2, r // 2))
    else:
        pygame.draw.circle(surface, colour, pos, r)


def line_chart(theme: Theme, surface: pygame.Surface, rect: pygame.Rect, title: str,
               series: list[tuple[str, Colour, str, tuple[int, ...], list[int]]],
               rounds: list[int], y_max: int, *, danger: int | None = None,
               danger_of: str = "") -> None:
    """Lines with a distinct marker and dash pattern each (:func:`series_style`) and a legend
    that shows both, so they read without colour too."""
    px = theme.px
    th.draw_panel(surface, rect, th.BG_PANEL, th.LINE, radius=px(8))
    heading = theme.text(title, 15, th.TEXT, bold=True)
    surface.blit(heading, (rect.x + px(14), rect.y + px(8)))
    start = rect.x + px(14) + heading.get_width() + px(24)
    entries = [(name, colour, marker, dash) for name, colour, marker, dash, _values in series]
    if danger is not None:  # in the legend, not over the lines that run through the zone
        entries.append((f"{danger_of.lower()} danger zone ({danger}+)".lstrip(),
                        (150, 60, 66), "zone", ()))
    # The legend: in one row beside the title when it fits; else, when the text is large (a
    # projector's UI scale), in a column right of the plot, so the plot keeps its height;
    # else in rows under the title. Rows are as high as the text, not a fixed step.
    line_h = theme.line_height(13)
    font = theme.font(13)
    widths = [(0 if marker == "zone" else px(28)) + px(16) + font.size(name)[0]
              for name, _c, marker, _d in entries]
    column_w = max(widths, default=0) + px(24)
    plot_right = rect.right - px(28)
    if sum(w + px(18) for w in widths) <= rect.right - px(10) - start:
        places = []
        x = start
        for w in widths:
            places.append((x, rect.y + px(10)))
            x += w + px(18)
        top = rect.y + px(10) + line_h + px(12)
    elif rect.w - column_w >= px(300):
        x = rect.right - column_w
        first = rect.y + px(10)
        if x < start - px(14):  # beside a long title there is no room: under its line
            first = rect.y + px(8) + heading.get_height() + px(4)
        if first + len(entries) * line_h > rect.bottom - px(4) and danger is not None \
                and any(name == danger_of for name, *_rest in entries):
            # no row to spare: the danger zone is told with the series it belongs to
            entries = [(f"{name} · red: {danger}+" if name == danger_of else name, *rest)
                       for name, *rest in entries if rest[1] != "zone"]
        places = [(x, first + k * line_h) for k in range(len(entries))]
        plot_right = x - px(16)
        top = rect.y + px(8) + heading.get_height() + px(12)
    else:
        places, x, y = [], start, rect.y + px(10)
        for w in widths:
            if x + w > rect.right - px(10) and x > rect.x + px(14):
                x, y = rect.x + px(14), y + line_h
            places.append((x, y))
            x += w + px(18)
        top = y + line_h + px(12)
    for (name, colour, marker, dash), (legend_x, legend_y) in zip(entries, places, strict=True):
        label = theme.text(name, 13, (255, 140, 130) if marker == "zone" else th.TEXT_DIM)
        sample = 0 if marker == "zone" else px(28)  # a stretch of the line, dashes and all
        mid = legend_y + label.get_height() // 2
        if sample:
            dashed_lines(surface, colour, [(legend_x, mid), (legend_x + sample, mid)],
                         px(2), tuple(px(d) for d in dash))
        _marker(surface, marker, colour, (legend_x + sample // 2 + px(6) * (not sample), mid),
                px(5))
        surface.blit(label, (legend_x + sample + px(16), legend_y))
    tick_w = theme.font(12).size(str(max(1, y_max)))[0]
    left = rect.x + max(px(44), tick_w + px(20))
    bottom = rect.bottom - px(10) - theme.line_height(12)
    plot = pygame.Rect(left, top, max(1, plot_right - left), max(1, bottom - top))
    if not rounds:
        return
    y_max = max(1, y_max)

    def to_xy(i: int, v: float) -> tuple[int, int]:
        x = plot.x + (plot.w * i // max(1, len(rounds) - 1) if len(rounds) > 1 else plot.w // 2)
        return x, plot.bottom - round(plot.h * v / y_max)

    if danger is not None and danger <= y_max:
        top = to_xy(0, y_max)[1]
        bottom = to_xy(0, danger)[1]
        zone = pygame.Rect(plot.x, top, plot.w, max(1, bottom - top))
        shade = pygame.Surface(zone.size, pygame.SRCALPHA)
        shade.fill((232, 72, 72, 50))
        surface.blit(shade, zone)
    # no more grid lines than their labels have room for, one above the other
    fits = max(1, plot.h // max(1, theme.line_height(12)))
    step = next((s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500)
                 if y_max / s <= min(6, fits)), max(1, y_max // min(5, fits)))
    for v in range(0, y_max + 1, step):
        _x, yy = to_xy(0, v)
        pygame.draw.line(surface, (52, 62, 78), (plot.x, yy), (plot.right, yy))
        label = theme.text(str(v), 12, th.TEXT_FAINT)
        surface.blit(label, label.get_rect(midright=(plot.x - px(6), yy)))
    for i, r in enumerate(rounds):
        x, _y = to_xy(i, 0)
        label = theme.text(str(r), 12, th.TEXT_FAINT)
        surface.blit(label, label.get_rect(midtop=(x, plot.bottom + px(4))))
    for _name, colour, marker, dash, values in series:
        points = [to_xy(i, v) for i, v in enumerate(values)]
        if len(points) > 1:
            dashed_lines(surface, colour, points, px(3), tuple(px(d) for d in dash))
        for point in points:
            _marker(surface, marker, colour, point, px(4))
