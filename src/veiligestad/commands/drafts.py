"""Typed answers are never thrown away: a refused ``new`` or ``intake`` saves them to a draft.

When a record is refused after the prompts (a check that needs every answer together), the
answers are written, as a small YAML mapping, to ``.veiligestad-drafts/`` in the knowledge base.
``--answers FILE`` reads them back as the answers to start from: correct the one at fault in the
file, or give it as a flag, and run the command again. The draft file is the user's own input and
is read as untrusted (safe YAML, a size limit, a mapping of field names to text or lists).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Final

from veiligestad.errors import UsageError
from veiligestad.i18n import Translator

DRAFT_DIR: Final = ".veiligestad-drafts"
_MAX_BYTES: Final = 262_144


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, int)) and not isinstance(value, bool):
        return str(value) if not isinstance(value, int) else value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def save_draft(root: Path, kind: str, answers: Mapping[str, Any], now: dt.datetime) -> Path:
    """Write ``answers`` to a new draft file and return its path."""
    import yaml

    from veiligestad.store.atomic import write_new

    folder = root / DRAFT_DIR
    folder.mkdir(exist_ok=True)
    data = {k: _plain(v) for k, v in answers.items() if v not in (None, "", [])}
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    stamp = now.strftime("%Y%m%d-%H%M%S")
    for number in range(1, 1000):
        path = folder / f"{kind}-{stamp}{'' if number == 1 else f'-{number}'}.yaml"
        try:
            write_new(path, text)
            return path
        except FileExistsError:
            continue
    raise FileExistsError(str(folder))  # a thousand drafts in one second: not a user's doing


def load_answers(path: Path, names: Sequence[str], t: Translator) -> dict[str, Any]:
    """The answers in a draft file (``--answers FILE``): only the names a command asks for."""
    import yaml

    try:
        raw = path.read_bytes()[: _MAX_BYTES + 1]
    except OSError as exc:
        raise UsageError(t("draft.unreadable", path=str(path), error=exc.strerror or str(exc)),
                         hint=t("draft.hint")) from None
    if len(raw) > _MAX_BYTES:
        raise UsageError(t("draft.too_large", path=str(path)), hint=t("draft.hint"))
    try:
        data = yaml.safe_load(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, yaml.YAMLError):
        raise UsageError(t("draft.not_answers", path=str(path)), hint=t("draft.hint")) from None
    if not isinstance(data, dict):
        raise UsageError(t("draft.not_answers", path=str(path)), hint=t("draft.hint"))
    answers: dict[str, Any] = {}
    for key, value in data.items():
        if key not in names:
            raise UsageError(t("draft.unknown_field", path=str(path), field=str(key)),
                             hint=t("draft.fields", fields=", ".join(names)))
        if isinstance(value, list):
            answers[key] = [str(v) for v in value if v is not None]
        elif value is not None:
            answers[key] = str(value) if not isinstance(value, str) else value
    return answers
