"""Every script in benchmarks/ runs in its short smoke mode, so none can rot unnoticed (the
render benchmark crashed on a scripted game that had changed under it)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = sorted(p for p in (ROOT / "benchmarks").glob("*.py") if not p.name.startswith("_"))
# benchmarks of an optional extra run where that extra is installed (CI installs them all)
NEEDS = {"rl": "pettingzoo", "devices": "aiohttp"}


def test_there_are_benchmarks() -> None:
    assert {p.stem for p in SCRIPTS} >= {"engine", "bots", "render"}


@pytest.mark.parametrize("script", SCRIPTS, ids=[p.stem for p in SCRIPTS])
def test_benchmark_smoke_mode(script: Path, tmp_path: Path) -> None:
    if script.stem in NEEDS:
        pytest.importorskip(NEEDS[script.stem])
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy",
           "CHESSBOARD_DATA_DIR": str(tmp_path / "data"), "PYGAME_HIDE_SUPPORT_PROMPT": "1"}
    env.pop("DISPLAY", None)
    result = subprocess.run([sys.executable, str(script), "--smoke"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    assert result.stdout.strip(), "a benchmark prints its figures"
