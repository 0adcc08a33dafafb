"""Line charts as inline SVG: series told apart by line style and marker, not colour alone.

A chart is a few dozen SVG elements written by hand: no plotting library, no fonts or images
to embed, and it prints as sharp vectors.
"""

from __future__ import annotations

from dataclasses import dataclass

from chessboard.report.page import esc

# Dash patterns and marker shapes, in the order series get them: two series never share both,
# so a reader with any colour vision (or a black-and-white printout) tells them apart.
DASHES = ("", "7 4", "2 3", "10 3 2 3", "4 4", "12 4", "1 2", "6 2 1 2")
MARKERS = ("circle", "square", "triangle", "diamond", "cross", "triangle_down", "plus", "star")


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    values: list[int]
    colour: str


def marker_svg(shape: str, x: float, y: float, colour: str, size: float = 4.5) -> str:
    """One marker; outlined shapes keep overlapping points readable."""
    s = size
    stroke = f'stroke="{esc(colour)}" stroke-width="1.6"'
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{s:.1f}" fill="white" {stroke}/>'
    if shape == "square":
        return (f'<rect x="{x - s:.1f}" y="{y - s:.1f}" width="{2 * s:.1f}" height="{2 * s:.1f}" '
                f'fill="{esc(colour)}" {stroke}/>')
    if shape in ("triangle", "triangle_down"):
        d = -1 if shape == "triangle" else 1
        pts = f"{x:.1f},{y + d * s * 1.2:.1f} {x - s:.1f},{y - d * s * 0.8:.1f} " \
              f"{x + s:.1f},{y - d * s * 0.8:.1f}"
        fill = "white" if shape == "triangle" else esc(colour)
        return f'<polygon points="{pts}" fill="{fill}" {stroke}/>'
    if shape == "diamond":
        pts = f"{x:.1f},{y - s * 1.3:.1f} {x + s:.1f},{y:.1f} {x:.1f},{y + s * 1.3:.1f} " \
              f"{x - s:.1f},{y:.1f}"
        return f'<polygon points="{pts}" fill="{esc(colour)}" {stroke}/>'
    if shape == "plus":
        return (f'<path d="M{x - s:.1f},{y:.1f}H{x + s:.1f}M{x:.1f},{y - s:.1f}V{y + s:.1f}" '
                f'{stroke} stroke-width="2.2"/>')
    if shape == "star":
        return (f'<path d="M{x - s:.1f},{y:.1f}H{x + s:.1f}M{x:.1f},{y - s:.1f}V{y + s:.1f}'
                f'M{x - s * .7:.1f},{y - s * .7:.1f}L{x + s * .7:.1f},{y + s * .7:.1f}'
                f'M{x - s * .7:.1f},{y + s * .7:.1f}L{x + s * .7:.1f},{y - s * .7:.1f}" '
                f'{stroke}/>')
    # cross
    return (f'<path d="M{x - s:.1f},{y - s:.1f}L{x + s:.1f},{y + s:.1f}M{x - s:.1f},{y + s:.1f}'
            f'L{x + s:.1f},{y - s:.1f}" {stroke} stroke-width="2"/>')


def line_chart(title: str, labels: list[str], series: list[Series], *, low: int | None = None,
               high: int | None = None, width: int = 480, height: int = 260,
               chart_id: str = "") -> str:
    """An SVG line chart of ``series`` over the x ``labels`` (rounds), with a legend."""
    if not labels:
        return ""
    values = [v for s in series for v in s.values] or [0]
    lo = min(values) if low is None else min(low, *values)
    hi = max(values) if high is None else max(high, *values)
    if hi == lo:
        hi = lo + 1
    legend_rows = (len(series) + 2) // 3
    left, right, top = 34, 12, 26
    bottom = 28 + 18 * legend_rows
    plot_w, plot_h = width - left - right, height - top - bottom
    n = len(labels)

    def px(i: int) -> float:
        return left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def py(v: float) -> float:
        return top + plot_h * (hi - v) / (hi - lo)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
           f'viewBox="0 0 {width} {height}" width="{width}" height="{height}"'
           f'{f" id={chr(34)}{esc(chart_id)}{chr(34)}" if chart_id else ""} '
           f'aria-label="{esc(title)}">',
           f"<title>{esc(title)}</title>",
           f'<text x="{left}" y="16" font-size="13" font-weight="bold">{esc(title)}</text>']
    step = max(1, round((hi - lo) / 5))
    tick = lo
    while tick <= hi:
        y = py(tick)
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" '
                   f'stroke="#ddd" stroke-width="1"/>')
        out.append(f'<text x="{left - 5}" y="{y + 4:.1f}" font-size="11" '
                   f'text-anchor="end">{tick}</text>')
        tick += step
    for i, label in enumerate(labels):
        out.append(f'<text x="{px(i):.1f}" y="{top + plot_h + 15}" font-size="11" '
                   f'text-anchor="middle">{esc(label)}</text>')
    out.append(f'<line x1="{left}" x2="{left}" y1="{top}" y2="{top + plot_h}" stroke="#555"/>')
    out.append(f'<line x1="{left}" x2="{width - right}" y1="{top + plot_h}" '
               f'y2="{top + plot_h}" stroke="#555"/>')
    for k, s in enumerate(series):
        dash = DASHES[k % len(DASHES)]
        shape = MARKERS[k % len(MARKERS)]
        # a nudge per series keeps equal values from hiding one another completely
        nudge = (k - (len(series) - 1) / 2) * 1.2
        points = " ".join(f"{px(i):.1f},{py(v) + nudge:.1f}" for i, v in enumerate(s.values))
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<g class="series" data-series="{esc(s.name)}">')
        out.append(f'<polyline points="{points}" fill="none" stroke="{esc(s.colour)}" '
                   f'stroke-width="2.2"{dash_attr}/>')
        for i, v in enumerate(s.values):
            out.append(marker_svg(shape, px(i), py(v) + nudge, s.colour))
        out.append("</g>")
    for k, s in enumerate(series):
        row, col = divmod(k, 3)
        x = left + col * (plot_w / 3)
        y = top + plot_h + 34 + row * 18
        dash = DASHES[k % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<line x1="{x:.1f}" x2="{x + 30:.1f}" y1="{y - 4:.1f}" y2="{y - 4:.1f}" '
                   f'stroke="{esc(s.colour)}" stroke-width="2.2"{dash_attr}/>')
        out.append(marker_svg(MARKERS[k % len(MARKERS)], x + 15, y - 4, s.colour, 4))
        out.append(f'<text x="{x + 36:.1f}" y="{y:.1f}" font-size="12">{esc(s.name)}</text>')
    out.append("</svg>")
    return "\n".join(out)
