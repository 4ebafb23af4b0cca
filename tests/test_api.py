"""Issue 12, Python API: ``from extractor import extract`` takes a path, bytes or a binary
stream, checks its options (an unknown one raises TypeError naming it) and gives the
extracted text that facts' offsets point into; README documents it."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

import extractor
from extractor import extract, extract_text

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
STEM = "a51_yunze-shuiliju-2016"


def _core(rec: dict) -> tuple:
    return rec["document"], rec["values"], [(f["key"], f["value"], f["offset"]) for f in rec["facts"]]


@pytest.mark.parametrize("ext", [".txt", ".docx", ".pdf", ".html"])
def test_bytes_and_streams_give_what_the_path_gives(ext):
    path = CORPUS / (STEM + ext)
    by_path = extract(path)
    assert by_path["values"] and not by_path["errors"]
    data = path.read_bytes()
    by_stream = extract(io.BytesIO(data), name=path.name)
    by_bytes = extract(data, name=path.name)
    assert _core(by_stream) == _core(by_bytes) == _core(by_path)
    assert by_stream["source"]["path"] == path.name
    assert by_stream["source"]["sha256"] == by_path["source"]["sha256"]
    with open(path, "rb") as f:   # a real file object
        assert _core(extract(f, name=path.name)) == _core(by_path)


@pytest.mark.parametrize("ext,fmt", [(".pdf", "pdf"), (".docx", "docx"), (".html", "html"), (".txt", "txt")])
def test_without_a_name_the_format_is_sniffed(ext, fmt):
    path = CORPUS / (STEM + ext)
    rec = extract(path.read_bytes())
    assert rec["source"]["format"] == fmt and not rec["errors"]
    assert rec["values"] == extract(path)["values"]


def test_a_file_without_extension_is_sniffed(tmp_path):
    for ext, fmt in ((".pdf", "pdf"), (".txt", "txt"), (".docx", "docx")):
        p = tmp_path / f"report_{fmt}"
        p.write_bytes((CORPUS / (STEM + ext)).read_bytes())
        rec = extract(p)
        assert rec["source"]["format"] == fmt, rec["errors"]
        assert rec["values"] == extract(CORPUS / (STEM + ext))["values"]
    junk = tmp_path / "blob"
    junk.write_bytes(bytes(range(256)) * 20)
    assert extract(junk)["errors"][0]["code"] == "unsupported_format"


def test_bad_bytes_give_an_error_record_not_an_exception():
    rec = extract(b"%PDF-1.4 truncated", name="x.pdf")
    assert rec["errors"] and rec["errors"][0]["code"].startswith("malformed")
    assert extract(b"", name="x.txt")["errors"][0]["code"] == "empty_file"


def test_unknown_options_raise_with_the_option_name():
    path = CORPUS / (STEM + ".txt")
    with pytest.raises(TypeError, match="max_page'"):
        extract(path, max_page=3)          # a typo of max_pages
    with pytest.raises(TypeError, match="name"):
        extract(path, name="x.txt")        # name is for bytes/streams
    with pytest.raises(TypeError, match="binary stream"):
        extract(io.StringIO("本机关2020年主动公开政府信息120条。"), name="x.txt")
    with pytest.raises(TypeError):
        extract(12345)
    assert extract(path, max_pages=3)["values"]   # a known option is taken


def test_the_text_offsets_point_into_is_available():
    path = CORPUS / (STEM + ".pdf")
    rec = extract(path, with_text=True)
    text = rec["text"]
    assert isinstance(text, str) and rec["facts"]
    for f in rec["facts"]:
        a, b = f["offset"]
        assert text[a:b] == f["evidence"]
    assert extract_text(path) == text
    assert "text" not in extract(path)           # only when asked
    assert extract(b"", name="x.txt", with_text=True)["text"] is None
    assert extractor.extract_text(io.BytesIO(path.read_bytes()), name="a.pdf") == text


def test_readme_documents_the_python_api():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "## Python API" in readme
    section = readme[readme.index("## Python API"):]
    section = section[:section.index("\n## ", 4)] if "\n## " in section[4:] else section
    for needle in ("from extractor import extract", "io.BytesIO", "with_text", "TypeError", "docs/SCHEMA.md"):
        assert needle in section, needle


# ---------------------------------------------------------------- the contract and the codes, shipped

SHARED_SCHEMA = REPO.parent / "shared" / "SCHEMA.md"
DOCS = REPO / "docs"


def _schema_body(text: str) -> str:
    """docs/SCHEMA.md without its leading source note (an HTML comment)."""
    if text.startswith("<!--"):
        text = text[text.index("-->") + 3:].lstrip("\n")
    return text


def test_schema_md_is_shipped_and_is_the_shared_contract():
    ours = (DOCS / "SCHEMA.md").read_text(encoding="utf-8")
    assert "../shared/SCHEMA.md" in ours.split("-->")[0]          # its source is noted
    if not SHARED_SCHEMA.exists():
        pytest.skip("../shared is absent: the copy cannot be compared")
    assert _schema_body(ours) == SHARED_SCHEMA.read_text(encoding="utf-8"), \
        "docs/SCHEMA.md differs from ../shared/SCHEMA.md: copy it again"


def test_schema_md_keys_are_the_canonical_keys():
    import re

    from extractor.keys import canonical_keys

    text = _schema_body((DOCS / "SCHEMA.md").read_text(encoding="utf-8"))
    table = text[text.index("## Canonical keys"):text.index("## Score tables")]
    keys = set(canonical_keys())
    named = set()
    for row in table.splitlines():
        if not row.startswith("| ") or row.startswith("| key") or row.startswith("|---"):
            continue
        # the full keys of the first cell ("rules.issued / .abolished": rules.issued)
        named.update(re.findall(r"(?<![\w.])([a-z_]+(?:\.[a-z_]+)+)(?![\w.*])", row.split("|")[1]))
    assert len(named) >= 50
    assert not (named - keys), sorted(named - keys)


def test_schema_md_and_codes_are_package_data():
    import tomllib

    cfg = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert "extractor.docs" in cfg["packages"]
    assert cfg["package-dir"]["extractor.docs"] == "docs"
    assert "*.md" in cfg["package-data"]["extractor.docs"]
    assert (DOCS / "SCHEMA.md").is_file() and (DOCS / "CODES.md").is_file()


def test_every_package_of_extractor_is_in_the_wheel():
    """pyproject.toml lists packages by name: a package split out of a module (rules/,
    regexkit/, load/layout/, tables/scores/ …) that is not listed is left out of a built
    wheel (``pip install .``), though an editable install still finds it."""
    import tomllib

    cfg = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    found = {".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "extractor").rglob("__init__.py")
             if "__pycache__" not in p.parts}
    assert "extractor.batch" in found and "extractor.rules" in found
    assert not found - set(cfg["packages"]), sorted(found - set(cfg["packages"]))


def _emitted_codes() -> dict[str, set[str]]:
    """Every literal code the source writes into a record, the manifest or an export."""
    import re

    calls = re.compile(r'(?:Warning_|ExtractError|\b_?warn|_with_note|error_record|error_json|fail_task|'
                       r'parent_error)\(\s*(?:[A-Za-z_.]+,\s*){0,2}"([a-z][a-z_0-9]+)"')
    other = re.compile(r'"code":\s*"([a-z][a-z_0-9]+)"|return\s+(?:None,\s*)?"([a-z][a-z_0-9]+)",\s*f?"'
                       r'|"status":\s*"([a-z][a-z_0-9]+)"|_SKIP_[A-Z_]+\s*=\s*"([a-z][a-z_0-9]+)"')
    found: dict[str, set[str]] = {}
    for p in (REPO / "extractor").rglob("*.py"):
        s = p.read_text(encoding="utf-8")
        for m in list(calls.finditer(s)) + list(other.finditer(s)):
            code = next(g for g in m.groups() if g)
            found.setdefault(code, set()).add(p.relative_to(REPO).as_posix())
    return found


def test_every_code_the_source_emits_is_in_the_codes_table():
    import re

    text = (DOCS / "CODES.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([a-z][a-z_0-9]+)` \|", text, re.M))
    emitted = _emitted_codes()
    # the harvest finds what it must (so that it cannot pass by finding nothing)
    for c in ("output_collision", "disk_full", "write_failed", "encrypted_doc", "bad_option",
              "header_unrecognised", "pdf_fonts_not_embedded", "office_reader", "charset_mismatch",
              "extension_mismatch", "truncated_input", "no_report_content", "ocr_low_confidence",
              "ocr_time_budget", "table_row_sum", "needs_ocr", "worker_crashed", "symlink_loop",
              "facts_capped", "agency_withheld"):
        assert c in emitted, c
    missing = {c: sorted(w) for c, w in emitted.items() if c not in listed}
    assert not missing, f"codes emitted but not in docs/CODES.md: {missing}"
    assert {"ok", "error", "needs_ocr"} <= listed        # the manifest statuses too


def test_facts_per_document_are_capped_with_a_warning(monkeypatch):
    """A page that is a dump of thousands of figures (a 50 MB one-line page gave 919,802
    facts) is bounded: at most MAX_FACTS facts, those backing a value kept first."""
    from extractor import output

    path = CORPUS / (STEM + ".pdf")
    full = extract(path)
    n = len(full["facts"])
    assert n > 6 and "facts_capped" not in {w["code"] for w in full["warnings"]}
    monkeypatch.setattr(output, "MAX_FACTS", 5)
    capped = extract(path)
    assert len(capped["facts"]) == 5
    w = [w for w in capped["warnings"] if w["code"] == "facts_capped"]
    assert len(w) == 1 and f"{n} facts: only 5 kept" in w[0]["message"]
    for k, v in capped["values"].items():         # every value still backed by a kept fact
        assert any(f["key"] == k and f["value"] == v for f in capped["facts"]), k
    assert capped["values"] == {k: v for k, v in full["values"].items() if k in capped["values"]}


def test_a_generated_dump_stays_within_the_cap(tmp_path):
    lines = [f"{2000 + i % 20}年{i}号文件：主动公开政府信息{i + 7}条，收到政府信息公开申请{i % 97}件。"
             for i in range(6000)]
    p = tmp_path / "dump.txt"
    p.write_text("\n".join(lines), encoding="utf-8")
    rec = extract(p)
    from extractor import output

    assert len(rec["facts"]) == output.MAX_FACTS              # 12,000 without the cap
    assert rec["warnings"][0]["code"] == "facts_capped"
    assert len(rec["warnings"]) <= output.MAX_WARNINGS + 1
    assert all(len(w["message"]) < output.MAX_MESSAGE + 100 for w in rec["warnings"])
    assert rec["conflicts"] and all(len(c["candidates"]) <= output.MAX_CANDIDATES for c in rec["conflicts"])
    assert "candidate values: only the first" in rec["warnings"][0]["message"]
    from extractor.batch import dumps_record

    assert len(dumps_record(rec)) < 3 * 1024 * 1024      # a bounded JSON, not hundreds of MB
