"""Old Word (.doc), WPS (.wps) and RTF files: converted to .docx by LibreOffice.

``soffice``/``libreoffice`` must be on PATH (override with ``options["soffice"]``);
the conversion runs headless in a private temporary directory with its own user
profile (so parallel runs do not fight over one profile lock) and a timeout
(``options["convert_timeout"]``, 120 s). The result is read by the .docx loader;
``source.format`` keeps the original format.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..model import ExtractError
from . import docx as docx_loader

DEFAULT_TIMEOUT = 120
HINT = (
    "converting .doc/.wps/.rtf needs LibreOffice: install it "
    "(apt-get install libreoffice-writer, or from libreoffice.org) so that 'soffice' is on PATH, "
    "or save the file as .docx"
)


def find_converter(options: dict | None = None) -> str | None:
    options = options or {}
    if options.get("soffice"):
        return shutil.which(options["soffice"]) or None
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(path: Path, outdir: Path, soffice: str, timeout: float) -> Path:
    profile = outdir / "lo-profile"
    cmd = [
        soffice,
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "docx:MS Word 2007 XML",
        "--outdir",
        str(outdir),
        str(path),
    ]
    env = dict(os.environ, HOME=str(outdir))
    try:
        proc = subprocess.run(
            cmd, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout, env=env, check=False
        )
    except subprocess.TimeoutExpired as e:
        raise ExtractError("convert_failed", f"LibreOffice did not finish converting within {timeout:.0f} s") from e
    except OSError as e:
        raise ExtractError("converter_missing", f"cannot run {soffice}: {e}; {HINT}") from e
    out = outdir / (path.stem + ".docx")
    if proc.returncode != 0 or not out.is_file() or out.stat().st_size == 0:
        msg = (proc.stderr or proc.stdout or b"").decode("utf-8", "replace").strip()[-300:]
        raise ExtractError("convert_failed", f"LibreOffice could not convert the file (exit {proc.returncode}): {msg}")
    return out


def load(path: Path, source, options: dict):
    soffice = find_converter(options)
    if soffice is None:
        raise ExtractError("converter_missing", f"no converter for .{source.format} files; {HINT}")
    timeout = float(options.get("convert_timeout") or DEFAULT_TIMEOUT)
    with tempfile.TemporaryDirectory(prefix="zwgk-lo-") as tmp:
        tmpdir = Path(tmp)
        # copy under a plain ASCII name: LibreOffice names the output after the input
        src = tmpdir / ("input" + path.suffix.lower())
        shutil.copyfile(path, src)
        out = convert_to_docx(src, tmpdir, soffice, timeout)
        doc = docx_loader.load(out, source, options)
    return doc
