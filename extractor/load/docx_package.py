"""A Word package as a zip: the safety checks before any XML is parsed (:func:`checked_zip`)
and its main document and heading style ids, read straight from the zip with lxml, for
the packages python-docx reads without complaint (:func:`read_plain`).

python-docx's package reader (``docx.opc``) walks the relationship graph from
``_rels/.rels``: every internal target must be a member of the zip and have a content
type in ``[Content_Types].xml`` (overrides by part name, else defaults by extension, both
case-insensitive), the package must have one ``officeDocument`` relationship to a part
of the WordprocessingML main content type, and styles come from the main part's one
``styles`` relationship. :func:`read_plain` makes the same walk and the same checks on
the same bytes and gives what python-docx would give, without importing python-docx
(importing it is ~50 ms of every worker that reads a .docx, its package objects ~1 ms
per file). Whatever it does not mirror exactly (a check python-docx would fail, a
missing styles part whose defaults python-docx supplies, a style list python-docx would
stop reading part-way) raises :class:`NotPlain`, and the loader reads the package with
python-docx as before, its errors included.
"""
from __future__ import annotations

import io
import posixpath
import struct
import zipfile
import zlib
from pathlib import Path

from ..model import ExtractError

_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
RT_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
RT_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
CT_WML_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# w:type values python-docx maps to a style class (WD_STYLE_TYPE); another value, or none,
# stops its style iteration
_STYLE_TYPES = frozenset(("paragraph", "character", "table", "numbering"))


DEFAULT_MAX_UNZIPPED = 200 * 1024 * 1024


def check_package(path: Path, options: dict) -> None:
    """Zip sanity, size limits and DTD refusal, before any XML is parsed (see
    :func:`checked_zip`)."""
    checked_zip(path, options).close()


def checked_zip(path: Path, options: dict, opened=None) -> zipfile.ZipFile:
    """The package opened as a ZipFile (the caller closes it) once it passed the zip
    sanity, size limit and DTD checks, before any XML is parsed; ExtractError otherwise.

    The size limit is checked on the members' declared sizes: zipfile never yields more
    than a member's declared size (a lying header ends in a CRC error when the member is
    read). The first 4 KB of every XML member are checked for a DTD. Members are not
    unpacked here: the loader reads in full (CRC checked) only the parts it parses, so a
    damaged member it does not read (a thumbnail, a second styles part) costs nothing.
    ``opened``: the package already opened (a ZipFile: its directory is not parsed again)
    or the file's bytes (read from them, not from the file again)."""
    limit = int(options.get("max_unzipped_bytes") or DEFAULT_MAX_UNZIPPED)
    zf = opened if isinstance(opened, zipfile.ZipFile) else None
    source = io.BytesIO(opened) if isinstance(opened, bytes) else path
    if zf is None and not zipfile.is_zipfile(source):
        raise ExtractError("not_docx", "not a .docx file (not a zip package); an old Word file should be named .doc")
    try:
        if zf is None:
            zf = zipfile.ZipFile(source)
        _check_members(zf, limit)
        return zf
    except BaseException as e:
        if zf is not None:
            zf.close()
        if isinstance(e, ExtractError):
            raise
        if isinstance(e, (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, NotImplementedError)):
            raise ExtractError("malformed", f"broken docx package: {e}") from e
        if isinstance(e, RuntimeError):  # encrypted members
            raise ExtractError("malformed", f"docx package cannot be read: {e}") from e
        raise


def _check_members(zf: zipfile.ZipFile, limit: int) -> None:
    infos = zf.infolist()
    names = {i.filename for i in infos}
    if "word/document.xml" not in names and "[Content_Types].xml" not in names:
        raise ExtractError("not_docx", "zip file without word/document.xml: not a Word document")
    declared = sum(i.file_size for i in infos)
    if declared > limit:
        raise ExtractError("too_large", f"docx members unpack to {declared} bytes, above the limit of {limit}")
    whole: dict[str, tuple] = {}   # name -> (its ZipInfo, its bytes)
    for info in infos:
        if info.is_dir() or not info.filename.endswith((".xml", ".rels")):
            continue
        head = _plain_head(zf, info)
        if head is None:
            with zf.open(info) as f:
                head = f.read(4096)
        elif info.file_size <= _HEAD:
            whole[info.filename] = (info, head)   # the whole member, CRC checked (_plain_head)
        if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
            raise ExtractError("malformed", f"docx part {info.filename} declares a DTD/entities; refused")
    # the small parts read whole here (relationships, content types) are not unpacked again
    # by read_plain (issue 11: a package's ~14 relationship reads each set up a member)
    zf.zwgk_whole = whole


