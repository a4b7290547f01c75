"""The optional corpus manifest (``manifest.yaml`` in the corpus folder).

Without a manifest, the layout ``CORPUS/<Organisation>/<cell>/<file>`` gives the
organisation and cell, and every file is a vacancy text. The manifest adds or
overrides metadata per file or per glob, in order (a later entry wins)::

    cells: [wijk, lijn]            # column order of the table (optional)
    documents:
      - match: "Talis/*"           # a path or glob relative to the corpus folder
        organisation: Talis
      - match: "Talis/beleid/*"
        kind: policy               # vacancy (default), policy, training, ...
        cell: null                 # not in a cell: evidence only
      - match: "Talis/beleid/Gesprekscyclus.docx"
        title: Gesprekscyclus
        year: 2019
        sections:                  # a named section that belongs to a cell (R3)
          - {heading: "De rol van de leidinggevende", cell: lijn, page: 5}
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ManifestError, Problem
from .i18n import _
from .model import KIND_CHOICES, SectionCell, kind_name
from .yamlio import LineDict, LineList, load_yaml, read_text

MANIFEST_NAMES = ("manifest.yaml", "manifest.yml")
ENTRY_KEYS = {"match", "organisation", "cell", "kind", "title", "year", "sections"}
SECTION_KEYS = {"heading", "cell", "page"}
TOP_KEYS = {"cells", "organisations", "documents"}


@dataclass(frozen=True)
class ManifestEntry:
    match: str
    values: dict[str, Any]
    line: int


@dataclass(frozen=True)
class Manifest:
    path: Path | None = None
    cells: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    entries: tuple[ManifestEntry, ...] = field(default=())

    def metadata_for(self, document: str) -> dict[str, Any]:
        """The merged values of every entry whose ``match`` fits ``document``."""
        out: dict[str, Any] = {}
        for entry in self.entries:
            if entry.match == document or fnmatch.fnmatchcase(document, entry.match):
                out.update(entry.values)
        return out

    def unused(self, documents: list[str]) -> list[ManifestEntry]:
        return [
            e
            for e in self.entries
            if not any(e.match == d or fnmatch.fnmatchcase(d, e.match) for d in documents)
        ]


def find_manifest(corpus: Path) -> Path | None:
    for name in MANIFEST_NAMES:
        if (corpus / name).is_dir():
            raise ManifestError(
                [Problem(corpus / name, 0, _("is a folder; the manifest must be a YAML file"))]
            )
        if (corpus / name).is_file():
            return corpus / name
    return None


def load_manifest(path: Path) -> Manifest:
    """Load and validate a manifest; raise ManifestError listing every problem."""
    try:
        text = read_text(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise ManifestError(
            [Problem(path, 0, _("cannot read the manifest: {error}").format(error=exc))]
        ) from None
    data, problems = load_yaml(path, text)
    if data is None and not problems:
        return Manifest(path)
    if problems and not isinstance(data, LineDict):
        raise ManifestError(problems)
    if not isinstance(data, LineDict):
        raise ManifestError(
            [Problem(path, 1, _("the manifest must be a mapping with 'documents'"))]
        )

    def err(line: int, msg: str) -> None:
        problems.append(Problem(path, line, msg))

    for key in data:
        if key not in TOP_KEYS:
            err(
                data.line_of(key),
                _("unknown key '{key}'; allowed: {allowed}").format(
                    key=key, allowed=", ".join(sorted(TOP_KEYS))
                ),
            )
    orders = {}
    for key in ("cells", "organisations"):
        value = data.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            err(data.line_of(key), _("'{key}' must be a list of names").format(key=key))
            value = []
        orders[key] = tuple(value)
    entries: list[ManifestEntry] = []
    raw = data.get("documents") or LineList()
    if not isinstance(raw, LineList):
        err(data.line_of("documents"), _("'documents' must be a list of entries with 'match'"))
        raw = LineList()
    for i, item in enumerate(raw):
        line = raw.line_of(i)
        if not isinstance(item, LineDict):
            err(line, _("a document entry must be a mapping with 'match'"))
            continue
        for key in item:
            if key not in ENTRY_KEYS:
                err(
                    item.line_of(key),
                    _("unknown key '{key}'; allowed: {allowed}").format(
                        key=key, allowed=", ".join(sorted(ENTRY_KEYS))
                    ),
                )
        match = item.get("match")
        if not isinstance(match, str) or not match.strip():
            err(
                line,
                _("a document entry needs 'match': a path or glob relative to the corpus folder"),
            )
            continue
        values: dict[str, Any] = {}
        for key in ("organisation", "cell", "kind", "title"):
            if key in item:
                v = item[key]
                if v is not None and not isinstance(v, str):
                    err(item.line_of(key), _("'{key}' must be text (or null)").format(key=key))
                    continue
                values[key] = v.strip() if isinstance(v, str) else None
        if "kind" in values and not values["kind"]:
            err(
                item.line_of("kind"),
                _("'kind' cannot be empty: use {choices}").format(choices=_(KIND_CHOICES)),
            )
        elif values.get("kind"):
            kind = kind_name(values["kind"])
            if kind is None:
                err(
                    item.line_of("kind"),
                    _("unknown kind '{kind}'; use {choices}").format(
                        kind=values["kind"], choices=_(KIND_CHOICES)
                    ),
                )
            else:
                values["kind"] = kind
        if "year" in item:
            y = item["year"]
            if y is not None and (not isinstance(y, int) or isinstance(y, bool)):
                err(item.line_of("year"), _("'year' must be a year such as 2021"))
            else:
                values["year"] = y
        if "sections" in item:
            sections = []
            raw_s = item["sections"]
            if not isinstance(raw_s, LineList):
                err(
                    item.line_of("sections"),
                    _("'sections' must be a list of {heading, cell, page}"),
                )
                raw_s = LineList()
            for j, s in enumerate(raw_s):
                sline = raw_s.line_of(j)
                if (
                    not isinstance(s, LineDict)
                    or not isinstance(s.get("heading"), str)
                    or not isinstance(s.get("cell"), str)
                ):
                    err(sline, _("a section needs 'heading' and 'cell' (and may have 'page')"))
                    continue
                for key in s:
                    if key not in SECTION_KEYS:
                        err(
                            s.line_of(key),
                            _(
                                "unknown key '{key}' in a section; allowed: heading, cell, page"
                            ).format(key=key),
                        )
                page = s.get("page")
                if page is not None and (
                    not isinstance(page, int) or isinstance(page, bool) or page < 1
                ):
                    err(s.line_of("page"), _("'page' must be a page number (1 or more)"))
                    continue
                sections.append(SectionCell(s["heading"].strip(), s["cell"].strip(), page))
            values["sections"] = tuple(sections)
        pattern = match.strip().replace("\\", "/")
        if pattern.startswith("/") or re.match(r"^[A-Za-z]:", pattern):
            err(
                item.line_of("match"),
                _(
                    "'match: {pattern}' is an absolute path; write it relative to the corpus "
                    "folder (Talis/wijk/vacature.pdf)"
                ).format(pattern=pattern),
            )
            continue
        if ".." in pattern.split("/"):
            err(
                item.line_of("match"),
                _(
                    "'match: {pattern}' points outside the corpus folder; only files in it are read"
                ).format(pattern=pattern),
            )
            continue
        entries.append(ManifestEntry(pattern, values, line))
    if problems:
        raise ManifestError(problems)
    return Manifest(path, orders["cells"], orders["organisations"], tuple(entries))
