"""Inputs: walking files and folders (``discover``), include/exclude globs, unpacking zips
(``unpack_zip``), and the safe output path of each input (``output_relpath``, ``Item``);
two inputs never share an output (``claim_output``)."""
from __future__ import annotations

import functools
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..atomic import TMP_MARK
from .common import LOCK_FILE, MANIFEST, MB

NAME_MAX = 255          # bytes per path component (Linux/macOS)
_LONGEST_SUFFIX = ".text.txt"


@dataclass
class Item:
    path: str            # as found on disk (may hold surrogate escapes)
    display: str         # printable path written into JSON / manifest
    rel: str             # safe relative output stem (…/a.pdf), posix
    index: int = 0
    collision: str | None = None   # why this input gets no output of its own (``output_collision``)
    source_id: str | None = None   # a zip member: "<zip's absolute path>/<member name>"

    @functools.cached_property
    def input_id(self) -> str:
        """The input's absolute path (printable): who owns an output, across runs (for a zip
        member, the zip's path and the member's name: it is unpacked to a new place each run).
        Worked out once per item (a run asks for it in the manifest entry and the ownership check)."""
        return self.source_id or printable(os.path.abspath(self.path))

    @property
    def out_json(self) -> str:
        return self.rel + ".json"

    @property
    def out_text(self) -> str:
        return self.rel + ".text.txt"


def printable(s: str) -> str:
    """A str that encodes as UTF-8 (undecodable file-name bytes become U+FFFD)."""
    return s.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


# a name that ``_safe_component`` keeps as it is: no ``%``, control character, slash or
# backslash, no undecodable byte (a surrogate escape), not ``.``/``..``, short enough
_PLAIN_COMPONENT = re.compile(r"[^%\x00-\x1f\x7f/\\\ud800-\udfff]+")
_COMPONENT_LIMIT = NAME_MAX - len(_LONGEST_SUFFIX.encode()) - len(TMP_MARK) - 24


def _safe_component(name: str) -> str:
    """One path component made safe for OUTDIR: ``%``, control characters, slashes and
    undecodable bytes escaped as ``%XX`` (reversible, so two names never meet), ``.``/``..``
    and the empty name spelt out, an over-long name shortened with a digest. An ordinary
    name (the common case) is checked by one regex match and returned as it is."""
    if (_PLAIN_COMPONENT.fullmatch(name) is not None and name not in (".", "..")
            and len(name.encode("utf-8")) <= _COMPONENT_LIMIT):
        return name
    raw = name.encode("utf-8", "surrogateescape")
    try:
        text = raw.decode("utf-8")
        out = []
        for ch in text:
            if ch == "%" or ord(ch) < 32 or ord(ch) == 127 or ch in "/\\":
                out.append("".join(f"%{b:02X}" for b in ch.encode("utf-8")))
            else:
                out.append(ch)
        comp = "".join(out)
    except UnicodeDecodeError:
        # keep valid UTF-8 runs, escape the rest byte by byte (reversible, unique)
        comp = "".join(chr(b) if 32 <= b < 127 and b not in (0x25, 0x2F, 0x5C) else f"%{b:02X}"
                       for b in raw)
    if comp in ("", ".", ".."):
        comp = comp.replace(".", "%2E") or "%00"
    limit = _COMPONENT_LIMIT
    if len(comp.encode("utf-8")) > limit:
        digest = hashlib.sha1(comp.encode("utf-8")).hexdigest()[:12]
        ext = os.path.splitext(comp)[1]
        if len(ext.encode("utf-8")) > 16:
            ext = ""
        keep = limit - len(digest) - 1 - len(ext.encode("utf-8"))
        head = comp.encode("utf-8")[:keep].decode("utf-8", "ignore")
        comp = f"{head}~{digest}{ext}"
    return comp


def output_relpath(rel: str) -> str:
    """Safe relative output stem for an input's relative path (never escapes OUTDIR)."""
    parts = [p for p in rel.replace("\\", "/").split("/") if p not in ("", ".")]
    safe = [_safe_component(p) for p in parts]
    if not safe:
        safe = ["%00"]
    return "/".join(safe)


def inside(outdir: Path, target: Path) -> bool:
    base = os.path.realpath(outdir)
    real = os.path.realpath(target)
    return os.path.commonpath([base, real]) == base


