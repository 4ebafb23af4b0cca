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
import yaml
from ..resources import patterns_dir

PATTERNS_DIR = patterns_dir() / "tables"
# libyaml's loader when PyYAML has it (the same data, several times faster at start-up)
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# numbering written before a row label: 1.  1、 (1) (一) 一、 其中: 其中:1.
NUMBERING = r"(?:其中[:：]?)?(?:\d{1,2}[.、．]|\(\d{1,2}\)|[一二三四五六七八九十]{1,3}[、.]|\([一二三四五六七八九十]{1,3}\))?"


def _alt(labels: list[str]) -> str:
    return "(?:" + "|".join(f"(?:{lab})" for lab in labels) + ")"


class LazyPattern:
    """A regular expression compiled on first use: ``.pattern`` needs no compiling, and
    most documents never search most labels (compiling them all cost ~25 ms at start-up)."""

    __slots__ = ("pattern", "_compiled")

    def __init__(self, pattern: str):
        self.pattern = pattern
        self._compiled = None

    def compiled(self) -> regex.Pattern:
        if self._compiled is None:
            self._compiled = regex.compile(self.pattern)
        return self._compiled

    def __getattr__(self, name):  # search, match, finditer … of the compiled pattern
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"


@dataclass
class Column:
    id: str
    template: str | None
    pattern: str                        # label regex (``rx`` compiles it on first use)
    signed: bool = False
    money: bool = False

    @cached_property
    def rx(self) -> regex.Pattern:
        return regex.compile(self.pattern)


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

    @cached_property
    def rx(self) -> regex.Pattern:
        return regex.compile(self.pattern)


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


def _compile_template(path: Path) -> Template:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    t = Template(name=data["template"], kind=data["kind"], path=path, raw=data,
                 examples=list(data.get("examples") or []))
    for c in data.get("columns") or []:
        if isinstance(c, dict):
            t.columns.append(Column(c["id"], c.get("template"), _alt(c["labels"]),
                                    bool(c.get("signed")), bool(c.get("money"))))
    for i, r in enumerate(data.get("rows") or []):
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
            c.rx
        for r in t.rows:
            r.rx
            for ps in r.prose.values():
                for p in ps:
                    p.compiled()
        t.any_row


@lru_cache(maxsize=4)
def load_templates(directory: str | None = None) -> dict[str, Template]:
    d = Path(directory) if directory else PATTERNS_DIR
    out = {}
    for p in sorted(d.glob("*.yaml")):
        t = _compile_template(p)
        out[t.kind] = t
    return out


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
