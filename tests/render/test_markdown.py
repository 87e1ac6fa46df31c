"""Record text is sanitised on its way to HTML and defused on its way to Markdown."""

from __future__ import annotations

from veiligestad.render.markdown import inline_markdown, markdown_html


def test_markdown_becomes_html_with_emphasis_and_lists() -> None:
    html = markdown_html("Een *voorbeeld* met\n\n- één\n- twee")
    assert "<em>voorbeeld</em>" in html
    assert "<li>één</li>" in html


def test_raw_html_in_record_text_stays_text() -> None:
    html = markdown_html('<script>alert(1)</script> <img src=x onerror="alert(2)">')
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_javascript_links_are_dropped() -> None:
    html = markdown_html("[klik](javascript:alert(1)) en [goed](https://example.org/x)")
    assert 'href="javascript' not in html
    assert 'href="https://example.org/x"' in html


def test_markdown_output_defuses_html_and_keeps_one_line() -> None:
    assert inline_markdown("a <b>\n| c") == "a &lt;b&gt; \\| c"
    assert inline_markdown(None) == ""
