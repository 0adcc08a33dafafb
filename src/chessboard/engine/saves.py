"""Saves: JSON naming the rules, the seed and the action list; loading replays the actions.

A save never stores code or pickles: only plain JSON, read with a size limit and checked field
by field, so a corrupt or foreign file gives a clear message and changes nothing.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import stat
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from chessboard.engine.actions import Action
from chessboard.engine.debug import MAX_EDIT_CHARS, DebugError, apply_edit
from chessboard.engine.game import Engine, IllegalActionError, SetupError
from chessboard.engine.state import GameState, unroll
from chessboard.seats import BOT_KINDS, DEFAULT_BOT, LEVELS

SAVE_FORMAT = "chessboard-save"
SAVE_VERSION = 1
MAX_SAVE_BYTES = 5 * 1024 * 1024
MAX_MODS = 32  # far more folders than any game lays over its rules
MAX_SEATS = 16  # more than any rules allow: the engine gives the precise limit on restore
MAX_ROUNDS = 20  # as Engine.new_game
SEED_LIMIT = 1 << 63  # seeds are 64-bit at most (the RNG folds larger ones anyway)
MAX_TEXT_CHARS = 200  # ids, names, hashes and dates are far shorter
MAX_ACTION_CHARS = 200  # "card:some_long_id country sphere @power" is well under 100
MAX_DEBUG_EDITS = 1000  # a designer's console session, far beyond any real one
SEAT_FIELDS = ("faction", "human", "bot", "level", "name")


class SaveError(ValueError):
    """A save that cannot be loaded; the message says why in a player's words."""


class RulesChangedError(SaveError):
    """A save of this game made under other rules (or mods): it may still load by replaying
    its actions under the rules loaded now (:func:`restore_by_replaying`)."""


@dataclass(frozen=True, slots=True)
class SeatRecord:
    faction: str
    human: bool
    bot: str = "heuristic"
    level: str = "normal"
    name: str = ""


@dataclass(slots=True)
class SaveGame:
    rules_name: str
    rules_version: str
    rules_digest: str
    scenario: str
    seed: int
    rounds: int
    seats: list[SeatRecord]
    actions: list[str]
    state_digest: str
    saved_at: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    # Mods laid over the rules, in order: {"name": folder name, "digest": hash of its files}.
    rules_mods: list[dict[str, str]] = field(default_factory=list)
    # Designer's debug edits (chessboard.engine.debug), each with the number of actions
    # before it; a save that has any is marked ``"debug": true`` (a game touched by hand).
    debug: list[tuple[int, str]] = field(default_factory=list)

    @property
    def touched(self) -> bool:
        """Whether the designer's debug console changed this game."""
        return bool(self.debug)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": SAVE_FORMAT,
            "version": SAVE_VERSION,
            "rules": {"name": self.rules_name, "version": self.rules_version,
                      "digest": self.rules_digest, "mods": self.rules_mods},
            "scenario": self.scenario,
            "seed": self.seed,
            "rounds": self.rounds,
            "seats": [asdict(s) for s in self.seats],
            "actions": self.actions,
            "state_digest": self.state_digest,
            "saved_at": self.saved_at,
            "extra": self.extra,
            **({"debug": True, "debug_edits": [{"after": after, "edit": edit}
                                               for after, edit in self.debug]}
               if self.debug else {}),
        }


def state_digest(state: GameState) -> str:
    """A hash of the game's data, without the log.

    The log is presentation: an engine made with ``log=False`` (replays, bots) writes none, yet
    plays the same game, so a digest that covered it would tell the same game apart from itself.
    """
    data = state.to_json()
    del data["log"]
    # The VP breakdown follows from the actions like the log does; leaving it out keeps the
    # digests of saves written before it was kept.
    del data["vp_sources"]
    return _hash(data)


def _legacy_digest(state: GameState) -> str:
    """The digest as saves before this version took it: log included."""
    data = state.to_json()
    del data["vp_sources"]
    return _hash(data)


def _hash(data: dict[str, Any]) -> str:
    blob = json.dumps(data, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode()).hexdigest()