def _read(zf, name: str) -> bytes:
    """``zf.read(name)``, from what ``_check_members`` read whole when it did."""
    got = getattr(zf, "zwgk_whole", None)
    hit = got.get(name) if got else None
    # (the member zf.read would read: of two members named alike, the directory's last)
    if hit is not None and zf.NameToInfo.get(name) is hit[0]:
        return hit[1]
    return zf.read(name)


_HEAD = 4096
_LOCAL = struct.Struct("<4s2B4HL2L2H")  # zipfile's structFileHeader


def _plain_head(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes | None:
    """``zf.open(info).read(4096)`` for a plain member (stored or deflated, no encryption,
    its local header as the directory says, its bytes intact), read straight from the
    package's file in one read and one inflate (issue 11: ZipFile.open's per-member set-up
    was most of the check's time); None for anything else, and whenever the result
    could differ from what zipfile reads (a short or damaged stream, a CRC that does not
    match a member read to its end): the caller then opens the member with zipfile, whose
    error, if any, is reported as before."""
    fp = getattr(zf, "fp", None)
    if fp is None or zf._fileRefCnt != 1 or zf._writing or info.flag_bits & 0x61 \
            or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return None
    try:
        fp.seek(info.header_offset)
        h = fp.read(_LOCAL.size)
        if len(h) != _LOCAL.size:
            return None
        fh = _LOCAL.unpack(h)
        if fh[0] != b"PK\x03\x04":
            return None
        name_len, extra_len = fh[10], fh[11]
        fname = fp.read(name_len)
        enc = "utf-8" if fh[3] & 0x800 else (zf.metadata_encoding or "cp437")
        if fname.decode(enc) != info.orig_filename:
            return None
        fp.seek(extra_len, 1)
        whole = info.file_size <= _HEAD   # zipfile reads such a member to its end (CRC checked)
        if info.compress_type == zipfile.ZIP_STORED:
            if info.compress_size != info.file_size:
                return None
            data = fp.read(info.file_size if whole else _HEAD)
            if len(data) != (info.file_size if whole else _HEAD):
                return None
            out = data
        else:
            want = info.compress_size if whole else min(info.compress_size, 16 * _HEAD)
            data = fp.read(want)
            if len(data) != want:
                return None
            d = zlib.decompressobj(-15)
            if whole:
                out = d.decompress(data)
                if not d.eof or d.unconsumed_tail or len(out) != info.file_size:
                    return None
            else:
                out = d.decompress(data, _HEAD)
                # zipfile stops at the same byte, with input still to read (else it would
                # have reached the member's end: left to zipfile)
                if len(out) != _HEAD or d.eof or not (d.unconsumed_tail or want < info.compress_size):
                    return None
        if whole and zlib.crc32(out) != info.CRC:
            return None
        return out
    except (OSError, ValueError, zlib.error, UnicodeDecodeError, LookupError):
        return None


class NotPlain(Exception):
    """A package :func:`read_plain` does not mirror python-docx on: read it with python-docx."""


def parse_part(data: bytes):
    """An XML part parsed with python-docx's parser settings (no entities, blank text
    dropped), as plain lxml elements."""
    from lxml import etree

    return etree.fromstring(data, etree.XMLParser(remove_blank_text=True, resolve_entities=False))


def _rels(zf, partname: str) -> list:
    """[(rId, type, target part name or None for an external target)] of a part's
    relationships in their order; [] without a relationships part."""
    base, name = posixpath.split(partname)
    try:
        data = _read(zf, posixpath.join(base, "_rels", name + ".rels")[1:])
    except KeyError:
        return []
    root = parse_part(data)
    if root.tag != _PR + "Relationships":
        raise NotPlain("relationships part of another vocabulary")
    out = []
    for el in root.findall(_PR + "Relationship"):
        target = el.get("Target")
        if el.get("TargetMode", "Internal") == "External":
            out.append((el.get("Id"), el.get("Type"), None))
        elif target is None:
            raise NotPlain("relationship without a target")
        else:
            out.append((el.get("Id"), el.get("Type"), posixpath.abspath(posixpath.join(base, target))))
    return out


def _content_types(zf):
    root = parse_part(_read(zf, "[Content_Types].xml"))
    if root.tag != _CT + "Types":
        raise NotPlain("content types of another vocabulary")
    overrides = {}
    for o in root.findall(_CT + "Override"):
        name, ct = o.get("PartName"), o.get("ContentType")
        if name is None:
            raise NotPlain("override without a part name")
        overrides[name.lower()] = ct
    defaults = {}
    for d in root.findall(_CT + "Default"):
        ext, ct = d.get("Extension"), d.get("ContentType")
        if ext is None:
            raise NotPlain("default without an extension")
        defaults[ext.lower()] = ct

    def content_type(partname: str):
        key = partname.lower()
        if key in overrides:
            return overrides[key]
        raw = posixpath.splitext(partname)[1]
        ext = (raw[1:] if raw.startswith(".") else raw).lower()
        if ext in defaults:
            return defaults[ext]
        raise NotPlain(f"no content type for {partname}")

    return content_type


def _only(rels: list, reltype: str) -> str:
    """The internal target of the one relationship of ``reltype`` (python-docx keeps a
    part's relationships in a dict by rId: a repeated rId keeps its last one)."""
    by_id = {rid: (t, target) for rid, t, target in rels}
    found = [target for t, target in by_id.values() if t == reltype]
    if len(found) != 1 or found[0] is None:
        raise NotPlain(f"{len(found)} relationships of type {reltype}")
    return found[0]


def read_plain(zf):
    """``(w:body or None, heading style ids)`` of the package in ``zf`` (a ZipFile), as
    python-docx's package reader gives them; :class:`NotPlain` where it would not
    give them the same way (then read the package with python-docx)."""
    content_type = _content_types(zf)
    pkg_rels = _rels(zf, "/")
    part_rels: dict[str, list] = {}

    def walk(rels: list) -> None:   # python-docx's _walk_phys_parts: every part it reaches
        for _, _, target in rels:
            if target is None or target in part_rels:
                continue
            part_rels[target] = sub = _rels(zf, target)
            zf.getinfo(target[1:])   # KeyError when the zip lacks it: python-docx's error
            content_type(target)
            walk(sub)

    try:
        walk(pkg_rels)
    except (KeyError, RecursionError) as e:
        raise NotPlain(str(e)) from e
    main = _only(pkg_rels, RT_OFFICE_DOCUMENT)
    if content_type(main) != CT_WML_MAIN:
        raise NotPlain("main part of another content type")
    root = parse_part(_read(zf, main[1:]))
    if root.tag != _W + "document":
        raise NotPlain("main part is not a w:document")
    body = root.find(_W + "body")
    ids: set[str] = set()
    if body is not None and next(body.iter(_W + "pStyle"), None) is not None:
        ids = heading_style_ids(parse_part(_read(zf, _only(part_rels[main], RT_STYLES)[1:])))
    return body, ids


def heading_style_ids(styles) -> set[str]:
    """Style ids named as headings (heading…, title, 标题…) in a parsed styles part, as
    python-docx's ``Styles`` names them; :class:`NotPlain` for a style list it would not
    read to the end."""
    if styles.tag != _W + "styles":
        raise NotPlain("styles part is not a w:styles")
    ids: set[str] = set()
    for st in styles.findall(_W + "style"):
        if st.get(_W + "type") not in _STYLE_TYPES:
            raise NotPlain("a style of no known type")
        name_el = st.find(_W + "name")
        if name_el is not None and name_el.get(_W + "val") is None:
            raise NotPlain("a style name without its value")
        name = (name_el.get(_W + "val") if name_el is not None else "").lower()
        sid = st.get(_W + "styleId")
        if sid and (name.startswith("heading") or name == "title" or name.startswith("标题")):
            ids.add(sid)
    return ids
