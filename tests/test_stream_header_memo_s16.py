"""A stream's header start is found once for each run of cell texts (issue 11, session 16):
_names_max, stream_sheets and read_stream each searched a region's first 41 cells. The memo
gives what the search gives, for the vocabulary it was found with. Counts, no timing."""
from __future__ import annotations

from extractor.tables.scores import stream, vocabulary
from extractor.tables.scores.regions import CellRef, Region


def _cells(texts):
    return [CellRef(t, 10 * i, 10 * i + len(t)) for i, t in enumerate(texts)]


ABOVE = ["某某县政务公开工作考核", "填报单位:某某县人民政府", "考核项目", "分值", "得分"]
ROWS = ["政府信息公开", "10", "9", "政策解读", "5", "4"]


def _search(cells):
    """The search itself, the memo emptied first."""
    vocabulary.memo_for("start").clear()
    return stream._stream_header_start(cells)


def test_the_memo_gives_what_the_search_gives():
    for texts in (ABOVE + ROWS, ABOVE[2:] + ROWS, ROWS, ["分值", "得分"] + ROWS, ["考核项目", "政府信息公开"] + ROWS, []):
        cells = _cells(texts)
        found = _search(cells)
        assert stream._stream_header_start(cells) == found      # from the memo
        assert stream._stream_header_start(_cells(texts)) == found   # other cells, the same texts
    assert _search(_cells(ABOVE + ROWS)) == 2
    assert _search(_cells(ROWS)) == 0


def test_a_region_is_searched_once_by_its_three_readers(monkeypatch):
    vocabulary.memo_for("start").clear()
    tested = []
    real = stream._stream_header_cell
    monkeypatch.setattr(stream, "_stream_header_cell", lambda t: tested.append(t) or real(t))

    def searched():   # the cells above the header: only the search tests them
        return sum(t in ABOVE[:2] for t in tested)

    reg = Region("stream", cells=_cells(ABOVE + ROWS), start=0, end=200)
    assert stream._names_max(reg)
    assert searched() == 2
    parts = stream.stream_sheets(reg)
    stream._names_max(reg)
    assert parts == [reg] and searched() == 2                    # no second search
    other = Region("stream", cells=_cells(["某某镇"] + ABOVE + ROWS), start=0, end=200)
    stream._names_max(other)                                      # other texts: searched
    assert searched() == 4


def test_another_vocabulary_searches_again():
    cells = _cells(ABOVE + ROWS)
    _search(cells)
    memo = vocabulary.memo_for("start")
    assert memo
    vocabulary.MEMO["vocab"] = object()          # as after the vocabulary is built again
    assert not vocabulary.memo_for("start")      # the memo of the old one is gone
    assert stream._stream_header_start(cells) == 2
