"""Every case of the broken-save corpus through the engine's and the command line's load routes:
``read_save``, ``restore``/``replay_matches``, ``chessboard replay`` and the window's
``GameSession.load`` (what ``play --load`` calls): a clear refusal, never a traceback or a hang.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from chessboard import cli
from chessboard.engine.game import Engine
from chessboard.engine.saves import SaveError, read_save, replay_matches, restore
from chessboard.rules.loader import Rules
from save_corpus import CASE_NAMES, Case, base_save, case


def _write(name: str, folder: Path) -> tuple[Case, Path]:
    item = case(name)
    if item.posix_only and os.name != "posix":
        pytest.skip("needs symlinks and FIFOs")
    return item, item.write(folder, base_save())


@pytest.mark.parametrize("name", CASE_NAMES)
def test_engine_routes(name: str, tmp_path: Path, engine: Engine, no_hang: None) -> None:
    item, path = _write(name, tmp_path)
    if item.stage == "read":
        with pytest.raises(SaveError) as info:
            read_save(path)
        assert item.reason in str(info.value)
        assert len(str(info.value)) < 400 + len(str(path))  # names the field, never a value
        return
    save = read_save(path)
    if item.stage == "restore":
        with pytest.raises(SaveError) as info:
            restore(engine, save)
        assert item.reason in str(info.value)
        assert len(str(info.value)) < 600
        return
    _, same = replay_matches(engine, save)
    assert same == (item.stage == "loads")


@pytest.mark.parametrize("name", CASE_NAMES)
def test_replay_command(name: str, tmp_path: Path, rules: Rules,
                        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                        no_hang: None) -> None:
    item, path = _write(name, tmp_path)
    monkeypatch.setattr(cli, "_load", lambda *_args: rules)  # the route, minus reloading rules
    status = cli.main(["replay", str(path)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    if item.stage == "loads":
        assert status == 0 and "end state matches the save" in out
    else:
        assert status == 1
        assert (item.reason if item.stage != "digest" else "differs") in err


@pytest.mark.parametrize("name", CASE_NAMES)
def test_session_load(name: str, tmp_path: Path, engine: Engine, no_hang: None) -> None:
    """``play --load`` and Resume build the window's session with ``GameSession.load``."""
    from chessboard.ui.session import GameSession

    item, path = _write(name, tmp_path)
    if item.stage in ("read", "restore"):
        with pytest.raises(SaveError) as info:
            GameSession.load(engine, path)
        assert item.reason in str(info.value)
        return
    session = GameSession.load(engine, path)
    assert session.state.round >= 1 and session.seats


def test_the_corpus_is_broad() -> None:
    """The issue's 58 variants in spirit: every stage, every kind of file."""
    stages = [case(n).stage for n in CASE_NAMES]
    assert len(CASE_NAMES) >= 58
    for stage in ("read", "restore", "digest", "loads"):
        assert stages.count(stage) >= 2, stage


def test_corpus_files_stay_inside_their_folder(tmp_path: Path) -> None:
    """Writers create files only in the folder they are given (symlinks point out, no more)."""
    for name in CASE_NAMES:
        item = case(name)
        if item.posix_only and os.name != "posix":
            continue
        folder = tmp_path / str(CASE_NAMES.index(name))
        folder.mkdir()
        path = item.write(folder, base_save())
        assert path.parent == folder


def test_all_cases_in_one_folder(tmp_path: Path, no_hang: None) -> None:
    """As a saves/ folder holding every bad file at once (the Load list's situation): each
    reads or is refused on its own, whatever sits beside it."""
    from save_corpus import write_all

    paths = write_all(tmp_path)
    assert len({p.name for p in paths.values()}) == len(paths)
    for name, path in paths.items():
        item = case(name)
        if item.stage == "read":
            with pytest.raises(SaveError) as info:
                read_save(path)
            assert item.reason in str(info.value), name
        else:
            read_save(path)
