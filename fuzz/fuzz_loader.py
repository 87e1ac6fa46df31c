"""A fuzz target for the record loader: any bytes, as a record file, must never crash it.

One input goes the whole way a record file goes when a command reads it: the size limit, UTF-8
decoding (a BOM is fine), the tab scan, parsing with every note, the shape check, the screen of
the reading commands, and then what they do with a record they keep: pickling for the cache,
JSON output. Any exception is a bug. So is a file that the fast reader (``store/fastread.py``)
calls plain but reads otherwise than the PyYAML path, or that the PyYAML path has a note on:
every input is read both ways and compared.

    python fuzz/fuzz_loader.py --seconds 60            # what .ci/run does
    python fuzz/fuzz_loader.py --seconds 3600          # an hour
    python fuzz/fuzz_loader.py -- -runs=100000 -jobs=2 # libFuzzer's own options after --

With atheris installed (``pip install atheris``: libFuzzer, coverage-guided) the seed corpus in
``fuzz/corpus/`` (the hostile cases of the tests and the example records) is mutated; new inputs
go to a temporary folder, crashes to ``fuzz/crash-*``. Without atheris (a platform it has no
wheel for), hypothesis mutates the same seeds for the same time.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
MAX_BYTES = 262_144

try:
    import atheris
except ImportError:  # pragma: no cover - the fallback below
    atheris = None

if atheris is not None:
    with atheris.instrument_imports():
        from veiligestad.model.kinds import KINDS
        from veiligestad.query.view import jsonable
        from veiligestad.store import fastread
        from veiligestad.store.kb import fails_screen
        from veiligestad.store.records import RecordFile, decode, read_text
        from veiligestad.store.shape import shape_note
else:
    from veiligestad.model.kinds import KINDS
    from veiligestad.query.view import jsonable
    from veiligestad.store import fastread
    from veiligestad.store.kb import fails_screen
    from veiligestad.store.records import RecordFile, decode, read_text
    from veiligestad.store.shape import shape_note

_KINDS = list(KINDS.values())


def one_input(raw: bytes) -> None:
    """Read ``raw`` as a record file of every kind; raise only on a bug."""
    if len(raw) > MAX_BYTES:
        return  # never read: the size limit comes first
    text, notes = decode(raw)
    if text is None:
        assert notes, "undecodable bytes without a note"
        return
    fast = fastread.read(text)
    data, notes = read_text(text, fast=False)
    if fast is not None:
        assert notes == [], f"the fast reader called a file plain that has notes: {notes}"
        assert _typed(fast) == _typed(data), "the fast and the PyYAML reader disagree"
    assert data is None or isinstance(data, dict)
    assert data is not None or notes, "an unread document without a note"
    if data is None:
        return
    for kind in _KINDS:
        shape = shape_note(kind.fields, data)
        record = RecordFile(f"data/{kind.plural}/{data.get('id')}.yaml", kind, data,
                            [*notes, *([shape] if shape else [])])
        pickle.loads(pickle.dumps((record.data, record.notes)))  # the cache keeps both
        if not fails_screen(record):
            json.dumps(jsonable(record.data), ensure_ascii=False)


def _typed(value: Any) -> Any:
    """``value`` with every scalar's type beside it (1 and True, a date and its text differ)."""
    if isinstance(value, dict):
        return {_typed(k): _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return (type(value).__name__, repr(value))


def _seeds() -> list[bytes]:
    return [path.read_bytes() for path in sorted(CORPUS.iterdir()) if path.is_file()]


def _with_atheris(seconds: int | None, extra: list[str]) -> int:
    assert atheris is not None
    work = tempfile.mkdtemp(prefix="veiligestad-fuzz-")
    argv = [sys.argv[0], f"-artifact_prefix={HERE}/crash-", f"-max_len={MAX_BYTES}",
            "-rss_limit_mb=1024", "-timeout=10"]
    if seconds is not None:
        argv.append(f"-max_total_time={seconds}")
    argv += [*extra, work, str(CORPUS)]
    atheris.Setup(argv, lambda data: one_input(bytes(data)))
    atheris.Fuzz()  # exits the process: 0 when clean, non-zero with a crash file
    return 0  # pragma: no cover


def _with_hypothesis(seconds: int) -> int:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    seeds = _seeds()
    deadline = time.monotonic() + seconds
    runs = 0

    @st.composite
    def mutated(draw: st.DrawFn) -> bytes:
        raw = bytearray(draw(st.sampled_from(seeds)))
        for _ in range(draw(st.integers(0, 8))):
            at = draw(st.integers(0, len(raw)))
            if draw(st.booleans()) and at < len(raw):
                del raw[at:at + draw(st.integers(1, 8))]
            else:
                raw[at:at] = draw(st.binary(min_size=1, max_size=8))
        return bytes(raw)

    # Text mutations with what YAML gives meaning to, so that many inputs are still YAML and
    # the fast and the PyYAML reader are compared on them.
    tokens = [*"0:-'\"#[]{},?!&*|>~ \n\t.eE+", "yes", "010", "1:30", "2026-02-30", "\r\n",
              ": ", "- ", "  ", "|2", ">-", "\u2028", "\x85", "\ufeff", "<<: ", "---\n"]

    @st.composite
    def yaml_mutated(draw: st.DrawFn) -> bytes:
        text = draw(st.sampled_from(seeds)).decode("utf-8", "replace")
        for _ in range(draw(st.integers(1, 4))):
            at = draw(st.integers(0, len(text)))
            if draw(st.booleans()) and at < len(text):
                text = text[:at] + text[at + draw(st.integers(1, 4)):]
            else:
                text = text[:at] + draw(st.sampled_from(tokens)) + text[at:]
        return text.encode("utf-8")

    # In batches until the time is up: one run of 10 million examples that return at once after
    # the deadline still spends minutes generating them.
    @settings(max_examples=200, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.one_of(mutated(), yaml_mutated(), st.binary(max_size=2048)))
    def fuzz(raw: bytes) -> None:
        nonlocal runs
        if time.monotonic() > deadline:
            return
        runs += 1
        one_input(raw)

    try:
        while time.monotonic() < deadline:
            fuzz()
    finally:
        print(f"Done {runs} runs in {seconds} second(s) (hypothesis)")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=None,
                        help="stop after this many seconds (default: run until stopped)")
    parser.add_argument("extra", nargs="*", help="libFuzzer options (after --)")
    args = parser.parse_args()
    if atheris is not None:
        return _with_atheris(args.seconds, args.extra)
    return _with_hypothesis(args.seconds or 60)


if __name__ == "__main__":
    sys.exit(main())
