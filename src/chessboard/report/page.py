"""The HTML shell every report shares: one self-contained file, styled for screen and print.

Nothing is linked: styles are inline, charts are inline SVG, so a file opens offline and a
classroom's printer gets the same page as the projector.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

STYLE = """
:root { --ink: #1b1b1b; --muted: #555; --rule: #c8c8c8; --band: #f3f1ec; }
* { box-sizing: border-box; }
body { font: 15px/1.45 "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; color: var(--ink);
       margin: 0 auto; max-width: 1040px; padding: 24px 28px 48px; background: #fff; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 28px 0 8px; border-bottom: 2px solid var(--ink);
     padding-bottom: 2px; }
h3 { font-size: 16px; margin: 18px 0 6px; }
p.meta, .muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { border-bottom: 1px solid var(--rule); padding: 4px 6px; text-align: left;
         vertical-align: top; }
th { background: var(--band); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
blockquote { margin: 2px 0; padding: 2px 0 2px 10px; border-left: 3px solid var(--rule);
             font-style: italic; color: #333; }
nav.toc { background: var(--band); padding: 8px 12px; margin: 12px 0; }
nav.toc a { margin-right: 14px; color: var(--ink); }
figure { margin: 8px 0 16px; }
figure svg { max-width: 100%; height: auto; }
figure.wide { grid-column: 1 / -1; }
figcaption { color: var(--muted); font-size: 13px; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr));
          gap: 8px 18px; }
.outcome { font-size: 18px; }
.kind { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
ol.questions li, ul.questions li { margin: 2px 0; }
.sheet { page-break-after: always; break-after: page; }
.sheet:last-child { page-break-after: auto; break-after: auto; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  nav.toc { display: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  table, figure, section.question-set, tr { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  @page { margin: 14mm 12mm; }
}
"""


def esc(text: object) -> str:
    """Text as HTML: every value from the rules or a save goes through here."""
    return html.escape(str(text), quote=True)


def page(title: str, body: Iterable[str], *, lang: str = "en", extra_style: str = "") -> str:
    """A whole HTML document around ``body`` (already escaped HTML fragments)."""
    return "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="{esc(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title>",
        f"<style>{STYLE}{extra_style}</style>",
        "</head>",
        "<body>",
        *body,
        "</body>",
        "</html>",
        "",
    ])


def table(headers: list[str], rows: Iterable[list[str]], *, numeric: Iterable[int] = (),
          caption: str = "") -> str:
    """A table of already escaped cells; columns in ``numeric`` are right-aligned."""
    right = set(numeric)

    def cls(i: int) -> str:
        return ' class="num"' if i in right else ""

    head = "".join(f"<th{cls(i)} scope=\"col\">{h}</th>" for i, h in enumerate(headers))
    lines = [f"<table>{f'<caption>{caption}</caption>' if caption else ''}",
             f"<thead><tr>{head}</tr></thead><tbody>"]
    for row in rows:
        lines.append("<tr>" + "".join(f"<td{cls(i)}>{c}</td>" for i, c in enumerate(row))
                     + "</tr>")
    lines.append("</tbody></table>")
    return "\n".join(lines)