def make_save(engine: Engine, state: GameState, seats: list[SeatRecord],
              *, extra: dict[str, Any] | None = None, rounds: int | None = None,
              debug: list[tuple[int, str]] | None = None) -> SaveGame:
    """``rounds``: those the game was set up with, when the facilitator has since ended it
    early (the state then holds fewer, and the replay must start from the set-up).
    ``debug``: the designer console's edits, each with the number of actions before it."""
    rules = engine.rules
    return SaveGame(
        rules_name=rules.name, rules_version=rules.version, rules_digest=rules.digest,
        scenario=state.scenario, seed=state.seed, rounds=rounds or state.rounds,
        seats=list(seats), actions=[str(a) for a in unroll(state.actions)],
        state_digest=state_digest(state),
        saved_at=datetime.now(UTC).isoformat(timespec="seconds"),
        extra=dict(extra or {}),
        rules_mods=[{"name": mod.name, "digest": mod.digest} for mod in rules.mods],
        debug=list(debug or ()),
    )


# Temporary files of an atomic write are ``.NAME.RANDOM.tmp`` beside ``NAME``: hidden, never
# matched by ``*.json``, and found again by :func:`leftover_temp_files` after a crash.
TEMP_PREFIX = "."
TEMP_SUFFIX = ".tmp"


def write_save(path: Path, save: SaveGame) -> None:
    """Write atomically and durably: a crash or power cut mid-write leaves the previous save.

    The data is fsynced before the rename (else a power cut can leave the new name pointing to
    an empty file) and the folder after it (else the rename itself may be lost).
    """
    write_json_atomically(path, save.to_json())


