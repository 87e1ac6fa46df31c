"""The wheel of the running tool that ``init`` bundles into a new knowledge base: pip installs
it (really, into a folder), it holds every file of the package, its RECORD is right, and the same
tool always gives the same bytes (so re-running ``init`` elsewhere gives an identical file)."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import REPO
from veiligestad import __version__
from veiligestad.commands.toolwheel import build_wheel, wheel_name


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_wheel_holds_every_file_of_the_package_and_a_correct_record() -> None:
    members = _members(build_wheel())
    package = REPO / "src" / "veiligestad"
    wanted = {f"veiligestad/{p.relative_to(package).as_posix()}" for p in package.rglob("*")
              if p.is_file() and "__pycache__" not in p.parts}
    assert wanted <= set(members)
    assert {name for name in members if not name.startswith("veiligestad/")} == {
        f"veiligestad-{__version__}.dist-info/{name}"
        for name in ("METADATA", "WHEEL", "entry_points.txt", "RECORD", "licenses/LICENSE")}
    info = f"veiligestad-{__version__}.dist-info"
    rows = list(csv.reader(io.StringIO(members[f"{info}/RECORD"].decode("utf-8"))))
    assert {row[0] for row in rows} == set(members)
    for name, digest, size in rows:
        if name.endswith("/RECORD"):
            assert (digest, size) == ("", "")
            continue
        raw = hashlib.sha256(members[name]).digest()
        assert digest == "sha256=" + base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
        assert int(size) == len(members[name])
    assert b"veiligestad = veiligestad.cli.entry:main" in members[f"{info}/entry_points.txt"]
    assert f"Version: {__version__}".encode() in members[f"{info}/METADATA"]


def test_the_same_tool_gives_the_same_bytes() -> None:
    assert build_wheel() == build_wheel()


def test_pip_installs_it_and_the_installed_tool_runs(tmp_path: Path) -> None:
    wheel = tmp_path / wheel_name()
    wheel.write_bytes(build_wheel())
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps",
                    "--no-index", "--target", str(target), str(wheel)], check=True)
    # the installed copy runs (its dependencies come from the test's environment)
    env = {**os.environ, "PYTHONPATH": str(target)}
    script = ("import sys, veiligestad, veiligestad.cli.entry as entry; "
              "print(veiligestad.__file__); sys.argv = ['veiligestad', '--version']; "
              "entry.main()")
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                         text=True, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    first, second = out.stdout.splitlines()[:2]
    assert Path(first).is_relative_to(target)  # the wheel's copy, not the source tree's
    assert second == f"veiligestad {__version__}"
    assert (target / "veiligestad" / "init_files" / "dot-github" / "workflows"
            / "validate.yml").is_file()