def root_name(folder: str) -> str:
    """The output folder name of a folder input: its own name (``.`` and other relative
    spellings are named after the folder they stand for; ``/`` is ``_root``)."""
    return os.path.basename(os.path.normpath(os.path.abspath(folder))) or "_root"


def _is_outdir(path: str) -> bool:
    """A folder written by zwgk extract (it holds the manifest and the lock file)."""
    return os.path.isfile(os.path.join(path, MANIFEST)) and os.path.lexists(os.path.join(path, LOCK_FILE))


def _is_own_output(path: str) -> bool:
    """``NAME.text.txt`` with ``NAME.json`` beside it: text that --emit-text wrote."""
    if not path.endswith(".text.txt"):
        return False
    return os.path.isfile(path[: -len(".text.txt")] + ".json")


def is_lock_or_temp(name: str) -> bool:
    """An office lock file (``~$x.docx`` of Word/WPS, ``.~lock.x#`` of LibreOffice), a
    macOS resource fork (``._x.docx``) or a temporary file (``~WRL0001.tmp``, ``x.txt~``): never
    a report, skipped when a folder is walked."""
    return name.startswith(("~$", ".~", "._")) or name.endswith(("~", ".tmp"))


def _same_dir(st, key) -> bool:
    return key is not None and (st.st_dev, st.st_ino) == key


IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp")

# why a file found in a folder is not taken (``Summary.not_taken``; docs/CODES.md)
_SKIP_LOCK = "lock_or_temp"
_SKIP_EXCLUDED = "excluded"
_SKIP_IMAGE = "image"
_SKIP_FORMAT = "not_a_report_format"
_SKIP_ZIP = "zip_refused"
_SKIP_ZIP_MEMBER = "zip_member_unsafe"

# bounds on unpacking a .zip of reports (its members become inputs)
ZIP_MAX_MEMBERS = 10_000
ZIP_MAX_TOTAL = 2 * 1024 * MB      # uncompressed bytes of all members of one zip
ZIP_MAX_RATIO = 200                # uncompressed / compressed size of a member above 1 MB


def matches_any(patterns, *names: str) -> bool:
    import fnmatch

    return any(fnmatch.fnmatchcase(n, p) for p in patterns for n in names)


def unpack_zip(path: str, staging: str, max_member_bytes: int | None = None,
               max_total: int = ZIP_MAX_TOTAL, max_members: int = ZIP_MAX_MEMBERS,
               max_ratio: int = ZIP_MAX_RATIO) -> tuple[list[tuple[str, str]], list[tuple[str, str]], str | None]:
    """Unpack the report members of the .zip ``path`` into the fresh folder ``staging``,
    bounded: at most ``max_members`` members and ``max_total`` uncompressed bytes (counted
    as they are read, not taken from the headers), a member above 1 MB may not inflate more
    than ``max_ratio`` times; names that are absolute, climb with ``..`` or are links are
    never written (zip-slip). Returns ([(member name, unpacked path)], [(reason, member)]
    left out, why the whole zip is refused or None). Nested zips are not opened."""
    import stat as _stat
    import zipfile

    from ..load import SUPPORTED_EXTENSIONS

    taken: list[tuple[str, str]] = []
    left: list[tuple[str, str]] = []
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        return [], [], f"not a readable zip ({e})"
    with zf:
        infos = [i for i in zf.infolist() if not i.is_dir()]
        if len(infos) > max_members:
            return [], [], f"{len(infos)} members, above the limit of {max_members}"
        total = 0
        for n, info in enumerate(infos):
            name = info.filename.replace("\\", "/")
            parts = [x for x in name.split("/") if x not in ("", ".")]
            mode = info.external_attr >> 16
            if (name.startswith("/") or ".." in parts or not parts or ":" in parts[0]
                    or _stat.S_ISLNK(mode)):
                left.append((_SKIP_ZIP_MEMBER, name))
                continue
            base = parts[-1]
            ext = os.path.splitext(base)[1].lower()
            if is_lock_or_temp(base):
                left.append((_SKIP_LOCK, name))
                continue
            if ext in IMAGE_EXTENSIONS:
                left.append((_SKIP_IMAGE, name))
                continue
            if ext not in SUPPORTED_EXTENSIONS:
                left.append((_SKIP_FORMAT, name))
                continue
            if info.flag_bits & 0x1:
                left.append((_SKIP_ZIP, name + " (encrypted)"))
                continue
            if info.file_size > (1 * MB) and info.compress_size and info.file_size / info.compress_size > max_ratio:
                return [], [], f"member {name} inflates {info.file_size // max(info.compress_size, 1)} times (a zip bomb?)"
            dest = os.path.join(staging, f"{n:05d}", *[_safe_component(x) for x in parts])
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            size = 0
            too_big = False
            try:
                with zf.open(info) as src, open(dest, "wb") as out:
                    while True:
                        chunk = src.read(1 << 20)
                        if not chunk:
                            break
                        size += len(chunk)
                        total += len(chunk)
                        if total > max_total:
                            return [], [], f"members unpack to more than {max_total} bytes"
                        if size > (1 * MB) and info.compress_size and size / info.compress_size > max_ratio:
                            return [], [], f"member {name} inflates more than {max_ratio} times (a zip bomb?)"
                        if max_member_bytes and size > max_member_bytes:
                            too_big = True
                            break
                        out.write(chunk)
            except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as e:
                left.append((_SKIP_ZIP, f"{name} ({type(e).__name__}: {e})"))
                continue
            if too_big:
                os.unlink(dest)
                left.append((_SKIP_ZIP, f"{name} (above the size limit of {max_member_bytes} bytes)"))
                continue
            taken.append((name, dest))
    return taken, left, None


