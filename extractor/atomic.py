"""Atomic file replacement: write to a temp file beside the target, then os.replace.

A reader (or a rerun after kill -9) sees either the old file or the complete new one,
never a half-written file; leftover temp files carry TMP_MARK so a rerun can remove them.
"""
from __future__ import annotations

import os
from typing import Callable

TMP_MARK = ".zwgk-tmp"


def replace_atomically(path: str | os.PathLike, write: Callable[[str], object]) -> None:
    """Call ``write(tmp_path)`` and move the result onto ``path``; no debris on failure."""
    path = os.fspath(path)
    d = os.path.dirname(path) or "."
    os.makedirs(d, exist_ok=True)
    tmp = os.path.join(d, f".{os.path.basename(path)}.{os.getpid()}.{os.urandom(4).hex()}{TMP_MARK}")
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def atomic_write(path: str | os.PathLike, data: bytes | str, *, fsync: bool = False) -> None:
    """Write ``data`` (str as UTF-8) to ``path`` atomically."""
    if isinstance(data, str):
        data = data.encode("utf-8")

    def write(tmp: str) -> None:
        with open(tmp, "wb") as f:
            f.write(data)
            if fsync:
                f.flush()
                os.fsync(f.fileno())

    replace_atomically(path, write)
