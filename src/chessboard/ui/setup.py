"""New game: scenario, seats (human or bot, kind and level), names, rounds and seed, and the
class settings (a preset for the lesson's length, the turn timer) with the game's estimated
length."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UIDropDownMenu, UITextEntryLine

from chessboard.engine.game import SetupError
from chessboard.presets import PRESETS, basis_text, estimate, preset
from chessboard.report.guide import seats_note
from chessboard.seats import BOT_KINDS, LEVELS, Seat
from chessboard.ui import theme as th
from chessboard.ui.facilitation import GRACE_SECONDS, check_timer
from chessboard.ui.scene import GuiScene
from chessboard.ui.theme import hex_colour
from chessboard.ui.widgets import chip

if TYPE_CHECKING:
    from chessboard.rules.models import Scenario
    from chessboard.ui.app import App

HUMAN, BOT, OUT = "Human", "Bot", "Not playing"
NO_PRESET = "No preset"
# the class row sits at the bottom of the screen: its lists open upwards, staying on it
DROP_UP = pygame_gui.core.ObjectID(class_id="@drop_up")
# the seat choices where a bot's row is too wide for the usual size (a large UI scale)
SMALL_MENU = pygame_gui.core.ObjectID(class_id="@small_menu")
SMALL_MENU_SIZE = 13  # as in assets/ui/theme.json
AT_ZERO = {"warn": "Warn only", "pass": "Auto-pass"}  # the timer's action at zero
# Team devices (chessboard.net): each human seat plays from its own phone or laptop
DEVICES = {False: "Off: hot seat here", True: "On: teams' own devices"}
NAME_LIMIT = 24  # characters in a player's name: the seat list and the pass screen hold that
SEED_HINT = "Empty: a random seed. The same seed and seats replay the same game."


@dataclass(slots=True)
class SeatRow:
    faction: str
    mode: str  # HUMAN, BOT or OUT
    bot: str
    level: str
    name: str


class SetupScene(GuiScene):
    def __init__(self, app: App) -> None:
        super().__init__(app)
        rules = app.rules
        opts = app.options
        self.scenarios = rules.scenarios.scenarios
        self.scenario = rules.scenario(opts.scenario) if opts.scenario else self.scenarios[0]
        self.preset = opts.preset or NO_PRESET
        self.rounds = opts.rounds or self.app.preset_rounds() or self.scenario.rounds
        self.timer_text = "" if opts.timer is None else str(opts.timer)
        self.timer_action = opts.timer_action
        self.team_devices = opts.devices
        self.seed_text = "" if opts.seed is None else str(opts.seed)
        self.error = ""
        self.hint = ""  # a refused keystroke, said rather than silently dropped
        self.rows = self._default_rows(opts.seats)
        draft = app.setup_draft
        if isinstance(draft, SetupScene.Draft):  # what was typed before Back or Esc
            self.scenario, self.rounds, self.seed_text = draft.scenario, draft.rounds, draft.seed
            self.rows = [replace(row) for row in draft.rows]

    @dataclass(slots=True)
    class Draft:
        """The set-up as the player left it: coming back finds it as it was."""

        scenario: Scenario
        rounds: int
        seed: str
        rows: list[SeatRow]

    def _default_rows(self, seats: list[Seat] | None) -> list[SeatRow]:
        by_faction = {s.faction: s for s in seats} if seats else {}
        defaults = set(self.scenario.seats)
        rows = []
        for faction in self.app.rules.game.factions:
            seat = by_faction.get(faction.id)
            if seat is not None:
                rows.append(SeatRow(faction.id, HUMAN if seat.human else BOT, seat.bot,
                                    seat.level, seat.name))
            else:
                mode = HUMAN if (faction.id in defaults and not by_faction) else OUT
                rows.append(SeatRow(faction.id, mode, "heuristic", "normal", ""))
        return rows

    def _always(self, faction: str) -> bool:
        return faction in self.app.engine.always_in_play

    # widgets ------------------------------------------------------------------------------

    def geometry(self) -> dict[str, int]:
        """The screen's bands, from the bottom up: the buttons, the class row across the
        width, then the two columns (scenario and game; seats) above it. Widths of choices are
        measured, so at a large UI scale nothing runs into its neighbour."""
        px = self.theme.px
        w, h = self.app.screen.get_size()
        margin = px(48)
        left_w = min(px(400), int(w * 0.30))
        bottom = h - px(86)  # the Back and Start buttons
        widget_h = px(40)
        class_y = bottom - px(14) - widget_h
        return {"margin": margin, "left_w": left_w, "right_x": margin + left_w + px(40),
                "right_w": w - margin * 2 - left_w - px(40), "top": px(104), "w": w, "h": h,
                "bottom": bottom, "class_y": class_y, "widget_h": widget_h}

    def menu_width(self, labels: list[str], size: float = 17) -> int:
        """A drop-down wide enough for its longest choice (its font, with the arrow)."""
        font = self.theme.font(size, bold=True)  # measured bold: room to spare either way
        # the arrow's button (about its own height) and a margin either side of the text
        return max(font.size(label)[0] for label in labels) + self.theme.px(48)

    def seat_columns(self, g: dict[str, int]) -> dict[str, int]:
        """Where the seat rows' parts go, from the widths of the names and choices.

        A bot's row holds who plays, the kind and the level; when they do not fit at the
        widgets' usual size (a large UI scale), the seat choices take a smaller font (never
        below the smallest text) and then the faction's name gives up room, cut with "…".
        A bot's name box shows only where it has room beside them.
        """
        px, theme = self.theme.px, self.theme
        x, w = g["right_x"], g["right_w"]
        gap = px(8)
        longest = max(theme.font(16, bold=True).size(f.name)[0]
                      for f in self.app.rules.game.factions) + px(12)
        for size in (17, SMALL_MENU_SIZE):
            mode_w = self.menu_width([HUMAN, BOT, OUT], size)
            kind_w = self.menu_width(list(BOT_KINDS), size)
            level_w = self.menu_width(list(LEVELS), size)
            need = mode_w + kind_w + level_w + 2 * gap
            if px(46) + min(longest, w // 3) + need <= w:
                break
        object_id = SMALL_MENU if size == SMALL_MENU_SIZE else None
        label_w = max(px(60), min(longest, w // 3, w - px(46) - need))
        mode_x = x + px(46) + label_w
        level_x = x + w - level_w
        kind_x = level_x - gap - kind_w
        name_x = mode_x + mode_w + gap
        return {"mode": mode_x, "mode_w": mode_w, "name": name_x, "kind": kind_x,
                "kind_w": kind_w, "level": level_x, "level_w": level_w, "end": x + w,
                "name_w": kind_x - gap - name_x, "gap": gap, "menu_id": object_id}

    def seat_rows(self, g: dict[str, int]) -> tuple[int, int]:
        """The first seat row's top and the rows' height, above the note and the class row."""
        px = self.theme.px
        seat_top = g["top"] + px(26)
        note_top = g["class_y"] - px(12) - self.theme.line_height(12)
        row_h = min(px(52), (note_top - px(4) - seat_top) // max(1, len(self.rows)))
        return seat_top, row_h

    def build(self, manager: pygame_gui.UIManager) -> None:
        px = self.theme.px
        g = self.geometry()
        m, top = g["margin"], g["top"]
        names = [s.name for s in self.scenarios]
        self.scenario_menu = UIDropDownMenu(names, self.scenario.name,
                                            pygame.Rect(m, top + px(26), g["left_w"], px(40)),
                                            manager)
        self.desc_top = top + px(76)
        rounds = [str(n) for n in range(1, 21)]
        # the left column ends above the class row: the seed's hint, then rounds and seed
        hint_h = len(self.theme.wrap(SEED_HINT, 12, g["left_w"])) * self.theme.line_height(12)
        y = g["class_y"] - px(12) - hint_h - px(74)
        self.rounds_y = y
        self.devices_y = y - px(86)
        self.devices_menu = UIDropDownMenu(list(DEVICES.values()), DEVICES[self.team_devices],
                                           pygame.Rect(m, self.devices_y + px(26),
                                                       min(g["left_w"], px(300)), px(40)),
                                           manager)
        # the open list must stay on the screen (at 1280×720 it ran 16 px off the bottom)
        room = g["h"] - (y + px(26 + 40)) - px(8)
        self.rounds_menu = UIDropDownMenu(rounds, str(self.rounds),
                                          pygame.Rect(m, y + px(26), px(120), px(40)), manager,
                                          expansion_height_limit=max(px(80), min(px(200), room)))
        self.seed_entry = UITextEntryLine(pygame.Rect(m + px(160), y + px(26), px(200), px(40)),
                                          manager)
        self.seed_entry.set_allowed_characters("numbers")
        self.seed_entry.set_text_length_limit(9)
        if self.seed_text:
            self.seed_entry.set_text(self.seed_text)
        self._build_class_row(manager)
        # seats: faction, who plays, the player's name, and the bot's kind and level
        self.seat_top, row_h = self.seat_rows(g)
        self.row_h = row_h
        self.columns = c = self.seat_columns(g)
        widget_h = min(px(40), row_h - px(4))  # many seats at a large scale: lower widgets
        self.widgets: list[tuple[UIDropDownMenu, UIDropDownMenu, UIDropDownMenu,
                                 UITextEntryLine]] = []
        for k, row in enumerate(self.rows):
            ry = self.seat_top + k * row_h + (row_h - widget_h) // 2
            modes = [HUMAN, BOT] if self._always(row.faction) else [HUMAN, BOT, OUT]
            mode = UIDropDownMenu(modes, row.mode,
                                  pygame.Rect(c["mode"], ry, c["mode_w"], widget_h), manager,
                                  object_id=c["menu_id"])
            kind = UIDropDownMenu(list(BOT_KINDS), row.bot,
                                  pygame.Rect(c["kind"], ry, c["kind_w"], widget_h), manager,
                                  object_id=c["menu_id"])
            level = UIDropDownMenu(list(LEVELS), row.level,
                                   pygame.Rect(c["level"], ry, c["level_w"], widget_h),
                                   manager, object_id=c["menu_id"])
            # a human's name has the row to its end; a bot's stops before its kind and level
            name_w = c["name_w"] if row.mode == BOT else c["end"] - c["name"]
            name = UITextEntryLine(pygame.Rect(c["name"], ry, max(1, name_w), widget_h),
                                   manager)
            name.set_text_length_limit(NAME_LIMIT)
            if row.name:
                name.set_text(row.name)
            self.widgets.append((mode, kind, level, name))
            self._enable_row(k)
        bottom = g["bottom"]
        self.start = UIButton(pygame.Rect(g["w"] - m - px(260), bottom, px(260), px(54)),
                              "Start the game", manager,
                              object_id=pygame_gui.core.ObjectID(class_id="@primary"))
        self.back = UIButton(pygame.Rect(m, bottom, px(160), px(54)), "Back", manager)

    def class_row(self) -> dict[str, int]:
        """Where the class settings go: across the screen above the buttons, each label as
        wide as its text and each choice as wide as its longest value."""
        px = self.theme.px
        g = self.geometry()
        label_font = self.theme.font(13, bold=True)
        gap = px(12)
        x = g["margin"]
        row = {"y": g["class_y"]}
        for key, label, width in (
                ("preset", "CLASS", self.menu_width([NO_PRESET, *(p.id for p in PRESETS)])),
                ("timer", "TIMER (s)", px(80)),
                ("zero", "AT ZERO", self.menu_width(list(AT_ZERO.values())))):
            row[f"{key}_label"] = x
            x += label_font.size(label)[0] + gap
            row[key], row[f"{key}_w"] = x, width
            x += width + 2 * gap
        return row

    def _build_class_row(self, manager: pygame_gui.UIManager) -> None:
        px = self.theme.px
        c = self.class_row()
        self.preset_menu = UIDropDownMenu([NO_PRESET, *(p.id for p in PRESETS)], self.preset,
                                          pygame.Rect(c["preset"], c["y"], c["preset_w"],
                                                      px(40)),
                                          manager, object_id=DROP_UP)
        self.timer_entry = UITextEntryLine(pygame.Rect(c["timer"], c["y"], c["timer_w"], px(40)),
                                           manager, placeholder_text="off")
        self.timer_entry.set_allowed_characters("numbers")
        self.timer_entry.set_text_length_limit(4)
        if self.timer_text:
            self.timer_entry.set_text(self.timer_text)
        self.zero_menu = UIDropDownMenu(list(AT_ZERO.values()), AT_ZERO[self.timer_action],
                                        pygame.Rect(c["zero"], c["y"], c["zero_w"], px(40)),
                                        manager, object_id=DROP_UP)

    def timer(self) -> int | None:
        text = self.timer_entry.get_text().strip()
        return int(text) if text.isdigit() and int(text) > 0 else None

    def estimate_text(self) -> str:
        """The estimated length of the game as set up now (chessboard.presets.estimate)."""
        humans = sum(1 for r in self.rows if r.mode == HUMAN)
        bots = sum(1 for r in self.rows if r.mode == BOT)
        timer = self.timer()
        guess = estimate(rounds=self.rounds,
                         action_rounds=self.app.rules.game.settings.action_rounds,
                         humans=humans, bots=bots, timer=timer,
                         grace=GRACE_SECONDS if self.timer_action == "pass" else 0)
        return f"Estimated length: {guess.text()}."

    def resize(self, size: tuple[int, int]) -> None:
        if getattr(self, "widgets", None):
            self._read_names()  # typed names and seed survive a resize or F11
        super().resize(size)

    def _enable_row(self, k: int) -> None:
        _mode, kind, level, name = self.widgets[k]
        row = self.rows[k]
        for widget in (kind, level):
            if row.mode == BOT:
                widget.show()
            else:
                widget.hide()
        # a bot's name box only where it has room beside the kind and level
        if row.mode == OUT or (row.mode == BOT and self.columns["name_w"] < self.theme.px(90)):
            name.hide()
        else:
            name.show()

    # events -------------------------------------------------------------------------------

    def menus(self) -> list[UIDropDownMenu]:
        return [self.scenario_menu, self.devices_menu, self.rounds_menu, self.preset_menu,
                self.zero_menu] + [
            menu for mode, kind, level, _name in self.widgets for menu in (mode, kind, level)]

    def close_menus(self) -> bool:
        """Close any open drop-down; True when one was open."""
        closed = False
        for menu in self.menus():
            if menu.current_state is menu.menu_states["expanded"]:
                menu.current_state.should_transition = True
                closed = True
        return closed

    def process_event(self, event: pygame.event.Event) -> pygame.event.Event | None:
        if event.type == pygame.TEXTINPUT:
            self._check_name_room(event.text)
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE and self.close_menus():
            return None  # Esc closes the open list only: the screen and what was typed stay
        return super().process_event(event)

    def _check_name_room(self, typed: str) -> None:
        """The name field stops at NAME_LIMIT characters: say so instead of dropping keys."""
        for _m, _k, _l, name in self.widgets:
            if name.is_focused and len(name.get_text()) + len(typed) > NAME_LIMIT:
                self.hint = f"A player's name holds at most {NAME_LIMIT} characters."
                self.invalidate()
                return
        if self.hint:
            self.hint = ""
            self.invalidate()

    def handle(self, event: pygame.event.Event) -> pygame.event.Event | None:
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            self._menu_changed(event.ui_element, event.text)
            return None
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.start:
                self.begin()
            elif event.ui_element is self.back:
                self.leave()
            return None
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.leave()
            return None
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.begin()
            return None
        return event

    def leave(self) -> None:
        """Back to the title, keeping what was typed for the next visit."""
        self._read_names()
        self.app.setup_draft = SetupScene.Draft(self.scenario, self.rounds, self.seed_text,
                                                [replace(row) for row in self.rows])
        self.app.pop()

    def _menu_changed(self, element: object, text: str) -> None:
        if element is self.scenario_menu:
            self.scenario = next(s for s in self.scenarios if s.name == text)
            self.rounds = self.scenario.rounds
            self._read_names()
            self.rows = self._default_rows(None)
            self.rebuild()
            return
        if element is self.rounds_menu:
            self.rounds = int(text)
            self.invalidate()
            return
        if element is self.preset_menu:
            self.preset = text
            self._read_names()  # what was typed stays; then the preset's values replace
            if text != NO_PRESET:
                chosen = preset(text)
                self.rounds, self.timer_text = chosen.rounds, str(chosen.timer)
            self.rebuild()  # the rounds and the timer shown are the preset's now
            return
        if element is self.devices_menu:
            self.team_devices = text == DEVICES[True]
            self.invalidate()
            return
        if element is self.zero_menu:
            self.timer_action = next(k for k, v in AT_ZERO.items() if v == text)
            self.invalidate()
            return
        for k, (mode, kind, level, _name) in enumerate(self.widgets):
            if element is mode:
                self.rows[k].mode = text
                self._read_names()
                self.rebuild()  # a bot's name box gives way to its kind and level
                return
            elif element is kind:
                self.rows[k].bot = text
            elif element is level:
                self.rows[k].level = text
        self.invalidate()

    def _read_names(self) -> None:
        for row, (_m, _k, _l, name) in zip(self.rows, self.widgets, strict=True):
            row.name = name.get_text().strip()
        self.seed_text = self.seed_entry.get_text().strip()
        self.timer_text = self.timer_entry.get_text().strip()

    def seats(self) -> list[Seat]:
        self._read_names()
        return [Seat(r.faction, r.mode == HUMAN, r.bot, r.level, r.name)
                for r in self.rows if r.mode != OUT]

    def begin(self) -> None:
        seats = self.seats()
        seed = int(self.seed_text) if self.seed_text.isdigit() else None
        timer = self.timer()
        problem = check_timer(timer) if timer is not None else None
        if problem:
            self.error = f"Turn timer: {problem}. Leave it empty for none."
            self.invalidate()
            return
        opts = self.app.options
        opts.timer, opts.timer_action = timer, self.timer_action
        opts.devices = self.team_devices  # the game serves its human seats' devices
        opts.preset = None if self.preset == NO_PRESET else self.preset
        try:
            session = self.app.new_session(seats, scenario=self.scenario.id, seed=seed,
                                           rounds=self.rounds)
        except SetupError as err:
            self.error = str(err)
            self.invalidate()
            return
        self.app.setup_draft = None
        self.app.open_game(session)

    # drawing ------------------------------------------------------------------------------

    def draw_background(self, surface: pygame.Surface) -> None:
        theme = self.theme
        px = theme.px
        surface.fill(th.BG)
        g = self.geometry()
        m, top = g["margin"], g["top"]
        surface.blit(theme.text("New game", 34, th.TEXT, bold=True), (m, px(30)))
        surface.blit(theme.text("SCENARIO", 13, th.TEXT_DIM, bold=True), (m, top))
        y = self.desc_top
        lines = theme.wrap(self.scenario.description, 15, g["left_w"])
        room = max(1, (self.devices_y - px(8) - y) // theme.line_height(15))
        if len(lines) > room:  # a long description gives way to the devices choice below it
            lines = [*lines[:room - 1], theme.fit(" ".join(lines[room - 1:]), 15, g["left_w"])]
        for line in lines:
            surface.blit(theme.text(line, 15, th.TEXT), (m, y))
            y += theme.line_height(15)
        surface.blit(theme.text("TEAM DEVICES", 13, th.TEXT_DIM, bold=True), (m, self.devices_y))
        surface.blit(theme.text("ROUNDS", 13, th.TEXT_DIM, bold=True), (m, self.rounds_y))
        surface.blit(theme.text("SEED (optional)", 13, th.TEXT_DIM, bold=True),
                     (m + px(160), self.rounds_y))
        y = self.rounds_y + px(74)
        for line in theme.wrap(SEED_HINT, 12, g["left_w"]):
            surface.blit(theme.text(line, 12, th.TEXT_FAINT), (m, y))
            y += theme.line_height(12)
        x = g["right_x"]
        c = self.columns
        surface.blit(theme.text("SEATS", 13, th.TEXT_DIM, bold=True), (x, top))
        any_bot = any(row.mode == BOT for row in self.rows)
        bot_names = c["name_w"] >= px(90)  # else a bot's kind starts where names do
        heads = [("mode", ["PLAYED BY"], c["name"]),
                 ("name", ["PLAYER NAME (optional)", "PLAYER NAME", "NAME"]
                  if bot_names or not any_bot else ["NAME · BOT", "NAME"],
                  c["kind"] if any_bot and bot_names else c["level"] if any_bot else c["end"]),
                 ("kind", ["BOT"], c["level"]), ("level", ["LEVEL"], c["end"])]
        for key, labels, end in heads:
            if (key in ("kind", "level") and not any_bot) or (key == "kind" and not bot_names):
                continue  # no bot seat: their columns are empty
            room = end - c[key] - c["gap"]
            label = next((lab for lab in labels
                          if theme.font(13, bold=True).size(lab)[0] <= room), labels[-1])
            surface.blit(theme.text(label, 13, th.TEXT_DIM, bold=True), (c[key], top))
        # the note, or a refused keystroke in its place: one line, cut to the row's width
        y = self.seat_top + len(self.rows) * self.row_h + px(6)
        if self.hint:
            surface.blit(theme.text(theme.fit(self.hint, 13, g["right_w"], bold=True), 13,
                                    th.WARN, bold=True), (x, y))
        else:
            note = f"{seats_note(self.app.rules)} Names: up to {NAME_LIMIT} characters."
            surface.blit(theme.text(theme.fit(note, 12, g["right_w"]), 12, th.TEXT_FAINT),
                         (x, y))
        factions = {f.id: f for f in self.app.rules.game.factions}
        for k, row in enumerate(self.rows):
            ry = self.seat_top + k * self.row_h
            faction = factions[row.faction]
            rect = pygame.Rect(x - px(8), ry + px(2), g["right_w"] + px(16), self.row_h - px(4))
            if row.mode != OUT:
                pygame.draw.rect(surface, th.BG_PANEL, rect, border_radius=px(8))
            badge = pygame.Rect(x, 0, px(36), px(24))
            badge.centery = rect.centery
            colour = hex_colour(faction.colour)
            chip(theme, surface, badge, colour, faction.letter, size=13,
                 outline=row.mode == OUT)
            ink = th.TEXT if row.mode != OUT else th.TEXT_FAINT
            name = theme.fit(faction.name, 16, c["mode"] - badge.right - px(16), bold=True)
            image = theme.text(name, 16, ink, bold=True)
            surface.blit(image, image.get_rect(midleft=(badge.right + px(10), rect.centery)))
        c = self.class_row()
        mid = c["y"] + px(20)
        for key, label in (("preset_label", "CLASS"), ("timer_label", "TIMER (s)"),
                           ("zero_label", "AT ZERO")):
            text = theme.text(label, 13, th.TEXT_DIM, bold=True)
            surface.blit(text, text.get_rect(midleft=(c[key], mid)))
        if not self.error:
            words = self.estimate_text()
            lines = theme.wrap(words, 15, g["w"] - 2 * m - px(480), bold=True)
            y = g["h"] - px(80)
            for line in lines[:2]:
                surface.blit(theme.text(line, 15, th.ACCENT, bold=True), (m + px(190), y))
                y += theme.line_height(15)
            # how the estimate is made, where a line is left for it (cut to the room)
            if y + theme.line_height(12) <= g["h"] - px(4):
                basis = theme.fit(basis_text(), 12, g["w"] - 2 * m - px(480))
                surface.blit(theme.text(basis, 12, th.TEXT_DIM), (m + px(190), y))
        if self.error:
            lines = theme.wrap(self.error, 15, g["w"] - 2 * m - px(480), bold=True)
            y = g["h"] - px(80)
            for line in lines[:2]:
                surface.blit(theme.text(line, 15, (255, 140, 130), bold=True), (m + px(190), y))
                y += theme.line_height(15)
