"""Finding the knowledge base's root: ``--kb``, then ``VEILIGESTAD_KB``, then walking up."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

from veiligestad.errors import NotAKnowledgeBase
from veiligestad.i18n import Translator

CONFIG_NAME: Final = "veiligestad.yaml"
ENV_VAR: Final = "VEILIGESTAD_KB"


def find_root(explicit: Path | None, cwd: Path, t: Translator) -> Path:
    """The folder holding ``veiligestad.yaml``.

    An explicit path (``--kb``) or the environment variable must point at a knowledge base itself;
    otherwise the search walks up from ``cwd``, the way git finds its repository.
    """
    given = explicit if explicit is not None else _from_env()
    if given is not None:
        if not given.exists():
            raise NotAKnowledgeBase(t("root.no_such_folder", path=str(given)),
                                    hint=t("root.not_kb_hint"))
        candidate = given if given.is_dir() else given.parent
        if (candidate / CONFIG_NAME).is_file():
            return candidate.resolve()
        raise NotAKnowledgeBase(
            t("root.not_kb", path=str(given)), hint=t("root.not_kb_hint")
        )
    here = cwd.resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise NotAKnowledgeBase(t("root.none_found", path=str(here)), hint=t("root.none_found_hint"))


def _from_env() -> Path | None:
    value = os.environ.get(ENV_VAR, "").strip()
    return Path(value) if value else None
