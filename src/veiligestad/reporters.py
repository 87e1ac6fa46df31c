"""Machine-readable forms of validation problems; they know nothing of how problems are found.

The text form for people is drawn by the command line (``cli/output.py``) with Rich.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from veiligestad.checks.problem import ERROR, Problem


def to_json(problems: Iterable[Problem], counts: dict[str, int]) -> str:
    """``{"problems": [...], "counts": {...}}`` as DESIGN.md specifies."""
    payload = {"problems": [p.to_json() for p in problems], "counts": counts}
    return json.dumps(payload, ensure_ascii=False, indent=2)


def parsable(problem: Problem) -> str:
    """``path:line:col: severity message [rule]``, the line editors and CI understand."""
    where = problem.path
    if problem.line is not None:
        where += f":{problem.line}"
        if problem.column is not None:
            where += f":{problem.column}"
    return f"{where}: {problem.severity} {problem.message} [{problem.rule}]"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(problems: Iterable[Problem], prefix: Path | None = None) -> str:
    """GitHub Actions workflow commands: one ``::error``/``::warning`` annotation per problem.

    ``prefix`` is the knowledge base's folder relative to the repository root, when it is not
    the root itself, so the annotation lands on the right file of the pull request.
    """
    lines = []
    for problem in problems:
        level = "error" if problem.severity == ERROR else "warning"
        path = (prefix / problem.path).as_posix() if prefix else problem.path
        props = [f"file={_escape_property(path)}"]
        if problem.line is not None:
            props.append(f"line={problem.line}")
        if problem.column is not None:
            props.append(f"col={problem.column}")
        props.append(f"title={_escape_property(problem.rule)}")
        message = problem.message + (f"\n{problem.hint}" if problem.hint else "")
        lines.append(f"::{level} {','.join(props)}::{_escape_data(message)}")
    return "\n".join(lines)
