"""The coding sheet: candidate competences for HR to code, and the coded rows back into a lexicon.

``write_sheet`` writes one row per candidate of ``suggest`` (its forms, documents and up
to three sentences) with empty columns ``orientation`` (in an XLSX a drop-down of the
lexicon's orientations), ``id``, ``label`` (pre-filled with the candidate) and
``meaning``; the columns are named in the language in use (in Dutch ``oriëntatie``,
``betekenis``, …) and read back in either. ``add_from_sheet`` turns every row with an orientation into an entry:
patterns from the forms found, the sentences as ``match`` examples, and inserts the
entries at the end of the lexicon's ``competences:`` list, leaving the rest of the file
(comments included) as it was. The caller checks the new text before writing it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .atomic import atomic_open
from .errors import LeaderscanError
from .evaluate import GoldError, read_table
from .i18n import N_, _, ngettext
from .lemmatise import Pipeline
from .lexicon import Lexicon, parse_lexicon, slug
from .lint import Finding, lint
from .render.csv import write_csv_file
from .suggest import Candidate

# the columns as the code reads them, and their names in the sheet (translated)
COLUMN_NAMES = {
    "kandidaat": N_("candidate"),
    "vormen": N_("forms"),
    "documenten": N_("documents"),
    "keer": N_("times"),
    "cue": "cue",
    "zin 1": N_("sentence 1"),
    "zin 2": N_("sentence 2"),
    "zin 3": N_("sentence 3"),
    "oriëntatie": N_("orientation"),
    "id": "id",
    "label": "label",
    "betekenis": N_("meaning"),
}
ORIENTATION = "oriëntatie"
COLUMNS = list(COLUMN_NAMES)
MEANING_PLACEHOLDER = N_(
    "To be described: what does the vacancy ask with this? (from the coding sheet)"
)


def sheet_header() -> list[str]:
    """The names of the sheet's columns in the language in use."""
    return [_(name) for name in COLUMN_NAMES.values()]


def _by_column(row: dict[str, str]) -> dict[str, str]:
    """A row keyed by the columns as the code reads them, whichever language the sheet's
    header is in."""
    names = {}
    for key, english in COLUMN_NAMES.items():
        for name in (key, english, _(english)):
            names[name.lower()] = key
    return {names.get(k, k): v for k, v in row.items()}


FORM_SEPARATOR = "; "


class SheetError(LeaderscanError):
    """A coding sheet that cannot be read back, or an entry that may not be added
    (``findings``: the lint's, when the new lexicon would not pass it)."""

    def __init__(self, message: str, findings: list[Finding] | None = None):
        super().__init__(message)
        self.findings = findings or []


def _sentence(c: Candidate, i: int) -> str:
    if i >= len(c.examples):
        return ""
    e = c.examples[i]
    return f"{e.sentence} ({e.document}, p. {e.page})"


def sheet_rows(candidates: list[Candidate]) -> list[list[Any]]:
    return [
        [
            c.label,
            FORM_SEPARATOR.join(f for f, _n in c.forms.most_common()),
            len(c.documents),
            c.count,
            c.cue,
            _sentence(c, 0),
            _sentence(c, 1),
            _sentence(c, 2),
            "",
            "",
            c.label[:1].upper() + c.label[1:],
            "",
        ]
        for c in candidates
    ]


def write_sheet(path: Path, candidates: list[Candidate], lexicon: Lexicon, delimiter: str) -> Path:
    """The sheet as XLSX (with a list of orientations to choose from) or CSV."""
    rows = sheet_rows(candidates)
    if path.suffix.lower() != ".xlsx":
        write_csv_file(path, sheet_header(), rows, delimiter)
        return path
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from .render.xlsx import _sheet

    wb = Workbook()
    ws = wb.active
    ws.title = _("Candidates")
    _sheet(ws, sheet_header(), rows, [24, 30, 10, 6, 8, 60, 60, 60, 16, 20, 24, 40])
    names = ",".join(o.name for o in lexicon.orientations)
    column = get_column_letter(COLUMNS.index(ORIENTATION) + 1)
    choice = DataValidation(type="list", formula1=f'"{names}"', allow_blank=True)
    choice.add(f"{column}2:{column}{max(len(rows) + 1, 2)}")
    ws.add_data_validation(choice)
    with atomic_open(path, "wb") as f:
        wb.save(f)
    return path


@dataclass
class SheetEntry:
    line: int  # the sheet's row
    competence: dict[str, Any]


def _patterns(forms: str) -> list[str]:
    out: list[str] = []
    for form in forms.split(";"):
        words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", form.replace("…", " "))
        if words and len(words) <= 4:
            out.append(" ".join(w.lower() for w in words))
    return list(dict.fromkeys(out))


def _example(text: str) -> str:
    """The sentence of a sheet cell, without the '(document, p. N)' after it."""
    return re.sub(r"\s*\([^()]*, p\. \d+\)\s*$", "", text).strip()


