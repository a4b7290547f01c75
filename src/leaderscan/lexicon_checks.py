"""The checks of a lexicon file's values (keys, texts, windows, patterns): each problem
with its line, all collected, for ``lexicon.parse_lexicon``."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any, cast

from .errors import Problem
from .i18n import _
from .lexicon import MAX_PATTERN_WORDS, PATTERN_KEYS, Mode, Pattern, parse_terms
from .yamlio import LineDict, LineList


class Checker:
    """Reads the values of a lexicon file into its types, collecting every problem
    with its line instead of stopping at the first."""

    def __init__(self, path: Path):
        self.path = path
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def error(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def unknown_keys(self, data: LineDict, allowed: set[str], where: str) -> None:
        for key in data:
            if key not in allowed:
                hint = difflib.get_close_matches(key, sorted(allowed), n=1)
                message = (
                    _("unknown key '{key}' in {where}; did you mean '{hint}'?").format(
                        key=key, where=where, hint=hint[0]
                    )
                    if hint
                    else _("unknown key '{key}' in {where}; allowed: {allowed}").format(
                        key=key, where=where, allowed=", ".join(sorted(allowed))
                    )
                )
                self.error(data.line_of(key), message)

    def text(self, data: LineDict, key: str, where: str, required: bool = True) -> str:
        value = data.get(key)
        if value is None:
            if required:
                self.error(data.line, _("{where} has no '{key}'").format(where=where, key=key))
            return ""
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            self.error(
                data.line_of(key), _("'{key}' in {where} must be text").format(key=key, where=where)
            )
            return ""
        return str(value).strip()

    def window(self, data: LineDict, where: str) -> int | None:
        value = data.get("window")
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            self.error(
                data.line_of("window"),
                _("'window' in {where} must be a whole number of at least 1").format(where=where),
            )
            return None
        return value

    def pattern(self, item: Any, line: int, where: str, plain: Mode = "words") -> Pattern | None:
        if isinstance(item, str | int | float) and not isinstance(item, bool):
            text, mode, window = str(item), plain, None
        elif isinstance(item, LineDict):
            self.unknown_keys(item, PATTERN_KEYS, where)
            modes = [k for k in ("words", "phrase", "exact") if k in item]
            if len(modes) != 1:
                self.error(
                    item.line,
                    _(
                        "a pattern in {where} needs exactly one of 'words', 'phrase' or 'exact'"
                    ).format(where=where),
                )
                return None
            mode = cast(Mode, modes[0])
            text = self.text(item, mode, where)
            window = self.window(item, where)
        else:
            self.error(
                line,
                _("a pattern in {where} must be text or a mapping such as {{exact: ...}}").format(
                    where=where
                ),
            )
            return None
        terms = parse_terms(text)
        if not terms:
            self.error(line, _("empty pattern in {where}").format(where=where))
            return None
        if len(terms) > MAX_PATTERN_WORDS:
            self.error(
                line,
                _(
                    "a pattern of {n} words in {where}; a pattern has at most {most}: keep the "
                    "words that name the competence"
                ).format(n=len(terms), where=where, most=MAX_PATTERN_WORDS),
            )
            return None
        return Pattern(text=text.strip(), terms=terms, mode=mode, window=window, line=line)

    def patterns(
        self, data: LineDict, key: str, where: str, required: bool, plain: Mode = "words"
    ) -> tuple[Pattern, ...]:
        value = data.get(key)
        if value is None:
            if required:
                self.error(
                    data.line,
                    _("{where} has no '{key}': give at least one pattern").format(
                        where=where, key=key
                    ),
                )
            return ()
        if isinstance(value, str):
            value_list: list[Any] = [value]
            lines = [data.line_of(key)]
        elif isinstance(value, LineList):
            value_list, lines = list(value), value.item_lines
        else:
            self.error(
                data.line_of(key),
                _("'{key}' in {where} must be a list of patterns").format(key=key, where=where),
            )
            return ()
        if required and not value_list:
            self.error(
                data.line_of(key),
                _("'{key}' in {where} is empty: give at least one pattern").format(
                    key=key, where=where
                ),
            )
        out = [
            self.pattern(item, line, where, plain)
            for item, line in zip(value_list, lines, strict=True)
        ]
        return tuple(p for p in out if p is not None)

    def strings(self, data: LineDict, key: str, where: str) -> tuple[str, ...]:
        value = data.get(key)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.error(
                data.line_of(key),
                _("'{key}' in {where} must be a list of texts").format(key=key, where=where),
            )
            return ()
        return tuple(v.strip() for v in value)
