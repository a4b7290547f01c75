"""The lint gate: a run reads documents only with a lexicon that has no lint errors.

The lint of a new lexicon (lint.py: every pattern's own words through the whole
matcher) takes about as long as re-reading a corpus from the cache. A run works it
out in a process of its own (``LintJob``, forked on Linux) while it reads the
documents, reports the findings as soon as they are there, stops on errors before
anything is written, and waits for them before it writes. The lint of an edit of a
lexicon linted before goes through the few patterns the edit can change
(``lint.linted``): the run does it itself, before the documents. Findings kept in the cache
come at once; ``leaderscan lexicon check`` lints in its own process, before it reports.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import multiprocessing.process
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from .cache import Cache
from .compiled import LexiconStore, lint_for, matcher_for
from .errors import LintFailed
from .i18n import ngettext
from .lemma_table import add_word_lemmas, word_lemmas
from .lemmatise import Pipeline
from .lexicon import Lexicon, load_lexicon
from .lint import Finding
from .pool import forking

Note = Callable[[str], None]  # where a warning for the user goes
# patterns an edit's lint may go through in the run's own process: a fork costs more
LINT_HERE = 200


def ignore_note(note: str) -> None:
    pass


def checked_lexicon(
    path: Path,
    pipeline: Pipeline,
    lexicon: Lexicon | None = None,
    on_note: Note | None = None,
    cache: Cache | None = None,
) -> Lexicon:
    """Load and lint the lexicon: every finding goes to ``on_note`` (file:line each);
    with errors among them, LintFailed. ``cache``: where the findings of a lexicon
    linted before are kept (compiled.py)."""
    lexicon = lexicon or load_lexicon(path)
    findings = lint_for(lexicon, pipeline, cache.root if cache is not None else None)
    lint_gate(path, findings, on_note)
    return lexicon


def lint_gate(path: Path, findings: Sequence[Finding], on_note: Note | None = None) -> None:
    """Every finding to ``on_note``; with errors among them, LintFailed."""
    errors = [f for f in findings if f.severity == "error"]
    for f in findings:
        (on_note or ignore_note)(str(f))
    if errors:
        raise LintFailed(
            ngettext(
                "{path}: fix the lexicon ({n} error above; 'leaderscan lexicon check' explains it)",
                "{path}: fix the lexicon ({n} errors above; 'leaderscan lexicon check' explains "
                "them)",
                len(errors),
            ).format(path=path, n=len(errors)),
            list(findings),
        )


class LintGates:
    """The lint of each lexicon file of a run, worked out alongside the documents
    (``LintJob``): its findings reported, and the run stopped on errors, as soon as
    they are there; ``wait`` for the rest before anything is written."""

    def __init__(
        self,
        paths: list[Path],
        loaded: list[Lexicon],
        pipeline: Pipeline,
        cache: Cache | None,
        note: Note = ignore_note,
    ):
        root = cache.root if cache is not None else None
        self.pending = [
            (path, LintJob(part, pipeline, root)) for path, part in zip(paths, loaded, strict=True)
        ]
        self.note = note

    def __enter__(self) -> LintGates:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def check(self, wait: bool = False) -> None:
        while self.pending and (wait or self.pending[0][1].ready()):
            path, job = self.pending.pop(0)
            lint_gate(path, job.findings(), self.note)

    def close(self) -> None:
        for _path, job in self.pending:
            job.close()


class LintJob:
    """A lexicon's lint findings (compiled.lint_for), worked out by a process forked for
    it while this one reads the documents: a run after a lexicon edit waits for the
    slower of the two, not for both. At once where the cache has them, without a cache,
    and where workers are not forked (the findings are the same either way)."""

    def __init__(self, lexicon: Lexicon, pipeline: Pipeline, root: Path | None):
        self.lexicon, self.pipeline, self.root = lexicon, pipeline, root
        self._findings: list[Finding] | None = None
        self._process: multiprocessing.process.BaseProcess | None = None
        if root is not None:
            store = LexiconStore(root)
            self._findings = store.cached_lint(lexicon, pipeline)
            if self._findings is None and forking():  # an edit's lint, here when it is small
                self._findings = store.lint(lexicon, pipeline, at_most=LINT_HERE)
        if self._findings is None and (root is None or not forking()):
            self._findings = lint_for(lexicon, pipeline, root)
        if self._findings is None:
            # compiled here, where the documents need the patterns too: the child has them
            matcher_for(lexicon, root).compiled  # noqa: B018
            context = multiprocessing.get_context("fork")
            self._receive, send = context.Pipe(duplex=False)
            self._process = context.Process(
                target=_lint_in_child, args=(send, lexicon, pipeline, root), daemon=True
            )
            self._process.start()
            send.close()

    def ready(self) -> bool:
        """Whether the findings are there (without waiting for them)."""
        return self._findings is not None or self._receive.poll()

    def findings(self) -> list[Finding]:
        """The findings, waited for; what the child looked up (lexicon phrases, word
        lemmas) joins this process's, which the run keeps in the cache."""
        if self._findings is None:
            try:
                findings, phrases, words = self._receive.recv()
            except (EOFError, OSError):  # the child died: lint here
                findings, phrases, words = lint_for(self.lexicon, self.pipeline, self.root), {}, {}
            self.close()
            for phrase, analysis in phrases.items():
                self.pipeline.memo.setdefault(phrase, analysis)
            add_word_lemmas(words)
            self._findings = findings
        return self._findings

    def close(self) -> None:
        if self._process is not None:
            if self._process.is_alive() and self._findings is None:
                self._process.terminate()
            self._process.join()
            self._receive.close()
            self._process = None


def _lint_in_child(
    send: multiprocessing.connection.Connection,
    lexicon: Lexicon,
    pipeline: Pipeline,
    root: Path | None,
) -> None:
    """LintJob's process: the findings, and the phrases and word lemmas it added."""
    try:
        phrases, words = set(pipeline.memo), word_lemmas()
        findings = lint_for(lexicon, pipeline, root)
        send.send(
            (
                findings,
                {k: v for k, v in pipeline.memo.items() if k not in phrases},
                {k: v for k, v in word_lemmas().items() if k not in words},
            )
        )
    finally:  # nothing of the parent's (its executor, its atexit handlers) runs here
        send.close()
        os._exit(0)
