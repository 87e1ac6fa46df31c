"""The example knowledge base keeps a city's own templates in ``templates/``; the tool reads them.

Leiden's copies differ from the built-in files only where a city would change them (one line in
each record template, the accent colour of the report), so a change to a built-in template that
the copy misses fails here rather than going unnoticed.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from tests.commands.report_helpers import copy_example, report
from tests.conftest import REPO

OWN = REPO / "templates"
BUILTIN = REPO / "src/veiligestad/templates"
LEIDEN_LINE = re.compile(r"^# Kennisbank Veilige Steden Leiden: .*\n", re.M)
LEIDEN_RED = "#a3141c"


def _without_header(text: str) -> str:
    return text[text.index("-#}\n") + 4:] if text.startswith("{#-") else text


def test_the_record_templates_are_the_built_in_ones_plus_one_line() -> None:
    for path in sorted((OWN / "records").glob("*.yaml.j2")):
        own = _without_header(path.read_text(encoding="utf-8"))
        assert len(LEIDEN_LINE.findall(own)) == 1, path.name
        builtin = _without_header((BUILTIN / "records" / path.name).read_text(encoding="utf-8"))
        assert LEIDEN_LINE.sub("", own) == builtin, f"{path.name} is behind the built-in one"
    assert {p.name for p in (OWN / "records").iterdir()} == {
        p.name for p in (BUILTIN / "records").iterdir()}


def test_the_report_css_is_the_built_in_one_in_leiden_s_red() -> None:
    own = (OWN / "report/report.css").read_text(encoding="utf-8")
    builtin = (BUILTIN / "report/report.css").read_text(encoding="utf-8")
    assert f"--accent: {LEIDEN_RED};" in own
    body = own.split("\n", 1)[1].replace(LEIDEN_RED, "#1d4f76")  # past the first comment line
    assert body == builtin.replace("/* A sober", "   A sober", 1), "report.css is behind"


def _luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def test_leiden_s_red_reads_on_white_and_prints_dark_grey() -> None:
    contrast = 1.05 / (_luminance(LEIDEN_RED) + 0.05)
    assert contrast >= 4.5  # WCAG AA for text: headings and rules in the accent colour
    assert _luminance(LEIDEN_RED) < 0.2  # in grey, a dark grey


def test_a_new_record_is_written_from_leiden_s_template() -> None:
    from veiligestad.commands.recordfile import render
    from veiligestad.model.kinds import KINDS

    path = next(iter(sorted((REPO / "data/findings").glob("*.yaml"))))
    values = yaml.safe_load(path.read_text(encoding="utf-8"))
    text = render(REPO, KINDS["finding"], values)
    assert LEIDEN_LINE.search(text)
    assert yaml.safe_load(text)["id"] == values["id"]


def test_the_html_report_of_the_example_uses_leiden_s_colours(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "leiden")
    shutil.copytree(OWN, root / "templates")
    result = report(root, "quarterly", "--quarter", "2026-Q3", "--format", "html", "-o", "r.html")
    assert result.exit_code == 0, result.output
    html = (root / "r.html").read_text(encoding="utf-8")
    assert f"--accent: {LEIDEN_RED};" in html and "#1d4f76;" not in html
