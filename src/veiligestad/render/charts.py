"""Charts as SVG text: bar charts, drawn here in a sober style that survives grey printing.

Every chart is made from a ``Chart``: a title, a caption and a table of its numbers. The table is
the chart's text alternative (printed under it in every format), so the picture never carries a
number the text does not. Series are told apart by grey level *and* hatching, so a black-and-white
print still reads. The SVG is deterministic (no date, no random IDs) so reports can be compared.

The report has three bar charts and no other kind (horizontal bars: their labels are long
phrases), so they are drawn by the few lines below rather
than by a plotting library (matplotlib and what it pulls in were 170 MB of every install). Text
stays text (searchable, selectable); its width is estimated from DejaVu Sans's average advance,
with room to spare, since no font metrics are at hand.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from html import escape
from typing import Final

GREYS: Final = ("#2b2b2b", "#7a7a7a", "#b5b5b5", "#e0e0e0", "#555555", "#9c9c9c")
# Hatching per series: none, or white lines at an angle (degrees), single or crossed.
HATCHES: Final[tuple[tuple[int, bool] | None, ...]] = (
    None, (45, False), (-45, False), (45, True), (90, False), (0, False))
ACCENT: Final = "#1d4f76"  # one dark municipal blue, which prints as a dark grey
FONT: Final = "DejaVu Sans, Verdana, Arial, sans-serif"

WIDTH: Final = 630          # the drawing's width in px (the old 6.3 in at 100 dpi)
FONT_SIZE: Final = 12
SMALL: Final = 10.5
CHAR_EM: Final = 0.62       # DejaVu Sans's mean advance is about 0.6 em; a little more to be safe
BAR: Final = 15             # height of one bar
GAP: Final = 12             # between the groups of bars of two labels
PAD: Final = 8


@dataclass(frozen=True)
class Chart:
    """A chart and its numbers: ``rows`` are (label, value per series)."""

    id: str
    title: str
    caption: str
    label_header: str
    series: tuple[str, ...]
    rows: tuple[tuple[str, tuple[int, ...]], ...]
    svg: str = field(default="", compare=False)

    @property
    def is_empty(self) -> bool:
        return not any(any(values) for _, values in self.rows)


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """An estimate, on the wide side, of the width of ``text`` in DejaVu Sans."""
    return len(text) * size * CHAR_EM


def _wrap(label: str, width: float, lines: int = 2) -> list[str]:
    """The label in at most ``lines`` lines of about ``width`` px; the last one ends in … if cut."""
    out: list[str] = []
    words = label.split()
    while words and len(out) < lines:
        line = words.pop(0)
        while words and text_width(f"{line} {words[0]}") <= width:
            line = f"{line} {words.pop(0)}"
        out.append(line)
    if words or any(text_width(line) > width for line in out):
        last = out[-1] if not words else f"{out[-1]} {' '.join(words)}"
        while len(last) > 1 and text_width(last + "…") > width:
            last = last[:-1]
        out[-1] = last.rstrip() + "…"
    return out or [""]


def _nice_step(top: int) -> int:
    """A tick step of 1, 2 or 5 times a power of ten giving at most six ticks up to ``top``."""
    if top <= 5:
        return 1
    magnitude = int(10 ** math.floor(math.log10(top / 5)))
    for factor in (1, 2, 5, 10):
        if top / (factor * magnitude) <= 5:
            return factor * magnitude
    return 10 * magnitude  # pragma: no cover - the loop always returns


def _fill(chart: Chart, s: int) -> str:
    return ACCENT if len(chart.series) == 1 else GREYS[s % len(GREYS)]


def _patterns(chart: Chart) -> list[str]:
    if len(chart.series) == 1:
        return []
    out = ["<defs>"]
    for s in range(len(chart.series)):
        hatch = HATCHES[s % len(HATCHES)]
        if hatch is None:
            continue
        angle, crossed = hatch
        lines = '<line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="1.2"/>'
        if crossed:
            lines += '<line x1="0" y1="0" x2="6" y2="0" stroke="#ffffff" stroke-width="1.2"/>'
        out.append(f'<pattern id="{chart.id}-hatch-{s}" width="6" height="6" '
                   f'patternUnits="userSpaceOnUse" patternTransform="rotate({angle})">'
                   f'<rect width="6" height="6" fill="{_fill(chart, s)}"/>{lines}</pattern>')
    out.append("</defs>")
    return out


def _paint(chart: Chart, s: int) -> str:
    if len(chart.series) > 1 and HATCHES[s % len(HATCHES)] is not None:
        return f"url(#{chart.id}-hatch-{s})"
    return _fill(chart, s)


def _legend(chart: Chart, y: float) -> tuple[list[str], float]:
    """The legend from ``y`` down, wrapping to new lines; returns its elements and its bottom."""
    if len(chart.series) < 2:
        return [], y
    out, x = [], 0.0
    for s, name in enumerate(chart.series):
        item = 14 + 6 + text_width(name, SMALL) + 18
        if x and x + item > WIDTH:
            x, y = 0.0, y + 20
        out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="14" height="11" fill="{_paint(chart, s)}"'
                   f' stroke="#222222" stroke-width="0.5"/>')
        out.append(f'<text x="{x + 20:.1f}" y="{y + 9.5:.1f}" font-size="{SMALL}">'
                   f"{escape(name)}</text>")
        x += item
    return out, y + 11 + 14


def draw(chart: Chart) -> str:
    """The chart as an SVG document (without an XML declaration, ready to inline in HTML)."""
    body, top = _legend(chart, PAD)
    label_room = min(WIDTH * 0.4, max(text_width(label) for label, _ in chart.rows) + PAD
                     if chart.rows else 0.0)
    most = max((max(values, default=0) for _, values in chart.rows), default=0)
    step = _nice_step(max(most, 1))
    axis_top = step * math.ceil(max(most, 1) / step)
    value_room = text_width(str(most), SMALL) + 6
    x0 = label_room + PAD
    plot = WIDTH - x0 - value_room
    n = len(chart.series)
    group = n * BAR
    y = top + 4
    bars: list[str] = []
    labels: list[str] = []
    for label, values in chart.rows:
        lines = _wrap(label, label_room - PAD)
        middle = y + group / 2
        first = middle - (len(lines) - 1) * FONT_SIZE * 0.6 + FONT_SIZE * 0.35
        spans = "".join(f'<tspan x="{label_room:.1f}" y="{first + i * FONT_SIZE * 1.2:.1f}">'
                        f"{escape(line)}</tspan>" for i, line in enumerate(lines))
        labels.append(f'<text text-anchor="end">{spans}</text>')
        for s, value in enumerate(values):
            width = plot * value / axis_top
            bar_y = y + s * BAR
            if value:
                bars.append(f'<rect x="{x0:.1f}" y="{bar_y:.1f}" width="{width:.1f}" '
                            f'height="{BAR - 1}" fill="{_paint(chart, s)}" stroke="#222222" '
                            f'stroke-width="0.5"/>')
                bars.append(f'<text x="{x0 + width + 3:.1f}" y="{bar_y + BAR - 4:.1f}" '
                            f'font-size="{SMALL}">{value}</text>')
        y += group + GAP
    bottom = y - GAP + 6
    grid: list[str] = []
    for tick in range(0, axis_top + 1, step):
        x = x0 + plot * tick / axis_top
        grid.append(f'<line x1="{x:.1f}" y1="{top:.1f}" x2="{x:.1f}" y2="{bottom:.1f}" '
                    f'stroke="{"#555555" if tick == 0 else "#dddddd"}" stroke-width="0.8"/>')
        grid.append(f'<text x="{x:.1f}" y="{bottom + 14:.1f}" font-size="{SMALL}" '
                    f'text-anchor="middle">{tick}</text>')
    height = math.ceil(bottom + 14 + PAD)
    return "\n".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="{FONT}" font-size="{FONT_SIZE}" '
        f'fill="#222222" role="img" aria-labelledby="{chart.id}-title">',
        f'<title id="{chart.id}-title">{escape(chart.title)}</title>',
        *_patterns(chart), *grid, *bars, *labels, *body, "</svg>", ""])
