"""How the worker processes of the local pool are started: forked from this process where
fork is safe (warmed first for a batch of more than a handful of files), elsewhere from a
warm forkserver, or spawned. The pool itself (``pool.Pool``) hands out the files."""
from __future__ import annotations

import multiprocessing as mp
import sys


def _mp_start_method() -> str:
    return "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"


def fork_context():
    """The ``fork`` context where forking this process is safe: fork exists, not macOS
    (system libraries there are not fork-safe) and no other thread runs in this process (a
    fork copies its locks). None otherwise."""
    if "fork" not in mp.get_all_start_methods() or sys.platform == "darwin":
        return None
    import threading

    if threading.active_count() != 1:
        return None
    return mp.get_context("fork")


def single_file_context():
    """The context for a run with one file to do: its worker forked from this process
    itself (``fork``), so that no worker server boots and warms up for it (a second
    interpreter, the imports twice, rules compiled for a warm-up document) and the worker
    does only that file's work; the timeout, memory ceiling, parent-death signal and crash
    records are the pool's as for any worker. None (use ``mp_context``) where fork is
    missing or unsafe (``fork_context``)."""
    return fork_context()


# from this many files on, this process warms up (imports, every rule compiled, the text
# loaders: ``warm_main``) before it forks the workers; fewer files are done by cold
# workers, each building only what its files need (as a one-file run)
WARM_MAIN_FROM = 5


def pool_context(n_files: int, suffixes=(), extract_fn: str | None = None):
    """(context, whether a worker warms up on its own) for a pool of ``n_files`` files
    (``suffixes``: their extensions; ``extract_fn``: a custom per-file function, which
    needs no warm pipeline). Where fork is safe (``fork_context``), the workers are forked
    from this process: with more than a handful of files it warms up first, once
    (``warm_main``), and every worker (recycled ones too) starts warm from it, sharing its
    compiled rules copy-on-write; no second interpreter boots (the forkserver's, and the
    resource tracker that comes with it). A worker's memory ceiling counts only what it
    grows by after the fork (``common.WorkerMemory``), so a large parent process (a notebook,
    a test runner) does not count against it. Elsewhere ``mp_context`` (a warm
    forkserver, or spawn with a warm-up per worker)."""
    ctx = fork_context()
    if ctx is None:
        return mp_context(), True
    if n_files >= WARM_MAIN_FROM and not extract_fn:
        warm_main(suffixes)
    return ctx, False


# loaders imported by ``warm_main`` when the batch holds their files (pure Python and
# lxml: safe to fork); the PDF and office readers stay with the workers that need them
_WARM_LOADERS = ("txt", "html", "docx")


def warm_main(suffixes=()) -> None:
    """``warm_up(compile_rules=True)`` in this process, once (what the forkserver does in
    its own), and the loaders of the text formats among ``suffixes`` (each worker would
    import them for its first such file); never raises: a worker shows the problem in
    its first record."""
    import importlib

    from .worker import _WARM, warm_up

    try:
        from .. import pipeline  # noqa: F401 (installs regexkit.programs)
        from ..regexkit import programs

        with programs.recording():  # the loaders' patterns too (warm_up's recording is this one)
            if not _WARM[0]:
                warm_up(compile_rules=True)
            from .. import load

            for mod in sorted({load.LOADERS[s][0] for s in suffixes if s in load.LOADERS} & set(_WARM_LOADERS)):
                importlib.import_module(f"{load.__name__}.{mod}")
    except Exception:
        pass


def mp_context():
    if _mp_start_method() == "forkserver":
        ctx = mp.get_context("forkserver")
        try:
            # the server imports and warms the pipeline once (extractor._preload); workers
            # are forked from it and start warm (about 0.3 s less each)
            ctx.set_forkserver_preload(["extractor.batch", "extractor._preload"])
        except Exception:
            pass
        return ctx
    return mp.get_context("spawn")


def prestart() -> None:
    """Launch the worker server (forkserver) now, without waiting for it: it boots and warms
    the pipeline (``extractor._preload``, ~0.3 s) while this process imports, walks the
    inputs and checks earlier outputs, instead of after. Harmless when no file turns out to
    need a worker (the server exits with this process). Never raises."""
    try:
        if fork_context() is not None:  # the pool will fork its workers from this process
            return
        if _mp_start_method() == "forkserver":
            mp_context()
            from multiprocessing import forkserver

            forkserver.ensure_running()
    except Exception:  # the pool starts it (or reports the problem) later
        pass
