"""Discovery: which files in the corpus folder, and what they are.

``CORPUS/<Organisation>/<cell>/<file>`` gives organisation and cell; a manifest
(see manifest.py) adds or overrides metadata. Files in no cell are analysed and
reported as evidence but not tallied.
"""

from __future__ import annotations

import difflib
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from .extract import SUPPORTED
from .i18n import N_, _
from .manifest import MANIFEST_NAMES, Manifest, find_manifest, load_manifest
from .model import Source

# files that describe the corpus rather than belong to it
IGNORED_NAMES = {
    *MANIFEST_NAMES,
    "readme.md",
    "readme.txt",
    "readme",
    ".ds_store",
    "thumbs.db",
    "desktop.ini",
}


@dataclass
class Discovery:
    corpus: Path
    sources: list[Source]
    manifest: Manifest
    unsupported: list[str] = field(default_factory=list)  # relative paths, other extensions
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (relative path, reason)
    warnings: list[str] = field(default_factory=list)  # about the manifest, one line each


def _is_hidden(rel_parts: tuple[str, ...]) -> bool:
    return any(p.startswith(".") or p.startswith("~$") for p in rel_parts)


def _walk(corpus: Path, problems: list[tuple[str, str]]) -> Iterator[tuple[Path, os.DirEntry[str]]]:
    """Every entry below ``corpus`` that is not a folder, with its folder; without
    recursion (a tree of any depth), into folders only (links to folders are not
    followed, and said). A folder that cannot be read is said, not passed over."""
    stack = [corpus]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            rel = folder.relative_to(corpus).as_posix()
            problems.append(
                (
                    f"{rel}/",
                    _(
                        "the folder cannot be read ({error}); its files were not analysed: "
                        "give read access or move them"
                    ).format(error=exc.strerror or exc),
                )
            )
            continue
        subfolders = []
        for entry in entries:
            try:
                is_folder = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_folder = False
            if is_folder:
                subfolders.append(Path(entry.path))
            else:
                yield folder, entry
        stack.extend(reversed(subfolders))


def discover(corpus: Path, manifest: Manifest | None = None) -> Discovery:
    """Walk ``corpus`` (sorted, symlinks outside it not followed) and describe each file."""
    corpus = Path(corpus)
    if manifest is None:
        found = find_manifest(corpus)
        manifest = load_manifest(found) if found else Manifest()
    root = corpus.resolve()
    sources: list[Source] = []
    unsupported: list[str] = []
    skipped: list[tuple[str, str]] = []
    for folder, entry in _walk(corpus, skipped):
        name = entry.name
        path = folder / name
        rel = path.relative_to(corpus)
        document = rel.as_posix()
        if _is_hidden(rel.parts):
            continue
        if name.lower() in IGNORED_NAMES:
            continue
        try:
            if entry.is_symlink():
                target = path.resolve(strict=True)
                if not target.is_relative_to(root):
                    skipped.append(
                        (document, _("a link to a file outside the corpus folder; not followed"))
                    )
                    continue
            st = path.stat()
        except (OSError, RuntimeError):
            skipped.append(
                (
                    document,
                    _("a link that leads nowhere (a loop, or a missing file); not followed"),
                )
            )
            continue
        if stat.S_ISDIR(st.st_mode):
            skipped.append((document, _("a link to a folder; not followed")))
            continue
        if not stat.S_ISREG(st.st_mode):
            skipped.append((document, _("not a regular file (a pipe or device); not read")))
            continue
        if path.suffix.lower() not in SUPPORTED:
            unsupported.append(document)
            continue
        meta = manifest.metadata_for(document)
        parts = rel.parts
        organisation = parts[0] if len(parts) >= 2 else None
        cell = parts[1] if len(parts) >= 3 else None
        year = meta.get("year")
        sources.append(
            Source(
                path=path,
                document=document,
                organisation=meta.get("organisation", organisation),
                cell=meta.get("cell", cell),
                kind=meta.get("kind") or "vacancy",
                title=meta.get("title") or path.stem,
                year=year if isinstance(year, int) else None,
                sections=tuple(meta.get("sections", ())),
                identity=(st.st_dev, st.st_ino),
            )
        )
    sources.sort(key=lambda s: s.document)
    sources, same = _one_spelling(sources, manifest)
    documents = [s.document for s in sources] + unsupported
    warnings = [
        _(
            "{path}:{line}: warning: 'match: {match}' matches no file in the corpus; its "
            "metadata is not used"
        ).format(path=manifest.path, line=e.line, match=e.match)
        for e in manifest.unused(documents)
    ]
    return Discovery(
        corpus, sources, manifest, sorted(unsupported), sorted(skipped), same + warnings
    )


def _one_spelling(sources: list[Source], manifest: Manifest) -> tuple[list[Source], list[str]]:
    """Organisations and cells named without regard to case ('Talis/Wijk' and
    'talis/wijk' are one column), spelled as the manifest's order lists spell them, else
    as the first document does; a line for each name spelled two ways, and for names
    that differ only in spaces, hyphens or one letter ('Bindkracht10', 'Bindkracht 10')."""
    notes: list[str] = []
    fixed = {}
    spelled = {
        "organisation": N_("warning: the organisation is spelled {names}; taken as one: '{name}'"),
        "cell": N_("warning: the cell is spelled {names}; taken as one: '{name}'"),
    }
    alike = {
        "organisation": N_(
            "warning: the organisation names '{a}' and '{b}' look alike; if they are one, give "
            "the folders one name (or use the manifest)"
        ),
        "cell": N_(
            "warning: the cell names '{a}' and '{b}' look alike; if they are one, give the "
            "folders one name (or use the manifest)"
        ),
    }
    for what, preferred in (("organisation", manifest.organisations), ("cell", manifest.cells)):
        spelling: dict[str, str] = {p.casefold(): p for p in preferred}
        seen: dict[str, set[str]] = {}
        for src in sources:
            name = getattr(src, what)
            if name:
                spelling.setdefault(name.casefold(), name)
                seen.setdefault(name.casefold(), set()).add(name)
        for key, names in sorted(seen.items()):
            if len(names | {spelling[key]}) > 1:
                quoted = [repr(n) for n in sorted(names)]
                listed = (
                    _("{names} and {last}").format(names=", ".join(quoted[:-1]), last=quoted[-1])
                    if len(quoted) > 1
                    else quoted[0]
                )
                notes.append(_(spelled[what]).format(names=listed, name=spelling[key]))
        keys = sorted(seen)
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                squeeze = a.replace(" ", "").replace("-", "").replace("_", "")
                if squeeze == b.replace(" ", "").replace("-", "").replace("_", "") or (
                    len(a) > 4 and difflib.SequenceMatcher(None, a, b).ratio() >= 0.9
                ):
                    notes.append(_(alike[what]).format(a=spelling[a], b=spelling[b]))
        fixed[what] = spelling
    out = [
        replace(
            src,
            organisation=fixed["organisation"].get(
                (src.organisation or "").casefold(), src.organisation
            ),
            cell=fixed["cell"].get((src.cell or "").casefold(), src.cell),
        )
        for src in sources
    ]
    return out, notes
