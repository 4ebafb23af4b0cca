"""Old Word (.doc), WPS (.wps) and RTF files.

The file's first bytes decide, whatever its extension says:

* a zip package (a .wps or .doc that is really a .docx) → the .docx loader;
* an HTML page or a web archive (MHT) — Word's "web page" .doc, common on portals —
  → the HTML loader;
* an OLE compound file (Word 97–2003, and WPS Office's .wps) or RTF → LibreOffice when
  it is installed (it also reads Word 6/95, WPS 2000 and damaged files), otherwise the
  built-in readers: :mod:`.doc_binary` (olefile + the Word 97 piece table, tables
  included) and :mod:`.rtf` (striprtf, tables included).

``options["office_reader"]``: ``"auto"`` (default, as above), ``"builtin"`` (never run
LibreOffice) or ``"libreoffice"`` (never the built-in readers). A warning with code
``office_reader`` says which path read the file. When LibreOffice fails on a file the
built-in reader is tried; when the built-in reader cannot read a file and LibreOffice
is missing, the error is ``converter_missing`` (LibreOffice may still read it), except
for password-protected files (``encrypted_doc``).

LibreOffice: ``soffice``/``libreoffice`` must be on PATH (override with
``options["soffice"]``); the conversion runs headless in a private temporary directory
with its own user profile (so parallel runs do not fight over one profile lock) and a
timeout (``options["convert_timeout"]``, 120 s). The result is read by the .docx
loader; ``source.format`` keeps the original format.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..model import ExtractError
from . import docx as docx_loader
from .sniff import sniff_format


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


_CHARSET_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5": "big5hkscs"}


def mht_html(path: Path) -> bytes | None:
    """The HTML part of a web archive (MHT), as UTF-8 with a BOM when its charset is known."""
    import email
    import email.policy

    with open(path, "rb") as f:
        msg = email.message_from_binary_file(f, policy=email.policy.compat32)
    for part in msg.walk():
        if part.get_content_type() != "text/html":
            continue
        payload = part.get_payload(decode=True)
        if not payload:
            continue
        cs = (part.get_content_charset() or "").lower()
        if cs:
            try:
                return b"\xef\xbb\xbf" + payload.decode(_CHARSET_SUPERSETS.get(cs, cs)).encode("utf-8")
            except (LookupError, UnicodeDecodeError):
                pass
        return payload
    return None


def _builtin(kind: str | None):
    if kind == "doc":
        from . import doc_binary

        return doc_binary
    if kind == "rtf":
        from . import rtf

        return rtf
    return None


def _with_note(doc, code: str, message: str):
    from ..model import Warning_

    doc.warnings.insert(0, Warning_(code, message))
    return doc


def _libreoffice(path: Path, source, options: dict, soffice: str):
    timeout = float(options.get("convert_timeout") or DEFAULT_TIMEOUT)
    with tempfile.TemporaryDirectory(prefix="zwgk-lo-") as tmp:
        tmpdir = Path(tmp)
        # copy under a plain ASCII name: LibreOffice names the output after the input
        src = tmpdir / ("input" + path.suffix.lower())
        shutil.copyfile(path, src)
        out = convert_to_docx(src, tmpdir, soffice, timeout)
        doc = docx_loader.load(out, source, options)
    return doc


def load(path: Path, source, options: dict):
    mode = (options.get("office_reader") or "auto").lower()
    if mode not in ("auto", "builtin", "libreoffice"):
        raise ExtractError("bad_option", f"office_reader must be auto, builtin or libreoffice, not {mode!r}")
    kind = sniff_format(path)
    fmt = source.format
    if kind == "docx":
        doc = docx_loader.load(path, source, options)
        return _with_note(doc, "office_reader", f"the .{fmt} file is a .docx package: read as .docx")
    if kind == "html":
        from . import html as html_loader

        doc = html_loader.load(path, source, options)
        return _with_note(doc, "office_reader", f"the .{fmt} file is a web page: read as HTML")
    if kind == "mht":
        from . import html as html_loader

        page = mht_html(path)
        if page is None:
            raise ExtractError("malformed", f"the .{fmt} file is a web archive (MHT) without an HTML part")
        with tempfile.TemporaryDirectory(prefix="zwgk-mht-") as tmp:
            page_path = Path(tmp) / "page.html"
            page_path.write_bytes(page)
            doc = html_loader.load(page_path, source, options)
        return _with_note(doc, "office_reader", f"the .{fmt} file is a web archive (MHT): its page read as HTML")
    reader = _builtin(kind) if mode != "libreoffice" else None
    soffice = find_converter(options) if mode != "builtin" else None
    if soffice is not None:
        try:
            doc = _libreoffice(path, source, options, soffice)
        except ExtractError as e:
            if reader is None or e.code != "convert_failed":
                raise
            try:
                doc = reader.load(path, source, options)
            except ExtractError as e2:
                raise (e2 if e2.code == "encrypted_doc" else e) from None
            except Exception:  # the built-in reader cannot either: LibreOffice's error says more
                raise e from None
            return _with_note(doc, "office_reader", f"LibreOffice failed ({e.message}); read with the built-in reader")
        return _with_note(doc, "office_reader", "converted to .docx by LibreOffice")
    if reader is None:
        if mode == "builtin":
            raise ExtractError("unsupported_format", f"the built-in readers do not read this .{fmt} file "
                               "(neither Word 97–2003 nor RTF)")
        raise ExtractError("converter_missing", f"no converter for .{fmt} files; {HINT}")
    try:
        doc = reader.load(path, source, options)
    except ExtractError as e:
        if mode == "builtin" or e.code == "encrypted_doc":
            raise
        raise ExtractError(
            "converter_missing", f"the built-in reader cannot read this .{fmt} file ({e.message}); {HINT}"
        ) from e
    name = "Word 97–2003" if kind == "doc" else "RTF"
    note = "LibreOffice not found" if mode == "auto" else "office_reader=builtin"
    return _with_note(doc, "office_reader", f"read with the built-in {name} reader ({note})")