def read_sheet(path: Path, lexicon: Lexicon) -> list[SheetEntry]:
    """The entries of the rows that have an orientation."""
    try:
        header, read = read_table(path)
    except GoldError as exc:
        raise SheetError(str(exc)) from None
    rows = [(line, _by_column(row)) for line, row in read]
    known = set(_by_column(dict.fromkeys(header, "")))
    missing = [c for c in (ORIENTATION, "vormen", "kandidaat") if c not in known]
    if missing:
        raise SheetError(
            _(
                "{path}: no column {columns}; write the sheet with "
                "'leaderscan suggest CORPUS --sheet FILE'"
            ).format(path=path, columns=", ".join(repr(_(COLUMN_NAMES[m])) for m in missing))
        )
    names = {o.name.lower(): o.name for o in lexicon.orientations}
    names.update({o.label.lower(): o.name for o in lexicon.orientations})
    entries = []
    for line, row in rows:
        chosen = row.get(ORIENTATION, "")
        if not chosen:
            continue
        orientation = names.get(chosen.lower())
        if orientation is None:
            raise SheetError(
                _("{path} row {line}: unknown orientation '{chosen}'; use one of {names}").format(
                    path=path,
                    line=line,
                    chosen=chosen,
                    names=", ".join(o.name for o in lexicon.orientations),
                )
            )
        label = row.get("label") or row.get("kandidaat", "")
        label = label[:1].upper() + label[1:]
        patterns = _patterns(row.get("vormen", "")) or _patterns(row.get("kandidaat", ""))
        if not patterns:
            raise SheetError(
                _("{path} row {line}: no forms to make a pattern of; fill in '{column}'").format(
                    path=path, line=line, column=_(COLUMN_NAMES["vormen"])
                )
            )
        examples = [_example(row.get(f"zin {i}", "")) for i in (1, 2, 3)]
        competence: dict[str, Any] = {
            "id": row.get("id") or slug(label),
            "label": label,
            "orientation": orientation,
            "note": _("From the coding sheet {sheet} ({n} document(s)).").format(
                sheet=path.name, n=row.get("documenten", "?")
            ),
            "meaning": row.get("betekenis") or _(MEANING_PLACEHOLDER),
            "patterns": patterns,
        }
        if any(examples):
            competence["examples"] = {"match": [e for e in examples if e]}
        entries.append(SheetEntry(line, competence))
    return entries


def _competences_node(text: str) -> yaml.SequenceNode:
    root = yaml.compose(text)
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value == "competences" and isinstance(value, yaml.SequenceNode):
                return value
    raise SheetError(_("the lexicon has no 'competences:' list to add to"))


def _item_lines(text: str, node: yaml.SequenceNode, index: int) -> tuple[int, int]:
    """The lines (start, end exclusive) of item ``index`` of the sequence."""
    lines = text.splitlines(keepends=True)
    start = node.value[index].start_mark.line
    if index + 1 < len(node.value):
        end = node.value[index + 1].start_mark.line
    else:
        end = node.end_mark.line if node.end_mark.column == 0 else node.end_mark.line + 1
    while end - 1 > start and not lines[end - 1].strip():
        end -= 1
    return start, end


def add_entries(lexicon: Lexicon, entries: list[SheetEntry], replace: bool, sheet: Path) -> str:
    """The lexicon's text with the entries added (or, with ``replace``, put in place of
    the entries of the same id), the rest of the file as it was."""
    text = lexicon.text if lexicon.text.endswith("\n") else lexicon.text + "\n"
    existing = {c.id: c for c in lexicon.competences}
    seen: dict[str, int] = {}
    for e in entries:
        cid = e.competence["id"]
        if cid in seen:
            raise SheetError(
                _("{sheet} row {line}: id '{id}' is also in row {other}").format(
                    sheet=sheet, line=e.line, id=cid, other=seen[cid]
                )
            )
        seen[cid] = e.line
        if cid in existing and not replace:
            raise SheetError(
                _(
                    "{sheet} row {line}: id '{id}' is already in {lexicon} (line {other}); "
                    "give the row another id, or pass --replace"
                ).format(
                    sheet=sheet, line=e.line, id=cid, lexicon=lexicon.path, other=existing[cid].line
                )
            )
    node = _competences_node(text)
    first = node.value[0]
    indent = " " * first.start_mark.column
    lines = text.splitlines(keepends=True)
    ids = [
        next((v.value for k, v in item.value if k.value == "id"), None)
        if isinstance(item, yaml.MappingNode)
        else None
        for item in node.value
    ]
    drop: list[tuple[int, int]] = [
        _item_lines(text, node, i) for i, cid in enumerate(ids) if cid in seen
    ]
    _start, insert_at = _item_lines(text, node, len(node.value) - 1)
    block = []
    for e in entries:
        dumped = yaml.safe_dump(
            [e.competence], sort_keys=False, allow_unicode=True, width=100, indent=2
        )
        item_lines = dumped.splitlines()
        block += [indent[:-2] + item_lines[0]] + [indent[:-2] + x for x in item_lines[1:]]
    out = []
    for i, line in enumerate(lines):
        if i == insert_at:
            out += [b + "\n" for b in block]
        if not any(a <= i < b for a, b in drop):
            out.append(line)
    if insert_at >= len(lines):
        out += [b + "\n" for b in block]
    return "".join(out)


def add_from_sheet(
    sheet: Path, path: Path, lexicon: Lexicon, pipeline: Pipeline, replace: bool = False
) -> tuple[list[SheetEntry], list[Finding]]:
    """Add the coded rows of ``sheet`` to the lexicon file ``path`` (``lexicon``, as
    loaded): the entries and the lint's findings of the new lexicon. Written only when
    the new lexicon parses and passes the lint without errors (SheetError, ConfigError
    otherwise: the file is not changed)."""
    entries = read_sheet(sheet, lexicon)
    if not entries:
        raise SheetError(
            _("{sheet}: no row has an '{column}'; choose one per row to add").format(
                sheet=sheet, column=_(COLUMN_NAMES[ORIENTATION])
            )
        )
    text = add_entries(lexicon, entries, replace, sheet)
    findings = lint(parse_lexicon(path, text), pipeline)
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        raise SheetError(
            ngettext(
                "{sheet}: its rows would not pass 'leaderscan lexicon check' ({n} error "
                "above); {path} was not changed",
                "{sheet}: its rows would not pass 'leaderscan lexicon check' ({n} errors "
                "above); {path} was not changed",
                len(errors),
            ).format(sheet=sheet, n=len(errors), path=path),
            findings,
        )
    with atomic_open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return entries, findings
