"""The score-table vocabulary (patterns/score_tables.yaml) and what it says of one cell.

``vocab()`` loads the YAML once; ``header_role`` names a header cell's column role,
``points`` reads a cell that is just a number of points, ``annotations`` the "(N分)"
notes of a text, ``clean_label`` a category name without numbering and notes;
``is_total`` / ``is_deduct`` / ``assessor_table`` are the word tests every reader shares.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import regex

from ...resources import load_yaml, patterns_dir


PATTERNS_FILE = patterns_dir() / "score_tables.yaml"

P_ROLES = ("max", "self_score", "score", "subtotal", "deduct", "bonus", "minus")
_WORDS = load_yaml(PATTERNS_FILE)["reader_words"]   # the readers' words (score_tables.yaml reader_words)
FULL_MARKS = set(_WORDS["full_marks"])  # a score cell meaning "the row's max"
T_ROLES = ("label", "criterion")
BLANKS = set(_WORDS["blanks"])


# ------------------------------------------------------------------ vocabulary
@dataclass
class Vocab:
    header: dict[str, list[str]]
    total_words: list[str]
    deduct_words: list[str]
    points_cell: regex.Pattern
    annotation: regex.Pattern
    bare_annotation: regex.Pattern
    numbering: regex.Pattern
    stream_category: regex.Pattern
    prose_item: regex.Pattern
    header_line: regex.Pattern
    points_header: regex.Pattern
    examples: dict = field(default_factory=dict)
    assessor_columns: tuple[str, ...] = ()
    outline: dict = field(default_factory=dict)
    runon: dict = field(default_factory=dict)
    runon_words: regex.Pattern | None = None
    weights: dict = field(default_factory=dict)
    percent_shares: dict = field(default_factory=dict)
    indicator_score: regex.Pattern | None = None
    comma_rows: dict = field(default_factory=dict)
    annotated: dict = field(default_factory=dict)
    per_body: dict = field(default_factory=dict)
    level_name: regex.Pattern | None = None
    sheet_title: regex.Pattern | None = None
    spaced_rows: dict = field(default_factory=dict)
    levels: dict = field(default_factory=dict)
    repeated: dict = field(default_factory=dict)
    reader_words: dict = field(default_factory=dict)   # score_tables.yaml reader_words
    # words one of which a header row (``header_roles``) must hold: a cell of a points
    # role (max, self_score, score, deduct, bonus) contains a word of that role; only the
    # words holding no other of them are kept (the test is "any word in the text")
    header_needs: tuple[str, ...] = ()
    # literals one of which every prose_item match contains (None: no cheap test known)
    prose_needs: tuple[str, ...] | None = None


@lru_cache(maxsize=1)
def vocab() -> Vocab:
    from ...regexkit import required as _required  # the required-literal analysis

    data = load_yaml(PATTERNS_FILE)
    p = data["patterns"]
    words = sorted({w for ws in data["header"].values() for w in ws}, key=lambda w: (-len(w), w))
    return Vocab(
        header=data["header"],
        total_words=data["total_words"],
        deduct_words=data["deduct_words"],
        points_cell=regex.compile(p["points_cell"]),
        annotation=regex.compile(p["annotation"]),
        bare_annotation=regex.compile(p["bare_annotation"]),
        numbering=regex.compile(p["numbering"]),
        stream_category=regex.compile(p["stream_category"]),
        prose_item=regex.compile(p["prose_item"]),
        header_line=regex.compile("|".join(regex.escape(w) for w in words)),
        points_header=regex.compile("|".join(regex.escape(w) for r in P_ROLES for w in data["header"].get(r, []))),
        examples=data.get("examples", {}),
        assessor_columns=tuple(data.get("assessor_columns", ())),
        outline={k: regex.compile(x) for k, x in data["outline"].items()},
        runon={**{k: regex.compile(x) for k, x in data["runon"].items()},
               "header": regex.compile("(?:" + "|".join(regex.escape(w) for w in words) + "){3,}")},
        runon_words=regex.compile("|".join(regex.escape(w) for w in words)),
        weights={k: regex.compile(x) for k, x in data["weights"].items()},
        percent_shares={k: regex.compile(x) for k, x in data["percent_shares"].items()},
        indicator_score=regex.compile(data["indicator_score"]),
        comma_rows={k: regex.compile(x) for k, x in data["comma_rows"].items()},
        annotated={k: regex.compile(x) for k, x in data["annotated"].items()},
        per_body={k: regex.compile(x) for k, x in data["per_body"].items()},
        level_name=regex.compile(p["level_name"]),
        sheet_title=regex.compile(p["sheet_title"]),
        spaced_rows={k: regex.compile(x) for k, x in data["spaced_rows"].items()},
        levels={k: regex.compile(x) for k, x in data["levels"].items()},
        repeated={k: regex.compile(x) for k, x in data["repeated"].items()},
        reader_words=data["reader_words"],
        header_needs=minimal_words(w for r in HEADER_P_ROLES for w in data["header"].get(r, [])),
        prose_needs=(_required(p["prose_item"]) or (None,))[0],
    )


# a header row needs a cell of one of these roles (see header_roles)
HEADER_P_ROLES = ("max", "self_score", "score", "deduct", "bonus", "minus")


def minimal_words(words) -> tuple[str, ...]:
    """The words that contain none of the others (a text holding any word holds one of these)."""
    ws = set(words)
    return tuple(sorted(w for w in ws if not any(o != w and o in w for o in ws)))


def has_header_word(v: Vocab, cell_texts) -> bool:
    """False when no row made of these cells can be a header row (``header_roles``): no
    cell holds a word of a points role (as ``header_role`` looks for it: spaces removed,
    within one cell)."""
    text = "\n".join(cell_texts).replace(" ", "")
    return any(w in text for w in v.header_needs)


# header_role / points per cell text (start: a stream's header start per run of cell texts,
# stream._stream_header_start), for the vocabulary they were computed with
MEMO: dict = {"vocab": None, "role": {}, "points": {}, "start": {}}
MEMO_MAX = 4096


def memo_for(kind: str) -> dict:
    v = vocab()
    if MEMO["vocab"] is not v:
        MEMO.update(vocab=v, role={}, points={}, start={})
    d = MEMO[kind]
    if len(d) >= MEMO_MAX:
        d.clear()
    return d


def header_role(text: str) -> str | None:
    """Role of a header cell (longest matching word wins; ties by the YAML order)."""
    memo = memo_for("role")
    try:
        return memo[text]
    except KeyError:
        pass
    t = text.replace(" ", "")
    if not t or len(t) > 40:
        memo[text] = None
        return None
    best, best_len = None, 0
    for role, ws in vocab().header.items():
        for w in ws:
            if w in t and len(w) > best_len:
                best, best_len = role, len(w)
    memo[text] = best
    return best


def max_words() -> tuple[str, ...]:
    """The header words whose role (``header_role``) is max: a run-together header's max
    column is one of them (``runon_words`` is the alternation of every header word)."""
    v = vocab()
    if _MAX_WORDS.get("vocab") is not v:
        words = {w for ws in v.header.values() for w in ws}
        _MAX_WORDS.update(vocab=v, words=tuple(sorted(w for w in words if header_role(w) == "max")))
    return _MAX_WORDS["words"]


_MAX_WORDS: dict = {}


MAX_POINTS = 1000  # no score table gives one row more points than this


# compiled once: regex.sub(str, …) looks the pattern up in regex's cache on every call,
# which costs more than the substitution on a short cell (issue 11)
_POINTS_PREFIX = regex.compile(rf"^(?:{'|'.join(_WORDS['points_prefix'])})\s*")
_SPACES = regex.compile(r"\s+")


def points(text: str) -> float | int | None:
    """'5分' -> 5, '4.5' -> 4.5; None when the cell is not just a number of points."""
    memo = memo_for("points")
    try:
        return memo[text]
    except KeyError:
        pass
    t = text.strip()
    if not vocab().points_cell.match(t):
        memo[text] = None
        return None
    t = _POINTS_PREFIX.sub("", t).rstrip("分%").strip()
    try:
        v = Decimal(t)  # exact: a 20-digit cell must not come back rounded through float
    except InvalidOperation:
        v = None
    if v is None or abs(v) > MAX_POINTS:
        out = None  # not a number of points any score table gives
    else:
        out = int(v) if v == v.to_integral_value() else float(v)
    memo[text] = out
    return out


def is_blank(text: str) -> bool:
    return text.strip() in BLANKS


def annotations(text: str) -> list[float | int]:
    out = []
    for m in vocab().annotation.finditer(text):
        v = float(m.group(1))
        out.append(int(v) if v.is_integer() else v)
    return out


def clean_label(text: str) -> str:
    v = vocab()
    # (``concurrent`` False positionally: (repl, string, count, pos, endpos, concurrent) - the
    # ``regex`` module would release the GIL for each, which a worker with one thread never needs)
    t = v.annotation.sub("", text, 0, None, None, False)
    t = v.bare_annotation.sub("", t, 0, None, None, False)
    t = v.numbering.sub("", t, 0, None, None, False)
    return _SPACES.sub("", t, 0, None, None, False).strip(":：,,。")


def rounded(x):
    if x is None:
        return None
    x = round(x, 4)
    return int(x) if float(x).is_integer() else x


def is_total(text: str) -> bool:
    t = text.replace(" ", "")
    return any(t.startswith(w) for w in vocab().total_words) and len(t) <= 12


def is_deduct(texts: list[str]) -> bool:
    return any(w in t for t in texts for w in vocab().deduct_words)



def assessor_table(headers: list[str]) -> bool:
    """The header names a column of the assessor's findings (失分原因): the table was
    scored by someone else, so its 扣分 are the assessor's and max − 扣分 is no claim."""
    words = vocab().assessor_columns
    return any(w in h.replace(" ", "") for h in headers for w in words)


# a text that stops here stops mid-sentence: a character, not a full stop, bracket or figure
MID_SENTENCE = regex.compile(r"[\p{Han},，、:：(（《“]$")
