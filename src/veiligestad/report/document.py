"""A report as data: sections of blocks, which the Markdown and HTML templates both render.

Building the content once and rendering it twice keeps the formats in step; the templates decide
only how a block looks. Text that comes from records is kept apart (``RecordText``) so that the
HTML template sanitises it and the Markdown template defuses it, while the tool's own sentences
pass as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass

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


# A document kept between runs (``commands/report.py``) is stored as plain data, which the
# cache's unpickler admits (it refuses every class but dates): each dataclass becomes a mapping
# with its class name under the key 0 (no mapping of a document has a key that is not text).
_KEPT_CLASSES: dict[str, type] = {cls.__name__: cls for cls in (
    Document, Section, Paragraph, Table, Items, ChartBlock, Recommendation, FindingBlock,
    Subheading, Chart)}


def to_plain(value: object) -> object:
    """``value`` (a document, or any part of it) as plain mappings, lists, tuples and text."""
    if type(value).__name__ in _KEPT_CLASSES and is_dataclass(value):
        plain: dict[object, object] = {0: type(value).__name__}
        for item in fields(value):
            plain[item.name] = to_plain(getattr(value, item.name))
        return plain
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    if isinstance(value, tuple):
        return tuple(to_plain(v) for v in value)
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    return value


def from_plain(value: object) -> object:
    """The document (or part) that ``to_plain`` made ``value`` from; ValueError when
    ``value`` was not made by it (an unknown class, fields that do not fit)."""
    if isinstance(value, dict):
        if 0 in value:
            cls = _KEPT_CLASSES.get(value[0]) if isinstance(value[0], str) else None
            if cls is None:
                raise ValueError("not a part of a document")
            try:
                return cls(**{str(k): from_plain(v) for k, v in value.items() if k != 0})
            except TypeError as exc:
                raise ValueError("not a part of a document") from exc
        return {k: from_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [from_plain(v) for v in value]
    if isinstance(value, tuple):
        return tuple(from_plain(v) for v in value)
    return value
