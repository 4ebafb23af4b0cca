"""Statistics-table templates: label sequences, columns and key mappings.

The templates are data (``patterns/tables/*.yaml``); this module loads and compiles
them once. Labels are regular expressions matched against the *squeezed* text (the
normalised document text with all whitespace removed, see :class:`Squeezed`), so a
label broken over lines, cells or PDF text runs still matches.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import regex
from ..numbers_data import ROW_NUMBERING
from ..regexkit import LazyRegex as LazyPattern
from ..resources import load_yaml, patterns_dir
from .template_macros import MacroError, expand_macros

PATTERNS_DIR = patterns_dir() / "tables"

# numbering written before a row label: 1.  1、 (1) (一) 一、 其中: 其中:1. (patterns/numbers.yaml
# numbering.forms.row_numbering; the built-in template macro <NUMBERING>)
NUMBERING = ROW_NUMBERING


def _alt(labels: list[str]) -> str:
    return "(?:" + "|".join(f"(?:{lab})" for lab in labels) + ")"


@dataclass
class Column:
    id: str
    template: str | None
    pattern: str                        # label regex (``rx`` compiles it on first use)
    signed: bool = False
    money: bool = False
    rx: LazyPattern = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        self.rx = LazyPattern(self.pattern)


@dataclass
class Row:
    index: int
    id: str
    pattern: str                        # label regex (``rx`` compiles it on first use)
    keys: dict[str, list[str]]          # column id -> canonical keys ("" column for one-value rows)
    parent: str | None = None           # old: parent key (for <= checks); fixed: parent row flag
    is_parent: bool = False
    group: str | None = None
    scope: str | None = None            # old: this row opens a scope
    scoped: dict[str, str] | None = None
    money: bool = False
    bool_: bool = False
    text: bool = False
    channel: str | None = None
    prose: dict[str, list[LazyPattern]] = field(default_factory=dict)
    rx: LazyPattern = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        self.rx = LazyPattern(self.pattern)


@dataclass
class Template:
    name: str
    kind: str
    path: Path
    raw: dict
    rows: list[Row] = field(default_factory=list)
    columns: list[Column] = field(default_factory=list)
    examples: list[dict] = field(default_factory=list)

    @cached_property
    def any_row(self) -> regex.Pattern | None:
        """Every row label in one pattern (group ``r<index>`` for each row)."""
        if not self.rows:
            return None
        return regex.compile("|".join(f"(?P<r{r.index}>{r.pattern})" for r in self.rows))


def _keys(v) -> list[str]:
    if v is None:
        return []
    if isinstance(v, str):
        return [v]
    return list(v)


def _with_lexicon(labels: list[str], extra) -> list[str]:
    """A template's label regexes plus the lexicon's texts for the same column / row."""
    out = list(labels)
    for x in extra or []:
        e = regex.escape(x)
        if e not in out and x not in out:
            out.append(e)
    return out


#: the table families a reader exists for (tables/stats/ ``read_stat_tables``)
TEMPLATE_KINDS = ("old", "header_rows", "fixed_columns", "flat_row")
TEMPLATE_FIELDS = frozenset((
    "template", "kind", "title", "examples", "rows", "columns", "anchor", "header", "header_labels",
    "required_header", "result_rows", "route_columns", "groups", "subtotal_label", "header_words",
    "legal_heads", "second_column", "macros", "index_heads"))
#: fields a template once had, read by no code: refused with where the thing lives now
_MOVED_FIELDS = {"units": "a table's measure words are patterns/numbers.yaml tables.unit_column"}
ROW_FIELDS = frozenset(("labels", "key", "keys", "parent", "id", "group", "channel", "scope", "prose",
                        "scoped", "bool", "money", "text"))
COLUMN_FIELDS = frozenset(("id", "template", "labels", "money", "signed"))


class TemplateError(ValueError):
    """A template file of patterns/tables/ that cannot be read as written."""


def _validate(path: Path, data) -> None:
    """Unknown fields, an unknown kind and keys outside patterns/keys.yaml are refused when
    the file is loaded: a misspelt field or key must never pass silently (nor switch a row
    or a check off)."""
    from ..keys import is_canonical

    if not isinstance(data, dict):
        raise TemplateError(f"{path.name}: expected a mapping")
    bad = sorted(set(data) - TEMPLATE_FIELDS)
    if bad:
        moved = "; ".join(f"{b}: {_MOVED_FIELDS[b]}" for b in bad if b in _MOVED_FIELDS)
        raise TemplateError(f"{path.name}: unknown field(s) {bad}" + (f" ({moved})" if moved else ""))
    if data.get("kind") not in TEMPLATE_KINDS:
        raise TemplateError(f"{path.name}: kind {data.get('kind')!r} has no reader; one of {TEMPLATE_KINDS}")
    for c in data.get("columns") or []:
        if isinstance(c, dict) and set(c) - COLUMN_FIELDS:
            raise TemplateError(f"{path.name}: column {c.get('id')!r}: unknown field(s) {sorted(set(c) - COLUMN_FIELDS)}")
    for i, r in enumerate(data.get("rows") or []):
        if not isinstance(r, dict) or not r.get("labels"):
            raise TemplateError(f"{path.name}: rows[{i}] needs labels")
        if set(r) - ROW_FIELDS:
            raise TemplateError(f"{path.name}: rows[{i}]: unknown field(s) {sorted(set(r) - ROW_FIELDS)}")
        keys = [r.get("key")] if "key" in r else [k for v in (r.get("keys") or {}).values() for k in _keys(v)]
        for k in keys:
            if isinstance(k, str) and not (is_canonical(k) or k.startswith("other.")):
                raise TemplateError(f"{path.name}: rows[{i}]: key {k!r} is not in patterns/keys.yaml "
                                    "(nor other.*)")


def _compile_template(path: Path, lex: "Lexicon | None" = None) -> Template:
    data = load_yaml(path)
    _validate(path, data)
    try:
        data = expand_macros(path.name, data)
    except MacroError as e:
        raise TemplateError(str(e)) from None
    t = Template(name=data["template"], kind=data["kind"], path=path, raw=data,
                 examples=list(data.get("examples") or []))
    lex_cols = (lex.columns.get(data["template"]) if lex else None) or {}
    lex_rows = (lex.rows.get(data["template"]) if lex else None) or {}
    for c in data.get("columns") or []:
        if isinstance(c, dict):
            t.columns.append(Column(c["id"], c.get("template"), _alt(_with_lexicon(c["labels"], lex_cols.get(c["id"]))),
                                    bool(c.get("signed")), bool(c.get("money"))))
    for i, r in enumerate(data.get("rows") or []):
        extra = lex_rows.get(r.get("key")) if isinstance(r.get("key"), str) else lex_rows.get(r.get("id"))
        if extra:
            r = {**r, "labels": _with_lexicon(r["labels"], extra)}
        if "keys" in r:
            keys = {col: _keys(v) for col, v in (r.get("keys") or {}).items()}
        else:
            keys = {"": _keys(r.get("key"))}
        prose = {}
        pr = r.get("prose")
        if isinstance(pr, list):
            prose[""] = [LazyPattern(p) for p in pr]
        elif isinstance(pr, dict):
            prose = {col: [LazyPattern(p) for p in ps] for col, ps in pr.items()}
        row = Row(
            index=i,
            id=str(r.get("id", i)),
            pattern=_alt(r["labels"]),
            keys=keys,
            parent=r.get("parent") if isinstance(r.get("parent"), str) else None,
            is_parent=r.get("parent") is True,
            group=r.get("group"),
            scope=r.get("scope"),
            scoped=r.get("scoped"),
            money=bool(r.get("money")),
            bool_=bool(r.get("bool")),
            text=bool(r.get("text")),
            channel=r.get("channel"),
            prose=prose,
        )
        t.rows.append(row)
    return t


def compile_all(templates: dict[str, Template]) -> None:
    """Compile every label, column and prose pattern now (they compile lazily): a bad
    pattern in the data raises here (the tests call it) instead of in the document that
    first needs it."""
    for t in templates.values():
        for c in t.columns:
            c.rx.compiled()
        for r in t.rows:
            r.rx.compiled()
            for ps in r.prose.values():
                for p in ps:
                    p.compiled()
        t.any_row


LEXICON_FILE = "labels.yaml"
_HAN = regex.compile(r"\p{Han}")
_SEPARATOR = regex.compile(r"[|｜]")   # compiled once, not looked up per call (issue 11)


#: the families whose reader finds a row by its label alone, one value after it (the old
#: 统计表): there a key of keys.yaml with row labels in the lexicon (``rows.<template>.<key>``
#: of labels.yaml) and no row in the template is read as a row of its own
LABEL_ROW_KINDS = ("old",)


def _lexicon_rows(t: Template, lex: "Lexicon") -> None:
    """The lexicon's row entries of ``t`` that name no row of it (by key or id): a row each,
    its labels the entry's texts (matched exactly, like every lexicon label), its value
    type the key's in keys.yaml. An entry that is no key of keys.yaml, or a family that
    does not read rows by label alone, is refused: never dropped silently."""
    from ..keys import unit_of

    entries = lex.rows.get(t.name) or {}
    named = {r.get("key") if isinstance(r.get("key"), str) else r.get("id") for r in t.raw.get("rows") or []}
    for key, texts in entries.items():
        if key in named:
            continue
        where = f"{LEXICON_FILE}: rows.{t.name}.{key}"
        unit = unit_of(key)
        if unit is None:
            raise TemplateError(f"{where}: no row of {t.path.name} has that key or id, and it is not a key "
                                "of patterns/keys.yaml")
        if t.kind not in LABEL_ROW_KINDS:
            raise TemplateError(f"{where}: {t.path.name} (kind {t.kind}) reads no row by its label alone: "
                                "add the key's row to the template")
        if not texts:
            raise TemplateError(f"{where}: no label")
        t.rows.append(Row(index=len(t.rows), id=key, pattern=_alt(_with_lexicon([], texts)), keys={"": [key]},
                          money=unit == "money", bool_=unit == "bool"))


class Templates(dict):
    """Templates by name (``template:``) in file-name order. A family (``kind``) may have
    several, each its own file, all read (``of_kind``); a family with exactly one template
    is also found by its kind (``templates["header_rows"]`` is the gb template)."""

    def __missing__(self, kind: str) -> Template:
        found = of_kind(self, kind)
        if len(found) != 1:
            raise KeyError(kind)
        return found[0]


@lru_cache(maxsize=4)
def load_templates(directory: str | None = None) -> Templates:
    """Every template of the folder (:class:`Templates`), like spaCy's registry: a new
    template is one more file, beside the others of its family (a local 统计表 beside the
    bundled one). Two files with one name, an unknown field or kind, a key outside
    keys.yaml, or a lexicon entry (``labels.yaml``) for a template that does not exist are
    a :class:`TemplateError` naming the file."""
    d = Path(directory) if directory else PATTERNS_DIR
    lex = load_lexicon(str(d))
    out = Templates()
    for p in sorted(d.glob("*.yaml")):
        if p.name == LEXICON_FILE:
            continue
        t = _compile_template(p, lex)
        if t.name in out:
            raise TemplateError(f"{p.name}: template {t.name!r} is already {out[t.name].path.name}'s name")
        _lexicon_rows(t, lex)
        out[t.name] = t
    for kind in ("rows", "columns"):
        for name in getattr(lex, kind):
            if name not in out:
                raise TemplateError(f"{LEXICON_FILE}: {kind}.{name}: no template is named {name!r}")
    return out


def of_kind(templates: dict[str, Template], kind: str) -> list[Template]:
    """The templates of one family, in file-name order (each read by the family's reader)."""
    return [t for t in templates.values() if t.kind == kind]


# --------------------------------------------------------------------------- lexicon


def _norm(s: str) -> str:
    """A lexicon entry as documents read after normalisation (half-width, Simplified),
    without whitespace (labels are matched on the squeezed text)."""
    from ..normalize import normalize_text

    return "".join(normalize_text(s)[0].split())


@dataclass
class Lexicon:
    """``patterns/tables/labels.yaml``: header cells of value columns per table family,
    extra row labels, header fillers, and the fuzzy-match bounds."""

    columns: dict = field(default_factory=dict)     # family -> column id -> [label text]
    rows: dict = field(default_factory=dict)        # family -> row key -> [label text]
    fillers: dict = field(default_factory=dict)     # family -> regexes
    threshold: float = 80.0
    margin: float = 10.0
    raw: dict = field(default_factory=dict)
    _filler_rx: dict = field(default_factory=dict, repr=False)

    def filler_rx(self, family: str) -> regex.Pattern | None:
        rx = self._filler_rx.get(family)
        if rx is None and self.fillers.get(family):
            rx = self._filler_rx[family] = regex.compile("|".join(f"(?:{f})" for f in self.fillers[family]))
        return rx

    def unlabelled(self, family: str, text: str, noise: regex.Pattern | None = None) -> list[str]:
        """Header cells in a stretch of header text that no label names: what has Chinese
        characters between separators once the family's fillers (and ``noise``) are
        taken out. (Squeezed text without separators gives one cell for the stretch.)"""
        rx = self.filler_rx(family)
        # (``concurrent`` False positionally where the pattern is ours: the GIL kept)
        if rx is not None:
            text = rx.sub("|", text, 0, None, None, False)
        if noise is not None:
            text = noise.sub("|", text)
        return [c for c in _SEPARATOR.split(text, 0, False) if _HAN.search(c, None, None, False)]

    def match_column(self, family: str, cell: str, extra: dict | None = None):
        """The column id a header cell names: (id, None), or (None, reason) with reason
        "unknown" (nothing close enough) or "ambiguous" (two columns about as close).

        Exact entries first, then rapidfuzz's ratio against every entry of the family
        (plus ``extra``: column id -> more label texts), strict threshold and margin."""
        cell = _norm(cell)
        table = {cid: list(labels) for cid, labels in (self.columns.get(family) or {}).items()}
        for cid, labels in (extra or {}).items():
            table.setdefault(cid, []).extend(labels)
        for cid, labels in table.items():
            if cell in labels:
                return cid, None
        if not cell:
            return None, "unknown"
        from rapidfuzz import fuzz

        best: dict[str, float] = {}
        for cid, labels in table.items():
            for lab in labels:
                sc = fuzz.ratio(cell, lab)
                if sc > best.get(cid, -1):
                    best[cid] = sc
        ranked = sorted(best.items(), key=lambda kv: -kv[1])
        if not ranked or ranked[0][1] < self.threshold:
            return None, "unknown"
        if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < self.margin:
            return None, "ambiguous"
        return ranked[0][0], None

    def truncated_columns(self, family: str, cells: list[str], order: list[str]) -> list[str] | None:
        """Header cells cut short alike ("本年新 | 本年新", squeezed "本年新本年新"): the
        column ids they stand for, or None. The stem (at least ``truncation.min_stem``
        characters) must begin the labels of exactly as many columns as there are cells,
        and those columns must follow one another in the template's ``order``: then the
        printed order can be read one way only. A stem naming more or fewer columns, or
        columns apart, gives None (the header stays unrecognised)."""
        min_stem = int((self.raw.get("truncation") or {}).get("min_stem", 3))
        cells = [_norm(c) for c in cells]
        if not cells or any(not c for c in cells):
            return None
        if len(cells) == 1:
            c = cells[0]
            for k in range(2, 5):
                if len(c) % k == 0 and c == c[:len(c) // k] * k:
                    cells = [c[:len(c) // k]] * k
                    break
        stem = cells[0]
        if len(cells) < 2 or any(c != stem for c in cells) or len(stem) < min_stem:
            return None
        table = self.columns.get(family) or {}
        hits = [cid for cid in order
                if any(lab.startswith(stem) and lab != stem for lab in table.get(cid, []))]
        if len(hits) != len(cells):
            return None
        pos = [order.index(cid) for cid in hits]
        if pos != list(range(pos[0], pos[0] + len(pos))):
            return None
        return hits


@lru_cache(maxsize=4)
def load_lexicon(directory: str | None = None) -> Lexicon:
    d = Path(directory) if directory else PATTERNS_DIR
    p = d / LEXICON_FILE
    if not p.is_file():
        return Lexicon()
    data = load_yaml(p) or {}
    fz = data.get("fuzzy") or {}
    lex = Lexicon(raw=data, fillers={k: list(v or []) for k, v in (data.get("header_fillers") or {}).items()},
                  threshold=float(fz.get("threshold", 80)), margin=float(fz.get("margin", 10)))
    for kind in ("columns", "rows"):
        for fam, entries in (data.get(kind) or {}).items():
            getattr(lex, kind)[fam] = {k: [_norm(x) for x in (v or [])] for k, v in (entries or {}).items()}
    return lex


class Squeezed:
    """The text without whitespace, with a map back to offsets in the original.

    The map is kept per run of non-space characters (squeezed start, original start),
    not per character: building a 10k-entry list cost more than all the lookups."""

    def __init__(self, text: str):
        self.text = text
        # str.split() cuts at exactly the characters str.isspace() accepts; each run of
        # non-space characters is found again from the end of the previous one
        runs = text.split()
        sq_starts: list[int] = []
        orig_starts: list[int] = []
        pos = sq = 0
        for run in runs:
            pos = text.find(run, pos)
            sq_starts.append(sq)
            orig_starts.append(pos)
            pos += len(run)
            sq += len(run)
        self.s = "".join(runs)
        self._sq_starts = sq_starts
        self._orig_starts = orig_starts

    @property
    def idx(self) -> list[int]:
        """Original offset of every squeezed char (built on demand; lookups use the runs)."""
        return [self._orig(k) for k in range(len(self.s))]

    def _orig(self, k: int) -> int:
        """Original offset of squeezed char k (k indexes like a list: negative from the end)."""
        n = len(self.s)
        if k < 0:
            k += n
        if not 0 <= k < n:
            raise IndexError("squeezed index out of range")
        j = bisect.bisect_right(self._sq_starts, k) - 1
        return self._orig_starts[j] + k - self._sq_starts[j]

    def orig_start(self, k: int) -> int:
        return self._orig(k) if k < len(self.s) else len(self.text)

    def orig_end(self, k: int) -> int:
        """Original offset just after squeezed char k-1 (k = squeezed end)."""
        return self._orig(k - 1) + 1 if k > 0 else 0

    def sq_pos(self, orig: int) -> int:
        """First squeezed index at or after original offset ``orig``."""
        j = bisect.bisect_right(self._orig_starts, orig) - 1
        if j < 0:
            return 0
        run_len = (self._sq_starts[j + 1] if j + 1 < len(self._sq_starts) else len(self.s)) - self._sq_starts[j]
        # inside run j, or in the gap after it (→ the start of the next run)
        return self._sq_starts[j] + min(orig - self._orig_starts[j], run_len)
