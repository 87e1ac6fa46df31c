"""Sorting, fields, limits, groups, periods, links and full text of the shared engine."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jinja2
import pytest

from tests.conftest import TODAY
from tests.query.conftest import ids
from veiligestad.errors import UsageError
from veiligestad.i18n import Translator
from veiligestad.model.kinds import KINDS_BY_PLURAL
from veiligestad.query import Context, context, run_query, select, template_query
from veiligestad.store.kb import KnowledgeBase, open_kb


def test_default_sort_is_by_id(ctx: Context) -> None:
    assert ids(select(ctx, "questions").rows) == [
        "Q-2026-001", "Q-2026-002", "Q-2026-003", "Q-2026-004"]


@pytest.mark.parametrize(("sort", "expected"), [
    ("received", ["Q-2026-001", "Q-2026-002", "Q-2026-003", "Q-2026-004"]),
    ("received+", ["Q-2026-001", "Q-2026-002", "Q-2026-003", "Q-2026-004"]),
    ("received-", ["Q-2026-004", "Q-2026-003", "Q-2026-002", "Q-2026-001"]),
    ("status,received-", ["Q-2026-002", "Q-2026-001", "Q-2026-003", "Q-2026-004"]),
    # records without a value come last in both directions
    ("department", ["Q-2026-001", "Q-2026-004", "Q-2026-002", "Q-2026-003"]),
    ("department-,id-", ["Q-2026-004", "Q-2026-001", "Q-2026-003", "Q-2026-002"]),
])
def test_sort(ctx: Context, sort: str, expected: list[str]) -> None:
    assert ids(select(ctx, "questions", sort=sort).rows) == expected


def test_fields_limit_and_json_ready_values(ctx: Context) -> None:
    rows = select(ctx, "findings", fields="id,evidence.design,recommendations.to,reported",
                  limit=1).rows
    assert rows == [{"id": "F-2026-7KQ3", "evidence.design": 1,
                     "recommendations.to": ["wijkregie"], "reported": "2026-06-20"}]


def test_whole_rows_carry_backlinks_and_derived_fields(ctx: Context) -> None:
    [row] = select(ctx, "questions", ["id=Q-2026-001"]).rows
    assert row["projects"] == ["P-2026-001"] and row["findings"] == ["F-2026-7KQ3"]
    assert row["received"] == "2026-01-12" and row["quarter"] == "2026-Q1"
    assert row["days_open"] == (TODAY - dt.date(2026, 1, 12)).days
    assert row["matched_on"] == "2026-02-09" and row["decision"] == "ready"


def test_group_by_a_list_field(ctx: Context) -> None:
    result = select(ctx, "questions", group_by="themes", fields="id")
    assert result.groups is not None
    groups = {key: ids(rows) for key, rows in result.groups}
    assert groups["straatintimidatie"] == ["Q-2026-002"]
    assert groups["ov"] == ["Q-2026-001"]
    assert list(groups) == sorted(groups)


def test_group_without_value_comes_last(ctx: Context) -> None:
    result = select(ctx, "questions", group_by="department", fields="id")
    assert result.groups is not None
    assert [key for key, _ in result.groups] == ["veiligheid", "-"]


def test_match_is_full_text_over_text_fields(ctx: Context) -> None:
    assert ids(select(ctx, "questions", match="sluitingstijd").rows) == ["Q-2026-003"]
    assert ids(select(ctx, "questions", match="OMSTANDERS grijpen").rows) == ["Q-2026-002"]
    assert ids(select(ctx, "questions", match="omstanders sluitingstijd").rows) == []


def test_periods(ctx: Context) -> None:
    assert ids(select(ctx, "questions", quarter="2026-Q3").rows) == ["Q-2026-004"]
    assert ids(select(ctx, "questions", since="2026-01-15", until="2026-03-02").rows) == [
        "Q-2026-002", "Q-2026-003"]
    assert ids(select(ctx, "findings", quarter="2026K2").rows) == ["F-2026-7KQ3", "F-2026-9ZXA"]
    with pytest.raises(UsageError):
        select(ctx, "questions", quarter="Q3")
    with pytest.raises(UsageError):
        select(ctx, "questions", since="gisteren")


def test_linked_to(ctx: Context) -> None:
    assert ids(select(ctx, "questions", linked_to="F-2026-7KQ3").rows) == ["Q-2026-001"]
    assert ids(select(ctx, "questions", linked_to="F-2026-7KQ3", recursive=True).rows) == [
        "Q-2026-001", "Q-2026-002"]
    assert ids(select(ctx, "findings", linked_to="Q-2026-001", recursive=True).rows) == [
        "F-2026-7KQ3", "F-2026-9ZXA"]
    with pytest.raises(UsageError) as raised:
        select(ctx, "questions", linked_to="F-2026-7KQ4")
    assert raised.value.hint and "F-2026-7KQ3" in raised.value.hint


@pytest.mark.parametrize(("options", "text"), [
    ({"sort": "recieved"}, "no field 'recieved'"),
    ({"fields": "id,titel"}, "no field 'titel'"),
    ({"group_by": "theme"}, "no field 'theme'"),
    ({"limit": -1}, "--limit"),
])
def test_bad_options(ctx: Context, options: dict[str, object], text: str) -> None:
    with pytest.raises(UsageError) as raised:
        select(ctx, "questions", **options)  # type: ignore[arg-type]
    assert text in raised.value.message


def test_unknown_kind(ctx: Context) -> None:
    with pytest.raises(UsageError) as raised:
        select(ctx, "questiosn")
    assert raised.value.hint == "did you mean `questions`?"
    assert ids(select(ctx, "vragen", ["status=ready"]).rows) == ["Q-2026-003"]


def test_run_query_is_select(query_kb: KnowledgeBase, ctx: Context) -> None:
    assert run_query(query_kb, "questions", ["!projects"], sort="id-", today=TODAY) == \
        select(ctx, "questions", ["!projects"], sort="id-").rows


def test_template_query(query_kb: KnowledgeBase) -> None:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    env.globals["query"] = template_query(query_kb, TODAY)
    page = env.from_string(
        "{% for q in query('questions', '!projects', sort='received-') %}"
        "{{ q.id }}:{{ q.title }};{% endfor %}"
        "{{ query('findings', ['review=published']) | length }}")
    assert page.render() == (
        "Q-2026-004:Online intimidatie van scholieren;"
        "Q-2026-003:Één vraag over Veiligheid in het uitgaansleven;1")


def test_a_template_and_the_command_line_agree(query_root: Path) -> None:
    from typer.testing import CliRunner

    from veiligestad.cli.main import app

    result = CliRunner().invoke(app, [
        "--kb", str(query_root), "query", "findings", "-w", "themes=veiligheidsbeleving,omstanders",
        "--sort", "reported-", "--fields", "id,title,evidence.design", "--format", "json"])
    assert result.exit_code == 0
    env = jinja2.Environment(autoescape=False)
    env.globals["query"] = template_query(open_kb(query_root, Translator("nl")), TODAY)
    env.filters["tojson"] = lambda value: json.dumps(value, ensure_ascii=False, indent=2)
    rendered = env.from_string(
        "{{ query('findings', 'themes=veiligheidsbeleving,omstanders', sort='reported-', "
        "fields='id,title,evidence.design') | tojson }}").render()
    assert json.loads(rendered) == json.loads(result.stdout)
    assert len(json.loads(rendered)) == 2


def test_public_audience_sees_only_public_records_and_fields(ctx: Context) -> None:
    rows = select(ctx, "questions", audience="public").rows
    assert ids(rows) == ["Q-2026-001", "Q-2026-003"]
    first = rows[0]
    assert "original_text" not in first and "status_history" not in first
    assert first["findings"] == ["F-2026-7KQ3"]  # public backlinks stay
    # conditions cannot reach what is hidden
    assert select(ctx, "questions", ["original_text~station"], audience="public").rows == []
    assert ids(select(ctx, "questions", ["original_text~station"]).rows) == ["Q-2026-001"]
    [project] = select(ctx, "projects", audience="public").rows
    assert project["questions"] == ["Q-2026-001"]  # the internal Q-2026-002 is left out
    assert "client_contact" not in project and "ethics" not in project
    [finding] = select(ctx, "findings", audience="public").rows
    assert finding["related_from"] == []  # F-2026-9ZXA is internal


def test_public_links_never_pass_through_internal_records(ctx: Context) -> None:
    with pytest.raises(UsageError):
        select(ctx, "questions", linked_to="F-2026-9ZXA", audience="public")
    assert ids(select(ctx, "questions", linked_to="P-2026-001", recursive=True,
                      audience="public").rows) == ["Q-2026-001"]
    with pytest.raises(UsageError) as raised:
        select(ctx, "questions", audience="everyone")
    assert raised.value.hint == "choose one of: internal, public"


def test_a_public_template_cannot_ask_for_more(query_kb: KnowledgeBase) -> None:
    query = template_query(query_kb, TODAY, audience="public")
    assert ids(query("questions")) == ["Q-2026-001", "Q-2026-003"]
    assert ids(query("questions", audience="internal")) == ["Q-2026-001", "Q-2026-003"]


def test_groups_sort_by_value_not_by_text() -> None:
    from veiligestad.query import group_rows

    rows = [{"id": "a", "n": 10}, {"id": "b", "n": 2}, {"id": "c"}, {"id": "d", "n": 2}]
    assert [(k, ids(g)) for k, g in group_rows(rows, ("n",))] == [
        ("2", ["b", "d"]), ("10", ["a"]), ("-", ["c"])]


@pytest.mark.parametrize("audience", ["internal", "public"])
def test_a_forgotten_kind_is_built_again_the_same(ctx: Context, audience: str) -> None:
    """``forget`` lets go of a kind's views, partial views and what was made of them (JSON
    forms and folded texts kept by a view's identity, which a new view may take); asking
    again gives the same rows, JSON forms and full-text matches, never a stale form."""
    kind = KINDS_BY_PLURAL["questions"]

    def seen() -> list[str]:
        every = ctx.rows(kind, audience)
        some = ctx.rows(kind, audience, names=["id", "title"])
        found = select(ctx, "questions", match="sluitingstijd", audience=audience).rows
        return [json.dumps(ctx.as_json(r), sort_keys=True) for r in [*every, *some]] + ids(found)

    before = seen()
    assert "Q-2026-003" in before  # the full-text search found something to compare
    assert ("question", audience) in ctx.views
    ctx.forget(kind, audience)
    assert ("question", audience) not in ctx.views and "question" not in (
        ctx._partial if audience == "internal" else {})
    if audience == "public":
        assert ("question", "public") not in ctx.public_context().views
    assert seen() == before


@pytest.mark.parametrize("audience", ["internal", "public"])
@pytest.mark.parametrize("plural", sorted(KINDS_BY_PLURAL))
def test_take_json_gives_what_select_gives(query_kb: KnowledgeBase, audience: str,
                                           plural: str) -> None:
    """``take_json`` (what ``export`` reads) gives every row ``select`` gives, in the same
    order, and lets go of the views; a later ``select`` builds them again the same."""
    kind = KINDS_BY_PLURAL[plural]
    ctx = context(query_kb, TODAY, Translator("en"))
    expected = select(ctx, plural, audience=audience).rows
    assert expected  # every kind has records the audience may see
    taken = ctx.take_json(kind, audience)
    assert json.dumps(taken) == json.dumps(expected)
    assert (kind.name, audience) not in ctx.views
    assert select(ctx, plural, audience=audience).rows == expected
