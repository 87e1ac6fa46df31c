"""The Content-Security-Policy goes first in the head, whatever a city's template writes around
it (``render/policy.py``): what comes after it is under it, and nothing a template writes can
move it out of the head."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from veiligestad.render.policy import REPORT_POLICY, meta, with_policy

POLICY = meta(REPORT_POLICY)


def _before_policy(html: str) -> str:
    out = with_policy(html, REPORT_POLICY)
    assert out.count(POLICY) == 1
    return out[:out.index(POLICY)]


@pytest.mark.parametrize("html", [
    "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<title>x</title>",
    "\ufeff<!-- a city's note -->\n<!DOCTYPE html><html><head><meta charset=\"utf-8\">",
    "<html><head title=\"x>\"><script>alert(1)</script>",
    "<!DOCTYPE html><html data-x='a>b'><head data-y=\"c>d\">",
    "<script>alert(1)</script><html><head>",
    "<p>no head at all</p>",
    "<!DOCTYPE html><html><body><head>",
])
def test_nothing_but_the_doctype_html_and_head_comes_before_the_policy(html: str) -> None:
    before = _before_policy(html)
    without = re.sub(r"(?is)<!--.*?-->|<!doctype[^>]*>|\ufeff", "", before)
    tags = re.findall(r"<\s*([a-zA-Z]+)", without)
    assert set(tags) <= {"html", "head"}, before
    assert "<script" not in before.lower() and "<body" not in before.lower()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["<!DOCTYPE html>", "<html>", "<html lang='a>b'>", "<head>",
                                 '<head title="x>">', "<!-- c -->", "<!-- <head> -->", "\n",
                                 "<script>alert(1)</script>", "<title>t</title>", "</head>",
                                 "<body>", "<p>", '"', "'", ">", "<"]), max_size=8))
def test_no_script_or_body_ever_comes_before_the_policy(pieces: list[str]) -> None:
    before = _before_policy("".join(pieces)).lower()
    assert "<script" not in before and "<body" not in before and "<title" not in before
