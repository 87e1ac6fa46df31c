"""Output that never fails: on a console or pipe with a narrow encoding (Windows' cp1252), or
into a pipe whose reader has gone (``| head``; below).

The tool's text has characters such as "→" and "↔" that cp1252, Windows' usual console and pipe
encoding, lacks; printing them there raised UnicodeEncodeError and ended the command with exit 3.
At the command line's edge, before anything is printed, standard output and standard error are
told to replace what their encoding cannot show (as "?") instead. UTF-8 streams are left alone.
Files the tool writes are always UTF-8 (``encoding="utf-8"`` everywhere), so only the terminal
ever sees a replaced character.
"""

from __future__ import annotations

import codecs
import io
import sys
from collections.abc import Iterator
from contextlib import contextmanager

# This module is imported before ``--help`` is answered (``cli/entry.py``): ``typing`` alone
# would cost more than the rest of that answer, and only the type checker needs it.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def _is_utf(encoding: str | None) -> bool:
    try:
        return codecs.lookup(encoding or "ascii").name.startswith("utf")
    except LookupError:
        return False


def tolerate_narrow_encodings() -> None:
    """Replace, rather than fail on, characters stdout or stderr cannot encode."""
    for stream in (sys.stdout, sys.stderr):
        stream = stream.real if isinstance(stream, GuardedStream) else stream
        if isinstance(stream, io.TextIOWrapper) and not _is_utf(stream.encoding) \
                and stream.errors == "strict":
            stream.reconfigure(errors="replace")


# -- a reader that goes away --------------------------------------------------------------------
#
# ``veiligestad query findings -f yaml | head`` closes the pipe after a few lines. Python then
# raises BrokenPipeError from whichever write comes next: a traceback from the quick paths, exit
# 1 ("problems found") from Click's handler, or exit 120 with "Exception ignored" when it came
# at the final flush. None of these is the command's result. At the command line's edge standard
# output and standard error are guarded instead: from the first write a stream's reader refuses,
# every write to that stream is dropped (its file descriptor pointed at the null device, so that
# nothing it still holds fails either), and the command ends as it would have, with its own exit
# code (``validate`` still exits 1 when it found errors). Long outputs ask ``reader_gone()`` and
# stop making text nobody reads.


def _refused(exc: OSError, stream: Any) -> bool:
    """Whether ``exc`` says the reader closed the pipe: EPIPE; on Windows also EINVAL, which
    is how a write to a pipe with no reader fails there."""
    import errno
    import os

    return isinstance(exc, BrokenPipeError) or exc.errno == errno.EPIPE or (
        os.name == "nt" and exc.errno == errno.EINVAL and _a_pipe(stream))


def _a_pipe(stream: Any) -> bool:
    """Whether ``stream`` writes into a pipe (where EINVAL means its reader has gone on Windows,
    and not, as on a console, something else)."""
    import os
    import stat

    try:
        return stat.S_ISFIFO(os.fstat(stream.fileno()).st_mode)
    except (OSError, ValueError, AttributeError):
        return False


class _Reader:
    """Whether the reader of one standard stream has gone, shared by its text and byte sides."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.gone = False
        # while a question is asked (``asking``): a write the reader cannot take raises
        self.strict = False

    def leave(self) -> None:
        """From now on the stream's writes are dropped: marked here, and its file descriptor
        (when it has one) pointed at the null device, so that what the stream still holds is
        flushed there, not into the closed pipe, when the process ends."""
        import os

        self.gone = True
        try:
            fd = self.stream.fileno()
            null = os.open(os.devnull, os.O_WRONLY | getattr(os, "O_BINARY", 0))
        except (OSError, ValueError, AttributeError):
            return
        try:
            os.dup2(null, fd)
        except OSError:
            pass
        finally:
            os.close(null)


class GuardedStream:
    """A stream (text or, as its ``buffer``, bytes) whose writes are dropped once its reader
    has gone; everything else is the stream's own."""

    def __init__(self, real: Any, reader: _Reader | None = None) -> None:
        self.real = real
        self.reader = reader if reader is not None else _Reader(real)
        self._buffer: GuardedStream | None = None

    def write(self, data: Any) -> int:
        if self.reader.gone:
            if self.reader.strict:
                raise BrokenPipeError("the reader of this stream has gone")
            return len(data)
        try:
            written = self.real.write(data)
        except OSError as exc:
            self._lost(exc)
            return len(data)
        return len(data) if written is None else int(written)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        if self.reader.gone and self.reader.strict:
            raise BrokenPipeError("the reader of this stream has gone")
        try:
            self.real.flush()  # once the reader has gone: into the null device
        except OSError as exc:
            self._lost(exc)
        except ValueError:  # closed
            if not self.reader.gone:
                raise

    def _lost(self, exc: OSError) -> None:
        """A write or flush failed with ``exc``: when the reader refused it, this stream's
        writes are dropped from now on (and ``exc`` raised while a question is asked); any
        other failure is raised as it is."""
        if not _refused(exc, self.reader.stream):
            raise exc
        self.reader.leave()
        if self.reader.strict:
            raise exc

    @property
    def buffer(self) -> GuardedStream:
        if self._buffer is None:
            self._buffer = GuardedStream(self.real.buffer, self.reader)
        return self._buffer

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


def guard_streams() -> None:
    """Guard standard output and standard error against a reader that goes away (once)."""
    if sys.stdout is not None and not isinstance(sys.stdout, GuardedStream):
        sys.stdout = GuardedStream(sys.stdout)
    if sys.stderr is not None and not isinstance(sys.stderr, GuardedStream):
        sys.stderr = GuardedStream(sys.stderr)


@contextmanager
def asking() -> Iterator[None]:
    """A question is asked in this block: a question nobody can read must not wait for an
    answer typed blind, so here a write to standard output that its reader cannot take (or
    would have taken, had it not gone) raises BrokenPipeError, and the caller ends as at the
    end of its input."""
    stream = sys.stdout
    reader = stream.reader if isinstance(stream, GuardedStream) else None
    if reader is None:
        yield
        return
    was, reader.strict = reader.strict, True
    try:
        yield
    finally:
        reader.strict = was


def reader_gone() -> bool:
    """Whether the reader of standard output has gone (a closed pipe)."""
    stream = sys.stdout
    return isinstance(stream, GuardedStream) and stream.reader.gone
