"""``veiligestad init``: a new knowledge base for a city, ready to validate and to commit."""

from __future__ import annotations

import json
import re
import shutil
import string
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from typing import Final

from veiligestad import __version__
from veiligestad.errors import UsageError
from veiligestad.i18n import Translator
from veiligestad.model.kinds import KINDS
from veiligestad.store.atomic import make_dir_beside, write_new
from veiligestad.store.gitrepo import require_git
from veiligestad.store.root import CONFIG_NAME

# Files shipped in ``veiligestad/init_files``; a leading ``dot-`` becomes ``.`` so packaging
# keeps them, and ``veiligestad.yaml`` gets the city filled in. In the other text files
# ``__CITY__``, ``__TOOL_REQUIREMENT__``, ``__TOOL_REPOSITORY__`` and ``__TOOL_REV__`` are
# filled in (tokens rather than ``$name``: the workflow has its own ``$`` and ``${{ }}``).
_DOT = "dot-"

# Where a new knowledge base's CI, pre-commit hook and README install the tool from, decided in
# one place (``default_tool_source``; docs/gitlab-ci.md and .pre-commit-hooks.yaml show the same
# forms). A knowledge base is pinned to an exact revision: the git URL and commit the tool was
# installed from when pip recorded one; otherwise a wheel of the running tool that ``init`` puts
# in the knowledge base itself (``commands/toolwheel.py``), so the CI works on day one without
# any published address. Never an unpinned package name from a public index: whoever registered
# that name would run code in every city's CI. `veiligestad init --tool-source` overrides it.
# TOOL_REPOSITORY is where the tool's repository is to be published: the form the docs show.
TOOL_REPOSITORY: Final = "https://example.org/veiligestad/veiligestad.git"

_COMMIT = re.compile(r"[0-9a-f]{40}")
_GIT_SOURCE = re.compile(r"git\+(?P<url>https://[^\s@#]+?)@(?P<rev>[\w.\-/]+)")
_WHEEL_SOURCE = re.compile(r"https://[^\s#]+\.whl#sha256=[0-9a-f]{64}")


@dataclass(frozen=True)
class InitResult:
    """What ``init`` made."""

    root: Path
    files: list[str]
    git_initialised: bool
    commit: str | None = None  # the first commit, unless --no-commit
    requirement: str = ""
    bundled: str = ""  # the tool's wheel written into the knowledge base, when it installs from it


@dataclass(frozen=True)
class ToolSource:
    """A pinned place to install the tool from: a git repository at a revision, or a wheel."""

    requirement: str  # what pip installs: ``veiligestad @ git+URL@REV`` or ``veiligestad @ URL``
    repository: str  # the git repository (for pre-commit's ``repo:``), or "" for a wheel
    rev: str  # the tag or commit (pre-commit's ``rev:``), or "" for a wheel
    bundled: bool = False  # a wheel of this tool that init writes into the knowledge base


def parse_tool_source(source: str) -> ToolSource | None:
    """``git+https://…@REV`` or ``https://….whl#sha256=…`` as a pinned source; None otherwise."""
    source = source.strip().removeprefix("veiligestad @ ").strip()
    if match := _GIT_SOURCE.fullmatch(source):
        return ToolSource(f"veiligestad @ {source}", match["url"], match["rev"])
    if _WHEEL_SOURCE.fullmatch(source):
        return ToolSource(f"veiligestad @ {source}", "", "")
    return None


def bundled_tool_source() -> ToolSource:
    """The wheel of this tool in the knowledge base's ``tools/`` folder (``toolwheel``)."""
    from veiligestad.commands.toolwheel import wheel_path

    return ToolSource(f"./{wheel_path()}", "", "", bundled=True)


def default_tool_source() -> ToolSource:
    """The git URL and commit this tool was installed from (pip records it), else its wheel,
    bundled into the new knowledge base."""
    try:
        recorded = metadata.distribution("veiligestad").read_text("direct_url.json")
        direct = json.loads(recorded or "{}")
    except (metadata.PackageNotFoundError, ValueError):
        direct = {}
    vcs = direct.get("vcs_info") if isinstance(direct, dict) else None
    url = direct.get("url", "") if isinstance(direct, dict) else ""
    if isinstance(vcs, dict) and vcs.get("vcs") == "git" and isinstance(url, str) \
            and url.startswith("https://") and _COMMIT.fullmatch(str(vcs.get("commit_id", ""))):
        found = parse_tool_source(f"git+{url}@{vcs['commit_id']}")
        if found is not None:
            return found
    return bundled_tool_source()


def _template_files() -> dict[str, str]:
    files: dict[str, str] = {}
    base = resources.files("veiligestad") / "init_files"

    def walk(node: object, prefix: str) -> None:
        for child in node.iterdir():  # type: ignore[attr-defined]
            name = child.name
            if name == "__pycache__":
                continue
            target = prefix + (("." + name[len(_DOT):]) if name.startswith(_DOT) else name)
            if child.is_dir():
                walk(child, target + "/")
            else:
                files[target] = child.read_text(encoding="utf-8")

    walk(base, "")
    return files


