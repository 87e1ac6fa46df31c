"""Where an output may be written: one guard for every command that writes a file or folder.

A report, an export, the JSON Schemas and (later) a static site are outputs; records, the config
and the repository are not. Every writing command calls ``guard_output`` before it writes:

- never (not even with ``--force``): over the config ``veiligestad.yaml``, into ``data/`` (the
  records) or anything under ``.git/`` (the repository): a mistyped ``-o`` must not replace a
  record, the config or the repository's own files;
- not without ``--force``: over the knowledge base's own sources (``templates/``, ``queries/``,
  ``schemas/``, ``.github/``, the cache), and internal output inside the knowledge base's folder
  where git would pick it up, because what lies there is easily committed and published with it.
  A path that git ignores (``build/`` in the ``.gitignore`` that ``init`` writes) is fine: that is
  where a coordinator keeps the quarter's report, and git never commits it;
- public output may go anywhere else, inside the knowledge base too (a ``site/`` folder).

The target is resolved first (``..`` and symbolic links in its folders), so no spelling of a
path gets around the rules; a link in the target's own place is replaced by the output, never
followed (every writer writes a temporary file and moves it into place). Files are written
``0644`` when public, ``0600`` when internal (``file_mode``): an internal report on a shared
machine is for its owner.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from pathlib import Path
from typing import Final

from veiligestad.errors import UsageError
from veiligestad.i18n import Translator
from veiligestad.store.root import CONFIG_NAME

PUBLIC: Final = "public"
INTERNAL: Final = "internal"
KB_FILE: Final = "kb"  # a file the knowledge base keeps (schemas): public, belongs in the tree
NEVER: Final = ("data", ".git")
SOURCES: Final = ("templates", "queries", "schemas", "tools", ".github", ".veiligestad-cache")


def _resolve(path: Path) -> Path:
    """``path`` made absolute with its folders' links and ``..`` resolved (it may not exist)."""
    path = Path(os.path.abspath(path))
    try:
        return path.parent.resolve() / path.name if path.name else path.resolve()
    except OSError:
        return path


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def guard_output(root: Path, path: Path, t: Translator, *, audience: str = INTERNAL,
                 force: bool = False, folder: bool = False,
                 allowed_source: str | None = None) -> Path:
    """Check that an output may be written at ``path`` (a file, or with ``folder`` a folder);
    return the resolved target, or raise a ``UsageError`` (exit code 2) that says why.

    ``allowed_source``: the one source folder this output belongs in (``schemas`` for the
    JSON Schemas).
    """
    target = _resolve(path)
    base = root.resolve()
    shown = str(path)
    if target == base / CONFIG_NAME:
        raise UsageError(t("output.config", path=shown), hint=t("output.protected_hint"))
    for name in NEVER:
        if _inside(target, base / name):
            raise UsageError(t("output.protected", path=shown, folder=f"{name}/"),
                             hint=t("output.protected_hint"))
        if folder and _inside(base / name, target):  # the knowledge base's folder or above
            raise UsageError(t("output.holds", path=shown, folder=f"{name}/"),
                             hint=t("output.holds_hint"))
    if folder and target == base and not force:
        raise UsageError(t("output.root", path=shown), hint=t("output.force_hint"))
    for name in SOURCES:
        if name != allowed_source and _inside(target, base / name) and not force:
            raise UsageError(t("output.source", path=shown, folder=f"{name}/"),
                             hint=t("output.force_hint"))
    if audience == INTERNAL and _inside(target, base) and not force \
            and not _ignored_by_git(base, target):
        raise UsageError(t("output.internal_in_kb", path=shown),
                         hint=t("output.internal_in_kb_hint"))
    return target


def _ignored_by_git(base: Path, target: Path) -> bool:
    """Whether git would leave ``target`` out of a commit: the knowledge base is in no git
    repository at all, or its repository ignores the path. False when git cannot say (no git
    program for a repository, any error), so that the cautious answer wins."""
    if not any((folder / ".git").exists() for folder in (base, *base.parents)):
        return True  # nothing here is committed (a folder copied from a repository, say)
    try:
        done = subprocess.run(
            ["git", "-C", str(base), "check-ignore", "-q", "--", str(target)],
            capture_output=True, timeout=10, check=False,
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0"})
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def file_mode(audience: str) -> int:
    """``0o644`` for public output and the knowledge base's own files, ``0o600`` for internal."""
    return 0o600 if audience == INTERNAL else 0o644


def set_mode(path: Path, audience: str) -> None:
    """Give a written output its mode (Windows keeps only the read-only bit: nothing to do)."""
    with contextlib.suppress(OSError, NotImplementedError):
        os.chmod(path, file_mode(audience))
