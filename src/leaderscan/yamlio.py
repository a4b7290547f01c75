"""YAML loading that remembers line numbers and refuses duplicate keys.

Both competences.yaml and the corpus manifest are edited by hand, so every
problem is reported as ``file:line: message``. Mappings load as ``LineDict``:
a dict that also knows the line of each key.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import Problem
from .i18n import N_, _


class LineDict(dict[str, Any]):
    """A mapping from YAML with the 1-based line of the mapping and of each key."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list[Any]):
    """A sequence from YAML with the 1-based line of the sequence and of each item."""

    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


# libyaml's parser when PyYAML has it (several times faster); the constructors below
# are Python either way and see the same nodes and line marks
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[valid-type,misc]
    def __init__(self, stream: str, path: Path):
        super().__init__(stream)
        self.path = path
        self.problems: list[Problem] = []

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
        self.flatten_mapping(node)
        out = LineDict()
        out.line = node.start_mark.line + 1
        out.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                key = str(key)
            if key in out:
                first = out.key_lines[key]
                self.problems.append(
                    Problem(
                        self.path,
                        line,
                        _("duplicate key '{key}' (first at line {line})").format(
                            key=key, line=first
                        ),
                    )
                )
                continue
            out[key] = self.construct_object(value_node, deep=True)
            out.key_lines[key] = line
        return out

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LineList:
        out = LineList(self.construct_object(child, deep=True) for child in node.value)
        out.line = node.start_mark.line + 1
        out.item_lines = [child.start_mark.line + 1 for child in node.value]
        return out


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_sequence)

# What a hand-edited YAML file never needs, and what would make loading it take minutes
# and gigabytes: aliases (*a) that expand to far more than the file holds ("billion
# laughs"), keys that are lists or mappings, and nesting deeper than any lexicon.
MAX_DEPTH = 64
MAX_EXPANDED = 200_000  # nodes after expanding aliases, when aliases multiply the file


# an anchor (&name) begins at the start of the text, after a space or in a flow
# collection, and its name follows at once; "De Caluwé & Kaats" and "R&D" hold none
_BEFORE_ANCHOR = frozenset(" \t\r\n[{,")
_NOT_A_NAME = frozenset(" \t\r\n[]{},")


def may_have_aliases(text: str) -> bool:
    """Whether a YAML text can hold aliases (*name): not without an anchor."""
    at = text.find("&")
    while at != -1:
        name = text[at + 1 : at + 2]
        if (at == 0 or text[at - 1] in _BEFORE_ANCHOR) and name and name not in _NOT_A_NAME:
            return True
        at = text.find("&", at + 1)
    return False


def check_nodes(root: yaml.Node, path: Path, aliases: bool = True) -> Problem | None:
    """The first reason to refuse a YAML document before it is built, or None.

    Walks the node graph once without recursion (each node shared by aliases is
    counted as often as it is used, without building anything). Without ``aliases``
    (a text without anchors has none: ``may_have_aliases``) every node is used once:
    only the depth and the keys are checked."""
    if not aliases:
        return _check_tree(root, path)
    size: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    distinct = 0
    while stack:
        node, depth, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            children = _children(node)
            size[key] = 1 + sum(size[id(c)] for c in children)
            if size[key] > MAX_EXPANDED and size[key] > 10 * max(distinct, 1):
                return Problem(
                    path,
                    node.start_mark.line + 1,
                    _(
                        "aliases (*name) here expand to more than {most:,} values; write the "
                        "values out instead of repeating aliases"
                    ).format(most=MAX_EXPANDED),
                )
            continue
        if key in size:
            continue
        if key in on_path:
            return Problem(
                path, node.start_mark.line + 1, _("an alias (*name) refers to itself; remove it")
            )
        if depth > MAX_DEPTH:
            return _too_deep(path, node)
        distinct += 1
        if isinstance(node, yaml.MappingNode):
            for key_node, _value in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    return _not_plain_key(path, key_node)
        on_path.add(key)
        stack.append((node, depth, True))
        for child in _children(node):
            if id(child) not in size:
                stack.append((child, depth + 1, False))
    return None


