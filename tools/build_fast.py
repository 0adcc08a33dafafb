"""Build the engine's optional compiled modules in place (mypyc), or remove them.

    pip install -e '.[fast]'          # mypy (which ships mypyc) and setuptools; needs gcc and
                                      # the Python headers (Debian: gcc python3-dev)
    python3 tools/build_fast.py       # compile chessboard.engine's hot modules beside their sources
    python3 tools/build_fast.py --clean

The sources stay the truth: the build writes ``src/chessboard/engine/_fast_build.json`` with a
digest of the sources it compiled, and the engine uses the compiled modules only while that
digest matches (after an edit it warns and runs pure Python until rebuilt; see
``chessboard/engine/__init__.py``). The built files are ignored by git. Exit status: 0 built,
1 failed (the engine then stays pure Python).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
sys.path.insert(0, str(SRC))

from chessboard.engine import COMPILED, STAMP, extension_files, sources_digest  # noqa: E402

# The shared library mypyc puts the compiled code of every module in (each module's own
# extension is a small shim that imports it): inside the package, so the clean-up finds it.
GROUP = "chessboard.engine.fast"


def built_files() -> list[Path]:
    """Every file a build leaves in the source tree (extension modules and the stamp)."""
    found = extension_files()
    return [*found, STAMP] if STAMP.exists() else found


def clean() -> None:
    for path in built_files():
        path.unlink()


def build() -> int:
    try:
        from mypyc.build import mypycify
        from setuptools import setup
    except ImportError:
        print("build_fast: mypyc is not installed: pip install -e '.[fast]'", file=sys.stderr)
        return 1
    clean()  # a half-finished build must not leave old modules beside a missing stamp
    digest = sources_digest()
    start = time.monotonic()
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="chessboard-fast-") as tmp:
        # Module names come from the paths relative to the working folder: build from src/.
        os.chdir(SRC)
        try:
            paths = [f"chessboard/engine/{name}.py" for name in COMPILED]
            # The rest of the program (rules models, pydantic) is type-checked as it is typed;
            # the few libraries without stubs (yaml) are treated as Any.
            modules = mypycify([*paths, "--ignore-missing-imports", "--cache-dir", f"{tmp}/cache"],
                               opt_level="3", target_dir=f"{tmp}/c", group_name=GROUP)
            setup(name="chessboard-engine-fast", ext_modules=modules, script_args=[
                "--quiet", "build_ext", "--inplace", "--build-temp", f"{tmp}/o",
                "--build-lib", f"{tmp}/lib",
                "--parallel", str(os.cpu_count() or 1)])
        except (SystemExit, Exception) as err:  # setuptools reports a compiler error by exiting
            clean()
            print(f"build_fast: the build failed ({err}); the engine stays pure Python",
                  file=sys.stderr)
            return 1
        finally:
            os.chdir(cwd)
    if sources_digest() != digest:  # edited during the build: what was compiled is unknown
        clean()
        print("build_fast: the sources changed during the build; run it again", file=sys.stderr)
        return 1
    STAMP.write_text(json.dumps({"sources": digest, "python": sys.implementation.cache_tag,
                                 "modules": list(COMPILED)}, indent=1) + "\n", encoding="utf-8")
    print(f"build_fast: compiled {len(COMPILED)} engine modules with mypyc in "
          f"{time.monotonic() - start:.0f} s; CHESSBOARD_PURE=1 runs the pure Python ones")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clean", action="store_true", help="remove the compiled modules")
    args = parser.parse_args()
    if args.clean:
        clean()
        print("build_fast: removed the compiled modules; the engine is pure Python")
        return 0
    return build()


if __name__ == "__main__":
    sys.exit(main())
