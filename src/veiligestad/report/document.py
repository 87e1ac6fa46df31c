"""A report as data: sections of blocks, which the Markdown and HTML templates both render.

Building the content once and rendering it twice keeps the formats in step; the templates decide
only how a block looks. Text that comes from records is kept apart (``RecordText``) so that the
HTML template sanitises it and the Markdown template defuses it, while the tool's own sentences
pass as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from veiligestad.render.charts import Chart


@dataclass(frozen=True)
class Paragraph:
    text: str
    kind: str = "paragraph"


@dataclass(frozen=True)
class Table:
    """A table; ``numeric`` marks the columns to right-align."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""
    numeric: tuple[int, ...] = ()
    kind: str = "table"


@dataclass(frozen=True)
class Items:
    items: tuple[str, ...]
    kind: str = "items"


@dataclass(frozen=True)
class ChartBlock:
    """A chart with its text alternative; ``file`` is the image's name beside a Markdown report."""

    chart: Chart
    file: str
    kind: str = "chart"


@dataclass(frozen=True)
class Recommendation:
    partner: str
    text: str  # record text
    follow_up: str


@dataclass(frozen=True)
class FindingBlock:
    """One finding: its statement and caveats are record text, the evidence is in plain words."""

    id: str
    title: str
    statement: str
    evidence: str
    evidence_summary: str
    caveats: str
    project: str
    recommendations: tuple[Recommendation, ...]
    kind: str = "finding"


@dataclass(frozen=True)
class Subheading:
    text: str
    kind: str = "subheading"


Block = Paragraph | Table | Items | ChartBlock | FindingBlock | Subheading


@dataclass
class Section:
    id: str
    title: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Document:
    """Everything a report template needs."""

    lang: str
    title: str
    subtitle: str
    audience_note: str
    fictional_note: str
    city: str
    period: str
    sections: list[Section]
    footer: list[str]
    labels: dict[str, str]

    @property
    def charts(self) -> list[ChartBlock]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, ChartBlock)]
