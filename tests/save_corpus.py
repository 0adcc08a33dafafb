"""A corpus of broken, foreign and hostile save files, generated into a folder by each test.

Every load route (``chessboard replay``, ``play --load``, the Load list, Resume) must answer
each case with a clear :class:`~chessboard.engine.saves.SaveError` (or, for the ``loads``
cases, load it), never a traceback, a hang or an unbounded read. Use it as::

    from save_corpus import CASES, base_save
    for case in CASES:
        path = case.write(tmp_path, base_save())

``stage`` says where a route must notice the problem:

- ``read``: :func:`read_save` refuses the file (so does a listing that only reads it);
- ``restore``: the file reads, but replaying it against the rules refuses it;
- ``digest``: it loads, but its recorded end state differs (``replay`` exits 1);
- ``loads``: odd but valid; every route must open it (``extra`` is the window's free notes).

``reason`` is a fragment the refusal's message contains.
"""

from __future__ import annotations

import copy
import json
import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

Writer = Callable[..., Path]  # (folder, base, name="save.json") -> the path to load


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    write: Writer  # (folder, a valid save's JSON, name="save.json") -> the path to load
    stage: str  # "read", "restore", "digest" or "loads"
    reason: str = ""
    posix_only: bool = False  # symlinks to devices, FIFOs


@cache
def base_save() -> dict[str, Any]:
    """A valid save of the shipped rules: seed 7, 30 legal actions, a human and bots."""
    from chessboard.engine.game import Engine
    from chessboard.engine.saves import SeatRecord, make_save
    from chessboard.rules.loader import load_rules

    engine = Engine(load_rules())
    state = engine.new_game(seed=7)
    chooser = random.Random(7)
    for _ in range(30):
        state = engine.apply(state, chooser.choice(engine.legal_actions(state))).state
    seats = [SeatRecord(engine._tables.faction_ids[f], human=i == 0, name="Ana" if i == 0 else "")
             for i, f in enumerate(state.seats)]
    save = make_save(engine, state, seats, extra={
        "round": state.round, "rounds": state.rounds, "over": state.over,
        "seats": [s.faction for s in seats]})
    return save.to_json()


# writers ----------------------------------------------------------------------------------

NAME = "save.json"


def _bytes(content: bytes) -> Writer:
    def write(folder: Path, base: dict[str, Any], name: str = NAME) -> Path:
        path = folder / name
        path.write_bytes(content)
        return path

    return write


def _text(make: Callable[[str], str]) -> Writer:
    """A file whose text is made from the valid save's text."""
    def write(folder: Path, base: dict[str, Any], name: str = NAME) -> Path:
        path = folder / name
        path.write_bytes(make(json.dumps(base, indent=1)).encode("utf-8"))
        return path

    return write


def _json(value: Any) -> Writer:
    return _text(lambda _: json.dumps(value))


def _edit(change: Callable[[dict[str, Any]], Any]) -> Writer:
    """The valid save with one change made to its JSON."""
    def write(folder: Path, base: dict[str, Any], name: str = NAME) -> Path:
        data = copy.deepcopy(base)
        change(data)
        path = folder / name
        path.write_text(json.dumps(data, indent=1), encoding="utf-8")
        return path

    return write


def _set(*keys: Any, value: Any) -> Writer:
    """Set the field at ``keys`` (dict keys and list indexes) to ``value``."""
    def change(data: dict[str, Any]) -> None:
        target = data
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value

    return _edit(change)


def _drop(*keys: Any) -> Writer:
    def change(data: dict[str, Any]) -> None:
        target = data
        for key in keys[:-1]:
            target = target[key]
        del target[keys[-1]]

    return _edit(change)


def _raw_field(key: str, raw: str) -> Writer:
    """Replace a top-level field's value by raw JSON text (numbers json.dumps cannot write)."""
    def make(text: str) -> str:
        data = json.loads(text)
        data[key] = "__RAW__"
        return json.dumps(data).replace('"__RAW__"', raw)

    return _text(make)


def _deep(depth: int) -> str:
    return "[" * depth + "]" * depth


def _deep_extra(folder: Path, base: dict[str, Any], name: str = NAME) -> Path:
    path = folder / name
    text = json.dumps({**base, "extra": "__DEEP__"})
    path.write_text(text.replace('"__DEEP__"', '{"a":' * 2000 + "1" + "}" * 2000))
    return path


