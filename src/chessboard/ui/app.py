"""The window: ``chessboard play`` opens it through :func:`run`.

The loop reads events, lets the top scene update, and pushes to the screen only the rectangles
the scenes changed. With nothing happening it sleeps between polls so an idle board costs next
to no CPU; while a bot thinks or something animates it runs at 60 frames a second.
"""

from __future__ import annotations

import os
import secrets
import sys
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
# The window is drawn in software and only changed rectangles are pushed. SDL's default
# "accelerated" window surface re-uploads and presents the whole window on every update
# (about 8 ms at 1920×1080 with software OpenGL, even for a 1-pixel change); the native
# framebuffer pushes just the rectangles (0.1 ms for a tooltip). Users may still override it.
os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")
# The game makes no sound: without this, pygame.init() opens the sound card, which on a
# machine without one (a classroom VM, a projector PC) prints ALSA errors at every start.
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame

from chessboard.engine.game import Engine, SetupError
from chessboard.engine.saves import RulesChangedError, SaveError
from chessboard.presets import preset
from chessboard.seats import Seat
from chessboard.ui import theme as th
from chessboard.ui.devices import DeviceLink, handle_event
from chessboard.ui.facilitation import Classroom
from chessboard.ui.hotreload import RulesWatcher, reload_rules, replay_session
from chessboard.ui.keys import CONSOLE_KEY
from chessboard.ui.mapdata import BoardMap, load_map
from chessboard.ui.scene import Scene, SceneStack
from chessboard.ui.scenes import make_scene, scene_kind
from chessboard.ui.session import GameSession
from chessboard.ui.settings import Settings, load_settings, save_settings
from chessboard.ui.storage import autosave_path, clean_stale_temp_files, keep_autosave
from chessboard.ui.theme import Theme

if TYPE_CHECKING:
    from collections.abc import Callable

    from chessboard.rules.loader import Rules
    from chessboard.ui.board import BoardScene
    from chessboard.ui.title import TitleScene

MIN_SIZE = (1024, 600)
SIZE_ENV = "CHESSBOARD_WINDOW_SIZE"  # e.g. 1920x1080, for screenshots and benchmarks
FIRST_FRAME_ENV = "CHESSBOARD_EXIT_AFTER_FIRST_FRAME"  # benchmarks: print the time and exit
TOAST_SECONDS = 2.5  # how long a setting's new value shows at the bottom of the window
# Projector mode: UI scale and contrast, in every scene (as in browsers: Ctrl+= Ctrl+- Ctrl+0)
SCALE_UP_KEYS = (pygame.K_EQUALS, pygame.K_PLUS, pygame.K_KP_PLUS)
SCALE_DOWN_KEYS = (pygame.K_MINUS, pygame.K_KP_MINUS)
SCALE_RESET_KEYS = (pygame.K_0, pygame.K_KP_0)
CONTRAST_KEY = pygame.K_h  # with Ctrl: high contrast on or off


@dataclass(slots=True)
class Options:
    load: Path | None = None
    seats: list[Seat] | None = None
    seed: int | None = None
    scenario: str | None = None
    rounds: int | None = None
    fullscreen: bool = False
    autoplay: bool = False
    quit_at_end: bool = False
    screenshot_dir: Path | None = None
    bot_pause: float = 1.1  # seconds a bot's move stays highlighted before the next one
    size: tuple[int, int] | None = None
    max_fps: int = 60  # 0: no frame cap (tests and benchmarks drive frames themselves)
    devices: bool = False  # serve team devices for each game (chessboard.ui.devices)
    bind: str | None = None  # their address (default: this machine's local network address)
    port: int = 0  # 0: any free port
    handover_delay: float = 0.6  # seconds before the pass screen takes a key or a click
    timer: int | None = None  # seconds per human turn (chessboard.ui.facilitation)
    timer_action: str = "warn"  # at zero: "warn", or "pass" after a grace
    seat_timers: dict[str, int] | None = None  # a seat's own turn length (faction id: s)
    preset: str | None = None  # the class preset chosen (chessboard.presets), for set-up
    watch: bool = False  # reload the rules when a file changes (chessboard.ui.hotreload)
    designer: bool = False  # the debug console (chessboard.ui.console) on the board
    scale: int | None = None  # UI scale in percent for this run (None: the saved setting)
    high_contrast: bool | None = None  # for this run (None: the saved setting)
    keep_settings: bool = True  # False: settings changed in the window are not written


