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

# the one place of the version: pyproject.toml reads it from here
__version__ = "0.1.0"
