"""leaderscan: find network-leadership competences in Dutch vacancy texts.

From Python::

    import leaderscan

    run = leaderscan.scan("corpus", leaderscan.Options(jobs=2), out="out")
    print(run.table)  # the Figure 26 table
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

# the one place of the version: pyproject.toml reads it from here
__version__ = "0.1.0"

from .compare import Comparison  # noqa: E402
from .compare import compare_saved as compare
from .errors import (  # noqa: E402
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
from .evaluate import GoldError  # noqa: E402
from .export import OutputBusy  # noqa: E402
from .extract import Limits  # noqa: E402
from .lemmatise import Pipeline, load_pipeline  # noqa: E402
from .lexicon import Lexicon, load_lexicon  # noqa: E402
from .results import DocumentResult, Run  # noqa: E402
from .runfile import SavedRun, open_run  # noqa: E402
from .scan import Options, scan  # noqa: E402
from .tally import Table  # noqa: E402

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
]
