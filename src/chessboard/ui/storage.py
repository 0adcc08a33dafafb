"""Where saves live: the per-user data folder (platformdirs), or ``$CHESSBOARD_DATA_DIR``."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import platformdirs

from chessboard.engine.saves import SaveError, SaveGame, read_save

DATA_ENV = "CHESSBOARD_DATA_DIR"


def data_dir() -> Path:
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir("chessboard", appauthor=False))


def saves_dir() -> Path:
    return data_dir() / "saves"


def autosave_path() -> Path:
    return data_dir() / "autosave.json"


def new_save_path(round_: int) -> Path:
    stamp = datetime.now().strftime("%Y-%m-%d_%H-%M-%S")
    return saves_dir() / f"game_{stamp}_round{round_}.json"


@dataclass(frozen=True, slots=True)
class SaveEntry:
    path: Path
    save: SaveGame | None
    error: str = ""

    def describe(self) -> str:
        if self.save is None:  # the reason names the file already: by its name, not path
            if str(self.path) in self.error:
                return self.error.replace(str(self.path), self.path.name)
            return f"{self.path.name}: {self.error}"
        extra = self.save.extra
        when = self.save.saved_at.replace("T", " ")[:16]
        seats = ", ".join(str(s) for s in extra.get("seats", [])) or \
            ", ".join(s.faction for s in self.save.seats)
        state = "finished" if extra.get("over") else \
            f"round {extra.get('round', '?')} of {self.save.rounds}"
        return f"{when} · {state} · {seats}"


def list_saves() -> list[SaveEntry]:
    """Saved games, newest first; unreadable files are listed with the reason."""
    folder = saves_dir()
    if not folder.is_dir():
        return []
    out = []
    for path in sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True):
        try:
            out.append(SaveEntry(path, read_save(path)))
        except SaveError as err:
            out.append(SaveEntry(path, None, str(err)))
    return out


def resumable_autosave() -> SaveGame | None:
    """The autosave, when there is one of a game not yet finished."""
    path = autosave_path()
    if not path.is_file():
        return None
    try:
        save = read_save(path)
    except SaveError:
        return None
    if save.extra.get("over"):
        return None
    return save


def keep_autosave() -> Path | None:
    """Before a new game replaces it, copy an unfinished game's autosave among the saves.

    Starting a new game overwrites the autosave after its first action; without this, the game
    the title screen offered to resume would be lost. Returns the copy, or None.
    """
    save = resumable_autosave()
    if save is None:
        return None
    stamp = (save.saved_at.replace("T", "_").replace(":", "-")[:19]
             or datetime.now().strftime("%Y-%m-%d_%H-%M-%S"))
    path = saves_dir() / f"autosave_{stamp}_round{save.extra.get('round', 0)}.json"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(autosave_path(), path)
    except OSError:
        return None
    return path