def write_json_atomically(path: Path, data: object) -> None:
    """``data`` as JSON at ``path``, atomically and durably (see :func:`write_save`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{path.name}.", suffix=TEMP_SUFFIX,
                               dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, indent=1)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # Windows cannot open a folder; its renames are durable enough
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def leftover_temp_files(path: Path) -> list[Path]:
    """Temporary files that interrupted writes of ``path`` left behind (safe to delete when
    no other write of ``path`` is running): ``.NAME.*.tmp``, and ``NAME*.tmp`` as written
    before that pattern."""
    folder, name = path.parent, glob.escape(path.name)
    try:
        found = {*folder.glob(f"{TEMP_PREFIX}{name}.*{TEMP_SUFFIX}"),
                 *folder.glob(f"{name}*{TEMP_SUFFIX}")}
    except OSError:
        return []
    return sorted(p for p in found if p.is_file() and not p.is_symlink())


def read_save(path: Path) -> SaveGame:
    """Read and check a save file; raise :class:`SaveError` with a clear reason.

    Only a regular file is opened (a folder, a pipe or a device such as ``/dev/zero`` behind a
    symlink is refused by its type, so nothing blocks or reads without end), and at most
    :data:`MAX_SAVE_BYTES` of it are read.
    """
    raw = _read_bounded(path)
    if not raw.strip():
        raise SaveError(f"{path} is empty: not a Chessboard save, or one whose writing was cut "
                        "short")
    try:
        text = raw.decode("utf-8-sig")  # an editor may add a byte order mark
    except UnicodeDecodeError:
        raise SaveError(f"{path} is not a text file, so not a Chessboard save") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise SaveError(f"{path} is not valid JSON (line {err.lineno}): not a Chessboard "
                        "save, or a damaged one") from None
    except RecursionError:
        raise SaveError(f"{path} nests its data too deeply: not a Chessboard save") from None
    except ValueError:  # a number too long to read (Python caps integers at 4,300 digits)
        raise SaveError(f"{path} holds a number too long to read: not a Chessboard save") \
            from None
    return parse_save(data, source=str(path))


def _read_bounded(path: Path) -> bytes:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise SaveError(f"{path} is a link to a file that does not exist") from None
        raise SaveError(f"cannot open {path}: there is no such file") from None
    except OSError as err:
        raise SaveError(f"cannot open {path}: {err.strerror or err}") from None
    _check_regular(path, info)
    try:
        # O_NONBLOCK: should the file become a FIFO between stat and open, open does not wait
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as err:
        raise SaveError(f"cannot open {path}: {err.strerror or err}") from None
    with os.fdopen(fd, "rb") as stream:
        _check_regular(path, os.fstat(stream.fileno()))
        try:
            raw = stream.read(MAX_SAVE_BYTES + 1)
        except OSError as err:
            raise SaveError(f"cannot read {path}: {err.strerror or err}") from None
    if len(raw) > MAX_SAVE_BYTES:
        raise SaveError(f"{path} is larger than {MAX_SAVE_BYTES // 1024} KiB; a save is never "
                        "that large")
    return raw


def _check_regular(path: Path, info: os.stat_result) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise SaveError(f"{path} is a folder, not a save")
    if not stat.S_ISREG(info.st_mode):
        raise SaveError(f"{path} is not a regular file (a device, pipe or socket), so not a "
                        "save")
    if info.st_size > MAX_SAVE_BYTES:
        raise SaveError(f"{path} is {info.st_size // 1024} KiB; a save is never that large")


class _Damaged(Exception):
    """A field of a save that is missing or wrong; the message names the field."""


def parse_save(data: Any, *, source: str = "save") -> SaveGame:
    """Check a save's JSON field by field; raise :class:`SaveError` naming the first bad one."""
    if not isinstance(data, dict) or data.get("format") != SAVE_FORMAT:
        raise SaveError(f"{source} is not a Chessboard save")
    version = data.get("version")
    if not _is_int(version):
        raise SaveError(f"{source} is damaged: field 'version' is missing or not a whole number")
    if version > SAVE_VERSION:
        raise SaveError(f"{source} was made by a newer version of the game (save format "
                        f"{version}; this game reads format {SAVE_VERSION}): update the game "
                        "to load it")
    if version != SAVE_VERSION:
        raise SaveError(f"{source} is a save of format version {version}; this game reads "
                        f"version {SAVE_VERSION}")
    try:
        rules = _field(data, "rules", dict)
        seats = _field(data, "seats", list)
        if not 1 <= len(seats) <= MAX_SEATS:
            raise _Damaged(f"field 'seats' must list 1 to {MAX_SEATS} seats, not {len(seats)}")
        actions = _field(data, "actions", list)
        save = SaveGame(
            rules_name=_text(rules, "name", "rules.name"),
            rules_version=_text(rules, "version", "rules.version"),
            rules_digest=_text(rules, "digest", "rules.digest"),
            scenario=_text(data, "scenario"),
            seed=_whole(data, "seed", -SEED_LIMIT, SEED_LIMIT - 1),
            rounds=_whole(data, "rounds", 1, MAX_ROUNDS),
            seats=[_seat(seat, f"seats[{i}]") for i, seat in enumerate(seats)],
            actions=[_action(text, f"actions[{i}]") for i, text in enumerate(actions)],
            state_digest=_text(data, "state_digest", default=""),
            saved_at=_text(data, "saved_at", default=""),
            # extra is the window's own notes; a wrong one costs the notes, not the game
            extra=data.get("extra") if isinstance(data.get("extra"), dict) else {},
            rules_mods=_mods(rules),
            debug=_debug_edits(data, len(actions)),
        )
    except _Damaged as err:
        raise SaveError(f"{source} is damaged: {err}") from None
    return save


_MISSING = object()
_TYPE_NAMES = {dict: "an object", list: "a list", str: "a text", bool: "true or false"}


def _field(data: dict[str, Any], key: str, kind: type, name: str | None = None,
           default: Any = _MISSING) -> Any:
    value = data.get(key, _MISSING)
    if value is _MISSING and default is not _MISSING:
        return default
    if value is _MISSING:
        raise _Damaged(f"field {name or key!r} is missing")
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise _Damaged(f"field {name or key!r} must be {_TYPE_NAMES.get(kind, kind.__name__)}")
    return value


def _text(data: dict[str, Any], key: str, name: str | None = None,
          default: Any = _MISSING) -> str:
    value: str = _field(data, key, str, name, default)
    if len(value) > MAX_TEXT_CHARS:
        raise _Damaged(f"field {name or key!r} is {len(value):,} characters long; at most "
                       f"{MAX_TEXT_CHARS} are allowed")
    return value


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _whole(data: dict[str, Any], key: str, low: int, high: int) -> int:
    value = data.get(key, _MISSING)
    if value is _MISSING:
        raise _Damaged(f"field {key!r} is missing")
    if not _is_int(value):
        raise _Damaged(f"field {key!r} must be a whole number")
    if not low <= value <= high:
        span = f"{low} to {high}" if high < 10**6 else "of at most 18 digits"
        raise _Damaged(f"field {key!r} must be {span}")
    return value


