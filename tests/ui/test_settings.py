"""Projector mode's settings: UI scale and high contrast, kept between runs, keys and flags."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from chessboard.cli import main
from chessboard.ui import theme as th
from chessboard.ui.settings import (
    SCALES,
    Settings,
    load_settings,
    parse_scale,
    save_settings,
    settings_path,
)
from chessboard.ui.theme import Theme

pytestmark = pytest.mark.ui

CTRL = pygame.KMOD_LCTRL


@pytest.mark.parametrize(("text", "percent"), [("150", 150), ("140%", 140), ("1.25", 125),
                                               (" 110 ", 110), ("1.5", 150)])
def test_scales_are_read_as_percent_or_factor(text: str, percent: int) -> None:
    assert parse_scale(text) == percent


@pytest.mark.parametrize("text", ["130", "2", "200", "0", "-100", "big", "", "nan", "inf", "140.5"])
def test_a_scale_not_offered_is_refused_with_the_choices(text: str) -> None:
    with pytest.raises(ValueError, match="must be one of 100, 110, 125, 140, 150"):
        parse_scale(text)


def test_settings_round_trip(data_dir: Path) -> None:
    assert load_settings() == (Settings(), "")  # no file yet: defaults, no complaint
    assert save_settings(Settings(scale=140, high_contrast=True)) == ""
    assert load_settings() == (Settings(scale=140, high_contrast=True), "")
    assert settings_path().parent == data_dir


@pytest.mark.parametrize(("content", "expected", "says"), [
    ("{not json", Settings(), "cannot be read"),
    ("[1, 2]", Settings(), "damaged"),
    (b"\xff\xfe\x00", Settings(), "cannot be read"),
    ('{"scale": 130, "high_contrast": true}', Settings(high_contrast=True), "scale 130"),
    ('{"scale": 150, "high_contrast": "yes"}', Settings(scale=150), "high_contrast 'yes'"),
    ('{"scale": true}', Settings(), "scale True"),
    ("[" * 100_000, Settings(), "too large"),
])
def test_a_damaged_settings_file_gives_defaults_and_says_why(
        data_dir: Path, content: str | bytes, expected: Settings, says: str) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    settings, problem = load_settings()
    assert settings == expected
    assert says in problem and str(path) in problem


def test_settings_that_cannot_be_written_say_why(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    settings_path().mkdir()  # a folder where the file should be
    problem = save_settings(Settings(scale=150))
    assert "could not be saved" in problem


def test_the_scale_steps_stay_within_the_choices() -> None:
    assert Settings(scale=100).step_scale(-1).scale == 100
    assert Settings(scale=100).step_scale(1).scale == 110
    assert Settings(scale=150).step_scale(1).scale == 150
    assert len(SCALES) >= 4


def test_the_user_scale_multiplies_the_theme_and_floors_small_text() -> None:
    pygame.init()
    try:
        plain = Theme((1280, 720))
        big = Theme((1280, 720), scale=1.5)
        assert big.px(100) == 120 and plain.px(100) == 100  # the layout grows less
        assert big.font(20).get_height() > 1.45 * plain.font(20).get_height()
        assert plain.text_px(11) == 11
        assert big.text_px(9) == 18 and big.text_px(20) == 30  # small text gains the most
        panel = Theme((1280, 720), factor=0.5, scale=1.5)  # a shrunk panel at 150%
        assert panel.px(11) == 7 and panel.text_px(11) == 18
        assert panel.font(11).get_height() == big.font(9).get_height()
        plain_panel = Theme((1280, 720), factor=0.5)  # at 100% the designed sizes stand
        assert plain_panel.text_px(11) == 6
    finally:
        pygame.quit()


def test_high_contrast_changes_the_palette_and_the_widgets() -> None:
    try:
        th.use_palette(high_contrast=True)
        assert th.BG == (0, 0, 0) and th.TEXT == (255, 255, 255)
        assert th.STANDARD_PALETTE["LEGAL"] != th.LEGAL
        data = Theme.__new__(Theme)
        data.high_contrast, data.u, data.text_u = True, 1.0, 1.0
        gui = Theme.gui_theme(data)
        assert gui["defaults"]["colours"]["normal_bg"] == "#000000"
        assert gui["label"]["colours"]["dark_bg"] == "#00000000"  # transparent stays so
        assert gui["@primary"]["colours"]["normal_bg"] == "#ffdd00"  # Start stands out
    finally:
        th.use_palette(high_contrast=False)
    assert th.STANDARD_PALETTE["BG"] == th.BG


def test_keys_change_the_scale_and_contrast_and_remember_them(make_app, tiny) -> None:
    d = make_app(tiny)
    app = d.app
    assert app.theme.scale == 1.0
    d.key(pygame.K_EQUALS, CTRL)
    d.key(pygame.K_EQUALS, CTRL)
    assert app.theme.scale == 1.25 and app.theme.px(100) == 110
    assert "UI scale 125%" in app.toast
    assert load_settings()[0].scale == 125
    d.key(pygame.K_MINUS, CTRL)
    assert app.theme.scale == 1.1
    d.key(pygame.K_h, CTRL)
    assert th.BG == (0, 0, 0) and app.theme.high_contrast
    assert load_settings()[0] == Settings(scale=110, high_contrast=True)
    d.key(pygame.K_0, CTRL)
    assert app.theme.scale == 1.0 and load_settings()[0].scale == 100
    d.key(pygame.K_h, CTRL)
    assert th.STANDARD_PALETTE["BG"] == th.BG


def test_a_new_window_opens_with_the_saved_settings(make_app, tiny) -> None:
    save_settings(Settings(scale=140, high_contrast=True))
    app = make_app(tiny).app
    assert app.theme.scale == 1.4 and app.theme.high_contrast and th.BG == (0, 0, 0)
    app2 = make_app(tiny, scale=100, high_contrast=False).app  # the command line's, this run
    assert app2.theme.scale == 1.0 and th.STANDARD_PALETTE["BG"] == th.BG
    assert load_settings()[0].scale == 140  # the saved one is kept for the next run


def test_a_damaged_settings_file_is_said_on_the_title_screen(make_app, tiny,
                                                             data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    settings_path().write_text('{"scale": "huge"}', encoding="utf-8")
    d = make_app(tiny)
    assert "scale 'huge'" in d.top.notice
    assert d.app.theme.scale == 1.0


def test_scale_on_the_command_line_is_checked(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["play", "--scale", "130"])
    out, err = capsys.readouterr()
    assert status != 0
    assert "--scale: the UI scale must be one of 100, 110, 125, 140, 150" in err
    assert "Traceback" not in out + err
    assert main(["play", "--headless", "--scale", "150"]) != 0
    assert "drop --headless" in capsys.readouterr().err


def test_the_menu_changes_text_size_and_contrast_too(make_app, tiny) -> None:
    from chessboard.seats import Seat

    d = make_app(tiny, autoplay=True, seats=[Seat("russia", True), Seat("china", False)],
                 seed=3)
    d.run_until(lambda: d.app.top_is("board") and d.top.session.can_act())
    d.key(pygame.K_ESCAPE)
    assert d.app.top_is("menu")
    d.click(d.button("Text size and contrast").rect.center)
    assert d.app.top_is("display")
    d.click(d.button("Larger text (Ctrl+=)").rect.center)
    assert d.app.theme.scale == 1.1 and load_settings()[0].scale == 110
    d.click(d.button("High contrast: off (Ctrl+H)").rect.center)
    assert d.app.theme.high_contrast and load_settings()[0].high_contrast
    assert d.button("High contrast: on (Ctrl+H)")  # the label follows
    d.click(d.button("Text at 100% (Ctrl+0)").rect.center)
    assert d.app.theme.scale == 1.0
    assert not d.button("Smaller text (Ctrl+-)").is_enabled  # 100% is the smallest
    d.key(pygame.K_ESCAPE)
    assert d.app.top_is("menu")


def test_the_board_lays_itself_out_again_at_a_new_scale(make_app, tiny) -> None:
    from chessboard.seats import Seat

    d = make_app(tiny, autoplay=True, seats=[Seat("russia", True), Seat("china", False)],
                 seed=3)
    d.run_until(lambda: d.app.top_is("board"))
    view = d.top.view
    full = [g.rect.copy() for g in view.panels]
    assert not view.compact and all(g.opinion for g in view.panels)
    for _ in range(4):
        d.key(pygame.K_EQUALS, CTRL)
    assert d.app.theme.scale == 1.5
    assert view.compact and not any(g.opinion for g in view.panels)  # attitudes: tooltip
    assert [g.rect for g in view.panels] != full
    assert view.pt.scale == 1.5  # the panels' own theme follows


def test_settings_that_cannot_be_kept_still_apply_and_say_why(make_app, tiny,
                                                              data_dir: Path) -> None:
    d = make_app(tiny)
    settings_path().mkdir(parents=True)  # a folder where the file should be
    d.key(pygame.K_EQUALS, CTRL)
    assert d.app.theme.scale == 1.1
    assert "could not be saved" in d.app.toast
