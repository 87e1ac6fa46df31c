"""A Content-Security-Policy put first in an HTML document's head, before anything a city's
template or CSS could add: what they add can then run no script and fetch nothing from
elsewhere (``site`` pages and the HTML report)."""

from __future__ import annotations

import re
from typing import Final

# The HTML report is one file, opened from a disk or a mail: it needs its inline styles and
# charts (inline SVG, images as data: addresses) and nothing else, from nowhere.
REPORT_POLICY: Final = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
    "base-uri 'none'; form-action 'none'"
)
REFERRER_META: Final = '<meta name="referrer" content="no-referrer">'
# A tag's attributes, quoted values whole: ``<head title="x>">`` ends at its last ``>``.
_ATTRIBUTES: Final = r"""(?:\s(?:[^>"']|"[^"]*"|'[^']*')*)?"""
_HEAD: Final = re.compile(rf"<head{_ATTRIBUTES}>", re.IGNORECASE)
# What may come before the head: a byte-order mark, blanks and comments, the doctype, <html>.
_START: Final = re.compile(
    rf"\A\ufeff?(?:\s|<!--.*?-->)*(?:<!doctype{_ATTRIBUTES}>(?:\s|<!--.*?-->)*)?"
    rf"(?:<html{_ATTRIBUTES}>(?:\s|<!--.*?-->)*)?", re.IGNORECASE | re.DOTALL)


def meta(policy: str) -> str:
    """The ``<meta>`` element that sets ``policy``."""
    return f'<meta http-equiv="Content-Security-Policy" content="{policy}">'


def with_policy(html: str, policy: str) -> str:
    """``html`` with ``policy`` (and no referrer) as the first thing in its head: right after
    its ``<head>`` when nothing but the doctype and ``<html>`` comes before it; else before
    whatever came first (a template that writes markup before its head: the browser then
    opens the head itself and the policy still comes first)."""
    tags = f"\n{meta(policy)}\n{REFERRER_META}"
    start = _START.match(html)
    end = start.end() if start else 0
    head = _HEAD.match(html, end)
    if head is not None:
        return html[:head.end()] + tags + html[head.end():]
    return f"{html[:end]}<head>{tags}\n</head>\n{html[end:]}"
