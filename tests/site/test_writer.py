"""The site's writer never writes through a link out of the site's folder (``site/writer.py``).

The output folder is the user's: a symbolic link planted in it (by hand, by a sync tool, by an
archive unpacked there) must not make a build write elsewhere. A folder of the site that leads
outside stops the build with a usage error that names the link, before anything is written; a
link in a file's own place is replaced by the file, and what it pointed to is left as it was.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from tests.site.conftest import build, site_cli
from veiligestad.errors import UsageError

pytestmark = pytest.mark.skipif(sys.platform == "win32",
                                reason="symbolic links need extra rights on Windows")


def _state(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file below ``folder`` (links not followed): its bytes and modification time."""
    out = {}
    for here, _dirs, names in os.walk(folder):
        for name in names:
            path = Path(here, name)
            if not path.is_symlink():
                out[path.relative_to(folder).as_posix()] = (path.read_bytes(),
                                                            path.stat().st_mtime_ns)
    return out


def _folders(site: Path) -> list[str]:
    """Every folder of the site one level down and the first folder inside each (the site's
    sections and a page's own folder in each), and every folder of the search index."""
    chosen = []
    for top in sorted(p for p in site.iterdir() if p.is_dir()):
        chosen.append(top.name)
        inner = sorted(p for p in top.iterdir() if p.is_dir())
        # every folder of the search index (Pagefind's own), the first of the others
        for folder in inner if top.name == "pagefind" else inner[:1]:
            chosen.append(f"{top.name}/{folder.name}")
    return chosen


def test_the_chosen_folders_cover_every_section_and_the_search_index(
        example_site: tuple[Path, Path]) -> None:
    chosen = _folders(example_site[1])
    for needed in ("bevindingen", "themas", "partners", "projecten", "onderzoeksagenda",
                   "open-data", "assets", "pagefind", "pagefind/fragment"):
        assert needed in chosen, needed
    assert any(f.startswith("bevindingen/F-") for f in chosen)


def test_a_folder_that_leads_outside_stops_the_build_before_anything_is_written(
        example_site: tuple[Path, Path], tmp_path: Path) -> None:
    root, example = example_site
    kb = tmp_path / "kb"
    shutil.copytree(root, kb, ignore=shutil.ignore_patterns(".veiligestad-cache"))
    # a record changed, so pages are rendered and written again
    changed = next((kb / "data" / "findings").glob("*.yaml"))
    changed.write_text(changed.read_text(encoding="utf-8").replace(
        "statement: ", "statement: Anders. ", 1), encoding="utf-8")
    for n, rel in enumerate(_folders(example)):
        site = tmp_path / f"site-{n}"
        shutil.copytree(example, site)
        outside = tmp_path / f"elsewhere-{n}"
        outside.mkdir()
        shutil.rmtree(site / rel)
        (site / rel).symlink_to(outside, target_is_directory=True)
        before = _state(site)
        with pytest.raises(UsageError) as raised:
            build(kb, site)
        assert str(site / rel) in str(raised.value), rel
        assert list(outside.iterdir()) == [], rel  # nothing made there, not even a folder
        assert _state(site) == before, rel  # and nothing written in the site either
        assert (site / rel).is_symlink()


def test_the_command_says_which_link_and_exits_2(example_site: tuple[Path, Path],
                                                 tmp_path: Path) -> None:
    root, example = example_site
    site = tmp_path / "site"
    shutil.copytree(example, site)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    shutil.rmtree(site / "themas")
    (site / "themas").symlink_to(outside, target_is_directory=True)
    kb = tmp_path / "kb"
    shutil.copytree(root, kb, ignore=shutil.ignore_patterns(".veiligestad-cache"))
    done = site_cli(kb, "build", "-o", str(site))
    assert done.exit_code == 2, done.output
    assert "themas" in done.output and "symbolische koppeling" in done.output
    assert "Traceback" not in done.output
    assert list(outside.iterdir()) == []


@pytest.mark.parametrize("kind", ["page", "asset", "open data", "search index", "feed"])
def test_a_link_in_a_files_place_is_replaced_and_never_followed(
        example_site: tuple[Path, Path], tmp_path: Path, kind: str) -> None:
    root, example = example_site
    site = tmp_path / "site"
    shutil.copytree(example, site)
    rel = {"page": "bevindingen/index.html", "asset": "assets/site.css",
           "open data": "open-data/findings.csv", "feed": "feed.xml",
           "search index": next(p.relative_to(site).as_posix()
                                for p in sorted((site / "pagefind").glob("pagefind-entry.json")))
           }[kind]
    expected = (site / rel).read_bytes()
    secret = tmp_path / "secret.txt"
    secret.write_bytes(b"not the site's")
    (site / rel).unlink()
    (site / rel).symlink_to(secret)
    kb = tmp_path / "kb"
    shutil.copytree(root, kb, ignore=shutil.ignore_patterns(".veiligestad-cache"))
    build(kb, site)
    assert not (site / rel).is_symlink() and (site / rel).is_file()
    if kind == "search index":  # made again: Pagefind names some of its files anew each run
        assert json.loads((site / rel).read_bytes())["version"] == \
            json.loads(expected)["version"]
    else:
        assert (site / rel).read_bytes() == expected
    assert secret.read_bytes() == b"not the site's"
