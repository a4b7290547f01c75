"""leaderscan: find network-leadership competences in Dutch vacancy texts.

From Python::

    import leaderscan

    run = leaderscan.scan("corpus", leaderscan.Options(jobs=2), out="out")
    print(leaderscan.table_text(run.table))  # the Figure 26 table
    saved = leaderscan.open_run("out")

The stages, one module each:

    discover  -> which files, which organisation and cell      (discover.py, manifest.py)
    extract   -> text blocks with page and section             (extract/)
    lemmatise -> sentences with words and lemmas               (lemmatise.py)
    match     -> competence hits per sentence                  (lexicon.py, match.py)
    score     -> the cell a hit counts in, or why not          (scope.py, hits.py)
    tally     -> distinct competences per organisation x cell  (tally.py)
    render    -> terminal, CSV, XLSX, HTML, chart, Markdown     (render/, export.py, runfile.py)

``scan()`` (scan.py) runs them in order for a corpus, a document at a time
(analyse.py, pool.py); ``cli/`` is a thin layer on top.
"""

import sys
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING, Any

from .version import __version__

if TYPE_CHECKING:
    from .compare import Comparison
    from .compare import compare_saved as compare
    from .errors import (
        ConfigError,
        ExtractionError,
        LeaderscanError,
        LexiconError,
        LintFailed,
        ManifestError,
        NothingToRead,
        OutputError,
        PipelineError,
        RunError,
        ToolMissing,
    )
    from .evaluate import GoldError
    from .export import OutputBusy
    from .extract import Limits
    from .lemmatise import Pipeline, load_pipeline
    from .lexicon import Lexicon, load_lexicon
    from .render.terminal import table_text
    from .results import DocumentResult, Run
    from .runfile import SavedRun, open_run
    from .scan import Options, scan
    from .tally import Table

# where each name lives: imported on first use, so that a command loads only the stages
# it needs (``import leaderscan`` alone costs nothing more than its version)
_HOMES = {
    "Comparison": "compare",
    "compare": "compare",
    **dict.fromkeys(
        [
            "ConfigError",
            "ExtractionError",
            "LeaderscanError",
            "LexiconError",
            "LintFailed",
            "ManifestError",
            "NothingToRead",
            "OutputError",
            "PipelineError",
            "RunError",
            "ToolMissing",
        ],
        "errors",
    ),
    "GoldError": "evaluate",
    "OutputBusy": "export",
    "Limits": "extract",
    "Pipeline": "lemmatise",
    "load_pipeline": "lemmatise",
    "Lexicon": "lexicon",
    "load_lexicon": "lexicon",
    "table_text": "render.terminal",
    "DocumentResult": "results",
    "Run": "results",
    "SavedRun": "runfile",
    "open_run": "runfile",
    "Options": "scan",
    "scan": "scan",
    "Table": "tally",
}
# names that differ from the name in their module
_RENAMED = {"compare": "compare_saved"}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'leaderscan' has no attribute {name!r}")
    value = getattr(import_module(f".{home}", __name__), _RENAMED.get(name, name))
    globals()[name] = value  # once found, a plain attribute
    return value


class _Package(ModuleType):
    """The package, whose ``scan`` and ``compare`` are the functions, not the modules
    scan.py and compare.py: importing those modules binds them on the package, which
    would hide the functions."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _RENAMED or name == "scan":
            if isinstance(value, ModuleType):
                return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


__all__ = [
    "Comparison",
    "ConfigError",
    "DocumentResult",
    "ExtractionError",
    "GoldError",
    "LeaderscanError",
    "Lexicon",
    "LexiconError",
    "Limits",
    "LintFailed",
    "ManifestError",
    "NothingToRead",
    "Options",
    "OutputBusy",
    "OutputError",
    "Pipeline",
    "PipelineError",
    "Run",
    "RunError",
    "SavedRun",
    "Table",
    "ToolMissing",
    "__version__",
    "compare",
    "load_lexicon",
    "load_pipeline",
    "open_run",
    "scan",
    "table_text",
]
