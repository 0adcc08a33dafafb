"""Saves under faults and crafted files: the window never crashes and never loses a game.

Fault injection (a full disk, a read-only folder, a data folder path under a file) and broken
saves go through the routes a player uses: autosave after a move, Ctrl+S, the Load list,
Resume on the title screen, and a new game keeping the unfinished autosave.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pygame
import pytest

from chessboard.engine.actions import PASS
from chessboard.seats import Seat
from chessboard.ui import storage
from chessboard.ui.board import BoardScene
from chessboard.ui.menus import LoadScene, PassScene, TitleScene
from chessboard.ui.session import GameSession

pytestmark = pytest.mark.ui

HOT_SEAT = [Seat("russia", True, name="Alice"), Seat("china", True, name="Bo")]


def good_save(engine: Any, path: Path) -> dict[str, Any]:
    """A real save of a short hot-seat game; returns its JSON for tests to damage."""
    session = GameSession.new(engine, HOT_SEAT, scenario="tiny", seed=3, rounds=None)
    session.take_over()
    session.apply(PASS)
    session.save(path)
    return json.loads(path.read_text())


def write_json(path: Path, data: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data) if not isinstance(data, str) else data)
    return path


def broken_saves(folder: Path, template: dict[str, Any]) -> dict[str, Path]:
    """One file per way a save can be broken (named after the case), beside good ones."""
    folder.mkdir(parents=True, exist_ok=True)
    cases: dict[str, Path] = {}

    def variant(name: str, change: Any) -> None:
        data = json.loads(json.dumps(template))
        change(data)
        cases[name] = write_json(folder / f"{name}.json", data)

    variant("seats_an_int", lambda d: d["extra"].update(seats=7))
    variant("round_a_path", lambda d: d["extra"].update(round="/../../../../tmp/x"))
    variant("extra_a_list", lambda d: d.update(extra=[1, 2]))
    variant("newer_version", lambda d: d.update(version=99))
    variant("rules_an_int", lambda d: d.update(rules=5))
    cases["not_json"] = write_json(folder / "not_json.json", "{not json")
    cases["empty"] = write_json(folder / "empty.json", "")
    cases["deep"] = write_json(folder / "deep.json", "[" * 2000 + "]" * 2000)
    cases["huge_number"] = write_json(
        folder / "huge_number.json",
        json.dumps(template).replace(f'"seed": {template["seed"]}', '"seed": ' + "9" * 5000))
    cases["binary"] = folder / "binary.json"
    cases["binary"].write_bytes(b"\xff\xfe\x00garbage")
    cases["dangling"] = folder / "dangling.json"
    os.symlink(folder / "nowhere", cases["dangling"])
    cases["a_folder"] = folder / "a_folder.json"
    cases["a_folder"].mkdir()
    cases["fifo"] = folder / "fifo.json"
    os.mkfifo(cases["fifo"])
    return cases


def bad_bot_saves(folder: Path, template: dict[str, Any]) -> dict[str, Path]:
    """Saves that parse but name a bot no one can play (i8a makes saves.py refuse them)."""
    out = {}
    for name, bot in (("bot_xx", "xx"), ("bot_null", None)):
        data = json.loads(json.dumps(template))
        data["seats"][1].update(human=False, bot=bot)
        out[name] = write_json(folder / f"{name}.json", data)
    return out


# the Load list -------------------------------------------------------------------------------

def test_every_broken_save_is_listed_with_its_reason_and_the_good_ones_load(
        make_app, tiny, tiny_engine, data_dir) -> None:
    saves = data_dir / "saves"
    template = good_save(tiny_engine, saves / "good.json")
    cases = broken_saves(saves, template)
    entries = {e.path.name: e for e in storage.list_saves()}
    assert set(entries) == {"good.json"} | {p.name for p in cases.values()}
    assert entries["good.json"].save is not None
    for name, path in cases.items():
        entry = entries[path.name]
        text = entry.describe()
        if name in ("seats_an_int", "round_a_path", "extra_a_list"):
            # damage to the program's own notes only: still a game, described from the seats
            assert entry.save is not None and "russia" in text.lower(), name
            continue
        assert entry.save is None, name
        assert text.startswith("Unreadable:") and path.name in text, name
        assert str(saves) not in text  # named by the file, not the whole path
    assert "round ?" in entries["round_a_path.json"].describe()
    assert "folder" in entries["a_folder.json"].error
    assert "does not exist" in entries["dangling.json"].error
    assert "nested too deeply" in entries["deep.json"].error
    assert "version 99" in entries["newer_version.json"].error
    assert "not a regular file" in entries["fifo.json"].error
    assert "thousands of digits" in entries["huge_number.json"].error

    # the same through the window: the list opens, a bad file says why, the good one loads
    d = make_app(tiny)
    d.top.load_game()
    d.frames(2)
    loader = d.top
    assert isinstance(loader, LoadScene) and len(loader.entries) == len(entries)
    for k, entry in enumerate(loader.entries):
        if entry.save is None:
            loader.load(k)
            assert d.top is loader and entry.path.name in loader.error
    d.frames(2)  # the long reasons are drawn without error
    good = next(k for k, e in enumerate(loader.entries) if e.path.name == "good.json")
    loader.load(good)
    board = d.app.stack.find(BoardScene)
    assert board is not None and board.session.state.to_json()["actions"] == template["actions"]


def test_a_seat_with_an_unknown_bot_is_refused_with_a_reason(make_app, tiny, tiny_engine,
                                                             data_dir) -> None:
    saves = data_dir / "saves"
    template = good_save(tiny_engine, saves / "good.json")
    for name, path in bad_bot_saves(saves, template).items():
        d = make_app(tiny)
        d.top.load_game()
        d.frames(2)
        loader = d.top
        k = next(i for i, e in enumerate(loader.entries) if e.path == path)
        loader.load(k)  # listed (maybe as unreadable), and loading it says why
        assert d.top is loader and loader.error, name
        assert d.app.stack.find(BoardScene) is None
        # --load on the command line: the title opens with the reason
        d2 = make_app(tiny, load=path)
        assert isinstance(d2.top, TitleScene) and "bot" in d2.top.error, name


def test_resume_of_an_autosave_with_an_unknown_bot_says_why(make_app, tiny, tiny_engine,
                                                            data_dir) -> None:
    template = good_save(tiny_engine, data_dir / "autosave.json")
    template["seats"][1].update(human=False, bot="xx")
    write_json(data_dir / "autosave.json", template)
    d = make_app(tiny)
    title = d.top
    resume = [label for label in (b.text for b in title.buttons) if label.startswith("Resume")]
    if resume:  # offered (it parses): resuming explains instead of crashing
        title.resume_autosave()
        d.frames(2)
        assert d.top is title and "bot" in title.error
    else:  # refused when read: set aside with the reason, not silently dropped
        assert "bot" in title.notice


# the autosave on the title screen ------------------------------------------------------------

@pytest.mark.parametrize("damage", ["not json", "newer version", "not a save"])
def test_a_broken_autosave_is_kept_aside_and_the_title_says_why(make_app, tiny, tiny_engine,
                                                                data_dir, damage) -> None:
    template = good_save(tiny_engine, data_dir / "autosave.json")
    if damage == "not json":
        (data_dir / "autosave.json").write_text('{"format": "chessboard-save", ')
    elif damage == "newer version":
        write_json(data_dir / "autosave.json", dict(template, version=2))
    else:
        write_json(data_dir / "autosave.json", {"hello": 1})
    before = (data_dir / "autosave.json").read_bytes()
    d = make_app(tiny)
    title = d.top
    assert isinstance(title, TitleScene)
    assert not any(b.text.startswith("Resume") for b in title.buttons)
    kept = list((data_dir / "saves").glob("autosave_unreadable_*.json"))
    assert len(kept) == 1 and kept[0].read_bytes() == before
    assert kept[0].name in title.notice and "could not be resumed" in title.notice
    if damage == "newer version":
        assert "version 2" in title.notice
    d.frames(2)
    # a new game now autosaves without destroying anything
    d.top.new_game()
    d.frames(2)
    d.top.begin()
    assert kept[0].read_bytes() == before
    # the note survives a rebuild of the title (a resize), though the file has moved
    title.rebuild()
    assert kept[0].name in title.notice


def test_a_new_game_from_the_command_line_keeps_a_broken_autosave(make_app, tiny,
                                                                  data_dir) -> None:
    write_json(data_dir / "autosave.json", "{broken")
    d = make_app(tiny, seats=HOT_SEAT, seed=5)
    board = d.app.stack.find(BoardScene)
    kept = list((data_dir / "saves").glob("autosave_unreadable_*.json"))
    assert len(kept) == 1 and kept[0].read_text() == "{broken"
    d.key(pygame.K_RETURN)
    assert kept[0].name in board.message


def test_stale_temporary_files_are_cleaned_at_start(make_app, tiny, data_dir) -> None:
    (data_dir / "saves").mkdir(parents=True)
    stale = [data_dir / "autosave.jsonk2j3h4.tmp", data_dir / "saves" / "game_x.jsonab12.tmp"]
    fresh = data_dir / "autosave.jsonzz99.tmp"  # maybe another window writing right now
    other = data_dir / "notes.tmp"
    for path in [*stale, fresh, other]:
        path.write_text("{")
    old = os.stat(stale[0]).st_mtime - 3600
    for path in [*stale, other]:
        os.utime(path, (old, old))
    make_app(tiny)
    assert not any(p.exists() for p in stale)
    assert fresh.exists() and other.exists()


# keeping the unfinished autosave ----------------------------------------------------------

def test_the_kept_autosave_name_is_made_by_the_program(tiny_engine, data_dir,
                                                       tmp_path) -> None:
    template = good_save(tiny_engine, data_dir / "autosave.json")
    outside = tmp_path / "escaped"
    template["extra"]["round"] = f"/../../../..{outside}"
    template["saved_at"] = "../../../../" + str(outside)
    write_json(data_dir / "autosave.json", template)
    kept = storage.keep_autosave()
    assert kept.safe and kept.path is not None
    assert kept.path.parent == data_dir / "saves"
    assert kept.path.name.startswith("autosave_") and "round0" in kept.path.name
    assert set(kept.path.name) <= set("autosave_round0123456789-.json")
    assert not list(tmp_path.glob("escaped*")) and not outside.exists()
    # a second keep does not overwrite the first
    again = storage.keep_autosave()
    assert again.path != kept.path and kept.path.exists()


def test_a_full_disk_while_keeping_the_autosave_leaves_no_empty_file(
        tiny_engine, data_dir, monkeypatch) -> None:
    good_save(tiny_engine, data_dir / "autosave.json")
    original = (data_dir / "autosave.json").read_bytes()

    def disk_full(src: Path, dst: Path, **_kw: object) -> None:
        Path(dst).write_bytes(b"")  # what a full disk leaves: the file, but empty
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(shutil, "copyfile", disk_full)
    kept = storage.keep_autosave()
    # the copy failed: the game is moved instead (a rename needs no space), whole
    assert kept.safe and kept.path is not None and kept.path.read_bytes() == original
    assert [p for p in (data_dir / "saves").iterdir()] == [kept.path]
    assert all(p.stat().st_size > 0 for p in data_dir.rglob("*") if p.is_file())


def test_a_game_that_cannot_keep_the_autosave_does_not_overwrite_it(
        make_app, tiny, tiny_engine, data_dir, monkeypatch) -> None:
    good_save(tiny_engine, data_dir / "autosave.json")
    original = (data_dir / "autosave.json").read_bytes()
    (data_dir / "saves").write_text("a file where the saves folder should be")
    d = make_app(tiny, seats=HOT_SEAT, seed=5)
    board = d.app.stack.find(BoardScene)
    assert board.session.autosave_path is None
    assert "not autosaved" in board.session.save_problem
    d.key(pygame.K_RETURN)
    d.click(board.view.buttons_rect.center)  # whatever is there: play on
    board.choose_pass()
    assert board.session.turn_done
    assert (data_dir / "autosave.json").read_bytes() == original
    assert board.marks().warning


# autosave and Ctrl+S failures on the board ------------------------------------------------

def start(make_app, tiny) -> tuple[Any, BoardScene]:
    d = make_app(tiny, seats=HOT_SEAT, seed=7)
    assert isinstance(d.top, PassScene)
    d.key(pygame.K_RETURN)
    board = d.top
    assert isinstance(board, BoardScene)
    return d, board


def fail_writes(monkeypatch: pytest.MonkeyPatch, code: int) -> list[Path]:
    """Every save the window writes fails with ``code``; returns the paths it tried."""
    tried: list[Path] = []

    def failing(path: Path, save: Any) -> None:
        tried.append(path)
        raise OSError(code, os.strerror(code), str(path))

    monkeypatch.setattr("chessboard.ui.session.write_save", failing)
    return tried


@pytest.mark.parametrize("code,words", [(errno.EROFS, "read-only"),
                                        (errno.ENOSPC, "disk is full")])
def test_a_failed_autosave_warns_and_the_game_goes_on(make_app, tiny, data_dir, monkeypatch,
                                                      code, words) -> None:
    d, board = start(make_app, tiny)
    tried = fail_writes(monkeypatch, code)
    board.choose_pass()
    d.frames(2)
    assert tried == [data_dir / "autosave.json"]
    s = board.session
    assert s.turn_done and s.state.to_json()["actions"] == ["pass"]
    assert words in s.save_problem and str(data_dir) in s.save_problem
    assert board.marks().warning == s.save_problem and board.view.banner_drawn is not None
    # Ctrl+S says so too, and nothing is lost
    d.key(pygame.K_s, pygame.KMOD_CTRL)
    assert board.message_style == "error" and words in board.message
    assert "Nothing is lost" in board.message
    # it keeps trying: once the disk is fixed, the next action saves and the warning goes
    monkeypatch.undo()
    d.key(pygame.K_RETURN)  # end turn
    assert isinstance(d.top, PassScene)
    d.key(pygame.K_RETURN)
    assert d.top is board
    board.choose_pass()
    assert not s.save_problem and not board.marks().warning
    assert json.loads((data_dir / "autosave.json").read_text())["actions"] == ["pass", "pass"]


def test_a_data_folder_under_a_file_warns_and_the_game_goes_on(make_app, tiny, data_dir,
                                                               monkeypatch) -> None:
    blocker = data_dir.parent / "blocker"
    blocker.write_text("a file")
    monkeypatch.setenv("CHESSBOARD_DATA_DIR", str(blocker / "data"))
    d, board = start(make_app, tiny)
    board.choose_pass()
    assert board.session.turn_done
    assert "a file stands where a folder" in board.session.save_problem
    d.key(pygame.K_ESCAPE)
    menu = d.top
    menu.save()
    assert "Could not save" in menu.note and "Nothing is lost" in menu.note
    d.frames(2)
