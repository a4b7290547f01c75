"""The Dask worker plugin of executor.py, in a module of its own: importing it needs
Dask, which is optional."""

from __future__ import annotations

import threading
from typing import Any

from distributed import WorkerPlugin

from . import i18n
from .executor import _loaded, _problems
from .i18n import _
from .pool import Settings, _tools
from .version import __version__


class Tools(WorkerPlugin):
    """A Dask worker plugin: load the pipeline and lexicon once per worker, when it
    joins, and check it is the client's pipeline and leaderscan."""

    def __init__(self, key: str, settings: Settings, fingerprint: str):
        self.key, self.settings, self.fingerprint = key, settings, fingerprint
        self.version = __version__
        self.name = f"leaderscan-{key}"  # one registration per settings

    def setup(self, worker: Any = None) -> None:
        if self.key in _loaded:
            return
        i18n.set_language(self.settings.language)  # of the problems said here
        where = getattr(worker, "address", None) or _("a worker")
        if self.version != __version__:
            _problems[self.key] = _(
                "the Dask worker {where} has leaderscan {version}, this machine {ours}: "
                "install the same version on every worker"
            ).format(where=where, version=__version__, ours=self.version)
            return
        try:
            pipeline, matcher, reading = _tools(self.settings)
        except Exception as exc:  # the worker cannot load the pipeline or the lexicon
            _problems[self.key] = _(
                "the Dask worker {where} cannot load the pipeline '{model}' ({error}); "
                "install it there"
            ).format(where=where, model=self.settings.model, error=f"{type(exc).__name__}: {exc}")
            return
        if pipeline.fingerprint != self.fingerprint:
            _problems[self.key] = _(
                "the Dask worker {where} has the pipeline {pipeline}, this machine {ours}: "
                "install the same pipeline on every worker"
            ).format(where=where, pipeline=pipeline.fingerprint, ours=self.fingerprint)
            return
        _loaded[self.key] = (pipeline, matcher, reading, threading.Lock())

    def teardown(self, worker: Any = None) -> None:
        _loaded.pop(self.key, None)
