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
from .version import __version__

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
