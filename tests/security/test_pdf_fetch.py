"""The PDF fetches nothing from outside the template folders: not a local file, not the network.

A knowledge base's ``templates/report/print.css`` (the print stylesheet) and
``templates/report/report.html.j2`` (the document) both reach WeasyPrint; each is tried with an
``@import``/``<link>`` of a ``file://`` URL outside the knowledge base and of an ``http`` URL
served by a local server that counts its requests. A file inside ``templates/`` still works.
"""

from __future__ import annotations

import http.server
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from tests.commands.report_helpers import copy_example, report

pytest.importorskip("weasyprint")
BUILTIN = Path(__file__).parents[2] / "src/veiligestad/templates/report"


class _Counter(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Counter.hits.append(self.path)
        body = b'body::before { content: "NETWORKMARKER"; }'
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    _Counter.hits = []
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/evil.css"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _kb(tmp_path: Path) -> Path:
    root = copy_example(tmp_path / "kb")
    (root / "templates" / "report").mkdir(parents=True)
    secret = tmp_path / "secret.css"  # outside the knowledge base
    secret.write_text('body::before { content: "SECRETMARKER"; }', encoding="utf-8")
    return root


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def _css(root: Path, line: str) -> None:
    base = (BUILTIN / "print.css").read_text(encoding="utf-8")
    (root / "templates/report/print.css").write_text(line + "\n" + base, encoding="utf-8")


def _html(root: Path, tag: str) -> None:
    base = (BUILTIN / "report.html.j2").read_text(encoding="utf-8")
    (root / "templates/report/report.html.j2").write_text(
        base.replace("</head>", tag + "\n</head>", 1), encoding="utf-8")


def _attack(root: Path, where: str, url: str) -> None:
    if where == "stylesheet":
        _css(root, f'@import url("{url}");')
    else:
        _html(root, f'<link rel="stylesheet" href="{url}">')


@pytest.mark.parametrize("where", ["stylesheet", "document"])
def test_a_local_file_outside_the_templates_is_never_read(tmp_path: Path, where: str) -> None:
    root = _kb(tmp_path)
    _attack(root, where, (tmp_path / "secret.css").as_uri())
    result = report(root, "quarterly", "-q", "2026-Q3", "-f", "pdf", "-o", "r.pdf")
    assert result.exit_code == 2, result.output
    assert "secret.css" in result.output and "Traceback" not in result.output
    assert not (root / "r.pdf").exists()


@pytest.mark.parametrize("where", ["stylesheet", "document"])
def test_nothing_is_fetched_from_the_network(tmp_path: Path, server: str, where: str) -> None:
    root = _kb(tmp_path)
    _attack(root, where, server)
    result = report(root, "quarterly", "-q", "2026-Q3", "-f", "pdf", "-o", "r.pdf")
    assert result.exit_code == 2, result.output
    assert _Counter.hits == []
    assert not (root / "r.pdf").exists()


def test_a_link_inside_the_templates_to_a_file_outside_is_refused(tmp_path: Path) -> None:
    root = _kb(tmp_path)
    (root / "templates/report/own.css").symlink_to(tmp_path / "secret.css")
    _css(root, '@import url("own.css");')
    result = report(root, "quarterly", "-q", "2026-Q3", "-f", "pdf", "-o", "r.pdf")
    assert result.exit_code == 2, result.output


@pytest.mark.needs("pdftotext")
def test_a_stylesheet_may_import_its_own_file_from_the_templates(tmp_path: Path) -> None:
    root = _kb(tmp_path)
    (root / "templates/report/own.css").write_text(
        'body::before { content: "OWNMARKER"; }', encoding="utf-8")
    _css(root, '@import url("own.css");')
    result = report(root, "quarterly", "-q", "2026-Q3", "-f", "pdf", "-o", "r.pdf")
    assert result.exit_code == 0, result.output
    assert "OWNMARKER" in _pdf_text(root / "r.pdf")
