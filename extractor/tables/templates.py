"""Statistics-table templates: label sequences, columns and key mappings.

The templates are data (``patterns/tables/*.yaml``); this module loads and compiles
them once. Labels are regular expressions matched against the *squeezed* text (the
normalised document text with all whitespace removed, see :class:`Squeezed`), so a
label broken over lines, cells or PDF text runs still matches.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
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


@dataclass
class Column:
    id: str
    template: str | None
    rx: regex.Pattern
    signed: bool = False
    money: bool = False


@dataclass
class Row:
    index: int
    id: str
    rx: regex.Pattern
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
    prose: dict[str, list[regex.Pattern]] = field(default_factory=dict)


@dataclass
class Template:
    name: str
    kind: str
    path: Path
    raw: dict
    rows: list[Row] = field(default_factory=list)
    columns: list[Column] = field(default_factory=list)
    any_row: regex.Pattern | None = None
    examples: list[dict] = field(default_factory=list)


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
            t.columns.append(Column(c["id"], c.get("template"), regex.compile(_alt(c["labels"])),
                                    bool(c.get("signed")), bool(c.get("money"))))
    for i, r in enumerate(data.get("rows") or []):
        if "keys" in r:
            keys = {col: _keys(v) for col, v in (r.get("keys") or {}).items()}
        else:
            keys = {"": _keys(r.get("key"))}
        prose = {}
        pr = r.get("prose")
        if isinstance(pr, list):
            prose[""] = [regex.compile(p) for p in pr]
        elif isinstance(pr, dict):
            prose = {col: [regex.compile(p) for p in ps] for col, ps in pr.items()}
        row = Row(
            index=i,
            id=str(r.get("id", i)),
            rx=regex.compile(_alt(r["labels"])),
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
    if t.rows:
        t.any_row = regex.compile("|".join(f"(?P<r{r.index}>{r.rx.pattern})" for r in t.rows))
    return t


@lru_cache(maxsize=4)
def load_templates(directory: str | None = None) -> dict[str, Template]:
    d = Path(directory) if directory else PATTERNS_DIR
    out = {}
    for p in sorted(d.glob("*.yaml")):
        t = _compile_template(p)
        out[t.kind] = t
    return out


class Squeezed:
    """The text without whitespace, with a map back to offsets in the original."""

    def __init__(self, text: str):
        self.text = text
        # str.split() cuts at exactly the characters str.isspace() accepts; each run of
        # non-space characters is found again from the end of the previous one
        runs = text.split()
        idx: list[int] = []
        pos = 0
        for run in runs:
            pos = text.find(run, pos)
            idx.extend(range(pos, pos + len(run)))
            pos += len(run)
        self.s = "".join(runs)
        self.idx = idx
        self._rev = None

    def orig_start(self, k: int) -> int:
        return self.idx[k] if k < len(self.idx) else len(self.text)

    def orig_end(self, k: int) -> int:
        """Original offset just after squeezed char k-1 (k = squeezed end)."""
        return self.idx[k - 1] + 1 if k > 0 else 0

    def sq_pos(self, orig: int) -> int:
        """First squeezed index at or after original offset ``orig``."""
        import bisect

        return bisect.bisect_left(self.idx, orig)
