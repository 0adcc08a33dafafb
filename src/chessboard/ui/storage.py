"""Where saves live: the per-user data folder (platformdirs), or ``$CHESSBOARD_DATA_DIR``.

Everything here survives a hostile folder: a full or read-only disk, a file where a folder
should be, stray or crafted files among the saves. File names are always made by the program
(from the clock and validated numbers), never from a save's contents.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import platformdirs

from chessboard.engine.saves import (
    TEMP_PREFIX,
    TEMP_SUFFIX,
    SaveError,
    SaveGame,
    leftover_temp_files,
    read_save,
)

DATA_ENV = "CHESSBOARD_DATA_DIR"
# write_save writes a temporary file beside the save, then renames it; a kill -9 between the
# two leaves the temporary file. One older than this is from a dead process.
STALE_TMP_SECONDS = 60.0


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


def why_not_written(err: OSError) -> str:
    """A player's words for a failed write (the errno's own text is often cryptic)."""
    reasons = {
        errno.EROFS: "the disk or folder is read-only",
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.ENOTDIR: "a file stands where a folder of that path should be",
        errno.EEXIST: "a file stands where a folder of that path should be",
        errno.EACCES: "no permission to write there",
        errno.EPERM: "no permission to write there",
        errno.EISDIR: "a folder stands where the file should be",
    }
    return reasons.get(err.errno or 0, err.strerror or str(err) or type(err).__name__)


def read_checked(path: Path) -> SaveGame:
    """read_save, with anything it did not foresee turned into a SaveError too: one crafted
    file must never take the Load list or the title screen down."""
    try:
        return read_save(path)
    except SaveError:
        raise
    except (OSError, ValueError, TypeError, RecursionError, MemoryError) as err:
        raise SaveError(f"{path.name} cannot be read ({type(err).__name__}): not a Chessboard "
                        "save, or a damaged one") from None


def _int(value: Any, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and \
        0 <= value < 10_000 else default


def _stamp(saved_at: str) -> str:
    """A file-name-safe time from a save's ``saved_at``, or now when it is not a time."""
    try:
        when = datetime.fromisoformat(saved_at)
    except (TypeError, ValueError):
        when = datetime.now()
    return when.strftime("%Y-%m-%d_%H-%M-%S")


@dataclass(frozen=True, slots=True)
class SaveEntry:
    path: Path
    save: SaveGame | None
    error: str = ""

    def describe(self) -> str:
        if self.save is None:  # the reason names the file already: by its name, not path
            if str(self.path) in self.error:
                return f"Unreadable: {self.error.replace(str(self.path), self.path.name)}"
            return f"Unreadable: {self.path.name}: {self.error}"
        save = self.save
        extra = save.extra
        when = save.saved_at.replace("T", " ")[:16] if isinstance(save.saved_at, str) else "?"
        seats = extra.get("seats")
        if isinstance(seats, list) and seats and all(isinstance(s, str) for s in seats):
            players = ", ".join(seats)
        else:  # the program's own list is missing or damaged: the seats themselves
            players = ", ".join(s.faction for s in save.seats)
        if extra.get("over") is True:
            state = "finished"
        else:
            round_ = extra.get("round")
            state = f"round {round_ if _int(round_, -1) >= 0 else '?'} of {save.rounds}"
        touched = " · debug edits" if save.touched else ""  # the designer console's mark
        return f"{when} · {state} · {players}{touched}"


def _mtime(path: Path) -> float:
    try:
        return path.lstat().st_mtime
    except OSError:
        return 0.0


def list_saves() -> list[SaveEntry]:
    """Saved games, newest first; unreadable files are listed with the reason."""
    folder = saves_dir()
    try:
        if not folder.is_dir():
            return []
        paths = sorted(folder.glob("*.json"), key=_mtime, reverse=True)
    except OSError:
        return []
    out = []
    for path in paths:
        try:
            entry = SaveEntry(path, read_checked(path))
            entry.describe()  # a damaged "extra" must show up here, not when the list draws
        except SaveError as err:
            entry = SaveEntry(path, None, str(err))
        except (ValueError, TypeError, AttributeError) as err:
            entry = SaveEntry(path, None, f"its notes are damaged ({type(err).__name__})")
        out.append(entry)
    return out


