"""``play --devices`` on the command line: mistakes get a sentence; addresses are checked."""

from __future__ import annotations

import pytest

from chessboard.cli import main
from chessboard.net import address
from chessboard.net.address import AddressError, check_bind, link_host


@pytest.mark.parametrize(("args", "message"), [
    (("play", "--bind", "127.0.0.1"), "--bind and --port belong to --devices"),
    (("play", "--port", "8080"), "--bind and --port belong to --devices"),
    (("play", "--devices", "--headless"), "--devices needs the window"),
    (("play", "--devices", "--bind", "my-laptop; rm -rf /"), "--bind needs an IP address"),
    (("play", "--devices", "--port", "70000"), "--port must be 0 to 65535"),
])
def test_device_option_mistakes_get_a_message(capsys, args, message) -> None:
    status = main(list(args))
    out, err = capsys.readouterr()
    assert status != 0 and message in out + err and "Traceback" not in out + err


def test_bind_addresses(monkeypatch: pytest.MonkeyPatch) -> None:
    assert check_bind(" 192.168.1.20 ") == "192.168.1.20"
    assert check_bind("localhost") == "127.0.0.1"
    assert check_bind("::1") == "::1"
    with pytest.raises(AddressError, match=r"not '0\.0\.0\.0\.0'"):
        check_bind("0.0.0.0.0")
    assert link_host("::1") == "[::1]"
    # every interface only when asked, and then the links name the local network address
    monkeypatch.setattr(address, "local_address", lambda: "192.168.5.9")
    assert link_host("0.0.0.0") == "192.168.5.9"


def test_the_device_page_ships_inside_the_package() -> None:
    from importlib import resources
    from pathlib import Path

    pyproject = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text()
    assert '"net/static/*"' in pyproject  # package data of the wheel
    static = resources.files("chessboard.net").joinpath("static")
    for name in ("index.html", "app.js", "style.css"):
        assert static.joinpath(name).is_file()