def _mods(rules: dict[str, Any]) -> list[dict[str, str]]:
    """The mod folders the save was made with: a name and a digest each (none in older saves)."""
    mods = _field(rules, "mods", list, "rules.mods", default=[])
    if len(mods) > MAX_MODS:
        raise _Damaged(f"field 'rules.mods' lists {len(mods)} mods; at most {MAX_MODS} are allowed")
    out = []
    for i, mod in enumerate(mods):
        name = f"rules.mods[{i}]"
        if not isinstance(mod, dict):
            raise _Damaged(f"field {name!r} must be an object")
        out.append({"name": _text(mod, "name", f"{name}.name"),
                    "digest": _text(mod, "digest", f"{name}.digest")})
    return out


def _debug_edits(data: dict[str, Any], actions: int) -> list[tuple[int, str]]:
    """The debug edits of a game touched by the designer's console (none in most saves)."""
    edits = _field(data, "debug_edits", list, default=[])
    if len(edits) > MAX_DEBUG_EDITS:
        raise _Damaged(f"field 'debug_edits' lists {len(edits)} edits; at most "
                       f"{MAX_DEBUG_EDITS} are allowed")
    out = []
    for i, edit in enumerate(edits):
        name = f"debug_edits[{i}]"
        if not isinstance(edit, dict):
            raise _Damaged(f"field {name!r} must be an object")
        after = _whole(edit, "after", 0, actions)
        if out and after < out[-1][0]:
            raise _Damaged(f"field '{name}.after' goes back before the edit above it")
        text = _field(edit, "edit", str, f"{name}.edit")
        if len(text) > MAX_EDIT_CHARS:
            raise _Damaged(f"field '{name}.edit' is longer than {MAX_EDIT_CHARS} characters")
        out.append((after, text))
    return out


def _seat(value: Any, name: str) -> SeatRecord:
    if not isinstance(value, dict):
        raise _Damaged(f"field {name!r} must be an object")
    unknown = sorted(str(k) for k in value if k not in SEAT_FIELDS)
    if unknown:
        raise _Damaged(f"field {name!r} has unknown entries ({', '.join(unknown)[:80]})")
    bot = _field(value, "bot", str, f"{name}.bot", default=DEFAULT_BOT)
    if bot not in BOT_KINDS:
        raise _Damaged(f"field '{name}.bot' must be one of {', '.join(BOT_KINDS)}")
    level = _field(value, "level", str, f"{name}.level", default="normal")
    if level not in LEVELS:
        raise _Damaged(f"field '{name}.level' must be one of {', '.join(LEVELS)}")
    return SeatRecord(
        faction=_text(value, "faction", f"{name}.faction"),
        human=_field(value, "human", bool, f"{name}.human"),
        bot=bot, level=level,
        name=_text(value, "name", f"{name}.name", default=""),
    )


def _action(value: Any, name: str) -> str:
    if not isinstance(value, str):
        raise _Damaged(f"field {name!r} must be a text")
    if len(value) > MAX_ACTION_CHARS:
        raise _Damaged(f"field {name!r} is {len(value):,} characters long; an action is at "
                       f"most {MAX_ACTION_CHARS}")
    return value


def check_rules(engine: Engine, save: SaveGame) -> None:
    rules = engine.rules
    if save.rules_name != rules.name:
        raise SaveError(f"this save is for the game {save.rules_name!r}, not {rules.name!r}")
    if save.rules_digest != rules.digest:
        made = [mod["name"] for mod in save.rules_mods]
        now = [mod.name for mod in rules.mods]
        if made != now:
            raise RulesChangedError(
                f"this save was made with the mods {', '.join(made) or '(none)'}; the rules "
                f"loaded now have {', '.join(now) or 'no mods'}. Load it with the same rules "
                "and mods (--rules DIR --mod MOD ...)."
            )
        raise RulesChangedError(
            f"this save was made with other rules ({save.rules_name} {save.rules_version}, "
            f"hash {save.rules_digest[:12]}); the rules loaded now are version "
            f"{rules.version}, hash {rules.digest[:12]}. Load it with the rules it was made "
            "with (--rules DIR)."
        )


