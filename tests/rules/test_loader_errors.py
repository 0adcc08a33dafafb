"""File-level refusals of the loader on a copy of the shipped rules, and the pygame-free import.

Each problem is appended to a copied file so its exact line and column follow from the text.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from rules_helpers import append

from chessboard.rules.diagnostics import Diagnostic
from chessboard.rules.loader import RulesError, load_rules
from chessboard.rules.yamlio import MAX_ALIAS_EXPANDED_NODES, MAX_FILE_BYTES, load_yaml_file


def problems(root: Path) -> list[Diagnostic]:
    with pytest.raises(RulesError) as info:
        load_rules(root)
    assert isinstance(info.value, ValueError)
    return info.value.diagnostics


def test_python_object_tag_is_refused_and_never_run(rules_copy: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = ("  - id: probe\n"
            "    name: Probe\n"
            f"    description: !!python/object/apply:os.system [\"touch {marker}\"]\n"
            "    seats: [russia, china]\n")
    index = len(load_yaml_file(rules_copy / "scenarios.yaml").data["scenarios"])
    start = append(rules_copy, "scenarios.yaml", text)
    assert problems(rules_copy) == [Diagnostic(
        "rules/scenarios.yaml", start + 2, 18, ("scenarios", index, "description"),
        "tag '!!python/object/apply:os.system' is not allowed",
        "Python object tags could run code and are never accepted; remove the tag")]
    assert not marker.exists()


def test_alias_bomb_is_refused_quickly(rules_copy: Path) -> None:
    lines = ["bomb:", '  a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"  {name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    text = "\n".join(lines) + "\n"
    start = append(rules_copy, "sources.yaml", text)
    began = time.perf_counter()
    found = problems(rules_copy)
    assert time.perf_counter() - began < 2
    # Sizes: a = 11 nodes, b = 111, c = 1111; aliases count 110 + 1110 before d, so the 8th
    # *c in d pushes the total past the limit.
    assert MAX_ALIAS_EXPANDED_NODES == 10_000
    d_line = lines[4]
    column = [i for i in range(len(d_line)) if d_line.startswith("*c", i)][7] + 1
    assert found == [Diagnostic(
        "rules/sources.yaml", start + 4, column, ("bomb", "d", 7),
        "aliases expand to too many nodes (more than 10000)",
        "each '*alias' copies the whole anchored block; write the data out or use fewer, "
        "smaller aliases")]


def test_huge_file_is_refused_before_parsing(rules_copy: Path) -> None:
    path = rules_copy / "sources.yaml"
    with path.open("a", encoding="utf-8") as handle:
        handle.write("# " + "x" * (3 * 1024 * 1024) + "\n")
    size = path.stat().st_size
    assert size > MAX_FILE_BYTES
    assert problems(rules_copy) == [Diagnostic(
        "rules/sources.yaml", 1, 1, (),
        f"file is too large ({size / (1024 * 1024):.1f} MiB; the limit is 2.0 MiB)",
        "split it into several smaller files")]


def test_not_a_rules_directory(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    assert problems(missing) == [Diagnostic(str(missing), 1, 1, (), "rules directory not found")]


def test_engine_and_loader_do_not_import_pygame() -> None:
    tiny = Path(__file__).resolve().parents[1] / "fixtures" / "tiny_rules"
    code = ("import sys\n"
            "import chessboard.engine.game, chessboard.rules.loader\n"
            "from chessboard.engine.game import Engine\n"
            "from chessboard.rules.loader import load_rules\n"
            f"Engine(load_rules({str(tiny)!r})).new_game(seed=1)\n"
            "assert 'chessboard.engine.game' in sys.modules\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pygame'))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
