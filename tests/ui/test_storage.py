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
from chessboard.ui.handoff import PassScene
from chessboard.ui.load import LoadScene
from chessboard.ui.session import GameSession
from chessboard.ui.title import TitleScene
from save_corpus import CASES, Case, base_save

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


def corpus_into(folder: Path, name_of: Any) -> dict[str, tuple[Case, bool]]:
    """Every case of the broken-save corpus, each moved into ``folder`` under ``name_of(k)``.

    Returns file name -> (case, whether the file is a symbolic link: moving a link keeps its
    target, so a link case may break in another way than in its own folder).
    """
    base = base_save()
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for k, item in enumerate(CASES):
        if item.posix_only and os.name != "posix":
            continue
        scratch = folder.parent / "scratch" / str(k)
        scratch.mkdir(parents=True)
        path = item.write(scratch, base)
        target = folder / name_of(k)
        link = path.is_symlink()
        os.replace(path, target)
        out[target.name] = (item, link)
    return out


# the Load list -------------------------------------------------------------------------------

def test_the_load_list_names_every_broken_file_and_loads_the_rest(make_app, rules,
                                                                  data_dir) -> None:
    saves = data_dir / "saves"
    written = corpus_into(saves, lambda k: f"case{k:03d}.json")
    write_json(saves / "good.json", base_save())
    entries = storage.list_saves()
    assert sorted(e.path.name for e in entries) == sorted([*written, "good.json"])
    for entry in entries:
        if entry.path.name == "good.json":
            assert entry.save is not None
            continue
        item, link = written[entry.path.name]
        text = entry.describe()  # never raises, whatever the file holds
        if item.stage == "read":
            assert entry.save is None, item.name
            assert text.startswith("Unreadable:") and entry.path.name in text, item.name
            assert str(saves) not in text  # named by the file, not the whole path
            assert link or item.reason in entry.error, item.name
        else:  # refused (if at all) when loaded
            assert entry.save is not None, item.name
    # the same through the window: the list opens; a bad file says why, the others load
    d = make_app(rules)
    d.top.load_game()
    d.frames(2)
    loader = d.top
    assert isinstance(loader, LoadScene) and len(loader.entries) == len(entries)
    for k in range(len(loader.entries)):
        entry = loader.entries[k]
        item, link = written.get(entry.path.name, (None, False))
        loader.load(k)
        d.frames(1)
        if item is None or item.stage in ("loads", "digest"):
            board = d.app.stack.find(BoardScene)
            assert board is not None, entry.path.name
            d.app.to_title()
            d.top.load_game()
            d.frames(1)
            loader = d.top
            continue
        if item.name == "other rules hash":  # offered "load by replaying" instead; declined
            from chessboard.ui.overlays import ConfirmScene

            assert isinstance(d.top, ConfirmScene) and item.reason in d.top.text
            d.key(pygame.K_ESCAPE)
            assert d.top is loader and d.app.stack.find(BoardScene) is None
            continue
        assert d.top is loader and d.app.stack.find(BoardScene) is None, item.name
        assert link or item.reason in loader.error, (item.name, loader.error)


# Resume: the whole corpus as the autosave ---------------------------------------------------

def test_every_broken_autosave_is_resumed_or_kept_aside_with_its_reason(make_app, rules,
                                                                        data_dir) -> None:
    d = make_app(rules)
    title = d.top
    assert isinstance(title, TitleScene)
    staged = corpus_into(data_dir / "staged", lambda k: f"case{k:03d}.json")
    for name, (item, link) in staged.items():
        os.replace(data_dir / "staged" / name, data_dir / "autosave.json")
        title.notice = title.error = ""
        title.rebuild()
        offered = any(b.text.startswith("Resume") for b in title.buttons)
        if item.stage == "read":
            assert not offered, item.name
            assert "kept in" in title.notice, item.name  # set aside, and the title says where
            assert link or item.reason in title.notice, (item.name, title.notice)
            assert not os.path.lexists(data_dir / "autosave.json"), item.name
            continue
        assert offered, item.name
        title.resume_autosave()
        d.frames(1)
        if item.name == "other rules hash":  # offered "load by replaying"; taken
            from chessboard.ui.overlays import ConfirmScene

            assert isinstance(d.top, ConfirmScene) and item.reason in d.top.text
            d.key(pygame.K_RETURN)
            assert d.app.stack.find(BoardScene) is not None
            d.app.to_title()
        elif item.stage == "restore":
            assert d.top is title and item.reason in title.error, item.name
        else:
            assert d.app.stack.find(BoardScene) is not None, item.name
            d.app.to_title()
        (data_dir / "autosave.json").unlink(missing_ok=True)
    kept = list((data_dir / "saves").iterdir())
    assert len(kept) == sum(1 for item, _ in staged.values() if item.stage == "read")


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
        assert "newer version" in title.notice
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
    stale = [data_dir / ".autosave.json.k2j3h4.tmp", data_dir / "autosave.jsonk2j3h4.tmp",
             data_dir / "saves" / ".autosave_x.json.123.tmp"]
    fresh = data_dir / ".autosave.json.zz99.tmp"  # maybe another window writing right now
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