def _folder(folder: Path, base: dict[str, Any], name: str = "x.json") -> Path:
    path = folder / name
    path.mkdir()
    return path


def _link(target: str | Callable[[Path], Path]) -> Writer:
    def write(folder: Path, base: dict[str, Any], name: str = "linked.json") -> Path:
        path = folder / name
        os.symlink(target(folder) if callable(target) else target, path)
        return path

    return write


def _fifo(folder: Path, base: dict[str, Any], name: str = "pipe.json") -> Path:
    path = folder / name
    os.mkfifo(path)
    return path


def _link_loop(folder: Path, base: dict[str, Any], name: str = "a.json") -> Path:
    first, second = folder / name, folder / f"{name}.loop"  # the second is not a *.json
    os.symlink(second, first)
    os.symlink(first, second)
    return first


def _oversized(folder: Path, base: dict[str, Any], name: str = NAME) -> Path:
    path = folder / name
    text = json.dumps(base)
    path.write_text(text[:-1] + ', "padding": "' + "x" * (6 * 1024 * 1024) + '"}')
    return path


def _sparse_huge(folder: Path, base: dict[str, Any], name: str = NAME) -> Path:
    """A 2 GiB file that takes no disk: its size alone must refuse it."""
    path = folder / name
    with path.open("wb") as out:
        out.truncate(2 * 1024 ** 3)
    return path


def _seat(index: int, key: str, value: Any) -> Writer:
    return _set("seats", index, key, value=value)


def _passes(count: int) -> Writer:
    return _edit(lambda d: d["actions"].extend(["pass"] * count))


def _swap_actions(data: dict[str, Any]) -> None:
    actions = data["actions"]
    actions[0], actions[1] = actions[1], actions[0]


# the corpus -------------------------------------------------------------------------------

