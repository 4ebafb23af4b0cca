"""Hostile inputs through the whole batch run: each gets an error code (or a bounded,
valid result), the run never dies, and output paths never leave OUTDIR."""
from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import pytest

from extractor import batch
from extractor.batch import BatchOptions, output_relpath, run_batch
from pdfdraw import draw_lines, new_canvas

REPO = Path(__file__).resolve().parents[1]
MB = 1024 * 1024


def loader_exists(name: str) -> bool:
    return (REPO / "extractor" / "load" / f"{name}.py").is_file()


def _pdf_bytes(pages: int = 2, text: str = "政府信息公开工作年度报告") -> bytes:
    buf = io.BytesIO()
    c = new_canvas(buf)
    for i in range(pages):
        draw_lines(c, [f"{text} 第{i + 1}页 第{j + 1}行 主动公开政府信息{i * 20 + j}条。" for j in range(20)],
                   x=60, top=780, leading=20)
        c.showPage()
    c.save()
    return buf.getvalue()


def _docx_zip(document_xml: bytes, extra: dict | None = None) -> bytes:
    ct = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
          b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          b'<Default Extension="xml" ContentType="application/xml"/>'
          b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
          b'wordprocessingml.document.main+xml"/></Types>')
    rels = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/document.xml", document_xml)
        for k, v in (extra or {}).items():
            z.writestr(k, v)
    return buf.getvalue()


W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _zip_bomb(size: int) -> bytes:
    body = b"<w:p><w:r><w:t>" + b"0" * size + b"</w:t></w:r></w:p>"
    doc = b'<?xml version="1.0" encoding="UTF-8"?><w:document ' + W + b"><w:body>" + body + b"</w:body></w:document>"
    return _docx_zip(doc)


