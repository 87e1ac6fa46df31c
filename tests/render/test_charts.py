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
