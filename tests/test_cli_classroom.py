"""``play --preset``, ``--timer`` and ``--timer-action`` on the command line."""

from __future__ import annotations

import pytest

from chessboard.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_a_preset_sets_the_rounds_and_says_how_long(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "play", "--headless", "--preset", "45min", "--seats",
                           "all=bot:random", "--seed", "3")
    assert status == 0
    assert "Round 3" in out and "Round 4" not in out and "3 rounds" in out
    assert "preset 45min" in err and "min of play" in err


def test_rounds_given_override_the_preset(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _err = run(capsys, "play", "--headless", "--preset", "45min", "--rounds", "2",
                            "--seats", "all=bot:random", "--seed", "3")
    assert status == 0 and "Round 2" in out and "Round 3" not in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("play", "--timer", "5"), "the turn timer must be 10 to 3600 seconds, not 5"),
        (("play", "--headless", "--timer", "30"), "drop --headless"),
        (("play", "--preset", "2h"), "invalid choice: '2h'"),
        (("play", "--timer-action", "explode"), "invalid choice: 'explode'"),
        (("play", "--seat-timer", "china=90"), "give --timer"),
        (("play", "--timer", "60", "--seat-timer", "atlantis=90"), "not a faction"),
        (("play", "--headless", "--seat-timer", "china=90"), "drop --headless"),
    ],
)
def test_bad_classroom_options_get_a_message(capsys: pytest.CaptureFixture[str],
                                             args: tuple[str, ...], message: str) -> None:
    try:
        status, out, err = run(capsys, *args)
    except SystemExit as exit_:  # argparse's own refusals
        status = int(exit_.code or 0)
        out, err = capsys.readouterr()
    assert status != 0
    assert message in out + err
    assert "Traceback" not in out + err
