"""The board map asset: loads headless, covers the five states, and is reproducible."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from chessboard.ui.mapdata import BoardMap, default_map_path, load_map

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"
ASSET = REPO_ROOT / "assets" / "map" / "central_asia.json"
FIVE = {"kazakhstan", "uzbekistan", "kyrgyzstan", "tajikistan", "turkmenistan"}


@pytest.fixture(scope="module")
def board() -> BoardMap:
    return load_map()


def test_default_path_is_repo_asset() -> None:
    assert default_map_path() == ASSET
    assert ASSET.stat().st_size < 150_000


def test_exactly_five_playable_states(board: BoardMap) -> None:
    assert {c.id for c in board.playable} == FIVE
    assert len(board.playable) == 5
    assert len({c.id for c in board.countries}) == len(board.countries)


def test_capitals_inside_their_country(board: BoardMap) -> None:
    for c in board.playable:
        assert c.capital_xy is not None and c.capital_name
        assert board.point_in_country(c.capital_xy) == c.id, c.capital_name


def test_labels_inside_their_country(board: BoardMap) -> None:
    for c in board.countries:
        assert c.contains(c.label), c.id


def test_aspect_and_unit_box(board: BoardMap) -> None:
    assert 1.0 < board.aspect < 2.0  # landscape board
    width, height = board.size
    assert max(width, height) == 1.0
    for c in board.countries:
        for ring in c.polygons:
            assert len(ring) >= 3
            for x, y in ring:
                assert -1e-9 <= x <= width + 1e-4 and -1e-9 <= y <= height + 1e-4


def test_orientation_not_mirrored(board: BoardMap) -> None:
    kaz, tkm = board.country("kazakhstan"), board.country("turkmenistan")
    kgz = board.country("kyrgyzstan")
    assert kaz.label[1] < tkm.label[1]  # north is up (y down)
    assert tkm.label[0] < kgz.label[0]  # west is left


def test_projection_matches_capitals(board: BoardMap) -> None:
    assert board.projection is not None
    x, y = board.projection.lonlat_to_xy(71.4277742, 51.1811253)  # Astana in the source data
    cx, cy = board.country("kazakhstan").capital_xy or (0.0, 0.0)
    assert abs(x - cx) < 1e-3 and abs(y - cy) < 1e-3


def test_fit_and_hit_test_roundtrip(board: BoardMap) -> None:
    t = board.fit(1280, 720, margin=16)
    w, h = board.size
    x0, y0 = t.apply((0.0, 0.0))
    x1, y1 = t.apply((w, h))
    assert x0 >= 16 and y0 >= 16
    assert x1 <= 1280 - 16 and y1 <= 720 - 16
    assert max(x1 - x0 - (1280 - 32), y1 - y0 - (720 - 32)) >= -1  # fills one axis
    kaz = board.country("kazakhstan")
    assert board.point_in_country(t.invert(t.apply(kaz.label))) == "kazakhstan"
    assert board.point_in_country((-1.0, -1.0)) is None


def test_missing_asset_reports_path(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="build_map"):
        load_map(tmp_path / "nope.json")


@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="Natural Earth source data not available")
def test_asset_is_reproducible(tmp_path: Path) -> None:
    out = tmp_path / "central_asia.json"
    subprocess.run(
        [sys.executable, str(REPO_ROOT / "tools" / "build_map.py"), "--out", str(out)],
        check=True,
        capture_output=True,
    )
    assert out.read_bytes() == ASSET.read_bytes()
