"""Saves: JSON naming the rules, the seed and the action list; loading replays the actions.

A save never stores code or pickles: only plain JSON, read with a size limit and checked field
by field, so a corrupt or foreign file gives a clear message and changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from chessboard.engine.actions import Action
from chessboard.engine.game import Engine, IllegalActionError, SetupError
from chessboard.engine.state import GameState, unroll

SAVE_FORMAT = "chessboard-save"
SAVE_VERSION = 1
MAX_SAVE_BYTES = 5 * 1024 * 1024


class SaveError(ValueError):
    """A save that cannot be loaded; the message says why in a player's words."""


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
        }


def state_digest(state: GameState) -> str:
    blob = json.dumps(state.to_json(), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode()).hexdigest()


def make_save(engine: Engine, state: GameState, seats: list[SeatRecord],
              *, extra: dict[str, Any] | None = None) -> SaveGame:
    rules = engine.rules
    return SaveGame(
        rules_name=rules.name, rules_version=rules.version, rules_digest=rules.digest,
        scenario=state.scenario, seed=state.seed, rounds=state.rounds,
        seats=list(seats), actions=[str(a) for a in unroll(state.actions)],
        state_digest=state_digest(state),
        saved_at=datetime.now(UTC).isoformat(timespec="seconds"),
        extra=dict(extra or {}),
        rules_mods=[{"name": mod.name, "digest": mod.digest} for mod in rules.mods],
    )


def write_save(path: Path, save: SaveGame) -> None:
    """Write atomically: a crash mid-write leaves the previous save intact."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(save.to_json(), out, indent=1)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_save(path: Path) -> SaveGame:
    """Read and check a save file; raise :class:`SaveError` with a clear reason."""
    try:
        size = path.stat().st_size
    except OSError as err:
        raise SaveError(f"cannot open {path}: {err.strerror or err}") from None
    if size > MAX_SAVE_BYTES:
        raise SaveError(f"{path} is {size // 1024} KiB; a save is never that large")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise SaveError(f"{path} is not a text file, so not a Chessboard save") from None
    except json.JSONDecodeError as err:
        raise SaveError(f"{path} is not valid JSON (line {err.lineno}): not a Chessboard "
                        "save, or a damaged one") from None
    return parse_save(data, source=str(path))


def parse_save(data: Any, *, source: str = "save") -> SaveGame:
    if not isinstance(data, dict) or data.get("format") != SAVE_FORMAT:
        raise SaveError(f"{source} is not a Chessboard save")
    if data.get("version") != SAVE_VERSION:
        raise SaveError(f"{source} is a save of format version {data.get('version')!r}; "
                        f"this game reads version {SAVE_VERSION}")
    try:
        rules = data["rules"]
        seats = [SeatRecord(**_checked_seat(s)) for s in data["seats"]]
        save = SaveGame(
            rules_name=_str(rules["name"]), rules_version=_str(rules["version"]),
            rules_digest=_str(rules["digest"]), scenario=_str(data["scenario"]),
            seed=_int(data["seed"]), rounds=_int(data["rounds"]), seats=seats,
            actions=[_str(a) for a in data["actions"]],
            state_digest=_str(data.get("state_digest", "")),
            saved_at=_str(data.get("saved_at", "")),
            extra=data.get("extra") if isinstance(data.get("extra"), dict) else {},
            rules_mods=[{"name": _str(mod["name"]), "digest": _str(mod["digest"])}
                        for mod in rules.get("mods", [])],
        )
    except (KeyError, TypeError) as err:
        raise SaveError(f"{source} is damaged: field {err} is missing or has the wrong type") \
            from None
    return save


def _checked_seat(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict) or set(value) - {"faction", "human", "bot", "level", "name"}:
        raise TypeError("seats")
    if not isinstance(value.get("faction"), str) or not isinstance(value.get("human"), bool):
        raise TypeError("seats")
    return value


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(repr(value)[:40])
    return value


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(repr(value)[:40])
    return value


def check_rules(engine: Engine, save: SaveGame) -> None:
    rules = engine.rules
    if save.rules_name != rules.name:
        raise SaveError(f"this save is for the game {save.rules_name!r}, not {rules.name!r}")
    if save.rules_digest != rules.digest:
        made = [mod["name"] for mod in save.rules_mods]
        now = [mod.name for mod in rules.mods]
        if made != now:
            raise SaveError(
                f"this save was made with the mods {', '.join(made) or '(none)'}; the rules "
                f"loaded now have {', '.join(now) or 'no mods'}. Load it with the same rules "
                "and mods (--rules DIR --mod MOD ...)."
            )
        raise SaveError(
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
    for number, text in enumerate(actions, start=1):
        try:
            state = engine.apply(state, Action.parse(text)).state
        except (ValueError, IllegalActionError) as err:
            raise SaveError(f"action {number} of the save cannot be replayed: {err}") from None
    return state


def replay_matches(engine: Engine, save: SaveGame) -> tuple[GameState, bool]:
    """Replay the whole save; report whether the end state is the one recorded."""
    state = restore(engine, save)
    return state, (not save.state_digest or state_digest(state) == save.state_digest)