def discover(inputs: list[str], outdir: str | os.PathLike | None = None,
             ignored: list[str] | None = None, *, not_taken: list | None = None,
             include=(), exclude=(), staging: str | None = None,
             max_member_bytes: int | None = None) -> list[Item]:
    """Every report file under ``inputs`` (sorted per input, duplicates removed), each
    with its output path (see the module docstring); inputs whose output another input
    already has carry ``collision``. zwgk's own outputs are left out (appended to
    ``ignored`` when given): OUTDIR and other output folders below an input are not
    entered, ``NAME.text.txt`` beside ``NAME.json`` is not taken.

    In folders: files with a supported extension, and files without an extension whose
    bytes are a report format (``load.sniff_no_extension``); ``include``/``exclude`` globs
    (matched against the path below the input folder and the file name) choose among them.
    A ``.zip`` (in a folder or given directly) has its report members unpacked into
    ``staging`` (bounded, see ``unpack_zip``) and taken as inputs written to
    ``OUTDIR/<zip path>/<member path>.json``; without ``staging`` zips are not opened.
    Whatever is not taken is appended to ``not_taken`` as (reason, path): lock/temp
    files, excluded, images, other formats, refused zips and unsafe zip members."""
    from ..load import SUPPORTED_EXTENSIONS
    from ..load.sniff import sniff_no_extension

    out_key = None
    if outdir is not None:
        try:
            st = os.stat(outdir)
            out_key = (st.st_dev, st.st_ino)
        except OSError:
            pass
    ignored = [] if ignored is None else ignored
    not_taken = [] if not_taken is None else not_taken
    items: list[Item] = []
    seen_files: set[str] = set()
    files_claimed: dict[str, str] = {}   # output file -> input display
    dirs_claimed: dict[str, str] = {}    # output folder -> first input display under it
    n_zip = [0]

    def add(path: str, rel: str, display: str | None = None, ident: str | None = None):
        key = ident or os.path.abspath(path)
        if key in seen_files:
            return
        seen_files.add(key)
        if ident is None and _is_own_output(path):
            ignored.append(printable(path))
            return
        item = Item(path=path, display=display or printable(path), rel=output_relpath(rel), index=len(items),
                    source_id=ident)
        item.collision = claim_output(item, files_claimed, dirs_claimed)
        items.append(item)

    def add_zip(path: str, rel: str):
        key = os.path.abspath(path)
        if key in seen_files:
            return
        seen_files.add(key)
        n_zip[0] += 1
        dest = os.path.join(staging, f"z{n_zip[0]:05d}")
        try:
            os.makedirs(dest)
            taken, left, refused = unpack_zip(path, dest, max_member_bytes)
        except OSError as e:
            taken, left, refused = [], [], f"cannot unpack: {e.strerror or e}"
        if refused:
            import shutil

            shutil.rmtree(dest, ignore_errors=True)
            not_taken.append((_SKIP_ZIP, f"{printable(path)} ({refused})"))
            return
        for reason, name in left:
            not_taken.append((reason, f"{printable(path)}/{printable(name)}"))
        for name, member_path in taken:
            add(member_path, rel + "/" + name, display=f"{printable(path)}/{printable(name)}",
                ident=f"{printable(key)}/{printable(name)}")

    def take(fp: str, rel: str, filtered: bool):
        fname = os.path.basename(fp)
        ext = os.path.splitext(fname)[1].lower()
        if filtered:
            if is_lock_or_temp(fname):
                not_taken.append((_SKIP_LOCK, printable(fp)))
                return
            sub = rel.split("/", 1)[-1]
            if (include and not matches_any(include, sub, fname)) or (exclude and matches_any(exclude, sub, fname)):
                not_taken.append((_SKIP_EXCLUDED, printable(fp)))
                return
        if ext == ".zip":
            if staging is not None:
                add_zip(fp, rel)
            else:
                not_taken.append((_SKIP_ZIP, f"{printable(fp)} (zip files are opened only by a run)"))
            return
        if not filtered:     # a file given directly: taken as it is (its record says what it is)
            add(fp, rel)
            return
        if ext in SUPPORTED_EXTENSIONS:
            add(fp, rel)
        elif ext in IMAGE_EXTENSIONS:
            not_taken.append((_SKIP_IMAGE, printable(fp)))
        elif not ext and _sniffs_as_report(fp, sniff_no_extension):
            add(fp, rel)
        elif not _is_own_output(fp) and not (ext == ".json" and _is_own_result(fp)):
            not_taken.append((_SKIP_FORMAT, printable(fp)))

    for inp in inputs:
        if os.path.isdir(inp):
            found = []
            name = root_name(inp)
            for root, dirs, files in os.walk(inp, followlinks=False):
                # the path below the input: worked out once per folder (a file's name is
                # a plain name, so joining it gives what relpath of the file would)
                rel_root = os.path.relpath(root, inp)
                keep = []
                for d in sorted(dirs):
                    full = os.path.join(root, d)
                    try:
                        st = os.stat(full)
                    except OSError:
                        continue
                    if _same_dir(st, out_key) or _is_outdir(full):
                        ignored.append(printable(full) + "/")
                        continue
                    keep.append(d)
                dirs[:] = keep
                for f in files:
                    found.append((os.path.join(root, f), f if rel_root == "." else os.path.join(rel_root, f)))
            for fp, rel in sorted(found, key=lambda s: s[0].encode("utf-8", "surrogateescape")):
                take(fp, name + "/" + rel, True)
        else:
            take(inp, os.path.basename(inp) or inp, False)
    return items


