"""What the benchmarks print about the machine they ran on (not a benchmark itself)."""

from __future__ import annotations

import os


def load_line() -> str:
    """The load average: wall times mean little on a busy machine, ratios and CPU times more."""
    try:
        one, five, _ = os.getloadavg()
    except OSError:  # pragma: no cover - not on every platform
        return "load average unknown"
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} cores"
