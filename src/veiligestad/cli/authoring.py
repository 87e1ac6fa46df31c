"""What the writing commands share on the command line: opening the knowledge base, ``--by``,
``--commit`` and the options they all take."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from veiligestad.cli.common import fail, open_config, options

if TYPE_CHECKING:
    from veiligestad.i18n import Translator
    from veiligestad.store.kb import KnowledgeBase

CommitOption = Annotated[
    bool,
    typer.Option(
        "--commit",
        help="Commit exactly the files written, with a clear "
        "message (never pushes, never prompts).",
    ),
]
ByOption = Annotated[
    str | None,
    typer.Option(
        "--by", metavar="NAME", help="Who does this, for status_history (default: git's user.name)."
    ),
]
AnswersOption = Annotated[
    Path | None,
    typer.Option(
        "--answers", metavar="FILE",
        help="Start from the answers in FILE (a draft saved by a refused command); flags "
        "given as well win.",
    ),
]
NoInputOption = Annotated[
    bool,
    typer.Option("--no-input", help="Never ask; take every value from the options (for scripts)."),
]


def open_kb_for(ctx: typer.Context, commit: bool = False) -> tuple[KnowledgeBase, Translator]:
    """The knowledge base of ``--kb`` (or the current folder), read once, and the translator.

    With ``commit``, a knowledge base outside git is refused here, before anything is written:
    ``--commit`` that fails after the files were written would leave the user half done.
    """
    from veiligestad.errors import VeiligestadError
    from veiligestad.store.kb import open_kb

    config, t = open_config(options(ctx))
    try:
        if commit:
            check_commit_possible(config.root, t)
        return open_kb(config.root, t, config, every_file=True), t
    except VeiligestadError as exc:
        fail(exc, t)


def check_commit_possible(root: Path, t: Translator) -> None:
    """Raise when ``--commit`` could not commit in ``root`` (no git repository around it)."""
    from veiligestad.errors import UsageError
    from veiligestad.store.gitrepo import require_git

    require_git(t, "commit")  # no git program: say what needs it (a Windows laptop without git)
    import git

    try:
        git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise UsageError(t("commit.no_repo", path=str(root)),
                         hint=t("commit.no_repo_hint")) from None


def who(kb: KnowledgeBase, by: str | None) -> str | None:
    """``--by``, else git's user.name."""
    if by and by.strip():
        return by.strip()
    from veiligestad.store.gitcommit import git_user

    return git_user(kb.root)


def commit(kb: KnowledgeBase, rels: list[str], message: str, t: Translator) -> None:
    """Commit ``rels`` and say so; a failure is a usage error (the files stay written)."""
    from veiligestad.errors import VeiligestadError
    from veiligestad.store.gitcommit import commit_files

    if not rels:
        return
    try:
        sha = commit_files(kb.root, rels, message, t)
    except VeiligestadError as exc:
        fail(exc, t)
    typer.echo(t("commit.done", sha=sha[:10], count=len(rels)))


def rel_to_cwd(kb: KnowledgeBase, rel: str) -> str:
    """A record's path as the user can open it from the current folder."""
    path = kb.root / rel
    try:
        return str(path.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def start_answers(path: Path | None, given: dict[str, Any], names: list[str],
                  t: Translator) -> dict[str, Any]:
    """``given`` (the flags) over the answers of ``--answers FILE``."""
    if path is None:
        return given
    from veiligestad.commands.drafts import load_answers
    from veiligestad.errors import VeiligestadError

    try:
        loaded = load_answers(path, names, t)
    except VeiligestadError as exc:
        fail(exc, t)
    return {**loaded, **{k: v for k, v in given.items() if v not in (None, [], "")}}


def refused_keep_answers(kb: KnowledgeBase, t: Translator, exc: Any, kind: str,
                         command: str, answers: dict[str, Any], typed: bool) -> NoReturn:
    """Fail with ``exc``; answers typed at the prompts are saved to a draft first, and the
    message says where and how to use it again."""
    import datetime as dt
    import sys

    if typed:
        from veiligestad.commands.drafts import save_draft

        try:
            path = save_draft(kb.root, kind, answers, dt.datetime.now())
        except OSError:
            path = None
        if path is not None:
            print(t("draft.saved", path=rel_to_cwd(kb, path.relative_to(kb.root).as_posix()),
                    command=command), file=sys.stderr)
    fail(exc, t)
