"""leaderscan: find network-leadership competences in Dutch vacancy texts.

The stages, one module each:

    discover  -> which files, which organisation and cell      (discover.py, manifest.py)
    extract   -> text blocks with page and section             (extract/)
    lemmatise -> sentences with words and lemmas               (lemmatise.py)
    match     -> competence hits per sentence                  (lexicon.py, match.py)
    tally     -> distinct competences per organisation x cell  (tally.py)
    render    -> terminal table, CSV and JSON files            (render.py, export.py)

``scan.scan()`` runs them in order; ``cli.py`` is a thin layer on top.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("leaderscan")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"
