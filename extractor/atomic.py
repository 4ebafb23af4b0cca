"""Atomic file replacement: write to a temp file beside the target, then os.replace.

A reader (or a rerun after kill -9) sees either the old file or the complete new one,
never a half-written file; leftover temp files carry TMP_MARK so a rerun can remove them.

``OutDir`` does the same inside one output folder and never writes outside it: every
folder on the way is opened relative to the folder before it (``dir_fd``), created if
missing, and its real location re-checked to be inside OUTDIR after opening (a symlink
planted in OUTDIR that leads elsewhere is refused with ``OutsideOutdir``); temp files
are created with ``O_CREAT | O_EXCL | O_NOFOLLOW`` and renamed within that folder (a
rename replaces a planted symlink itself, it never writes through it).
"""
from __future__ import annotations

import errno
import os
from typing import Callable

TMP_MARK = ".zwgk-tmp"

_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_O_DIRECTORY = getattr(os, "O_DIRECTORY", 0)


class OutsideOutdir(OSError):
    """A write would land outside the output folder (a symlink leads out of it)."""


def _tmp_name(name: str) -> str:
    return f".{name}.{os.getpid()}.{os.urandom(4).hex()}{TMP_MARK}"


def replace_atomically(path: str | os.PathLike, write: Callable[[str], object]) -> None:
    """Call ``write(tmp_path)`` and move the result onto ``path``; no debris on failure."""
    path = os.fspath(path)
    d = os.path.dirname(path) or "."
    os.makedirs(d, exist_ok=True)
    tmp = os.path.join(d, _tmp_name(os.path.basename(path)))
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
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_NOFOLLOW | _O_CLOEXEC, 0o644)
        with open(fd, "wb") as f:
            f.write(data)
            if fsync:
                f.flush()
                os.fsync(f.fileno())

    replace_atomically(path, write)


def _fd_path(fd: int) -> str | None:
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return None


def _inside(base: str, real: str) -> bool:
    return real == base or os.path.commonpath([base, real]) == base


class OutDir:
    """One output folder; every write stays inside it (see the module docstring).

    ``rel`` paths are posix, relative, without ``..`` (``batch.output_relpath`` makes them)."""

    def __init__(self, path: str | os.PathLike):
        self.real = os.path.realpath(os.fspath(path))
        self.fd = os.open(self.real, os.O_RDONLY | _O_DIRECTORY | _O_NOFOLLOW | _O_CLOEXEC)

    def close(self) -> None:
        try:
            os.close(self.fd)
        except OSError:
            pass

    def _check(self, fd: int, shown: str) -> None:
        real = _fd_path(fd)
        if real is None:  # no /proc: resolve the path instead
            real = os.path.realpath(os.path.join(self.real, shown))
        if not _inside(self.real, real):
            raise OutsideOutdir(errno.EXDEV, f"{shown} leads outside the output folder (to {real}); refused")

    def open_dir(self, rel_dir: str, create: bool = True) -> int:
        """A file descriptor of folder ``rel_dir`` inside OUTDIR (created when missing)."""
        fd = os.dup(self.fd)
        done = []
        try:
            for comp in [p for p in rel_dir.split("/") if p not in ("", ".")]:
                if comp == "..":
                    raise OutsideOutdir(errno.EXDEV, f"{rel_dir}: '..' in an output path; refused")
                done.append(comp)
                try:   # the folder is there (every write but a folder's first): no mkdir
                    nfd = os.open(comp, os.O_RDONLY | _O_DIRECTORY | _O_CLOEXEC, dir_fd=fd)
                except FileNotFoundError:
                    if not create:
                        raise
                    try:
                        os.mkdir(comp, 0o777, dir_fd=fd)
                    except FileExistsError:
                        pass
                    nfd = os.open(comp, os.O_RDONLY | _O_DIRECTORY | _O_CLOEXEC, dir_fd=fd)
                os.close(fd)
                fd = nfd
                self._check(fd, "/".join(done))
            return fd
        except BaseException:
            os.close(fd)
            raise

    def makedirs(self, rel_dir: str) -> None:
        os.close(self.open_dir(rel_dir))

    def write(self, rel: str, data: bytes | str) -> None:
        """Write ``data`` to ``rel`` atomically (temp file + rename in the same folder)."""
        if isinstance(data, str):
            data = data.encode("utf-8")
        d, _, name = rel.rpartition("/")
        dfd = self.open_dir(d)
        try:
            tmp = _tmp_name(name)
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_NOFOLLOW | _O_CLOEXEC, 0o644, dir_fd=dfd)
            try:
                with open(fd, "wb") as f:
                    f.write(data)
                os.replace(tmp, name, src_dir_fd=dfd, dst_dir_fd=dfd)
            except BaseException:
                try:
                    os.unlink(tmp, dir_fd=dfd)
                except OSError:
                    pass
                raise
        finally:
            os.close(dfd)

    def open_file(self, name: str, flags: int, mode: int = 0o644) -> int:
        """``os.open`` of a file at the top of OUTDIR, never through a symlink (ELOOP)."""
        return os.open(name, flags | _O_NOFOLLOW | _O_CLOEXEC, mode, dir_fd=self.fd)
