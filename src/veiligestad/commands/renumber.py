"""``veiligestad renumber``: after a merge, give one of two questions (or projects) that were
numbered alike on two branches the next free number, and change every reference to it.

Questions and projects are numbered by the coordinator's intake (``Q-2026-025``), so two people
who take in a question on two branches of the same commit both make ``Q-2026-025``, and git
reports an add/add conflict: the file holds both records between conflict markers. Findings do
not collide (a random code). ``renumber`` resolves exactly these clashes, during the merge:

- the version of the branch being merged into (``HEAD``, "ours") keeps the number;
- the merged branch's version ("theirs") gets the next free number of its year;
- every reference the merged branch made to it (a project's ``questions``, a finding's
  ``project`` or ``questions``, a ``link_stamps`` key) is changed, line by line: a line that the
  merged branch wrote and ``HEAD`` does not have.

The files it wrote are staged, so ``git commit`` finishes the merge. Any other conflict is left
for a person; the record files are read as untrusted like everywhere else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from veiligestad.errors import UsageError
from veiligestad.i18n import Translator
from veiligestad.model.ids import next_numbered
from veiligestad.model.kinds import PROJECT, QUESTION, Kind
from veiligestad.store.atomic import replace, write_new
from veiligestad.store.records import DATA_DIR


@dataclass(frozen=True)
class Renumbered:
    """One clash resolved: ``old`` stays with ours, theirs became ``new``."""

    old: str
    new: str
    rel: str
    references: tuple[str, ...]  # the files whose references to theirs were changed


@dataclass
class RenumberResult:
    """What ``renumber`` did, and the conflicts it left for a person."""

    renumbered: list[Renumbered] = field(default_factory=list)
    left: list[str] = field(default_factory=list)
    # (file, old ID): both branches wrote the same line naming the old ID, so it cannot tell
    # whose it is; it stays with ours and a person should look
    both: list[tuple[str, str]] = field(default_factory=list)


def _record_id(text: str) -> str | None:
    from veiligestad.store.records import read_text

    data, _ = read_text(text)
    value = data.get("id") if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def _ids_in_tree(repo: Any, rev: str) -> set[str]:
    names = repo.git.ls_tree("-r", "--name-only", rev, "--", DATA_DIR).splitlines()
    return {Path(name).stem for name in names}


def _show(repo: Any, rev: str, path: str) -> str | None:
    import git

    try:
        # "HEAD:path", or ":2:path" for a stage of the index during a merge
        return str(repo.git.show(f"{rev}:{path}", strip_newline_in_stdout=False))
    except git.GitCommandError:
        return None


def renumber(root: Path, t: Translator) -> RenumberResult:
    """Resolve every question or project numbered alike on both sides of the merge in progress."""
    import git

    try:
        repo = git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise UsageError(t("renumber.no_repo", path=str(root)),
                         hint=t("renumber.no_merge_hint")) from None
    top = Path(repo.working_tree_dir or root).resolve()
    prefix = root.resolve().relative_to(top).as_posix()
    prefix = "" if prefix == "." else prefix + "/"
    try:
        theirs_rev = repo.git.rev_parse("--verify", "-q", "MERGE_HEAD")
    except git.GitCommandError:
        raise UsageError(t("renumber.no_merge"), hint=t("renumber.no_merge_hint")) from None
    base = repo.git.merge_base("HEAD", theirs_rev)
    theirs_changed = set(repo.git.diff("--name-only", base, theirs_rev).splitlines())
    taken = _ids_in_tree(repo, "HEAD") | _ids_in_tree(repo, theirs_rev)
    taken |= {p.stem for p in (root / DATA_DIR).glob("*/*.yaml")}
    result = RenumberResult()
    clashes: list[tuple[str, Kind, str, str, str]] = []  # rel, kind, old, ours, theirs
    unmerged = set(repo.git.diff("--name-only", "--diff-filter=U").splitlines())
    for kind in (QUESTION, PROJECT):
        for path in sorted((root / DATA_DIR / kind.plural).glob("*.yaml")):
            rel = f"{DATA_DIR}/{kind.plural}/{path.name}"
            if prefix + rel not in unmerged:
                continue
            sides = _clash(repo, prefix + rel, path.stem)
            if sides is None:
                result.left.append(rel)
                continue
            clashes.append((rel, kind, path.stem, *sides))
    renames: dict[str, str] = {}
    for _rel, kind, old, _, _ in clashes:
        year_match = re.match(r"^[QP]-(\d{4})-", old)
        new = next_numbered(kind, int(year_match.group(1)) if year_match else 0, taken)
        taken.add(new)
        renames[old] = new
    patterns = {old: re.compile(rf"(?<![\w-]){re.escape(old)}(?![\w-])") for old in renames}

    def theirs_ids(text: str) -> str:
        for old, new in renames.items():
            text = patterns[old].sub(new, text)
        return text

    references: dict[str, list[str]] = {old: [] for old in renames}
    for rel, kind, old, ours, theirs in clashes:
        # theirs is wholly the merged branch's: its own ID and its references to the others
        write_new(root / f"{DATA_DIR}/{kind.plural}/{renames[old]}.yaml", theirs_ids(theirs))
        replace(root / rel, ours)
    for other in sorted(theirs_changed):
        local = other[len(prefix):] if other.startswith(prefix) else ""
        if not local.startswith(f"{DATA_DIR}/") or not local.endswith(".yaml"):
            continue
        if any(local == rel for rel, *_ in clashes):
            continue
        changed, both = _retarget(repo, root, local, other, (base, theirs_rev), patterns,
                                  renames)
        for old in changed:
            references[old].append(local)
        result.both.extend((local, old) for old in both)
    for rel, _kind, old, _, _ in clashes:
        result.renumbered.append(Renumbered(old, renames[old], rel, tuple(references[old])))
    restamped = _restamp_renamed(root, t, renames) if renames else []
    staged = [prefix + r.rel for r in result.renumbered] + [prefix + r for r in restamped]
    staged += [prefix + f"{DATA_DIR}/{_kind_of(r.new).plural}/{r.new}.yaml"
               for r in result.renumbered]
    staged += [prefix + ref for r in result.renumbered for ref in r.references]
    if staged:
        repo.git.add("--", *sorted(set(staged)))
    return result


def _clash(repo: Any, in_repo: str, stem: str) -> tuple[str, str] | None:
    """Ours and theirs of an add/add clash (both sides added a record with this ID, there was
    none before), from git's index; None for any other conflict."""
    if _show(repo, ":1", in_repo) is not None:
        return None  # the file existed before: both changed it, a person decides
    ours, theirs = _show(repo, ":2", in_repo), _show(repo, ":3", in_repo)
    if ours is None or theirs is None or _record_id(ours) != stem or _record_id(theirs) != stem:
        return None
    return _ending(ours), _ending(theirs)


