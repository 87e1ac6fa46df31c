"""A wheel of the running veiligestad, for a new knowledge base to keep in its own repository.

A city's CI must install the tool from a source that exists and is pinned. When this copy of
the tool does not know a published, pinned home of itself (it was installed from a folder, not
from a git URL at a commit), ``init`` puts this wheel in the new knowledge base (``tools/``) and
the CI files install it from there: the source is in the city's own repository, pinned by its
commits, and no package name is looked up in a public index (whoever registered the name would
run code in every city's CI). Replacing the file is how a city takes a newer version.

A wheel is a zip with the package's files, its ``.dist-info`` metadata (copied from what pip
installed) and a RECORD of sha256 digests (PEP 427); the zip's entries are sorted and dated
1980-01-01, so the same version of the tool always gives the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import io
import zipfile
from importlib import metadata, resources
from typing import Final

from veiligestad import __version__

TOOL_DIR: Final = "tools"
_STAMP: Final = (1980, 1, 1, 0, 0, 0)
_SKIP: Final = ("__pycache__", ".mypy_cache", ".pytest_cache")


def wheel_name() -> str:
    """``veiligestad-VERSION-py3-none-any.whl`` (pure Python, any platform)."""
    return f"veiligestad-{__version__}-py3-none-any.whl"


def wheel_path() -> str:
    """Where ``init`` puts the wheel, relative to the knowledge base (``/`` on every system)."""
    return f"{TOOL_DIR}/{wheel_name()}"


def _package_files() -> dict[str, bytes]:
    """Every file of the installed package (sources, templates, init files), by wheel path."""
    files: dict[str, bytes] = {}

    def walk(node: object, prefix: str) -> None:
        for child in node.iterdir():  # type: ignore[attr-defined]
            if child.name in _SKIP or child.name.endswith((".pyc", ".pyo")):
                continue
            if child.is_dir():
                walk(child, f"{prefix}{child.name}/")
            else:
                files[f"{prefix}{child.name}"] = child.read_bytes()

    walk(resources.files("veiligestad"), "veiligestad/")
    return files


def _metadata_files(info: str) -> dict[str, bytes]:
    """METADATA, entry points and licence as pip installed them; WHEEL written here."""
    dist = metadata.distribution("veiligestad")
    text = dist.read_text("METADATA")
    if not text:  # not installed through pip: the least METADATA that pip accepts
        text = f"Metadata-Version: 2.1\nName: veiligestad\nVersion: {__version__}\n"
    files = {f"{info}/METADATA": text.encode("utf-8")}
    entry_points = dist.read_text("entry_points.txt") or (
        "[console_scripts]\nveiligestad = veiligestad.cli.entry:main\n")
    files[f"{info}/entry_points.txt"] = entry_points.encode("utf-8")
    for name in ("licenses/LICENSE", "LICENSE"):
        licence = dist.read_text(name)
        if licence:
            files[f"{info}/licenses/LICENSE"] = licence.encode("utf-8")
            break
    files[f"{info}/WHEEL"] = (
        b"Wheel-Version: 1.0\nGenerator: veiligestad init\nRoot-Is-Purelib: true\n"
        b"Tag: py3-none-any\n")
    return files


def _digest(data: bytes) -> str:
    raw = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def build_wheel() -> bytes:
    """The wheel of the running tool, as bytes (the same bytes for the same installed files)."""
    info = f"veiligestad-{__version__}.dist-info"
    files = _package_files() | _metadata_files(info)
    record_name = f"{info}/RECORD"
    lines = [f"{name},{_digest(data)},{len(data)}" for name, data in sorted(files.items())]
    lines.append(f"{record_name},,")
    files[record_name] = ("\n".join(lines) + "\n").encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        # RECORD last, as PEP 427 recommends; everything else sorted
        for name in sorted(files, key=lambda n: (n == record_name, n)):
            entry = zipfile.ZipInfo(name, date_time=_STAMP)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, files[name])
    return buffer.getvalue()