def _billion_laughs_xml(root: bytes) -> bytes:
    ents = [b'<!ENTITY lol0 "lollollollollollollollollollol">']
    for i in range(1, 10):
        ents.append(b'<!ENTITY lol%d "%s">' % (i, b"".join(b"&lol%d;" % (i - 1) for _ in range(10))))
    return b'<?xml version="1.0"?><!DOCTYPE lolz [' + b"".join(ents) + b"]>" + root


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    """One batch run over a folder of hostile inputs (built once for all the checks)."""
    base = tmp_path_factory.mktemp("hostile")
    src = base / "in"
    src.mkdir()
    files = {}

    def put(name: str, data: bytes) -> str:
        (src / name).write_bytes(data)
        files[name] = name
        return name

    put("ok.txt", "2019年，本机关主动公开政府信息120条。\n".encode("utf-8"))
    put("empty.pdf", b"")
    put("empty.txt", b"")
    put("random.pdf", os.urandom(20000))
    put("random.docx", os.urandom(20000))
    pdf = _pdf_bytes(3)
    put("truncated.pdf", pdf[: len(pdf) // 2])
    try:
        import pypdf

        r = pypdf.PdfReader(io.BytesIO(pdf))
        w = pypdf.PdfWriter()
        for p in r.pages:
            w.add_page(p)
        w.encrypt(user_password="secret", owner_password="owner")
        buf = io.BytesIO()
        w.write(buf)
        put("encrypted.pdf", buf.getvalue())
    except ImportError:
        pass
    put("zipbomb.docx", _zip_bomb(40 * MB))        # above the 8 MB limit below, ~40 KB on disk
    bomb = bytearray(_zip_bomb(40 * MB))          # the same bomb, its headers claiming 1 KB
    import struct
    for sig, off in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        i = bomb.find(sig)
        while i != -1:
            name_len = struct.unpack_from("<H", bomb, i + (26 if sig == b"PK\x03\x04" else 28))[0]
            name = bytes(bomb[i + (30 if sig == b"PK\x03\x04" else 46):][:name_len])
            if name == b"word/document.xml":
                struct.pack_into("<I", bomb, i + off, 1024)
            i = bomb.find(sig, i + 4)
    put("zipbomb_lying.docx", bytes(bomb))
    put("entities.docx", _docx_zip(_billion_laughs_xml(
        b"<w:document " + W + b"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>")))
    put("entities.html", _billion_laughs_xml(b"<html><body><p>&lol9;</p></body></html>"))
    put("deep.html", b"<html><body>" + b"<div>" * 100_000 + "深层嵌套的内容".encode() + b"</div>" * 100_000
        + b"</body></html>")
    with open(src / "huge.txt", "wb") as f:   # 200 MB (sparse): bounded by max_bytes
        f.truncate(200 * MB)
    files["huge.txt"] = "huge.txt"
    try:
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument.new()
        for _ in range(2000):
            doc.new_page(595, 842)
        doc.save(str(src / "pages2000.pdf"))
        files["pages2000.pdf"] = "pages2000.pdf"
    except Exception:  # pragma: no cover
        pass
    os.symlink("loop_b.txt", src / "loop_a.txt")
    os.symlink("loop_a.txt", src / "loop_b.txt")
    os.symlink("..", src / "dirloop")               # a folder link back up: must not recurse
    os.symlink("missing.txt", src / "dangling.txt")
    (src / "locked.txt").write_text("加锁的文件", encoding="utf-8")
    os.chmod(src / "locked.txt", 0)
    raw = os.fsencode(str(src)) + b"/\xff\xfe\xb1\xa8\xb8\xe6.txt"   # GBK bytes, not UTF-8
    with open(raw, "wb") as f:
        f.write("非UTF-8文件名的报告。".encode("utf-8"))
    long_name = "政府信息公开工作年度报告" * 6 + ".txt"                    # 219 bytes
    (src / long_name).write_text("长文件名的报告。", encoding="utf-8")
    out = base / "out"
    opts = BatchOptions(jobs=2, timeout=60, max_memory_mb=1024, max_pages=50, max_unzipped_bytes=8 * MB,
                        emit_text=True, quiet=True)
    summary = run_batch([str(src)], out, opts)
    os.chmod(src / "locked.txt", 0o644)
    manifest = [json.loads(x) for x in (out / batch.MANIFEST).read_text(encoding="utf-8").splitlines()]
    # the input folder keeps its name in OUTDIR: outputs are under out/in/
    return {"src": src, "out": out, "root": out / src.name, "summary": summary, "manifest": manifest,
            "long_name": long_name}


def rec_of(run, output: str) -> dict:
    entry = next(e for e in run["manifest"] if e["output"] == f"{run['src'].name}/{output}")
    rec = json.loads((run["root"] / output).read_text(encoding="utf-8"))
    assert rec["schema_version"] == entry["schema_version"]
    assert (entry["status"] == "ok") == (not rec["errors"])
    return rec


def code_of(run, output: str):
    rec = rec_of(run, output)
    return rec["errors"][0]["code"] if rec["errors"] else None


def text_len(run, output: str) -> int:
    p = run["root"] / (output[: -len(".json")] + ".text.txt")
    return p.stat().st_size if p.exists() else 0


def test_run_completes_with_one_record_per_input(hostile_run):
    outs = [e["output"] for e in hostile_run["manifest"]]
    assert len(outs) == len(set(outs)) == hostile_run["summary"].files
    assert hostile_run["summary"].files >= 18
    for o in outs:
        p = hostile_run["out"] / o
        assert p.is_file()
        json.loads(p.read_text(encoding="utf-8"))
    assert not any("dirloop" in o for o in outs)    # the folder link was not followed
    assert code_of(hostile_run, "ok.txt.json") is None


def test_empty_files(hostile_run):
    assert code_of(hostile_run, "empty.pdf.json") == "empty_file"
    assert code_of(hostile_run, "empty.txt.json") == "empty_file"


def test_random_bytes(hostile_run):
    assert code_of(hostile_run, "random.pdf.json") in {"malformed_pdf", "malformed"}
    assert code_of(hostile_run, "random.docx.json") in {"not_docx", "malformed"}


def test_truncated_pdf(hostile_run):
    # a truncated PDF either fails cleanly or yields what its surviving pages hold
    code = code_of(hostile_run, "truncated.pdf.json")
    assert code in {None, "malformed_pdf", "malformed"}


def test_encrypted_pdf(hostile_run):
    if not (hostile_run["src"] / "encrypted.pdf").exists():
        pytest.skip("pypdf is not installed: cannot write an encrypted PDF")
    if not loader_exists("pdf"):
        pytest.skip("no PDF loader yet")
    assert code_of(hostile_run, "encrypted.pdf.json") == "encrypted_pdf"


def test_zip_bomb_docx(hostile_run):
    # refused by the loader's size check, or stopped by the worker's memory ceiling
    assert code_of(hostile_run, "zipbomb.docx.json") == "too_large"


def test_zip_bomb_with_lying_headers(hostile_run):
    # the declared size says 1 KB: the actual (bounded) read must still stop it
    assert code_of(hostile_run, "zipbomb_lying.docx.json") in {"too_large", "malformed", "not_docx"}
    assert text_len(hostile_run, "zipbomb_lying.docx.json") < 100_000


def test_entity_expansion_is_not_performed(hostile_run):
    for name in ("entities.docx.json", "entities.html.json"):
        code = code_of(hostile_run, name)
        assert code in {None, "malformed", "not_docx", "too_large"}, (name, code)
        assert text_len(hostile_run, name) < 100_000, name   # 10^9 "lol"s were not expanded


def test_deeply_nested_html(hostile_run):
    code = code_of(hostile_run, "deep.html.json")
    assert code in {None, "malformed", "too_large", "timeout", "worker_crashed"}


def test_huge_txt_is_refused_by_size(hostile_run):
    rec = rec_of(hostile_run, "huge.txt.json")
    assert rec["errors"][0]["code"] == "too_large"
    assert len(rec["source"]["sha256"] or "") in (0, 64)


def test_many_page_pdf_is_bounded(hostile_run):
    if not (hostile_run["src"] / "pages2000.pdf").exists():
        pytest.skip("pypdfium2 cannot write PDFs here")
    rec = rec_of(hostile_run, "pages2000.pdf.json")
    if not loader_exists("pdf"):
        assert rec["errors"]
        return
    codes = {w.get("code") for w in rec["warnings"]}
    assert (rec["errors"] and rec["errors"][0]["code"] == "too_large") or "pages_truncated" in codes, rec


def test_symlink_loops_and_dangling_links(hostile_run):
    assert code_of(hostile_run, "loop_a.txt.json") == "symlink_loop"
    assert code_of(hostile_run, "loop_b.txt.json") == "symlink_loop"
    assert code_of(hostile_run, "dangling.txt.json") == "not_found"


def test_unreadable_file(hostile_run):
    if os.geteuid() == 0:
        pytest.skip("running as root: permission bits do not stop reads")
    assert code_of(hostile_run, "locked.txt.json") == "unreadable"


def test_unreadable_file_denied_by_the_system(tmp_path, monkeypatch):
    """The same path when permission bits cannot be used (root): the system refuses to open
    one file (EACCES, as for a file of another user on a share); that file gets an
    `unreadable` record and a manifest line, its neighbour is extracted."""
    import errno

    src = tmp_path / "in"
    src.mkdir()
    (src / "locked.txt").write_text("2020年，本机关主动公开政府信息120条。", encoding="utf-8")
    (src / "open.txt").write_text("2020年，本机关主动公开政府信息7条。", encoding="utf-8")
    real_open = os.open

    def deny(path, *a, **k):
        if os.fspath(path).endswith("locked.txt"):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_open(path, *a, **k)

    monkeypatch.setattr(os, "open", deny)
    out = tmp_path / "out"
    summary = run_batch([str(src)], out, BatchOptions(jobs=1, quiet=True))
    monkeypatch.setattr(os, "open", real_open)
    locked = json.loads((out / "in" / "locked.txt.json").read_text(encoding="utf-8"))
    assert locked["errors"][0]["code"] == "unreadable"
    assert "permission denied" in locked["errors"][0]["message"]
    opened = json.loads((out / "in" / "open.txt.json").read_text(encoding="utf-8"))
    assert opened["errors"] == [] and opened["values"]["proactive.total"] == 7
    lines = [json.loads(x) for x in (out / batch.MANIFEST).read_text(encoding="utf-8").splitlines()]
    assert {(e["output"].rsplit("/", 1)[-1], e["status"], e["error"]) for e in lines} == {
        ("locked.txt.json", "error", "unreadable"), ("open.txt.json", "ok", None)}
    assert summary.error_codes["unreadable"] == 1 and summary.ok == 1  # the run went on


def test_non_utf8_file_name(hostile_run):
    out = hostile_run["root"] / "%FF%FE%B1%A8%B8%E6.txt.json"
    rec = json.loads(out.read_text(encoding="utf-8"))
    assert rec["errors"] == []
    assert rec["source"]["path"].endswith(".txt") and "\ufffd" in rec["source"]["path"]
    rec["source"]["path"].encode("utf-8")   # printable, valid UTF-8
    assert (hostile_run["root"] / "%FF%FE%B1%A8%B8%E6.txt.text.txt").exists()


def test_very_long_file_name(hostile_run):
    entry = next(e for e in hostile_run["manifest"] if e["path"].endswith(hostile_run["long_name"]))
    assert entry["status"] == "ok"
    name = Path(entry["output"]).name
    assert len(name.encode("utf-8")) <= 255 and name.endswith(".txt.json")
    assert len((name[:-5] + ".text.txt").encode("utf-8")) <= 255


# ------------------------------------------------------------------ paths never escape OUTDIR

@pytest.mark.parametrize("rel", [
    "../../etc/passwd.txt", "/etc/passwd.txt", "a/../../../b.txt", "..\\..\\win.txt", "..", ".", "",
    "./././x.txt", "a/./b/../c.txt", "con\x00sole.txt", "line\nbreak.txt", "%2e%2e/x.txt",
    "\udcff\udcfe/\udc80.txt", "名" * 200 + ".pdf", "a/" * 50 + "deep.txt",
])
def test_output_paths_stay_inside_outdir(tmp_path, rel):
    out = tmp_path / "out"
    out.mkdir()
    stem = output_relpath(rel)
    for suffix in (".json", ".text.txt"):
        target = out / (stem + suffix)
        assert os.path.commonpath([os.path.abspath(target), str(out)]) == str(out)
        assert ".." not in Path(stem).parts
        for part in Path(stem + suffix).parts:
            assert len(part.encode("utf-8")) <= 255
            assert "\x00" not in part and "\n" not in part
        stem.encode("utf-8")   # always valid UTF-8


def test_distinct_names_stay_distinct():
    names = ["a.txt", "a%2E.txt", "\udcff.txt", "%FF.txt", "名" * 200 + "1.txt", "名" * 200 + "2.txt"]
    stems = [output_relpath(n) for n in names]
    assert len(set(stems)) == len(names)


def test_planted_symlink_in_outdir_does_not_redirect_output(tmp_path):
    src = tmp_path / "in" / "sub"
    src.mkdir(parents=True)
    (src / "a.txt").write_text("报告", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    os.symlink(elsewhere, out / "sub")
    run_batch([str(tmp_path / "in")], out, BatchOptions(jobs=1, quiet=True, timeout=60))
    assert list(elsewhere.iterdir()) == []
    written = [p for p in out.rglob("*.json") if not p.is_symlink()]
    assert len(written) == 1 and os.path.realpath(written[0]).startswith(os.path.realpath(out))


# ---------------------------------------------------------------- PDFs that lie or inflate

def _mini_pdf(content: bytes, filters: str = "", pages: int = 1, count: int | None = None) -> bytes:
    """A minimal hand-written PDF: ``pages`` pages with one content stream each (``filters``
    as the stream's /Filter), the page tree's /Count set to ``count`` (a lie) when given."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            f"<< /Type /Pages /Kids [{' '.join(f'{3 + 2 * i} 0 R' for i in range(pages))}] "
            f"/Count {count if count is not None else pages} >>".encode()]
    for i in range(pages):
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {4 + 2 * i} 0 R /Resources "
                    f"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>".encode())
        f = f" /Filter {filters}" if filters else ""
        objs.append(f"<< /Length {len(content)}{f} >>\nstream\n".encode() + content + b"\nendstream")
    out, offs = b"%PDF-1.4\n", []
    for n, o in enumerate(objs, 1):
        offs.append(len(out))
        out += f"{n} 0 obj\n".encode() + o + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode() + b"".join(f"{o:010d} 00000 n \n".encode() for o in offs)
    return out + f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()


TEXT_OPS = b"BT /F1 24 Tf 72 700 Td (Report 2020: 120 items) Tj ET"


def test_pdf_whose_content_inflates_hugely_is_too_large_not_a_crash(tmp_path):
    import zlib

    from extractor import extract

    c = zlib.compressobj(9)
    parts = [c.compress(TEXT_OPS + b"\n")] + [c.compress(b" " * MB) for _ in range(1024)] + [c.flush()]
    p = tmp_path / "bomb.pdf"
    p.write_bytes(_mini_pdf(b"".join(parts), "/FlateDecode"))      # ~1 MB that inflates to 1 GB
    assert p.stat().st_size < 2 * MB
    rec = extract(p)
    assert rec["errors"][0]["code"] == "too_large" and "inflates" in rec["errors"][0]["message"]
    # an ordinary compressed page is read
    ok = tmp_path / "ok.pdf"
    ok.write_bytes(_mini_pdf(zlib.compress(TEXT_OPS), "/FlateDecode"))
    assert not extract(ok)["errors"]


def test_pdf_page_count_that_lies_is_not_trusted(tmp_path):
    from extractor import extract

    p = tmp_path / "count.pdf"
    p.write_bytes(_mini_pdf(TEXT_OPS, pages=3, count=1_000_000))
    rec = extract(p, with_text=True)
    assert rec["source"]["pages"] == 3
    codes = [w["code"] for w in rec["warnings"]]
    assert codes.count("pdf_page_count") == 1 and "pages_unreadable" not in codes and "pages_truncated" not in codes
    assert rec["text"].count("Report 2020") == 3
    honest = tmp_path / "honest.pdf"
    honest.write_bytes(_mini_pdf(TEXT_OPS, pages=3))
    assert "pdf_page_count" not in {w["code"] for w in extract(honest)["warnings"]}


@pytest.mark.parametrize("filters,data", [
    ("/FooDecode", None),                      # a filter nobody knows
    ("/LZWDecode", None),                      # a known filter over data that is not LZW
    ("[/ASCIIHexDecode /FlateDecode]", None),  # a chain whose first filter does not fit the data
    ("[/FlateDecode /FooDecode /FlateDecode]", None),
    ("/FlateDecode", b"not zlib data at all" * 8),
])
def test_pdf_content_behind_an_unreadable_filter_gives_a_warning(tmp_path, filters, data):
    import zlib

    from extractor import extract

    p = tmp_path / "f.pdf"
    p.write_bytes(_mini_pdf(data if data is not None else zlib.compress(TEXT_OPS), filters))
    rec = extract(p, with_text=True)
    assert "Report" not in rec["text"]
    w = [w for w in rec["warnings"] if w["code"] == "pdf_stream_unreadable"]
    assert len(w) == 1 and w[0]["page"] == 1 and "text is missing" in w[0]["message"], rec["warnings"]


def test_blank_pdf_page_gives_no_stream_warning(tmp_path):
    import zlib

    from extractor import extract

    p = tmp_path / "blank.pdf"
    p.write_bytes(_mini_pdf(zlib.compress(b"q 1 0 0 1 0 0 cm Q\n% an empty page with a comment line"),
                            "/FlateDecode"))
    assert "pdf_stream_unreadable" not in {w["code"] for w in extract(p)["warnings"]}


def test_textless_pages_are_not_rendered_when_no_ocr_engine(tmp_path, monkeypatch):
    """2,000 pages without text once were each rendered at 300 dpi with no engine to read them."""
    from extractor import extract
    from extractor.load import ocr

    def no_engine(options=None):
        raise ocr.OcrUnavailable("no OCR engine in this test")

    rendered = []
    monkeypatch.setattr(ocr, "engine_name", no_engine)
    monkeypatch.setattr(ocr, "render_page", lambda page, dpi: rendered.append(dpi))
    p = tmp_path / "paths.pdf"
    p.write_bytes(_mini_pdf(b"10 10 m 500 800 l S", pages=40))       # drawings, no text
    rec = extract(p)
    codes = [w["code"] for w in rec["warnings"]]
    assert rendered == []
    assert codes.count("ocr_unavailable") == 1 and codes.count("needs_ocr") == 40
