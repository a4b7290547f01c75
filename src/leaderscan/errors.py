"""The library's own exceptions. The CLI turns them into one-line messages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any


class LeaderscanError(Exception):
    """Base class: a problem the user can fix (bad file, bad option, bad lexicon)."""


@dataclass(frozen=True)
class Problem:
    """One problem in a YAML file, located by line (1-based; 0 when unknown)."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.message}"


class ConfigError(LeaderscanError):
    """A YAML file (lexicon or manifest) has one or more problems."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class LexiconError(ConfigError):
    """competences.yaml cannot be used as it is."""


class ManifestError(ConfigError):
    """The corpus manifest cannot be used as it is."""


class ExtractionError(LeaderscanError):
    """A document cannot be read; the message says why, for one line of output."""


class ToolMissing(ExtractionError):
    """A program needed for this file (Tesseract, LibreOffice) is not installed; the
    message says how to install it. Not cached: once it is installed, the next run
    reads the file."""


class PipelineError(LeaderscanError):
    """The requested spaCy pipeline cannot be loaded."""


class RunError(LeaderscanError):
    """A saved run (run.json) cannot be read."""


class LintFailed(LeaderscanError):
    """The lexicon has lint errors (``findings``); a run does not start with them."""

    def __init__(self, message: str, findings: list[Any]):
        super().__init__(message)
        self.findings = findings


class NothingToRead(LeaderscanError):
    """The corpus holds no document to analyse (of the kinds asked for)."""


class OutputError(LeaderscanError):
    """The results cannot be written where asked (or would replace an earlier measurement)."""
