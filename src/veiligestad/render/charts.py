"""Charts as SVG text, drawn by matplotlib in a sober style that survives grey printing.

Every chart is made from a ``Chart``: a title, a caption and a table of its numbers. The table is
the chart's text alternative (printed under it in every format), so the picture never carries a
number the text does not. Series are told apart by grey level *and* hatching, so a black-and-white
print still reads. The SVG is deterministic (fixed hash salt, no date) so reports can be compared.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any, Final

GREYS: Final = ("#2b2b2b", "#7a7a7a", "#b5b5b5", "#e0e0e0", "#555555", "#9c9c9c")
HATCHES: Final = ("", "///", "\\\\\\", "xx", "--", "||")  # lines only: dot patterns bloat SVG
ACCENT: Final = "#1d4f76"  # one dark municipal blue, which prints as a dark grey
FONT: Final = "DejaVu Sans"


@dataclass(frozen=True)
class Chart:
    """A chart and its numbers: ``rows`` are (label, value per series)."""

    id: str
    title: str
    caption: str
    label_header: str
    series: tuple[str, ...]
    rows: tuple[tuple[str, tuple[int, ...]], ...]
    horizontal: bool = True
    svg: str = field(default="", compare=False)

    @property
    def is_empty(self) -> bool:
        return not any(any(values) for _, values in self.rows)


def _style() -> dict[str, Any]:
    return {
        "font.family": FONT,
        "font.size": 9,
        "axes.edgecolor": "#555555",
        "axes.labelcolor": "#222222",
        "axes.spines.top": False,
        "axes.spines.right": False,
        "xtick.color": "#333333",
        "ytick.color": "#333333",
        "svg.fonttype": "none",  # text stays text: searchable, selectable, small
        "svg.hashsalt": "veiligestad",
        "hatch.color": "#ffffff",
        "hatch.linewidth": 0.8,
    }


def draw(chart: Chart) -> str:
    """The chart as an SVG document (without an XML declaration, ready to inline in HTML)."""
    # The object-oriented API without pyplot: no global figure state, no GUI backend, and a
    # third of the import time.
    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    labels = [label for label, _ in chart.rows]
    n_series = len(chart.series)
    with matplotlib.rc_context(_style()):  # type: ignore[arg-type]
        height = max(1.6, 0.32 * len(labels) * (1 + 0.3 * (n_series - 1)) + 0.9)
        fig = Figure(figsize=(6.3, height) if chart.horizontal else (6.3, 2.8))
        FigureCanvasSVG(fig)
        ax = fig.subplots()
        _bars(ax, chart, labels, n_series)
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg"):]
    # Several charts share one HTML page: give their element IDs the chart's own prefix.
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    svg = svg.replace('id="', f'id="{chart.id}-').replace("url(#", f"url(#{chart.id}-")
    return svg.replace('xlink:href="#', f'xlink:href="#{chart.id}-')


def _bars(ax: Any, chart: Chart, labels: list[str], n_series: int) -> None:
    width = 0.8 / n_series
    positions = range(len(labels))
    for s, name in enumerate(chart.series):
        values = [values[s] for _, values in chart.rows]
        offsets = [p - 0.4 + width * (s + 0.5) for p in positions]
        colour = ACCENT if n_series == 1 else GREYS[s % len(GREYS)]
        kwargs: dict[str, Any] = {"color": colour, "edgecolor": "#222222", "linewidth": 0.5,
                                  "hatch": "" if n_series == 1 else HATCHES[s % len(HATCHES)],
                                  "label": name}
        if chart.horizontal:
            bars = ax.barh(offsets, values, height=width, **kwargs)
        else:
            bars = ax.bar(offsets, values, width=width, **kwargs)
        ax.bar_label(bars, labels=[str(v) if v else "" for v in values], padding=2, fontsize=8)
    if chart.horizontal:
        ax.set_yticks(list(positions), labels)
        ax.invert_yaxis()
        ax.xaxis.set_major_locator(_integer_locator())
        ax.spines["left"].set_visible(False)
        ax.tick_params(axis="y", length=0)
    else:
        ax.set_xticks(list(positions), labels)
        ax.yaxis.set_major_locator(_integer_locator())
    if n_series > 1:
        ax.legend(frameon=False, loc="lower right" if chart.horizontal else "upper left",
                  fontsize=8)


def _integer_locator() -> Any:
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(integer=True)
