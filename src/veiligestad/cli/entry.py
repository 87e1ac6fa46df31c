"""The ``veiligestad`` program's first module: answers ``--help`` and ``--version`` at once.

Importing Typer (and Click inside it) takes most of the time a bare ``veiligestad --help`` would
take. The top-level help, and the help of the commands run most often (``validate --help``), are
therefore rendered ahead of time into ``cli/help_text.py`` (by ``python -m
veiligestad.cli.reference``, with a test that each matches what Typer prints) and shown from there
when the terminal is at least as wide as Click's widest layout (80 columns). A plain
``validate`` on a knowledge base where nothing changed prints its kept result from here too
(``cli/quick.py``). Every other command line goes to ``cli.main`` as before.
"""

from __future__ import annotations

import os
import sys

# Set to 0, every ``validate`` goes through Typer (to compare the two ways, or should the quick
# path ever misbehave).
QUICK_OFF: str = "VEILIGESTAD_QUICK"
_WIDEST: int = 80  # Click lays out help for at most 80 columns; wider terminals get the same text


def _terminal_columns() -> int:
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.stdout.fileno()).columns
        except (OSError, ValueError):
            columns = 80  # not a terminal: Click uses 80 as well
    return columns


def main() -> None:
    """Run ``veiligestad``: the quick answers here, everything else through Typer."""
    from veiligestad.cli.streams import guard_streams
    from veiligestad.memory import freeze_start_up, short_lived

    short_lived()
    guard_streams()  # a reader that goes away (``| head``) never changes how a command ends
    args = sys.argv[1:]
    program = os.path.basename(sys.argv[0])
    if program == "veiligestad" and len(args) == 2 and args[1] in ("-h", "--help"):
        from veiligestad.cli.help_text import COMMAND_HELP

        if args[0] in COMMAND_HELP and _terminal_columns() >= _WIDEST:
            sys.stdout.write(COMMAND_HELP[args[0]])
            return
    if program == "veiligestad" and len(args) == 1:
        if args[0] in ("-h", "--help") and _terminal_columns() >= _WIDEST:
            from veiligestad.cli.help_text import TOP_HELP

            sys.stdout.write(TOP_HELP)
            return
        if args[0] == "--version":
            from veiligestad import __version__

            print(f"veiligestad {__version__}")
            return
    if program == "veiligestad" and "validate" in args and os.environ.get(QUICK_OFF) != "0":
        from veiligestad.cli.quick import answer
        from veiligestad.cli.streams import tolerate_narrow_encodings

        tolerate_narrow_encodings()  # as cli.main does before anything is printed
        try:
            code = answer(args)
        except KeyboardInterrupt:
            sys.exit(130)
        if code is not None:
            sys.exit(code)
    if program == "veiligestad" and os.environ.get(QUICK_OFF) != "0" \
            and not {"stats", "gaps", "show", "query"}.isdisjoint(args):
        from veiligestad.cli.quick_read import answer as answer_reading
        from veiligestad.cli.streams import tolerate_narrow_encodings

        tolerate_narrow_encodings()
        try:
            code = answer_reading(args, process_ends=True)
        except KeyboardInterrupt:
            sys.exit(130)
        if code is not None:
            sys.exit(code)
    from veiligestad.cli.main import main as full_main

    freeze_start_up()
    full_main()
