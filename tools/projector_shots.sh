#!/usr/bin/env bash
# Projector mode by eye: every screen at 1280x720 in the largest UI scale, in the standard and
# the high-contrast palettes, as PNGs in DIR (default /tmp/projector-shots). Look at each one.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-/tmp/projector-shots}
py=.venv/bin/python
[[ -x $py ]] || py=python3
"$py" tools/projector_shots.py --out "$out/standard" --scale 150 --size 1280x720 >/dev/null
"$py" tools/projector_shots.py --out "$out/high-contrast" --scale 150 --size 1280x720 \
  --high-contrast | grep -E "smallest|screenshots"
echo "screenshots in $out/standard and $out/high-contrast"