def restore(engine: Engine, save: SaveGame, *, upto: int | None = None) -> GameState:
    """Rebuild the game by replaying the actions (all, or the first ``upto``)."""
    check_rules(engine, save)
    try:
        state = engine.new_game(scenario=save.scenario, seats=[s.faction for s in save.seats],
                                seed=save.seed, rounds=save.rounds)
    except SetupError as err:
        raise SaveError(f"the save's set-up is not valid for these rules: {err}") from None
    actions = save.actions if upto is None else save.actions[:upto]
    edits = _edits_at(save)
    for number, text in enumerate(actions, start=1):
        state = _replay_edits(engine, state, edits.get(number - 1, ()))
        try:
            state = engine.replay(state, Action.parse(text)).state
        except (ValueError, IllegalActionError) as err:
            raise SaveError(f"action {number} of the save cannot be replayed: {err}") from None
    return _replay_edits(engine, state, edits.get(len(actions), ()))


def _edits_at(save: SaveGame) -> dict[int, list[str]]:
    """The save's debug edits by the number of actions before them."""
    out: dict[int, list[str]] = {}
    for after, edit in save.debug:
        out.setdefault(after, []).append(edit)
    return out


def _replay_edits(engine: Engine, state: GameState, edits: list[str] | tuple[()]) -> GameState:
    for edit in edits:
        try:
            state = apply_edit(engine, state, edit)
        except DebugError as err:
            raise SaveError(f"the debug edit {edit!r} of the save cannot be replayed: "
                            f"{err}") from None
    return state


@dataclass(frozen=True, slots=True)
class Replayed:
    """A game rebuilt under the rules loaded now, as far as its actions are still legal."""

    state: GameState
    applied: int  # actions replayed
    total: int  # actions in the save
    problem: str = ""  # why action ``applied + 1`` is no longer legal ("" when all replayed)
    edit_failed: bool = False  # the problem is a debug edit before that action, not the action

    @property
    def complete(self) -> bool:
        return not self.problem

    def message(self) -> str:
        """"replayed 37 of 40 actions; action 38 is no longer legal: ...", for the player."""
        text = f"replayed {self.applied} of {self.total} actions"
        if self.edit_failed:
            text += f"; then {self.problem}"
        elif self.problem:
            text += f"; action {self.applied + 1} is no longer legal: {self.problem}"
        return text


def restore_by_replaying(engine: Engine, save: SaveGame) -> Replayed:
    """Rebuild a game under ``engine``'s rules whatever rules it was made with: replay its
    actions up to the first one that is no longer legal and keep the game there.

    This is how a save made before a rules edit loads (after :class:`RulesChangedError`), and
    how ``play --watch`` keeps the game across a reload (from :func:`make_save`).
    """
    actions = save.actions
    try:
        state = engine.new_game(scenario=save.scenario, seats=[s.faction for s in save.seats],
                                seed=save.seed, rounds=save.rounds)
    except SetupError as err:
        raise SaveError(f"the game's set-up is not valid for these rules: {err}") from None
    edits = _edits_at(save)
    for number, text in enumerate(actions):
        try:
            state = _replay_edits(engine, state, edits.get(number, ()))
        except SaveError as err:
            return Replayed(state, number, len(actions), str(err), edit_failed=True)
        try:
            state = engine.replay(state, Action.parse(text)).state
        except (ValueError, IllegalActionError) as err:
            return Replayed(state, number, len(actions), f"{text}: {err}")
    try:
        state = _replay_edits(engine, state, edits.get(len(actions), ()))
    except SaveError as err:
        return Replayed(state, len(actions), len(actions), str(err), edit_failed=True)
    return Replayed(state, len(actions), len(actions))


def replay_matches(engine: Engine, save: SaveGame) -> tuple[GameState, bool]:
    """Replay the whole save; report whether the end state is the one recorded.

    Saves written before the digest left the log out are checked against the old digest when
    ``engine`` writes a log (``log=True``).
    """
    state = restore(engine, save)
    if not save.state_digest or state_digest(state) == save.state_digest:
        return state, True
    return state, engine.logging and _legacy_digest(state) == save.state_digest