def _check_tree(root: yaml.Node, path: Path) -> Problem | None:
    """check_nodes of a document without aliases (each node used once): its nesting
    and its keys, with the same first problem. Scalars, most of the nodes, are checked
    with their parent."""
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return _too_deep(path, node)
        if isinstance(node, yaml.MappingNode):
            for key_node, _value in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    return _not_plain_key(path, key_node)
        children = _children(node)
        if children and depth >= MAX_DEPTH:
            return _too_deep(path, children[-1])  # the child check_nodes would meet first
        stack.extend((c, depth + 1) for c in children if not isinstance(c, yaml.ScalarNode))
    return None


def _too_deep(path: Path, node: yaml.Node) -> Problem:
    return Problem(
        path,
        node.start_mark.line + 1,
        _("nested more than {most} levels deep; a lexicon or manifest needs a few").format(
            most=MAX_DEPTH
        ),
    )


def _not_plain_key(path: Path, key_node: yaml.Node) -> Problem:
    return Problem(
        path, key_node.start_mark.line + 1, _("a key must be plain text, not a list or mapping")
    )


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


# PyYAML's words for a syntax error, and what they mean for a hand-edited file
PLAIN_WORDS = (
    ("did not find expected ',' or ']'", N_("a list in [ ] is not closed with ']', or an item "
     "in it holds ':' or ',' and needs quotes")),
    ("did not find expected ',' or '}'", N_("a mapping in { } is not closed with '}', or a "
     "value in it holds ':' or ',' and needs quotes")),
    ("mapping values are not allowed", N_("a second ': ' on the line; put text that holds "
     "': ' in quotes")),
    ("found character that cannot start any token", N_("a tab or a character such as '@' "
     "or '`' where a value starts; indent with spaces, and put such text in quotes")),
    ("found unexpected end of stream", N_("the file ends inside quotes: a quote is not closed")),
    ("found undefined alias", N_("an alias (*name) without an anchor (&name) before it")),
    ("did not find expected key", N_("a line is not indented like the lines above it")),
    ("could not find expected ':'", N_("a line without 'key: value' (a ':' missing, or a "
     "quote not closed)")),
    ("expected <block end>", N_("a line is not indented like the lines above it")),
    ("did not find expected '-' indicator", N_("a list item is not indented like the items "
     "above it")),
)  # fmt: skip


# where the broken part of the file began, by PyYAML's name of the part
PARTS = (
    ("sequence", N_("; the list begins at line {line}")),
    ("collection", N_("; the list begins at line {line}")),
    ("mapping", N_("; the mapping begins at line {line}")),
    ("quoted scalar", N_("; the quoted text begins at line {line}")),
)


def syntax_problem(path: Path, exc: yaml.MarkedYAMLError) -> Problem:
    """A YAML syntax error in plain words, at the line where it was found and, when the
    construct it breaks began earlier (an unclosed list), that line as well."""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 0
    what = exc.problem or exc.context or "invalid YAML"
    plain = next((p for key, p in PLAIN_WORDS if what.startswith(key)), None)
    message = (
        _("YAML syntax error: {plain} (YAML says: {what})").format(plain=_(plain), what=what)
        if plain
        else _("YAML syntax error: {what}").format(what=what)
    )
    if exc.context_mark is not None and exc.problem_mark is not None:
        begun = exc.context_mark.line + 1
        if begun != line:
            part = next(
                (v for k, v in PARTS if k in (exc.context or "")),
                N_("; the part begins at line {line}"),
            )
            message += _(part).format(line=begun)
    return Problem(path, line, message)


def load_yaml(path: Path, text: str) -> tuple[Any, list[Problem]]:
    """Parse ``text`` (read from ``path``); return the data and the problems found.

    A syntax error is returned as a single problem with its line; the data is None then.
    """
    loader = _Loader(text, path)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, []
        refused = check_nodes(node, path, aliases=may_have_aliases(text))
        if refused is not None:
            return None, [refused]
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        return None, [syntax_problem(path, exc)]
    except yaml.YAMLError as exc:
        return None, [Problem(path, 0, _("YAML syntax error: {what}").format(what=exc))]
    finally:
        loader.dispose()
    return data, loader.problems


def read_text(path: Path) -> str:
    """Read a YAML file as UTF-8 (a BOM is accepted)."""
    return path.read_text(encoding="utf-8-sig")
