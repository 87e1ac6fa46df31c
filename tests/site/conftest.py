"""Fixtures of the site tests: the example knowledge base built into a site, served on
127.0.0.1. Debian's Chromium (the ``browser`` fixture) is shared by the whole session: it is in
tests/conftest.py."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from tests.commands.report_helpers import copy_example
from tests.conftest import TODAY

runner = CliRunner()

# Skipped on a developer's machine without Chromium; under CI (which installs it) it fails
# instead: the one policy for system tools in tests/conftest.py.
needs_chromium = pytest.mark.needs("chromium")


def build(root: Path, out: Path, **kw: Any) -> Any:
    """``site build`` through the core, on the tests' pinned date."""
    from veiligestad.commands.site import SiteRequest, build_site

    return build_site(root, SiteRequest(out, **kw), TODAY)


def site_cli(root: Path, *args: str) -> Result:
    """``veiligestad --kb ROOT site ARGS`` in-process, from inside ``root``."""
    from veiligestad.cli.main import app

    old = Path.cwd()
    os.chdir(root)
    try:
        return runner.invoke(app, ["--kb", str(root), "site", *args])
    finally:
        os.chdir(old)


def every_text(site: Path) -> Iterator[tuple[Path, str]]:
    """Every file of the site as text; Pagefind's index files (gzip) decompressed first."""
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        yield path, data.decode("utf-8", errors="replace")


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The example knowledge base (a copy) and its site, built once with search."""
    base = tmp_path_factory.mktemp("site")
    root = copy_example(base / "leiden")
    # The example's question that waits for a student is internal; the agenda needs a public one.
    question = root / "data" / "questions" / "Q-2026-012.yaml"
    question.write_text(question.read_text(encoding="utf-8").replace(
        "classification: internal", "classification: public"), encoding="utf-8")
    out = base / "site"
    build(root, out)
    return root, out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    """http.server, quiet, and serving the site's 404.html as a web server set up by
    docs/site.md does (GitHub Pages and GitLab Pages do the same by themselves)."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """A built site served by http.server on 127.0.0.1 (a free port): its address."""
    handler = functools.partial(_Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def served(example_site: tuple[Path, Path]) -> Iterator[str]:
    """The example site served on 127.0.0.1."""
    with serve(example_site[1]) as url:
        yield url


def copy_site(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target