class App:
    def __init__(self, rules: Rules, options: Options | None = None) -> None:
        self.rules = rules
        self.options = options or Options()
        self.engine = Engine(rules)
        self.board_map: BoardMap = load_map()
        # Bots think in a worker thread; a shorter GIL switch interval (default 5 ms) lets the
        # window take its frames between their steps: about 20 ms instead of 30 while an MCTS
        # bot searches.
        sys.setswitchinterval(0.001)
        pygame.init()
        pygame.key.set_repeat(350, 40)
        pygame.display.set_caption(rules.game.name)
        size = self.options.size or _initial_size()
        self.screen = pygame.display.set_mode(size, pygame.RESIZABLE)
        self._set_minimum_size()
        self.fullscreen = False
        self.windowed_size = size
        self.settings, self.settings_problem = load_settings()
        if self.settings_problem:
            print(f"chessboard: {self.settings_problem}", file=sys.stderr)
        # the command line's choice is for this run; the saved setting stays for the next
        self.shown_settings = Settings(
            scale=self.options.scale or self.settings.scale,
            high_contrast=self.settings.high_contrast if self.options.high_contrast is None
            else self.options.high_contrast)
        self.theme = Theme(self.screen.get_size(), scale=self.shown_settings.scale / 100,
                           high_contrast=self.shown_settings.high_contrast)
        th.use_palette(high_contrast=self.shown_settings.high_contrast)
        self.toast = ""  # a setting's new value, shown briefly over every scene
        self.toast_until = 0.0
        self._toast_rect: pygame.Rect | None = None
        self.stack = SceneStack()
        self.clock = pygame.time.Clock()
        self.running = True
        self.exit_code = 0
        self.frames = 0
        self.first_frame_at: float | None = None
        self._shots: list[Path] = []
        self.devices: DeviceLink | None = None  # team devices of the open game, when served
        self.setup_draft: object = None  # the New game screen as the player left it
        self.watcher: RulesWatcher | None = None  # play --watch
        self.rules_problem = ""  # why the edited rules were not taken: the board shows it
        if self.options.fullscreen:
            self.toggle_fullscreen()

    def _set_minimum_size(self) -> None:
        window = self._window()
        if window is not None:
            window.minimum_size = MIN_SIZE

    # the loop -----------------------------------------------------------------------------

    def run(self) -> int:
        while self.running:
            self.frame()
        return self.exit_code

    def frame(self, events: list[pygame.event.Event] | None = None) -> list[pygame.Rect]:
        """One turn of the loop; returns the rectangles pushed to the screen."""
        top = self.stack.top
        if events is None:
            events = pygame.event.get()
            if not events and top is not None and not (top.busy() or self.stack.needs_full):
                events = self._idle(0.5)
        dt = min(self.clock.tick(self.options.max_fps) / 1000.0, 0.25)
        for event in events:
            self.dispatch(event)
            if not self.running:
                return []
        self._check_size()
        if self.devices is not None:
            self.devices.pump()
        if self.watcher is not None and self.watcher.changed():
            self.reload_rules()
        top = self.stack.top
        if top is not None:
            top.update(dt)
        rects = self.stack.draw(self.screen)
        if self.devices is not None:
            rects += self.devices.draw_indicator(self.screen, bool(rects))
        rects += self._draw_toast(bool(rects))
        if rects:
            pygame.display.update(rects)
            self._first_frame()
        for path in self._shots:
            path.parent.mkdir(parents=True, exist_ok=True)
            pygame.image.save(self.screen, str(path))
        self._shots.clear()
        self.frames += 1
        return rects

    @staticmethod
    def _idle(longest: float) -> list[pygame.event.Event]:
        """Wait for input without spinning: poll at 50 Hz, return after ``longest`` at most.

        SDL's own ``event.wait`` polls in a tight 1 ms loop (2.4% of a core); this costs 0.5%
        and answers input within 20 ms.
        """
        deadline = time.monotonic() + longest
        while time.monotonic() < deadline:
            time.sleep(0.02)
            events = pygame.event.get()
            if events:
                return events
        return []

    def _first_frame(self) -> None:
        if self.first_frame_at is None:
            self.first_frame_at = time.time()
            if os.environ.get(FIRST_FRAME_ENV):
                print(f"first-frame {self.first_frame_at:.6f}", flush=True)
                self.quit(0)

    def dispatch(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.quit(0)
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F11:
            self.toggle_fullscreen()
            return
        if event.type == pygame.KEYDOWN and event.mod & pygame.KMOD_CTRL and \
                self._settings_key(event.key):
            return
        if event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
            self._check_size()
            return
        if event.type in (pygame.WINDOWEXPOSED, pygame.WINDOWRESTORED, pygame.WINDOWSHOWN):
            self.stack.needs_full = True
            return
        if (event.type == pygame.KEYDOWN or self.devices is not None) and \
                handle_event(self, event):
            return
        if self.options.designer and event.type == pygame.KEYDOWN and \
                event.key == CONSOLE_KEY and self._open_console():
            return
        self.stack.process_event(event)

    def _check_size(self) -> None:
        surface = pygame.display.get_surface()
        if surface is None:
            return
        self.screen = surface
        if surface.get_size() != self.theme.size:
            self.theme.resize(surface.get_size())
            self.stack.resize(surface.get_size())

    def toggle_fullscreen(self) -> None:
        """F11: the desktop's full screen and back, keeping the game as it is."""
        window = self._window()
        if window is not None:
            if self.fullscreen:
                window.set_windowed()
            else:
                window.set_fullscreen(desktop=True)
        elif self.fullscreen:
            pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE)
        else:
            self.windowed_size = self.screen.get_size()
            pygame.display.set_mode((0, 0), pygame.FULLSCREEN | pygame.RESIZABLE)
        self.fullscreen = not self.fullscreen
        self._check_size()
        self.stack.needs_full = True

    # projector mode -----------------------------------------------------------------------

    def _settings_key(self, key: int) -> bool:
        """Ctrl+= / Ctrl+- / Ctrl+0 scale, Ctrl+H contrast; True when the key was one."""
        shown = self.shown_settings
        if key in SCALE_UP_KEYS:
            self.change_settings(shown.step_scale(1))
        elif key in SCALE_DOWN_KEYS:
            self.change_settings(shown.step_scale(-1))
        elif key in SCALE_RESET_KEYS:
            self.change_settings(Settings(scale=100, high_contrast=shown.high_contrast))
        elif key == CONTRAST_KEY:
            self.change_settings(Settings(scale=shown.scale,
                                          high_contrast=not shown.high_contrast))
        else:
            return False
        return True

    def change_settings(self, settings: Settings) -> None:
        """Show every scene at the new scale and contrast, remember them, and say so."""
        old, self.shown_settings = self.shown_settings, settings
        self.theme.set_contrast(high_contrast=settings.high_contrast)
        self.theme.set_scale(settings.scale / 100)
        if settings != old:
            # every scene lays itself out again, as after a window resize
            self.stack.resize(self.screen.get_size())
        problem = ""
        if self.options.keep_settings and settings != self.settings:
            problem = save_settings(settings)
            if not problem:
                self.settings = settings
        if problem:
            print(f"chessboard: {problem}", file=sys.stderr)
        contrast = "high contrast" if settings.high_contrast else "standard colours"
        self.say(problem or f"UI scale {settings.scale}% · {contrast}  "
                 "(Ctrl+= larger, Ctrl+- smaller, Ctrl+0 100%, Ctrl+H contrast)")

    def say(self, text: str) -> None:
        """A short notice over whatever scene is shown (a setting just changed)."""
        self.toast, self.toast_until = text, time.monotonic() + TOAST_SECONDS
        self._toast_rect = None
        self.stack.needs_full = True

    def _draw_toast(self, redrawn: bool) -> list[pygame.Rect]:
        if not self.toast:
            return []
        if time.monotonic() > self.toast_until:
            self.toast = ""
            self.stack.needs_full = True  # the next frame paints the scene where it was
            return []
        if self._toast_rect is not None and not redrawn:
            return []
        theme, px = self.theme, self.theme.px
        w, h = self.screen.get_size()
        lines = theme.wrap(self.toast, 15, w - px(80))
        height = len(lines) * theme.line_height(15) + px(16)
        width = max(theme.font(15).size(line)[0] for line in lines) + px(32)
        rect = pygame.Rect(0, 0, width, height)
        rect.midbottom = (w // 2, h - px(70))
        th.draw_panel(self.screen, rect, th.BG_PANEL_HI, th.ACCENT, radius=px(8), width=2)
        y = rect.y + px(8)
        for line in lines:
            image = theme.text(line, 15, th.TEXT)
            self.screen.blit(image, image.get_rect(midtop=(rect.centerx, y)))
            y += theme.line_height(15)
        self._toast_rect = rect
        return [rect]

    @staticmethod
    def _window() -> pygame.Window | None:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return pygame.Window.from_display_module()
        except (AttributeError, pygame.error):
            return None

    # designer mode --------------------------------------------------------------------------

    def start_watching(self) -> None:
        mods = [mod.directory for mod in self.rules.mods]
        self.watcher = RulesWatcher(self.rules.directory, mods)
        self.watcher.start()
        print(f"chessboard: watching {self.rules.directory}"
              + "".join(f" and {mod}" for mod in mods) + " for changes", file=sys.stderr)

    def stop_watching(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()
            self.watcher = None

    def board(self) -> BoardScene | None:
        """The topmost board on the stack (under the overlays), if a game is open."""
        return cast("BoardScene | None", self.find("board"))

    def reload_rules(self) -> None:
        """A rules file changed: take the new rules if valid and replay the open game."""
        assert self.watcher is not None
        board = self.board()
        if board is not None and board.session.job is not None:
            self.watcher.mark_changed()  # a bot is thinking on the old rules: after its move
            return
        mods = [mod.directory for mod in self.rules.mods]
        result = reload_rules(self.rules.directory, mods)
        problem = self.watcher.error
        if result.rules is None:
            print(f"chessboard: the edited rules have problems:\n{result.report}",
                  file=sys.stderr)
            problem = " ".join(filter(None, (problem, result.problems)))
        elif result.rules.digest != self.rules.digest:
            engine = Engine(result.rules)
            note = "Rules reloaded."
            if board is not None:
                try:
                    session, note = replay_session(board.session, engine)
                except SaveError as err:
                    problem = (f"The game cannot go on under the edited rules ({err}); it goes "
                               "on under the old ones.")
                    engine = self.engine
                else:
                    session.notice = note
                    self.open_game(session)
            self.rules, self.engine = result.rules, engine
            print(f"chessboard: {note}", file=sys.stderr)
        self.rules_problem = problem
        if board is not None:
            board.dirty = board.overlay_dirty = True
        self.stack.needs_full = True

    def _open_console(self) -> bool:
        """The designer's debug console over the board (never in a normal game)."""
        if not self.top_is("board"):
            return False
        self.open("console", self.stack.top)
        return True

    def quit(self, code: int = 0) -> None:
        self.exit_code = code
        self.running = False

    def screenshot(self, name: str) -> None:
        """Save the screen after this frame's drawing, when a screenshot folder was given."""
        folder = self.options.screenshot_dir
        if folder is not None:
            self._shots.append(Path(folder) / name)

    # scenes -------------------------------------------------------------------------------

    def start(self) -> None:
        """The first scene: a loaded game, an autoplayed one, or the title screen."""
        clean_stale_temp_files()
        opts = self.options
        title = cast("TitleScene", make_scene(self, "title"))
        self.stack.push(title)
        if self.settings_problem:
            title.notice = " ".join(filter(None, (title.notice, self.settings_problem)))

        def show(session: GameSession) -> None:
            # what the title found (a damaged autosave set aside) is said on the board too
            session.notice = " ".join(filter(None, (title.notice, session.notice)))
            self.open_game(session)

        if opts.load is not None:
            path = opts.load

            def refused(reason: str) -> None:
                if str(path) not in reason:
                    reason = f"Cannot open {path}: {reason}"
                title.error = reason
                title.invalidate()

            self.open_saved(path, refused, open_with=show)
        elif opts.autoplay or self._game_asked_for():
            scenario = self.rules.scenario(opts.scenario) if opts.scenario else \
                self.rules.scenarios.scenarios[0]
            seats = opts.seats or [Seat(f, False) for f in scenario.seats]
            try:
                show(self.new_session(seats, scenario=scenario.id, seed=opts.seed,
                                      rounds=opts.rounds or self.preset_rounds()))
            except SetupError as err:
                title.error = f"Cannot start that game: {err}"

    def preset_rounds(self) -> int | None:
        """The rounds of the class preset chosen on the command line (``play --preset``)."""
        return preset(self.options.preset).rounds if self.options.preset else None

    def _game_asked_for(self) -> bool:
        """True when the command line described a game (``play --seats ... --scenario ...``).

        Plain ``play`` gets the scenario's seats, all human, from the command line: that opens
        the title screen; anything more starts the game it describes at once.
        """
        opts = self.options
        if opts.scenario is not None or opts.seed is not None or opts.rounds is not None:
            return True
        default = [Seat(f, True) for f in self.rules.scenarios.scenarios[0].seats]
        return opts.seats is not None and list(opts.seats) != default

    def new_session(self, seats: list[Seat], *, scenario: str | None, seed: int | None,
                    rounds: int | None) -> GameSession:
        if seed is None:
            # Unguessable: a seat that could guess the seed could rebuild every hidden card from
            # its own hand and the moves it saw (62 bits: within what saves accept).
            seed = secrets.randbits(62)
        session = GameSession.new(self.engine, seats, scenario=scenario, seed=seed,
                                  rounds=rounds, autosave=autosave_path())
        self._keep_autosave(session)
        self._classroom(session)
        return session

    def open_saved(self, path: Path, refused: Callable[[str], None], *,
                   open_with: Callable[[GameSession], None] | None = None) -> None:
        """Open a saved game; one made under other rules is offered "load by replaying" (its
        actions replayed under these rules up to the first one no longer legal)."""
        show = open_with or self.open_game
        try:
            show(self.load_session(path))
        except RulesChangedError as err:
            def by_replaying() -> None:
                try:
                    show(self.load_session(path, replay=True))
                except SaveError as again:
                    refused(str(again))

            self.open("confirm", "Made with other rules",
                      f"{str(err).split(' Load it with')[0]} Load it by replaying its actions "
                      "under the rules loaded now? The game goes on from the first action that "
                      "is no longer legal, if any.",
                      "Load by replaying", by_replaying, danger=False)
        except SaveError as err:
            refused(str(err))

    def load_session(self, path: Path, *, replay: bool = False) -> GameSession:
        session = GameSession.load(self.engine, path, autosave=autosave_path(), replay=replay)
        if path.resolve() != autosave_path().resolve():
            self._keep_autosave(session)
        self._classroom(session)
        return session

    def _classroom(self, session: GameSession) -> None:
        """The instructor's timer from the command line or the set-up screen."""
        session.classroom = Classroom(timer=self.options.timer,
                                      seat_timers=self.options.seat_timers,
                                      timer_action=self.options.timer_action)

    @staticmethod
    def _keep_autosave(session: GameSession) -> None:
        """A game about to autosave over an unfinished one keeps that one among the saves.

        When it cannot be kept (a full or read-only disk), this game does not autosave at all
        rather than overwrite it, and the board says so.
        """
        if session.human_count() > 0:
            kept = keep_autosave()
            if not kept.safe:
                session.autosave_path = None
                session.save_problem = (f"{kept.note} This game is not autosaved; save it "
                                        "with Ctrl+S.")
            elif kept.note:
                session.notice = kept.note

    def open_game(self, session: GameSession) -> None:
        """Show a game on the board, above the title screen."""
        while self.stack.scenes and not self.top_is("title"):
            self.stack.pop()
        board = cast("BoardScene", self.open("board", session))
        if self.options.devices:
            self.serve_devices(session, board)
        else:
            self.stop_devices()  # started with Ctrl+D for the last game: not for this one

    def serve_devices(self, session: GameSession, board: BoardScene) -> None:
        """New links for a new game: the last game's server stops, its tokens die with it."""
        self.stop_devices()
        link = DeviceLink.start(self, session, bind=self.options.bind, port=self.options.port)
        if isinstance(link, str):
            print(f"chessboard: {link}", file=sys.stderr)
            board.say(link, "error")
        else:
            self.devices = link
            if not self.options.autoplay or not self.options.devices:
                self.open("devices", link)  # the codes first, for the room

    def stop_devices(self) -> None:
        if self.devices is not None:
            self.devices.stop()
            self.devices = None

    def to_title(self) -> None:
        self.stop_devices()
        while self.stack.scenes and not self.top_is("title"):
            self.stack.pop()
        if not self.stack.scenes:
            self.open("title")

    def open(self, name: str, *args: object, **kwargs: object) -> Scene:
        """Show the screen called ``name`` (:mod:`chessboard.ui.scenes`) over the others."""
        scene = make_scene(self, name, *args, **kwargs)
        self.stack.push(scene)
        return scene

    def replace(self, name: str, *args: object, **kwargs: object) -> Scene:
        """Swap the top screen for the one called ``name``."""
        scene = make_scene(self, name, *args, **kwargs)
        self.stack.replace(scene)
        return scene

    def find(self, name: str) -> Scene | None:
        """The topmost screen of the kind called ``name`` on the stack, if any."""
        return self.stack.find(scene_kind(name))

    def top_is(self, name: str) -> bool:
        """Whether the screen on top is of the kind called ``name``."""
        return isinstance(self.stack.top, scene_kind(name))

    def push(self, scene: Scene) -> None:
        self.stack.push(scene)

    def pop(self) -> None:
        self.stack.pop()


def _initial_size() -> tuple[int, int]:
    env = os.environ.get(SIZE_ENV, "")
    if "x" in env:
        w, _, h = env.partition("x")
        if w.isdigit() and h.isdigit():
            return max(MIN_SIZE[0], int(w)), max(MIN_SIZE[1], int(h))
    try:
        desktop = pygame.display.get_desktop_sizes()[0]
    except (pygame.error, IndexError):
        desktop = (1280, 720)
    # 16:9, as large as comfortably fits; at least 1280×720 where the screen has room for it
    # with a title bar and a task bar (80 px): a plain 1280×720 floor put the bottom buttons
    # (Undo, Pass, Confirm) under the task bar of a 1366×768 laptop
    width = min(1920, int(desktop[0] * 0.92), int(desktop[1] * 0.88 * 16 / 9))
    floor = min(1280, desktop[0], int((desktop[1] - 80) * 16 / 9))
    width = max(width, floor, MIN_SIZE[0])
    return width, max(MIN_SIZE[1], width * 9 // 16)


def run(rules: Rules, *, load: Path | None = None, seats: list[Seat] | None = None,
        seed: int | None = None, scenario: str | None = None, rounds: int | None = None,
        fullscreen: bool = False, autoplay: bool = False, quit_at_end: bool = False,
        screenshot_dir: Path | None = None, devices: bool = False, bind: str | None = None,
        port: int = 0, timer: int | None = None, timer_action: str = "warn",
        preset: str | None = None, watch: bool = False, designer: bool = False,
        scale: int | None = None, high_contrast: bool | None = None,
        seat_timers: dict[str, int] | None = None) -> int:
    """Open the window and play; returns the exit status (0 after a normal quit)."""
    options = Options(load=load, seats=seats, seed=seed, scenario=scenario, rounds=rounds,
                      fullscreen=fullscreen, autoplay=autoplay, quit_at_end=quit_at_end,
                      screenshot_dir=screenshot_dir, devices=devices, bind=bind, port=port,
                      timer=timer, timer_action=timer_action, preset=preset,
                      watch=watch, designer=designer or watch, scale=scale,
                      high_contrast=high_contrast, seat_timers=seat_timers)
    if autoplay and quit_at_end:
        options.bot_pause = 0.12  # a test or screenshot run: keep it quick but visible
    try:
        app = App(rules, options)
    except pygame.error as err:
        print(f"chessboard: cannot open a window ({err}); try --headless", file=sys.stderr)
        return 1
    try:
        if watch:
            app.start_watching()
        app.start()
        return app.run()
    finally:
        app.stop_watching()
        app.stop_devices()
        pygame.quit()
