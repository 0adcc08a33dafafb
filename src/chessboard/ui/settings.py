"""The window's settings that outlive a game: UI scale and the high-contrast theme (no pygame).

They live in ``settings.json`` in the data folder beside the saves (``$CHESSBOARD_DATA_DIR``
moves both). The file is the program's own, but a person may edit it or a disk damage it: a
file that cannot be read gives the defaults and a sentence saying why, never a traceback, and
each setting is checked on its own so one bad value does not throw away the others.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from chessboard.engine.saves import write_json_atomically
from chessboard.ui.storage import data_dir, why_not_written

# The UI scale in percent. The largest makes the smallest text at least 18 px high in a
# 1280×720 window (a projector's usual resolution; checked by tests/ui/test_projector.py):
# small text is raised to a floor (theme.MIN_TEXT) faster than the layout grows, so the board
# keeps room for the map. Scaling everything to 200% would leave a 640×360 layout.
SCALES = (100, 110, 125, 140, 150)
DEFAULT_SCALE = 100
SETTINGS_NAME = "settings.json"
MAX_SETTINGS_BYTES = 64_000  # the file holds a few numbers: anything bigger is not ours


@dataclass(frozen=True, slots=True)
class Settings:
    scale: int = DEFAULT_SCALE  # percent, one of SCALES
    high_contrast: bool = False

    def step_scale(self, steps: int) -> Settings:
        """The next larger (``steps`` > 0) or smaller scale, staying within :data:`SCALES`."""
        at = SCALES.index(self.scale) if self.scale in SCALES else SCALES.index(DEFAULT_SCALE)
        return replace(self, scale=SCALES[max(0, min(len(SCALES) - 1, at + steps))])


def settings_path() -> Path:
    return data_dir() / SETTINGS_NAME


def parse_scale(text: str) -> int:
    """A scale from the command line: ``150``, ``150%`` or ``1.5``; ValueError says why not."""
    raw = text.strip().removesuffix("%").strip()
    try:
        number = float(raw)
    except ValueError:
        number = -1.0
    if not math.isfinite(number):
        number = -1.0
    if 0 < number <= 4 and not raw.isdigit():  # a factor such as 1.5
        number *= 100
    percent = round(number)
    if percent not in SCALES or abs(number - percent) > 1e-6:
        raise ValueError(f"the UI scale must be one of {', '.join(map(str, SCALES))} "
                         f"(percent), not {text!r}")
    return percent


def load_settings(path: Path | None = None) -> tuple[Settings, str]:
    """The saved settings and, when the file could not be used (in part), why.

    A missing file is no problem: the defaults, silently.
    """
    path = path or settings_path()
    try:
        if path.stat().st_size > MAX_SETTINGS_BYTES:
            return Settings(), (f"The settings file {path} is too large to be the game's own; "
                                "the default settings are used.")
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings(), ""
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as err:
        return Settings(), (f"The settings file {path} cannot be read "
                            f"({type(err).__name__}); the default settings are used.")
    if not isinstance(data, dict):
        return Settings(), (f"The settings file {path} is damaged (not a table of settings); "
                            "the default settings are used.")
    settings, bad = Settings(), []
    scale = data.get("scale", DEFAULT_SCALE)
    if isinstance(scale, int) and not isinstance(scale, bool) and scale in SCALES:
        settings = replace(settings, scale=scale)
    else:
        bad.append(f"scale {scale!r} is not one of {', '.join(map(str, SCALES))}")
    contrast = data.get("high_contrast", False)
    if isinstance(contrast, bool):
        settings = replace(settings, high_contrast=contrast)
    else:
        bad.append(f"high_contrast {contrast!r} is not true or false")
    if bad:
        return settings, (f"In the settings file {path}: {'; '.join(bad)}; the default is "
                          "used for it.")
    return settings, ""


def save_settings(settings: Settings, path: Path | None = None) -> str:
    """Write the settings; an empty string, or why they could not be kept (for the window)."""
    path = path or settings_path()
    try:
        write_json_atomically(path, asdict(settings))
    except OSError as err:
        return f"The settings could not be saved in {path.parent}: {why_not_written(err)}."
    return ""
