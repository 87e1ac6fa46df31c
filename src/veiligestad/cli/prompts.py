"""Asking for a record's fields one by one, with the allowed values offered as numbered choices.

A wrong answer is never a traceback: the message says what is allowed and the question is asked
again. The answers go to the core as plain values, which checks them once more.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from veiligestad.commands.authoring import Ask
    from veiligestad.commands.fieldinput import Option
    from veiligestad.i18n import Translator
    from veiligestad.model.kinds import Kind
    from veiligestad.store.config import Config

# Given the answers so far, the options for a field (or None for the field's own values).
Restrict = Callable[[str, Mapping[str, Any]], "Sequence[Option] | None"]
# Given a field's name and the answers so far (that field's included), raise a UsageError when
# the answer cannot make a valid record: it is asked again at once.
Check = Callable[[str, Mapping[str, Any]], None]


def _convert(kind: Kind, name: str, raw: Any, config: Config, t: Translator,
             choices: Sequence[Option] | None) -> Any:
    from veiligestad.commands.authoring import spec_of
    from veiligestad.commands.fieldinput import convert, leaf, resolve_option, split_list
    from veiligestad.model.fields import FieldType

    spec = spec_of(kind, name)
    if choices is not None and leaf(spec).type in (FieldType.ID, FieldType.KEY):
        # Only the options shown count: a number means the number in that (shorter) list.
        items = raw if isinstance(raw, list) else split_list(str(raw or ""))
        keys = [resolve_option(str(item), choices, name, t) for item in items]
        if spec.type is FieldType.LIST:
            return list(dict.fromkeys(keys)) or None
        return keys[0] if keys else None
    return convert(spec, kind, raw, config, t)


def ask_fields(
    kind: Kind,
    asks: Sequence[Ask],
    config: Config,
    t: Translator,
    given: Mapping[str, Any],
    interactive: bool,
    restrict: Restrict | None = None,
    check: Check | None = None,
) -> dict[str, Any]:
    """The answers for ``asks``: from ``given`` (flags), and by asking for the rest. Each answer
    is checked as it is given (``check``); a wrong one is explained and asked again."""
    from veiligestad.commands.authoring import spec_of
    from veiligestad.commands.fieldinput import leaf, options
    from veiligestad.errors import UsageError
    from veiligestad.model.fields import FieldType

    answers: dict[str, Any] = {}
    for ask in asks:
        spec = spec_of(kind, ask.name)
        choices = restrict(ask.name, answers) if restrict else None
        raw = given.get(ask.name)
        if raw not in (None, "", []) or not interactive:
            if not interactive or raw in (None, "", []):
                answers[ask.name] = raw
                continue
            try:  # a flag given to an interactive session is taken when it is right
                value = _convert(kind, ask.name, raw, config, t, choices)
                if check and value is not None:
                    check(ask.name, {**answers, ask.name: value})
                answers[ask.name] = value
                continue
            except UsageError as exc:
                _say_error(exc, t)
        shown = list(choices) if choices is not None else options(spec, kind, config, t)
        description = spec.nl if t.lang == "nl" else spec.en
        typer.echo(f"\n{ask.name}: {description}")
        if shown:
            for number, option in enumerate(shown, start=1):
                typer.echo(f"  {number:>2}  {option.key}  {option.label}")
        if spec.type is FieldType.LIST:
            typer.echo(f"  ({t('prompt.several')})")
        elif leaf(spec).type is FieldType.DATE:
            typer.echo(f"  ({t('prompt.date')})")
        # one choice only for a field that must be answered (a project's only question):
        # an empty answer takes it, as the flag's default does
        default = ask.default
        if default is None and ask.required and len(shown) == 1:
            default = shown[0].key
        while True:
            label = t("prompt.required") if ask.required else t("prompt.optional")
            text = _prompt(label, default, t)
            try:
                value = _convert(kind, ask.name, text, config, t, choices)
                if check and value is not None:
                    check(ask.name, {**answers, ask.name: value})
            except UsageError as exc:
                _say_error(exc, t)
                continue
            if value is None and ask.required:
                typer.echo(t("input.required", field=ask.name))
                continue
            answers[ask.name] = value
            break
    return answers


def _prompt(label: str, default: str | None, t: Translator) -> str:
    """One answer. Nothing is written when there is none: at the end of the input (Ctrl-D, a
    closed pipe, a script without a terminal) a usage error (exit 2) says how to give every
    value without questions; Ctrl-C exits 130, as a shell expects of an interrupted program.
    A question nobody can read (standard output's reader has gone: ``| head``) ends it the same
    way as the end of the input, rather than wait for answers typed blind."""
    from veiligestad.cli.streams import asking

    try:
        with asking():
            return str(typer.prompt(label, default=default or "", show_default=bool(default)))
    except (typer.Abort, BrokenPipeError) as exc:
        typer.echo("", err=True)
        # Click turns both into Abort; the end of the input is the exception it replaced
        if isinstance(exc, BrokenPipeError) or isinstance(exc.__context__, EOFError):
            typer.echo(f"{t('cli.error')}: {t('prompt.ended')}", err=True)
            typer.echo(f"  {t('cli.hint')}: {t('prompt.ended_hint')}", err=True)
            raise typer.Exit(2) from None
        typer.echo(t("prompt.interrupted"), err=True)
        raise typer.Exit(130) from None


def _say_error(exc: Exception, t: Translator) -> None:
    from veiligestad.errors import VeiligestadError

    if isinstance(exc, VeiligestadError):
        typer.echo(f"{t('cli.error')}: {exc.message}")
        if exc.hint:
            typer.echo(f"  {exc.hint}")
