"""``graph``: Mermaid and DOT that survive any title, and Mermaid that a real browser draws."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import MERMAID_JS, REPO, TODAY
from veiligestad.commands.graph import build_graph, to_dot, to_json, to_mermaid
from veiligestad.i18n import Translator
from veiligestad.query import context
from veiligestad.store.kb import open_kb

HOSTILE = 'title: \'Een "vraag" <script>x</script> & [haakjes] --> pijl; end\''


@pytest.fixture
def hostile_kb(base_kb: Path) -> Path:
    path = base_kb / "data/questions/Q-2026-002.yaml"
    path.write_text(path.read_text().replace(
        "title: Wat doen omstanders bij straatintimidatie?", HOSTILE))
    return base_kb


def test_mermaid_escapes_labels(hostile_kb: Path) -> None:
    t = Translator("en")
    text = to_mermaid(build_graph(context(open_kb(hostile_kb, t), TODAY, t)), t)
    line = next(x for x in text.splitlines() if x.strip().startswith("n_Q_2026_002["))
    assert line == ('    n_Q_2026_002["Q-2026-002: Een #quot;vraag#quot; #lt;script#gt;x#lt;/script'
                    '#gt; #amp; [haakjes] --#gt;…<br/><i>in progress</i>"]:::question')


def test_dot_and_json_of_the_same_graph(base_kb: Path) -> None:
    t = Translator("nl")
    graph = build_graph(context(open_kb(base_kb, t), TODAY, t), "F-2026-9ZXA", depth=1)
    assert [n["id"] for n in graph.nodes] == ["Q-2026-002", "P-2026-001", "F-2026-7KQ3",
                                              "F-2026-9ZXA"]
    dot = to_dot(graph, t)
    assert '"F-2026-9ZXA" -> "F-2026-7KQ3" [label="ondersteunt"];' in dot
    assert '"Q-2026-001"' not in dot  # two links away
    # every link between the records shown is drawn
    assert '"P-2026-001" -> "Q-2026-002" [label="pakt op"];' in dot
    assert to_json(graph).count('"relation"') == 5


@pytest.mark.needs("chromium", "mermaid")
def test_a_browser_draws_the_mermaid_graph(browser: Any, tmp_path: Path) -> None:
    root = tmp_path / "kb"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copy(REPO / "veiligestad.yaml", root)
    path = root / "data/questions/Q-2026-001.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(text.split("\n")[1], HOSTILE), encoding="utf-8")
    t = Translator("nl")
    graph = build_graph(context(open_kb(root, t), TODAY, t))
    mermaid = to_mermaid(graph, t)
    browsing = browser.new_context()
    try:
        page = browsing.new_page()
        page.set_content("<html><body><div id='out'></div></body></html>")
        page.add_script_tag(path=str(MERMAID_JS))
        # securityLevel strict is how GitHub renders Mermaid blocks.
        result = page.evaluate("""async (text) => {
            mermaid.initialize({startOnLoad: false, securityLevel: 'strict'});
            try {
                const {svg} = await mermaid.render('graph', text);
                document.getElementById('out').innerHTML = svg;
                return 'ok';
            } catch (e) { return String(e); }
        }""", mermaid)
        assert result == "ok"
        nodes = page.evaluate("document.querySelectorAll('#out g.node').length")
        labels = page.evaluate(
            "[...document.querySelectorAll('#out g.node')].map(n => n.textContent)")
        scripts = page.evaluate("document.querySelectorAll('#out script').length")
    finally:
        browsing.close()
    assert nodes == len(graph.nodes) == 50
    assert any('Een "vraag" <script>x</script> &' in label for label in labels)
    assert scripts == 0