def resumable_autosave() -> SaveGame | None:
    """The autosave, when there is one of a game not yet finished."""
    path = autosave_path()
    try:
        save = read_checked(path)
    except SaveError:
        return None
    if save.extra.get("over"):
        return None
    return save


@dataclass(frozen=True, slots=True)
class Kept:
    """What became of the autosave before a new game writes over it."""

    path: Path | None = None  # where it was kept among the saves
    note: str = ""  # for the player: what was kept and why
    safe: bool = True  # False: it could not be kept, so the new game must not overwrite it


def _free_name(stem: str) -> Path:
    folder = saves_dir()
    path = folder / f"{stem}.json"
    number = 2
    while path.exists() or path.is_symlink():
        path = folder / f"{stem}_{number}.json"
        number += 1
    assert path.parent == folder  # the name is ours: digits, letters and "_" only
    return path


def _copy(source: Path, target: Path) -> None:
    """Copy whole or not at all: a full disk must not leave a 0-byte or half file."""
    tmp = target.with_name(f"{TEMP_PREFIX}{target.name}.{os.getpid()}{TEMP_SUFFIX}")
    try:
        shutil.copyfile(source, tmp)
        with open(tmp, "rb") as done:
            os.fsync(done.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _keep(stem: str, *, move: bool) -> Path:
    """Copy (or move) the autosave among the saves; on a full disk moving still works."""
    target = _free_name(stem)
    target.parent.mkdir(parents=True, exist_ok=True)
    if not move:
        try:
            _copy(autosave_path(), target)
            return target
        except OSError as err:
            if err.errno not in (errno.ENOSPC, errno.EDQUOT):
                raise
    os.replace(autosave_path(), target)  # a rename needs no space
    return target


def keep_autosave() -> Kept:
    """Before a new game replaces it, keep the autosave among the saves when it matters.

    An unfinished game is copied (the title screen offered to resume it); an autosave that
    cannot be read (damaged, or from a newer version of the game) is moved aside, so that
    nobody's game is silently overwritten. A finished game's autosave may go.
    """
    path = autosave_path()
    if not (path.exists() or path.is_symlink()):
        return Kept()
    try:
        save = read_checked(path)
    except SaveError as err:
        reason = str(err).replace(str(path), "the autosave")
        try:
            kept = _keep(f"autosave_unreadable_{_stamp('')}", move=True)
        except OSError as werr:
            return Kept(note=f"The autosave cannot be read ({reason}) nor set aside "
                             f"({why_not_written(werr)}), so it is left as it is.", safe=False)
        return Kept(kept, f"The autosave could not be resumed ({reason}); it was kept in "
                          f"{kept.parent} as {kept.name}.")
    if save.extra.get("over"):
        return Kept()
    stem = f"autosave_{_stamp(save.saved_at)}_round{_int(save.extra.get('round'), 0)}"
    try:
        kept = _keep(stem, move=False)
    except OSError as err:
        return Kept(note=f"The unfinished game in the autosave could not be kept among the "
                         f"saves ({why_not_written(err)}), so it is left as it is.",
                    safe=False)
    return Kept(kept, f"The unfinished game was kept in Load game as {kept.name}.")


def set_aside_unreadable_autosave() -> str:
    """At the title: an autosave that cannot be read is moved aside and the reason given.

    Without this the title would just not offer it, and the next game would overwrite it.
    """
    path = autosave_path()
    if not (path.exists() or path.is_symlink()):
        return ""
    try:
        read_checked(path)
    except SaveError:
        kept = keep_autosave()
        return kept.note
    return ""


def clean_stale_temp_files(*, now: float | None = None) -> list[Path]:
    """Remove temporary save files left by a process killed mid-write; returns them.

    Only old ones: another window of the game may be writing its own right now.
    """
    now = time.time() if now is None else now
    found = leftover_temp_files(autosave_path())
    with contextlib.suppress(OSError):  # an unreadable saves folder: nothing to clean there
        found += [p for p in saves_dir().glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}")
                  if p.is_file() and not p.is_symlink()]
    removed = []
    for path in found:
        try:
            if now - path.lstat().st_mtime > STALE_TMP_SECONDS:
                path.unlink()
                removed.append(path)
        except OSError:
            continue  # not ours to fix: a read-only folder keeps its files
    return removed