def _ending(text: str) -> str:
    return text if text.endswith("\n") else text + "\n"


def _kind_of(record_id: str) -> Kind:
    return QUESTION if record_id.startswith("Q-") else PROJECT


def _renamed_back(value: Any, back: dict[str, str]) -> Any:
    """``value`` with every renumbered ID put back as it was before ``renumber``."""
    if isinstance(value, str):
        return back.get(value, value)
    if isinstance(value, dict):
        return {k: _renamed_back(v, back) for k, v in value.items()}
    if isinstance(value, list):
        return [_renamed_back(v, back) for v in value]
    return value


def _restamp_renamed(root: Path, t: Translator, renames: dict[str, str]) -> list[str]:
    """Links that are suspect only because a renumbered ID changed in their target (a project's
    ``questions`` now names the question's new number) keep their review: their stamps are
    renewed. A target whose content changed in any other way stays suspect. The files changed."""
    from veiligestad.stamps import FIELD, stamp_for, stamp_link
    from veiligestad.store.edit import load_for_edit
    from veiligestad.store.kb import open_kb
    from veiligestad.suspects import suspect_links

    back = {new: old for old, new in renames.items()}
    kb = open_kb(root, t, every_file=True)
    written: list[str] = []
    for link in suspect_links(kb):
        holder, target = kb.get(link.holder), kb.get(link.target)
        if holder is None or target is None or holder.data is None or target.data is None:
            continue
        stamps = holder.data.get(FIELD)
        before = _renamed_back(target.data, back)
        if not isinstance(stamps, dict) or stamps.get(link.target) != stamp_for(
                before, target.kind.name, kb.config):
            continue
        edited = load_for_edit(root / holder.rel)
        stamp_link(edited.data, link.target, target.kind.name, target.data, kb.config)
        if edited.save():
            written.append(holder.rel)
    return sorted(set(written))


def _retarget(repo: Any, root: Path, local: str, in_repo: str, revs: tuple[str, str],
              patterns: dict[str, re.Pattern[str]],
              renames: dict[str, str]) -> tuple[list[str], list[str]]:
    """Change the references to renumbered IDs on the lines the merged branch wrote (lines that
    ``HEAD`` does not have): the old IDs changed, and those on lines both branches wrote."""
    path = root / local
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return [], []
    if "<<<<<<<" in text or not any(old in text for old in renames):
        return [], []
    base_lines = set((_show(repo, revs[0], in_repo) or "").splitlines())
    ours_lines = set((_show(repo, "HEAD", in_repo) or "").splitlines())
    theirs_lines = set((_show(repo, revs[1], in_repo) or "").splitlines())
    out, changed, both = [], [], []
    for line in text.splitlines(keepends=True):
        bare = line.rstrip("\r\n")
        for old, new in renames.items():
            if not patterns[old].search(line):
                continue
            if bare in theirs_lines and bare not in ours_lines:
                line = patterns[old].sub(new, line)
                changed.append(old)
            elif bare in theirs_lines and bare in ours_lines and bare not in base_lines:
                both.append(old)
        out.append(line)
    if changed:
        replace(path, "".join(out))
    return sorted(set(changed)), sorted(set(both))
