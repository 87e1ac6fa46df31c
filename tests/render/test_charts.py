"""Charts: SVG with their text, deterministic, with IDs that cannot clash between charts."""

from __future__ import annotations

import re

from veiligestad.render.charts import Chart, draw

CHART = Chart("funnel", "Titel", "Bijschrift", "Stap", ("2026-K3", "2026 tot nu"),
              (("Vragen ontvangen", (1, 12)), ("Vragen opgeleverd", (0, 6))))


def test_a_chart_is_an_svg_with_its_labels_as_text() -> None:
    svg = draw(CHART)
    assert svg.startswith("<svg")
    assert "Vragen ontvangen" in svg and "2026 tot nu" in svg


def test_the_same_chart_gives_the_same_bytes() -> None:
    assert draw(CHART) == draw(CHART)


def test_element_ids_carry_the_chart_id() -> None:
    ids = re.findall(r'id="([^"]+)"', draw(CHART))
    assert ids and all(i.startswith("funnel-") for i in ids)


def test_an_all_zero_chart_counts_as_empty() -> None:
    assert Chart("x", "t", "c", "h", ("a",), (("b", (0,)),)).is_empty
    assert not CHART.is_empty


def _bars(svg: str) -> list[tuple[float, str]]:
    """(width, fill) of every bar, in drawing order."""
    return [(float(w), f) for w, f in re.findall(
        r'<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)" height="14" fill="([^"]+)"', svg)]


def test_bars_are_proportional_to_their_numbers_and_zero_draws_nothing() -> None:
    bars = _bars(draw(CHART))
    assert len(bars) == 3  # 1, 12 and 6; the 0 has no bar
    (one, _), (twelve, _), (six, _) = bars
    assert abs(twelve / one - 12) < 0.05 and abs(twelve / six - 2) < 0.01  # rounded to 0.1 px
    numbers = re.findall(r'font-size="10.5">(\d+)</text>', draw(CHART))
    assert {"1", "12", "6"} <= set(numbers)


def test_series_differ_by_grey_and_hatching_so_grey_print_reads() -> None:
    chart = Chart("x", "t", "c", "h", tuple(f"s{i}" for i in range(4)),
                  (("a", (1, 2, 3, 4)),))
    svg = draw(chart)
    fills = [fill for _, fill in _bars(svg)]
    assert len(set(fills)) == 4
    assert fills[0] == "#2b2b2b"  # plain dark grey, then hatched greys
    for fill in fills[1:]:
        pattern_id = fill.removeprefix("url(#").removesuffix(")")
        pattern = re.search(rf'<pattern id="{pattern_id}".*?</pattern>', svg)
        assert pattern and 'stroke="#ffffff"' in pattern.group(0)
    colours = set(re.findall(r'fill="(#[0-9a-f]{6})"', svg)) - {"#222222", "#ffffff"}
    assert all(c[1:3] == c[3:5] == c[5:7] for c in colours), colours  # greys only
    # the legend names every series
    assert all(f">s{i}</text>" in svg for i in range(4))


def test_a_single_series_is_one_dark_colour_without_legend() -> None:
    chart = Chart("x", "t", "c", "h", ("n",), (("a", (3,)), ("b", (1,))))
    svg = draw(chart)
    assert {fill for _, fill in _bars(svg)} == {"#1d4f76"}
    assert "<pattern" not in svg and ">n</text>" not in svg


def test_long_labels_wrap_and_text_is_escaped() -> None:
    long = "Vragen <gekoppeld> aan studenten " * 6
    chart = Chart("x", "Titel & meer", "c", "h", ("n",), ((long.strip(), (2,)),))
    svg = draw(chart)
    assert "<gekoppeld>" not in svg and "&lt;gekoppeld&gt;" in svg
    assert "Titel &amp; meer" in svg
    spans = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", svg)
    assert len(spans) == 2 and spans[1].endswith("…")
    width = int(re.search(r'<svg[^>]* width="(\d+)"', svg).group(1))  # type: ignore[union-attr]
    assert width == 630


def test_the_svg_is_well_formed_and_titled() -> None:
    import xml.etree.ElementTree as ET

    root = ET.fromstring(draw(CHART))
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{ns}svg" and root.get("role") == "img"
    assert root.find(f"{ns}title").text == "Titel"  # type: ignore[union-attr]
