"""``veiligestad init``: a new knowledge base for a city, ready to validate and to commit."""

from __future__ import annotations

import json
import shutil
import string
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from veiligestad.errors import UsageError
from veiligestad.i18n import Translator
from veiligestad.model.kinds import KINDS
from veiligestad.store.atomic import make_dir_beside, write_new
from veiligestad.store.root import CONFIG_NAME

# Files shipped in ``veiligestad/init_files``; a leading ``dot-`` becomes ``.`` so packaging
# keeps them, and ``veiligestad.yaml`` gets the city filled in.
_DOT = "dot-"


@dataclass(frozen=True)
class InitResult:
    """What ``init`` made."""

    root: Path
    files: list[str]
    git_initialised: bool


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


def planned_files(city: str) -> dict[str, str]:
    """Every file ``init`` writes, relative to the new root, with its content."""
    files = _template_files()
    quoted = json.dumps(city, ensure_ascii=False)  # a JSON string is a valid YAML scalar
    files[CONFIG_NAME] = string.Template(files[CONFIG_NAME]).safe_substitute(city=quoted)
    for kind in KINDS.values():
        files[f"data/{kind.plural}/.gitkeep"] = ""
    return files


def init_kb(target: Path, city: str, t: Translator) -> InitResult:
    """Create a knowledge base in ``target`` (made if missing); refuse if one is there.

    Nothing is half-written: when ``target`` does not exist it is built in a temporary folder
    beside it and renamed into place; when it exists, every file is checked before any is written
    and each is created without overwriting.
    """
    city = city.strip()
    if not city:
        raise UsageError(t("init.no_city"), hint=t("init.no_city_hint"))
    if (target / CONFIG_NAME).exists():
        raise UsageError(t("init.exists", path=str(target)), hint=t("init.exists_hint"))
    for parent in target.resolve().parents:
        if (parent / CONFIG_NAME).is_file():
            raise UsageError(t("init.nested", path=str(target), root=str(parent)),
                             hint=t("init.nested_hint", root=str(parent)))
    files = planned_files(city)
    files.update(_schema_files(files[CONFIG_NAME], target, t))
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
            staging.rename(target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    return InitResult(target.resolve(), sorted(files), _git_init(target))


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
