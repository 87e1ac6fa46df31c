"""``veiligestad show ID``: one record, what it points to and what points back to it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from veiligestad.errors import UsageError
from veiligestad.query import Context, Row, jsonable

if TYPE_CHECKING:
    from veiligestad.store.kb import KnowledgeBase
    from veiligestad.store.records import RecordFile


@dataclass(frozen=True)
class Link:
    """A linked record, in one direction, with enough to recognise it."""

    relation: str  # the field or relation type that holds the link (questions, supports, ...)
    id: str
    kind: str | None
    title: str | None
    status: str | None


@dataclass
class ShowResult:
    """A record (JSON-ready, with derived fields), its links, backlinks and recommendations."""

    record: Row
    kind: str
    links: list[Link] = field(default_factory=list)
    backlinks: list[Link] = field(default_factory=list)
    # the recommendations of the finding, or of the findings that answer the question or came
    # out of the project, each with its finding
    recommendations: list[dict[str, Any]] = field(default_factory=list)
    # links at either end of this record whose target changed since they were reviewed
    suspect: list[dict[str, str]] = field(default_factory=list)
    # the IDs of the records it was made of (looked up: ``show_record``), not printed
    read: frozenset[str] = frozenset()

    def as_json(self) -> dict[str, Any]:
        """The whole result as one JSON-ready mapping."""
        return {
            "record": self.record,
            "links": [vars(link) for link in self.links],
            "backlinks": [vars(link) for link in self.backlinks],
            "recommendations": self.recommendations,
            "suspect_links": self.suspect,
        }


def _one(ctx: Context, record_id: str) -> Row | None:
    """The record's view as ``query --format json`` gives it, built for this record alone:
    the other records are read only where the view needs them (its questions' themes)."""
    record = ctx.kb.get(record_id)
    if record is None:
        return None
    # ``jsonable``, not ``ctx.as_json``: that keeps the form under the view's ``id()``, which a
    # later view may take once this one (made for this call alone) is gone
    made: Row = jsonable(ctx.view_of(record))
    return made


def _link(ctx: Context, relation: str, record_id: str) -> Link:
    record = ctx.kb.get(record_id)
    if record is None or record.data is None:
        return Link(relation, record_id, None, None, None)
    data = record.data
    status = data.get(record.kind.status_field)
    return Link(relation, record_id, record.kind.name,
                str(data["title"]) if data.get("title") is not None else None,
                str(status) if status is not None else None)


def show_record(ctx: Context, record_id: str) -> ShowResult:
    """Everything ``show`` prints about ``record_id``; an unknown ID is a UsageError. The IDs
    of every record it looked up on the way (``ctx.kb.get``: by the view, the links, the
    suspect links, the recommendations) are in ``read``."""
    with _looking_up(ctx.kb) as looked_up:
        result = _show(ctx, record_id)
    result.read = frozenset(looked_up)
    return result


@contextmanager
def _looking_up(kb: KnowledgeBase) -> Iterator[set[str]]:
    """The IDs ``kb.get`` is asked for while the block runs."""
    seen: set[str] = set()
    plain = kb.get

    def get(record_id: str) -> RecordFile | None:
        if isinstance(record_id, str):
            seen.add(record_id)
        return plain(record_id)

    kb.get = get  # type: ignore[method-assign]
    try:
        yield seen
    finally:
        del kb.get


def _show(ctx: Context, record_id: str) -> ShowResult:
    t = ctx.t
    row = _one(ctx, record_id)
    if row is None:
        ctx.kb.refuse_left_out(record_id, t)
        from veiligestad.checks.context import did_you_mean

        guess = did_you_mean(record_id, ctx.kb.by_id)
        raise UsageError(t("query.unknown_id", id=record_id),
                         hint=t("query.did_you_mean", guess=guess) if guess
                         else t("show.unknown_hint"))
    record = ctx.kb.get(record_id)
    assert record is not None
    kind = record.kind  # the folder's: a record may hold a field named ``kind`` (its view's)
    result = ShowResult(row, kind.name)
    for source, target, relation in ctx.index.edges:
        if source == record_id:
            result.links.append(_link(ctx, relation, target))
        elif target == record_id:
            result.backlinks.append(_link(ctx, relation, source))
    from veiligestad.suspects import suspect_links_of

    linking = [source for source, target, _ in ctx.index.edges if target == record_id]
    result.suspect = [{"holder": s.holder, "target": s.target}
                      for s in suspect_links_of(ctx.kb, record_id, linking)]
    if kind.name in ("question", "project"):
        # A stored field of that name wins over the derived one, and may hold anything.
        named = row.get("findings")
        for finding_id in named if isinstance(named, list) else []:
            finding = ctx.kb.get(finding_id) if isinstance(finding_id, str) else None
            recs = (finding.data or {}).get("recommendations") if finding else None
            for rec in recs if isinstance(recs, list) else []:
                if isinstance(rec, dict):
                    result.recommendations.append({"finding": finding_id, **_plain(rec)})
    elif kind.name == "finding":
        result.recommendations = [
            {"finding": record_id, **rec} for rec in row.get("recommendations") or []
            if isinstance(rec, dict)]
    return result


def read_whole(ctx: Context, result: ShowResult) -> frozenset[str]:
    """The paths of the files whose records ``result`` was made of beyond their IDs and links:
    the record shown and every record ``show_record`` looked up (the records at either end of
    its links, for their titles, statuses and themes and the stamps of suspect links; the
    findings a question or project names, for their recommendations), each by every file
    that holds its ID. Of every other file ``show`` reads only the ID and the links
    (``store/fieldkeys.LINKS``), so its answer holds after an edit of anything else in
    those files."""
    ids = {str(result.record.get("id")), *result.read}
    return frozenset(record.rel for rid in ids for record in ctx.kb.by_id.get(rid, ()))


def to_plain(result: ShowResult) -> tuple[Any, ...]:
    """``result`` as plain data, as the cache keeps it (``store/fieldkeys.py``)."""
    return (result.record, result.kind, [tuple(vars(link).values()) for link in result.links],
            [tuple(vars(link).values()) for link in result.backlinks],
            result.recommendations, result.suspect)


def from_plain(kept: tuple[Any, ...]) -> ShowResult:
    """The ``ShowResult`` that ``to_plain`` made ``kept`` of."""
    record, kind, links, backlinks, recommendations, suspect = kept
    return ShowResult(record, kind, [Link(*link) for link in links],
                      [Link(*link) for link in backlinks], recommendations, suspect)


def _plain(mapping: dict[str, Any]) -> dict[str, Any]:
    from veiligestad.query import jsonable

    return jsonable(mapping)  # type: ignore[no-any-return]