CASES: list[Case] = [
    # not JSON, or not text
    Case("empty file", _bytes(b""), "read", "empty"),
    Case("only whitespace", _bytes(b"  \n\t\n"), "read", "empty"),
    Case("truncated at half", _text(lambda t: t[: len(t) // 2]), "read", "not valid JSON"),
    Case("truncated after 10 bytes", _text(lambda t: t[:10]), "read", "not valid JSON"),
    Case("truncated by one byte", _text(lambda t: t.rstrip()[:-1]), "read", "not valid JSON"),
    Case("random binary", _bytes(bytes(random.Random(1).randrange(128, 256)
                                       for _ in range(4096))), "read", "not a text file"),
    Case("NUL bytes", _bytes(b"\x00" * 512), "read", "not valid JSON"),
    Case("PNG header", _bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64), "read", "not a text file"),
    Case("UTF-16 text", lambda f, b, name=NAME: _bytes(json.dumps(b).encode("utf-16"))(
        f, b, name), "read",
         "not a text file"),
    Case("Latin-1 name", lambda f, b, name=NAME: _bytes(
        json.dumps(b).replace('"Ana"', '"Ana\u00e9"').encode("latin-1"))(f, b, name), "read",
         "not a text file"),
    Case("YAML instead of JSON", _bytes(b"format: chessboard-save\nversion: 1\n"), "read",
         "not valid JSON"),
    # JSON, but not a save
    Case("a JSON list", _json([1, 2, 3]), "read", "not a Chessboard save"),
    Case("a JSON string", _json("chessboard-save"), "read", "not a Chessboard save"),
    Case("a JSON number", _json(42), "read", "not a Chessboard save"),
    Case("JSON null", _json(None), "read", "not a Chessboard save"),
    Case("an empty object", _json({}), "read", "not a Chessboard save"),
    Case("a package.json", _json({"name": "x", "version": "1.0.0", "dependencies": {}}),
         "read", "not a Chessboard save"),
    Case("another format", _set("format", value="chessboard-state"), "read",
         "not a Chessboard save"),
    Case("format missing", _drop("format"), "read", "not a Chessboard save"),
    Case("a game state, not a save", _json({"format": 1, "seed": 3}), "read",
         "not a Chessboard save"),
    # hostile JSON
    Case("2,000-deep list", _text(lambda _: _deep(2000)), "read", "too deeply"),
    Case("100,000-deep list", _text(lambda _: _deep(100_000)), "read", "too deeply"),
    Case("2,000-deep extra", _deep_extra, "read", "too deeply"),
    Case("5,000-digit seed", _raw_field("seed", "9" * 5000), "read", "number too long"),
    Case("4,000-digit seed", _raw_field("seed", "9" * 4000), "read", "field 'seed'"),
    Case("seed 1e999", _raw_field("seed", "1e999"), "read", "field 'seed'"),
    Case("seed NaN", _raw_field("seed", "NaN"), "read", "field 'seed'"),
    Case("seed -Infinity", _raw_field("seed", "-Infinity"), "read", "field 'seed'"),
    Case("larger than the limit", _oversized, "read", "never that large"),
    Case("2 GiB sparse file", _sparse_huge, "read", "never that large"),
    # the save's format version
    Case("newer format", _set("version", value=2), "read", "newer version"),
    Case("much newer format", _set("version", value=10**9), "read", "newer version"),
    Case("older format", _set("version", value=0), "read", "format version 0"),
    Case("version a string", _set("version", value="1"), "read", "field 'version'"),
    Case("version missing", _drop("version"), "read", "field 'version'"),
    # wrong types and values in every field
    Case("rules not an object", _set("rules", value="default"), "read", "field 'rules'"),
    Case("rules missing", _drop("rules"), "read", "field 'rules' is missing"),
    Case("rules.name missing", _drop("rules", "name"), "read", "field 'rules.name'"),
    Case("rules.version a number", _set("rules", "version", value=1.0), "read",
         "field 'rules.version'"),
    Case("rules.digest null", _set("rules", "digest", value=None), "read",
         "field 'rules.digest'"),
    Case("scenario null", _set("scenario", value=None), "read", "field 'scenario'"),
    Case("scenario a list", _set("scenario", value=["standard"]), "read", "field 'scenario'"),
    Case("seed a string", _set("seed", value="7"), "read", "field 'seed'"),
    Case("seed true", _set("seed", value=True), "read", "field 'seed'"),
    Case("seed 2**64", _set("seed", value=2**64), "read", "field 'seed'"),
    Case("seed missing", _drop("seed"), "read", "field 'seed' is missing"),
    Case("rounds 0", _set("rounds", value=0), "read", "field 'rounds'"),
    Case("rounds 99", _set("rounds", value=99), "read", "field 'rounds'"),
    Case("rounds a float", _set("rounds", value=4.0), "read", "field 'rounds'"),
    Case("seats an int", _set("seats", value=3), "read", "field 'seats'"),
    Case("seats empty", _set("seats", value=[]), "read", "field 'seats'"),
    Case("seats 100 entries", _edit(lambda d: d.update(seats=d["seats"] * 25)), "read",
         "field 'seats'"),
    Case("a seat a string", _set("seats", 1, value="russia"), "read", "field 'seats[1]'"),
    Case("seat bot 'xx'", _seat(1, "bot", "xx"), "read", "field 'seats[1].bot'"),
    Case("seat bot null", _seat(1, "bot", None), "read", "field 'seats[1].bot'"),
    Case("seat bot a number", _seat(2, "bot", 7), "read", "field 'seats[2].bot'"),
    Case("seat bot empty", _seat(0, "bot", ""), "read", "field 'seats[0].bot'"),
    Case("seat level unknown", _seat(1, "level", "godlike"), "read", "field 'seats[1].level'"),
    Case("seat human 'yes'", _seat(0, "human", "yes"), "read", "field 'seats[0].human'"),
    Case("seat human missing", _drop("seats", 0, "human"), "read", "field 'seats[0].human'"),
    Case("seat faction missing", _drop("seats", 1, "faction"), "read",
         "field 'seats[1].faction'"),
    Case("seat faction a number", _seat(1, "faction", 7), "read", "field 'seats[1].faction'"),
    Case("seat unknown entry", _seat(1, "colour", "red"), "read", "unknown entries (colour)"),
    Case("seat name 10,000 characters", _seat(0, "name", "A" * 10_000), "read",
         "field 'seats[0].name'"),
    Case("actions missing", _drop("actions"), "read", "field 'actions' is missing"),
    Case("actions an object", _set("actions", value={"0": "pass"}), "read", "field 'actions'"),
    Case("an action a number", _set("actions", 3, value=7), "read", "field 'actions[3]'"),
    Case("an action null", _set("actions", 0, value=None), "read", "field 'actions[0]'"),
    Case("a 10,000-character action", _set("actions", 2, value="act:" + "x" * 10_000),
         "read", "field 'actions[2]' is 10,004 characters"),
    Case("state_digest a number", _set("state_digest", value=0), "read",
         "field 'state_digest'"),
    Case("saved_at a list", _set("saved_at", value=[2026]), "read", "field 'saved_at'"),
    # files that are not regular files
    Case("a folder named x.json", _folder, "read", "is a folder"),
    Case("a dangling symlink", _link("no-such-file.json"), "read", "does not exist",
         posix_only=True),
    Case("a symlink loop", _link_loop, "read", "cannot open", posix_only=True),
    Case("a FIFO", _fifo, "read", "not a regular file", posix_only=True),
    Case("a symlink to /dev/zero", _link("/dev/zero"), "read", "not a regular file",
         posix_only=True),
    Case("a symlink to /dev/urandom", _link("/dev/urandom"), "read", "not a regular file",
         posix_only=True),
    Case("a symlink to a folder", _link(lambda f: f), "read", "is a folder", posix_only=True),
    # reads, but the rules or the replay refuse it
    Case("other rules hash", _set("rules", "digest", value="f" * 64), "restore",
         "made with other rules"),
    Case("other game", _set("rules", "name", value="Twilight Struggle"), "restore",
         "not "),
    Case("unknown scenario", _set("scenario", value="atlantis"), "restore",
         "unknown scenario 'atlantis'"),
    Case("unknown faction", _seat(1, "faction", "narnia"), "restore",
         "unknown faction 'narnia'"),
    Case("a faction seated twice", _edit(lambda d: d["seats"].append(d["seats"][1])),
         "restore", "only one seat"),
    Case("an action that is not one", _set("actions", 4, value="xyzzy"), "restore",
         "action 5 of the save cannot be replayed"),
    Case("an unknown card", _set("actions", 0, value="card:no_such_card kazakhstan"),
         "restore", "action 1 of the save cannot be replayed"),
    Case("actions out of order", _edit(_swap_actions), "restore",
         "of the save cannot be replayed"),
    Case("5,000 passes after the last action", _passes(5000), "restore",
         "the game is over"),
    Case("other seed, same actions", _set("seed", value=8), "restore",
         "of the save cannot be replayed"),
    # loads, but its end state is not the one recorded
    Case("wrong state digest", _set("state_digest", value="0" * 64), "digest", "differs"),
    Case("one action dropped", _edit(lambda d: d["actions"].pop()), "digest", "differs"),
    # odd but valid: every route must open these
    Case("UTF-8 byte order mark", _text(lambda t: "\ufeff" + t), "loads"),
    Case("no digest recorded", _drop("state_digest"), "loads"),
    Case("extra missing", _drop("extra"), "loads"),
    Case("extra an int", _set("extra", value=3), "loads"),
    Case("extra.seats an int", _set("extra", "seats", value=3), "loads"),
    Case("extra.round path-like", _set("extra", "round", value="/../../../../tmp/x"), "loads"),
    Case("saved_at path-like", _set("saved_at", value="../../../../tmp/y"), "loads"),
    Case("unknown top-level field", _set("comment", value="hello"), "loads"),
]

CASE_NAMES = [case.name for case in CASES]
assert len(set(CASE_NAMES)) == len(CASE_NAMES), "case names must be unique"


def case(name: str) -> Case:
    return next(c for c in CASES if c.name == name)


def write_all(folder: Path, *, posix: bool | None = None) -> dict[str, Path]:
    """Every case in one folder (as a player's saves/ folder would hold them), each under its
    own ``NNN-slug.json`` name; returns case name -> path. POSIX-only cases are skipped off
    POSIX (or when ``posix`` is False)."""
    posix = os.name == "posix" if posix is None else posix
    out: dict[str, Path] = {}
    for index, item in enumerate(CASES):
        if item.posix_only and not posix:
            continue
        slug = "".join(ch if ch.isalnum() else "-" for ch in item.name.lower()).strip("-")
        out[item.name] = item.write(folder, base_save(), f"{index:03d}-{slug[:40]}.json")
    return out
