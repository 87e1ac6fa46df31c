"""Text from records on its way into a document: sanitised for HTML, made harmless for Markdown.

Record text is written by students and partners and arrives through pull requests and form
exports, so it is untrusted. For HTML it is rendered as CommonMark by markdown-it-py with raw HTML
turned off (``<script>`` stays visible text) and then cleaned by nh3 (the Rust ``ammonia``
sanitiser) against a short list of tags, which also drops ``javascript:`` links: two independent
guards, so a bug in one does not open the door. For Markdown output, raw HTML is escaped so a
Markdown viewer cannot be made to run it, and line breaks are folded so a record cannot break out
of a list item or table cell.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Final

from markupsafe import Markup

ALLOWED_TAGS: Final = frozenset({
    "p", "em", "strong", "code", "ul", "ol", "li", "a", "br", "blockquote",
})
ALLOWED_ATTRIBUTES: Final = {"a": {"href", "title"}}


@lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it import MarkdownIt

    # "js-default": CommonMark with raw HTML off and unsafe link schemes refused.
    return MarkdownIt("js-default", {"typographer": False}).disable(["image", "heading", "table"])


def markdown_html(text: object) -> Markup:
    """Record text as safe HTML: Markdown rendered without raw HTML, then sanitised."""
    import nh3

    if text is None:
        return Markup("")
    html = _parser().render(str(text))
    clean = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    return Markup(clean.strip())


def inline_markdown(text: object) -> str:
    """Record text for a Markdown document: one line, raw HTML and table pipes escaped."""
    if text is None:
        return ""
    line = " ".join(str(text).split())
    return line.replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