def _sniffs_as_report(path: str, sniff) -> bool:
    try:
        return os.path.isfile(path) and sniff(path) is not None
    except OSError:
        return False


def _is_own_result(path: str) -> bool:
    """``NAME.json`` beside its input-less twin ``NAME.text.txt``, or any JSON with our schema
    header, found under an input: a zwgk result, not a file the user left out."""
    if os.path.isfile(path[: -len(".json")] + ".text.txt"):
        return True
    try:
        with open(path, "rb") as f:
            head = f.read(64)
    except OSError:
        return False
    return head.lstrip().startswith(b'{\n  "schema_version"')


def claim_output(item: Item, files: dict, dirs: dict) -> str | None:
    """Reserve ``item``'s outputs (JSON and text) and the folders above them; a message
    when another input of this run already has one of them (or needs it as a folder)."""
    parts = item.rel.split("/")
    ancestors = ["/".join(parts[:i]) for i in range(1, len(parts))]
    outs = (item.out_json, item.out_text)
    for a in ancestors:
        if a in files:
            return f"{a} is already the output of {files[a]}"
    for o in outs:
        if o in files:
            return f"{o} is already the output of {files[o]}"
        if o in dirs:
            return f"{o} is needed as a folder for the output of {dirs[o]}"
    for o in outs:
        files[o] = item.display
    for a in ancestors:
        dirs.setdefault(a, item.display)
    return None


def one_input_file(inputs) -> bool:
    """``inputs`` are one regular file that is neither a zip (it may hold many reports) nor
    a URL: a run that needs no worker server."""
    inputs = list(inputs)
    if len(inputs) != 1:
        return False
    name = os.fspath(inputs[0])
    if "://" in name or name.lower().endswith(".zip"):
        return False
    return os.path.isfile(name)