def planned_files(city: str, source: ToolSource | None = None) -> dict[str, str]:
    """Every file ``init`` writes, relative to the new root, with its content."""
    source = source or default_tool_source()
    files = _template_files()
    quoted = json.dumps(city, ensure_ascii=False)  # a JSON string is a valid YAML scalar
    files[CONFIG_NAME] = string.Template(files[CONFIG_NAME]).safe_substitute(city=quoted)
    if source.bundled:
        home = (f"veiligestad {__version__}, installed from `{source.requirement[2:]}` in this "
                "repository (replace that file to take another version)")
    else:
        home = (f"{(source.repository or TOOL_REPOSITORY).removesuffix('.git')} "
                "(its `docs/`: commands, records, rules, reports)")
    # the site workflow needs the search extra of the same pinned source
    site = (f"{source.requirement}[site]" if source.bundled
            else source.requirement.replace("veiligestad @", "veiligestad[site] @", 1))
    tokens = {"__CITY__": city, "__TOOL_REQUIREMENT__": source.requirement,
              "__TOOL_REQUIREMENT_SITE__": site,
              "__TOOL_REPOSITORY__": source.repository or TOOL_REPOSITORY,
              "__TOOL_HOME__": home, "__TOOL_REV__": source.rev or f"v{__version__}"}
    for rel, text in files.items():
        if rel != CONFIG_NAME:
            for token, value in tokens.items():
                text = text.replace(token, value)
            files[rel] = text
    for kind in KINDS.values():
        files[f"data/{kind.plural}/.gitkeep"] = ""
    return files


def _bundled_wheel(source: ToolSource) -> dict[str, bytes]:
    """The tool's wheel for ``tools/`` when the knowledge base installs from it; else nothing."""
    if not source.bundled:
        return {}
    from veiligestad.commands.toolwheel import build_wheel, wheel_path

    return {wheel_path(): build_wheel()}


def init_kb(target: Path, city: str, t: Translator, *, commit: bool = True,
            tool_source: str | None = None) -> InitResult:
    """Create a knowledge base in ``target`` (made if missing); refuse if one is there.

    Nothing is half-written: when ``target`` does not exist it is built in a temporary folder
    beside it and renamed into place; when it exists, every file is checked before any is written
    and each is created without overwriting. Git must be there before anything is written; the
    files are then committed, exactly those (``commit=False`` leaves that to the user).
    """
    city = city.strip()
    if not city:
        raise UsageError(t("init.no_city"), hint=t("init.no_city_hint"))
    source = default_tool_source()
    if tool_source is not None:
        parsed = parse_tool_source(tool_source)
        if parsed is None:
            raise UsageError(t("init.bad_tool_source", source=tool_source),
                             hint=t("init.bad_tool_source_hint"))
        source = parsed
    require_git(t, "init")
    if (target / CONFIG_NAME).exists():
        raise UsageError(t("init.exists", path=str(target)), hint=t("init.exists_hint"))
    for parent in target.resolve().parents:
        if (parent / CONFIG_NAME).is_file():
            raise UsageError(t("init.nested", path=str(target), root=str(parent)),
                             hint=t("init.nested_hint", root=str(parent)))
    files: dict[str, str | bytes] = {**planned_files(city, source)}
    files.update(_schema_files(str(files[CONFIG_NAME]), target, t))
    files.update(_bundled_wheel(source))
    if target.exists():
        if not target.is_dir():
            raise UsageError(t("init.not_dir", path=str(target)))
        clashes = [rel for rel in files if (target / rel).exists()]
        if clashes:
            raise UsageError(t("init.clash", path=str(target), files=", ".join(clashes)),
                             hint=t("init.exists_hint"))
        for rel, content in files.items():
            write_new(target / rel, content)
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = make_dir_beside(target)
        try:
            for rel, content in files.items():
                write_new(staging / rel, content)
            _rename_soon(staging, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    started = _git_init(target)
    sha = None
    if commit:
        from veiligestad.store.gitcommit import commit_files

        sha = commit_files(target, sorted(files), t("init.commit_message", city=city), t)
    bundled = source.requirement[2:] if source.bundled else ""
    return InitResult(target.resolve(), sorted(files), started, sha, source.requirement, bundled)


def _rename_soon(staging: Path, target: Path, tries: int = 5) -> None:
    """Rename the staging folder to ``target``. On Windows a virus scanner or the search indexer
    holds files just written for a moment, and the rename is refused: tried again a few times,
    a fifth of a second apart, before the error stands."""
    import time

    for attempt in range(tries):
        try:
            staging.rename(target)
            return
        except PermissionError:
            if attempt == tries - 1:
                raise
            time.sleep(0.2)


def _schema_files(config_text: str, target: Path, t: Translator) -> dict[str, str]:
    """The JSON Schemas that ``.vscode/settings.json`` points editors at (no records yet)."""
    from veiligestad.commands.schema import SCHEMA_DIR, schemas
    from veiligestad.store.config import config_from_text

    config = config_from_text(target, config_text, t)
    return {f"{SCHEMA_DIR}/{name}": text for name, text in schemas(config, {}).items()}


def _git_init(target: Path) -> bool:
    """``git init`` unless ``target`` is already inside a repository."""
    import git  # slow to import: only here

    try:
        git.Repo(target, search_parent_directories=True)
        return False
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        git.Repo.init(target, initial_branch="main")
        return True
