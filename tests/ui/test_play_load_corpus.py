"""``chessboard play --load FILE`` with files of the broken-save corpus: the title screen opens
with the reason, never a traceback (the App's own route, in an invisible window)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from chessboard.ui.board import BoardScene
from chessboard.ui.title import TitleScene
from save_corpus import base_save, case

# one or two of each kind: the app route is the same for every case of a kind
NAMES = ["empty file", "random binary", "2,000-deep list", "5,000-digit seed",
         "a folder named x.json", "a dangling symlink", "a FIFO", "a symlink to /dev/zero",
         "seat bot 'xx'", "seat bot null", "newer format", "a 10,000-character action",
         "other rules hash", "unknown faction", "an action that is not one",
         "extra.round path-like", "wrong state digest"]


@pytest.mark.parametrize("name", NAMES)
def test_play_load(make_app, rules, tmp_path: Path, name: str) -> None:
    item = case(name)
    if item.posix_only and os.name != "posix":
        pytest.skip("needs symlinks and FIFOs")
    folder = tmp_path / "files"
    folder.mkdir()
    path = item.write(folder, base_save())
    driver = make_app(rules, load=path)
    if name == "other rules hash":  # offered "load by replaying" under these rules
        import pygame

        from chessboard.ui.overlays import ConfirmScene

        assert isinstance(driver.top, ConfirmScene)
        assert item.reason in driver.top.text
        driver.key(pygame.K_RETURN)
        assert isinstance(driver.top, BoardScene)
        # said when a human is next to act (bots may move first)
        board = driver.top
        assert "Loaded by replaying: replayed" in f"{board.message} {board.session.notice}"
    elif item.stage in ("read", "restore"):
        assert isinstance(driver.top, TitleScene)
        assert item.reason in driver.top.error
    else:  # loads (a digest is checked by replay, not by loading)
        assert isinstance(driver.top, BoardScene)
