"""Small documents made of lines of text, as the .txt loader builds them, for reader tests:
``load_lines`` (text tables rebuilt from the lines), the score tables read from them, their
(max, score) pairs, ``paragraphs_doc`` (a document of paragraphs), ``meta`` (its document
fields), ``report_values`` (the values the whole pipeline reads from a .txt report) and
``assert_reads`` (those values hold what a case wants and lack what it must not read)."""
from extractor.load.textables import add_lines
from extractor.metadata import describe
from extractor.model import DocumentBuilder, Source
from extractor.normalize import normalize
from extractor.pipeline import extract
from extractor.segment import segment
from extractor.tables.scores import read_score_tables


def load_lines(lines):
    b = DocumentBuilder(Source("t.txt"))
    add_lines(b, lines)
    return normalize(b.build())


def score_tables(lines):
    return read_score_tables(load_lines(lines), None).score_tables


def pairs(st):
    return [(i.max, i.score) for i in st.items]


def paragraphs_doc(*paragraphs):
    """A .txt document of these paragraphs, one block each, normalised."""
    b = DocumentBuilder(Source(path="t.txt", format="txt"))
    for p in paragraphs:
        b.add_paragraph(p)
    return normalize(b.build())


def meta(*paragraphs):
    d = paragraphs_doc(*paragraphs)
    return describe(d, segment(d))


def report_values(tmp_path, head: str, body: str) -> dict:
    """The values the whole pipeline reads from a .txt report: ``head`` (its title line and
    first heading) and ``body``, written to ``tmp_path``."""
    p = tmp_path / "r.txt"
    p.write_text(head + body, encoding="utf-8")
    return extract(str(p))["values"]


def assert_reads(got: dict, want: dict, absent=()) -> None:
    """``got`` (a report's values) holds every key of ``want`` with its value, and none of
    the keys in ``absent``."""
    for key, value in want.items():
        assert got.get(key) == value, (key, got)
    for key in absent:
        assert key not in got, (key, got)
