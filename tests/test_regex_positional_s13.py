"""Session 13 (issue 11, task S5): the hot searches pass ``concurrent`` False positionally.

The ``regex`` module runs a match on a str with the GIL released unless told otherwise, and
takes it back for every allocation while matching; a worker has one thread, so the hot call
sites (segment, linebreaks, the table cells, topic zeros, the text loaders' line tests) pass
``concurrent=False`` - positionally, since a keyword sends every call through the C
method's slow argument parser. Positional arguments mean what the engine's order makes
them mean: these tests pin that order (a later ``regex`` that moved ``timeout`` or ``partial``
would turn our False into a zero timeout or a partial match) and that the patterns called
so are ``regex`` patterns (a ``re`` pattern takes no fourth argument).

Also the topic-zero reader's sentence gate: form B's clause is only tried in a sentence
holding the literals every match of it holds (``regexkit.required``).
"""
from __future__ import annotations

import regex

from extractor import clauses, linebreaks, segment, topic_zeros
from extractor.load import chrome, html_page, textcells, textcolumns
from extractor.tables import templates
from extractor.tables.scores import stream, vocabulary
from extractor.tables.stats import cells
from extractor.regexkit import may_match

TEXT = "2020年,本机关主动公开政府信息120条,收到申请3件。\n二、依申请公开情况:无\nabcab"


def test_positional_arguments_are_the_keyword_ones():
    rx = regex.compile(r"(\d+)(条|件)|ab")
    for pos, endpos in ((None, None), (3, None), (3, 20)):
        for name in ("search", "match", "fullmatch"):
            f = getattr(rx, name)
            a = f(TEXT, pos, endpos, False)
            b = f(TEXT, pos, endpos, concurrent=False)
            assert (a and (a.span(), a.groups(), a.partial)) == (b and (b.span(), b.groups(), b.partial))
    # finditer: (string, pos, endpos, overlapped, concurrent)
    assert [m.span() for m in rx.finditer(TEXT, None, None, False, False)] == \
        [m.span() for m in rx.finditer(TEXT, overlapped=False, concurrent=False)]
    # sub: (repl, string, count, pos, endpos, concurrent) - no flags argument on a pattern
    assert rx.sub("#", TEXT, 1, None, None, False) == rx.sub("#", TEXT, count=1, concurrent=False)
    assert rx.sub("", TEXT, 0, None, None, False) == rx.sub("", TEXT)
    # split: (string, maxsplit, concurrent)
    assert rx.split(TEXT, 0, False) == rx.split(TEXT, concurrent=False)


def test_a_false_in_the_wrong_place_would_show():
    # the place after concurrent is a timeout (search) or partial: False there is not harmless,
    # which is why the order above is pinned
    rx = regex.compile("abc")
    try:
        rx.search("xxab", None, None, False, False, 0)
        raised = False
    except TimeoutError:
        raised = True
    assert raised
    assert rx.search("xxab", None, None, False, True).partial   # the fifth place is partial


def test_the_patterns_called_so_are_regex_patterns():
    d = topic_zeros.load()
    pats = [d.numbering, d.none, d.clause, topic_zeros._PUNCT, topic_zeros._CLAUSE_SPLIT,
            *(t.heading for t in d.topics)]
    if d.inline is not None:
        pats.append(d.inline)
    pats += [rx for _, rx in segment._HEADING_RES]
    pats += [segment._HEADING_START, segment._NOT_TITLE_START, segment._SPLIT]
    pats += [linebreaks._WRAP_END, linebreaks._WRAP_START, linebreaks._HEAD_START, linebreaks._GLOSS,
             linebreaks._SOFT_START, linebreaks._SOFT_END, linebreaks._TITLE_LINE, linebreaks._OPEN_MARK,
             linebreaks._UNIT_START, linebreaks._SCORE_CELL, linebreaks._DATE_LINE, linebreaks._FIELD,
             linebreaks._CELLS, linebreaks._PROSE_MARK, linebreaks._OPENER, linebreaks._BARE_INTEGER,
             linebreaks._SENTENCE_END, linebreaks._measure_words()[1]]
    pats += [cells._SEP, cells._TOKEN, cells._LABEL_GAP, cells._NOTE, cells._FOOTNOTE, cells._CELL_UNIT,
             cells.PLACEHOLDER, cells.NUM]
    pats += [chrome.CHROME, textcells._VALUE, textcells.SENTENCE, textcolumns._WS, textcolumns._WIDE]
    v = vocabulary.vocab()
    pats += [v.annotation, v.bare_annotation, v.numbering, vocabulary._SPACES, stream._BRACKETED,
             html_page.NON_HAN, html_page._CHROME, templates._SEPARATOR, templates._HAN, clauses._PUNCT_BACK]
    pats += [rx for t in templates.load_templates().values()
             for rx in (t.filler_rx(f) for f in (getattr(t, "fillers", None) or ())) if rx is not None]
    pats += [rx.compiled() if hasattr(rx, "compiled") else rx for rx, _, _ in clauses.load().year_views]
    assert all(isinstance(p, regex.Pattern) for p in pats)


def test_wrap_end_searched_from_the_line_end_finds_what_a_whole_search_finds():
    for line in ("我局全年主动公开信息", "共计120", "标题。", "", "a", "其中,", "(二)"):
        whole = linebreaks._WRAP_END.search(line)
        tail = linebreaks._at_end(linebreaks._WRAP_END, line, 2)
        assert (whole and whole.span()) == (tail and tail.span())


def test_topic_zero_clause_gate():
    d = topic_zeros.load()
    assert d.clause_needs   # known literals: the gate is on
    assert may_match("anything", None)
    # a clause that matches holds one literal of each requirement; a sentence without the
    # negation words cannot hold the clause, and is not tried
    said = "目前尚无接到要求"
    assert d.clause.match(said) and may_match(said, d.clause_needs)
    plain = "目前已接到要求"
    assert not may_match(plain, d.clause_needs) and not d.clause.match(plain)
