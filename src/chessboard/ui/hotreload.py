"""``play --watch``: reload the rules (and mods) when a file changes and keep the game.

A watcher thread (the ``watchfiles`` library, the ``watch`` extra) only notes that something
changed; the window's loop then calls :meth:`RulesWatcher.poll`, which reloads on the window's
own thread. Valid rules replace the engine, and the open game is replayed under them up to its
first action that is no longer legal ("replayed 37 of 40 actions; action 38 is no longer legal:
..."). Invalid rules change nothing: the game goes on under the old rules and the problems
are shown until the files are valid again.

This module never imports pygame, so the reload itself is tested headless.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from chessboard.engine.game import Engine
from chessboard.engine.saves import restore_by_replaying
from chessboard.rules.loader import Rules, RulesError, load_rules
from chessboard.ui.session import GameSession

MAX_PROBLEMS_SHOWN = 3  # the window shows the first few; the terminal gets them all
DEBOUNCE_MS = 300  # an editor's save is often several writes: wait for the last one


@dataclass(slots=True)
class Reloaded:
    """What a reload did: new rules (or the problems that kept the old ones)."""

    rules: Rules | None  # None: the files have problems, the old rules stay
    problems: str = ""  # for the window, short
    report: str = ""  # every problem, for the terminal


def reload_rules(rules_dir: Path | None, mods: Sequence[Path] = ()) -> Reloaded:
    """Load the rules again; a :class:`Reloaded` with the problems instead of raising."""
    from chessboard.rules.diagnostics import format_report

    try:
        return Reloaded(load_rules(rules_dir, mods))
    except RulesError as err:
        shown = [f"{d.file}:{d.line}: {d.message}" for d in err.diagnostics[:MAX_PROBLEMS_SHOWN]]
        more = len(err.diagnostics) - len(shown)
        text = "; ".join(shown) + (f" (and {more} more)" if more > 0 else "")
        return Reloaded(None, f"The edited rules have problems, so the game goes on under the "
                        f"old ones: {text}", format_report(err.diagnostics))


def replay_session(session: GameSession, engine: Engine) -> tuple[GameSession, str]:
    """The open game rebuilt under ``engine``'s rules, and what happened, in words.

    Raises SaveError when the game cannot start under the new rules at all (a seat or the
    scenario removed); the caller keeps the old game then.
    """
    save = session.to_save()
    replayed = restore_by_replaying(engine, save)
    new = GameSession(engine, replayed.state, session.seats, autosave=session.autosave_path,
                      setup_rounds=session.setup_rounds)
    new.classroom = session.classroom  # the instructor's timer and pause go on as they were
    # the console's edits up to where the replay stopped still hold
    new.debug_edits = [(after, edit) for after, edit in session.debug_edits
                       if after < replayed.applied
                       or (after == replayed.applied and not replayed.edit_failed)]
    new.remote = set(session.remote)
    if session.viewer is not None and session.viewer in {s.faction for s in new.seats}:
        new.viewer = session.viewer
    new.autosave()
    return new, f"Rules reloaded: {replayed.message()}."


class RulesWatcher:
    """Watches the rules folder and the mods in a thread; the window polls it every frame."""

    def __init__(self, rules_dir: Path, mods: Sequence[Path] = (), *,
                 wake: Callable[[], None] | None = None) -> None:
        self.rules_dir = rules_dir
        self.mods = list(mods)
        self.wake = wake  # called from the thread: let an idle window loop look at once
        self._changed = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.error = ""  # why watching stopped, if it did

    def start(self) -> None:
        self._thread = threading.Thread(target=self._watch, name="rules-watcher", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)

    def _watch(self) -> None:
        from watchfiles import watch

        paths = [self.rules_dir, *self.mods]
        try:
            for _changes in watch(*paths, stop_event=self._stop, debounce=DEBOUNCE_MS,
                                  raise_interrupt=False):
                self._changed.set()
                if self.wake is not None:
                    self.wake()
        except (OSError, RuntimeError) as err:  # a folder removed or unwatchable
            self.error = f"Stopped watching the rules: {err}"
            self._changed.set()

    def changed(self) -> bool:
        """True once after each batch of changes."""
        if self._changed.is_set():
            self._changed.clear()
            return True
        return False

    def mark_changed(self) -> None:
        """As if a file changed (tests, and a reload asked for by hand)."""
        self._changed.set()

