"""Fetching another city's repository with git: shallow, into our own cache, never running code.

Only three git commands are run against another city's repository, all of them read-only towards
it: ``ls-remote`` (what commit is the branch at: a cheap question asked of every city on every
sync), and ``fetch --depth 1`` plus ``checkout`` into a folder of our own cache. Nothing is ever
pushed, and the remote's hooks, submodules and filters are never taken over (git never copies
hooks; submodules are not fetched). Transport helpers (``ext::``) are refused by git's own
protocol policy, set here explicitly, and by the config check before a URL gets this far.

git itself runs as a subprocess with a time limit and without a terminal prompt, so an
unreachable server or a URL that asks for a password fails instead of hanging.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import Any, Final

TIMEOUT_S: Final = 120
# Never ask for a password on a terminal; never take a lock that is not needed.
_ENV: Final = {"GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0", "GIT_ASKPASS": "echo",
               "SSH_ASKPASS": "echo", "GCM_INTERACTIVE": "never"}
_SAFE: Final = ("-c", "protocol.ext.allow=never", "-c", "protocol.fd.allow=never",
                "-c", "submodule.recurse=false", "-c", "fetch.recurseSubmodules=false",
                "-c", "advice.detachedHead=false")
_DRIVE: Final = re.compile(r"^[A-Za-z]:[\\/]")
_SHA: Final = re.compile(r"^[0-9a-f]{40}([0-9a-f]{24})?$")


class GitFailure(Exception):
    """git could not reach or read a city's repository; the message is git's own last line."""


def git_url(url: str, base: Path) -> str:
    """The URL git is given: a local folder (relative to ``base``) as a ``file://`` URL.

    A ``file://`` URL makes git honour ``--depth`` for local repositories too, and a relative
    folder is taken relative to the knowledge base, not to wherever the command was started.
    As in git, ``host:path`` before any ``/`` is an ssh address (but ``C:\\…`` is a drive).
    """
    if "://" in url:
        return url
    if ":" in url.split("/", 1)[0] and not _DRIVE.match(url):
        return url  # scp-like ssh: git@host:path
    local = Path(url).expanduser()
    local = local if local.is_absolute() else base / local
    return local.resolve().as_uri() if local.exists() else str(local)


def _run(args: list[str], cwd: Path | None = None) -> str:
    env = {**os.environ, **_ENV}
    try:
        done = subprocess.run(["git", *_SAFE, *args], cwd=cwd, env=env, capture_output=True,
                              timeout=TIMEOUT_S, check=False, stdin=subprocess.DEVNULL)
    except FileNotFoundError as exc:
        raise GitFailure("git is not installed") from exc
    except subprocess.TimeoutExpired as exc:
        raise GitFailure(f"no answer within {TIMEOUT_S} s") from exc
    if done.returncode != 0:
        lines = [line.strip() for line in
                 done.stderr.decode("utf-8", "replace").splitlines() if line.strip()]
        # git's first "fatal:" line says what went wrong; the lines after it give advice.
        fatal = next((line for line in lines if line.startswith(("fatal:", "error:"))), None)
        message = (fatal.split(":", 1)[1].strip() if fatal else lines[0] if lines
                   else f"git exited with {done.returncode}")
        raise GitFailure(message)
    return done.stdout.decode("utf-8", "replace")


def remote_head(url: str, branch: str | None) -> str:
    """The commit the city's branch (or its default branch) is at, asked without fetching."""
    ref = f"refs/heads/{branch}" if branch else "HEAD"
    for line in _run(["ls-remote", url, ref]).splitlines():
        sha, _, name = line.partition("\t")
        if name.strip() == ref and _SHA.match(sha):
            return sha
    raise GitFailure(f"no branch {branch}" if branch else "the repository has no commits")


def fetch(url: str, branch: str | None, checkout: Path) -> str:
    """Fetch the tip of the branch (depth 1) into ``checkout`` and check it out; its commit.

    A checkout that git cannot work with any more (interrupted, damaged) is removed and made
    again once: it is our own copy, never the city's repository.
    """
    try:
        return _fetch(url, branch, checkout)
    except GitFailure:
        if not checkout.exists():
            raise
        remove_tree(checkout)
        return _fetch(url, branch, checkout)


def _fetch(url: str, branch: str | None, checkout: Path) -> str:
    if not (checkout / ".git").is_dir():
        checkout.mkdir(parents=True, exist_ok=True)
        _run(["init", "-q", str(checkout)])
    _run(["fetch", "-q", "--depth", "1", "--no-tags", url, branch or "HEAD"], cwd=checkout)
    _run(["checkout", "-q", "--force", "--detach", "FETCH_HEAD"], cwd=checkout)
    # Files the previous commit had and this one lost are gone after checkout; anything else
    # (nothing, normally) is removed too, so the folder holds exactly the commit.
    _run(["clean", "-q", "-ffdx"], cwd=checkout)
    return _run(["rev-parse", "HEAD"], cwd=checkout).strip()


def remove_tree(folder: Path) -> None:
    """Delete our copy of a repository; git's read-only object files too (Windows)."""
    import shutil
    import stat

    def writable_then_retry(function: Any, path: str, _: Any) -> None:
        os.chmod(path, stat.S_IWRITE)
        function(path)

    shutil.rmtree(folder, onerror=writable_then_retry)
