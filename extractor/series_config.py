"""The configuration of report series and their checks: ``patterns/series.yaml`` (normalisation
steps, body aliases, the declared checks) and a user's alias file, read and validated
(``load_config``; ``SeriesConfigError`` names what is wrong), and an agency's normal form.
Series and checks: extractor/series.py."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .resources import patterns_dir

SERIES_FILE = patterns_dir() / "series.yaml"
CHECK_KINDS = ("equal", "jump", "missing_years")
_PUNCT = "\u3000 \t\r\n·・.,，。、:：;；()（）[]【】<>《》\"'“”‘’-—_/\\"


class SeriesConfigError(ValueError):
    """patterns/series.yaml (or a user alias file) is not valid."""


@dataclass(frozen=True)
class Term:
    key: str
    offset: int            # year offset from the check's base year
    sign: int = 1


@dataclass(frozen=True)
class Check:
    id: str
    kind: str
    description: str
    left: tuple[Term, ...] = ()
    right: tuple[Term, ...] = ()
    tolerance: float = 0.0
    units: tuple[str, ...] = ()
    factor: float = 10.0
    min_value: float = 0.0
    examples: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def span(self) -> int:
        return max([t.offset for t in self.left + self.right] or [0])


@dataclass(frozen=True)
class Config:
    steps: tuple[tuple[object, str], ...]
    aliases: dict
    min_years: int
    checks: tuple[Check, ...]


def _parse_terms(expr: str, where: str, known: set) -> tuple[Term, ...]:
    """'a.b@0 + c.d@1 - e.f@1' -> Terms; every key must be canonical."""
    import regex

    expr = expr.strip()
    if not expr:
        raise SeriesConfigError(f"{where}: empty expression")
    terms = []
    pos = 0
    pat = regex.compile(r"\s*([+-])?\s*([a-z_]+(?:\.[a-z_0-9]+)+)@(\d+)\s*")
    while pos < len(expr):
        m = pat.match(expr, pos)
        if not m or (terms and not m.group(1)):
            raise SeriesConfigError(f"{where}: cannot read {expr[pos:]!r} in {expr!r} (terms are KEY@N joined by + or -)")
        key = m.group(2)
        if key not in known:
            raise SeriesConfigError(f"{where}: unknown key {key!r} (not in patterns/keys.yaml)")
        terms.append(Term(key, int(m.group(3)), -1 if m.group(1) == "-" else 1))
        pos = m.end()
    return tuple(terms)


def _alias_map(raw, where: str) -> dict:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise SeriesConfigError(f"{where}: 'aliases' must map a body name to a list of other names")
    out = {}
    for canon, names in raw.items():
        if not isinstance(canon, str) or not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise SeriesConfigError(f"{where}: alias entry {canon!r} must be NAME: [OTHER NAMES]")
        for n in [canon, *names]:
            out[n] = canon
    return out


def load_config(path: str | Path | None = None, user_aliases: str | Path | None = None) -> Config:
    import regex
    import yaml

    from .keys import key_units

    p = Path(path) if path else SERIES_FILE
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise SeriesConfigError(f"{p}: {e}") from None
    if not isinstance(data, dict):
        raise SeriesConfigError(f"{p}: expected a mapping")
    unknown = set(data) - {"normalise", "aliases", "min_years", "checks"}
    if unknown:
        raise SeriesConfigError(f"{p}: unknown fields {sorted(unknown)}")
    steps = []
    for i, s in enumerate(data.get("normalise") or []):
        if not isinstance(s, dict) or not isinstance(s.get("pattern"), str) or not isinstance(s.get("replace"), str):
            raise SeriesConfigError(f"{p}: normalise[{i}] needs pattern and replace")
        try:
            steps.append((regex.compile(s["pattern"]), s["replace"]))
        except regex.error as e:
            raise SeriesConfigError(f"{p}: normalise[{i}]: {e}") from None
    aliases = _alias_map(data.get("aliases"), str(p))
    if user_aliases:
        up = Path(user_aliases)
        try:
            udata = yaml.safe_load(up.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as e:
            raise SeriesConfigError(f"{up}: {e}") from None
        if isinstance(udata, dict) and "aliases" in udata:
            udata = udata["aliases"]
        aliases.update(_alias_map(udata, str(up)))
    # alias names in normal form, once (normalise_body looks them up per document)
    aliases = {normal_form(n, steps): canon for n, canon in aliases.items()}
    units = key_units()
    known = set(units)
    checks = []
    seen = set()
    for i, c in enumerate(data.get("checks") or []):
        where = f"{p}: checks[{i}]"
        if not isinstance(c, dict) or not isinstance(c.get("id"), str):
            raise SeriesConfigError(f"{where}: needs an id")
        bad = set(c) - {"id", "kind", "description", "left", "right", "each", "tolerance", "units",
                        "factor", "min_value", "examples"}
        if bad:
            raise SeriesConfigError(f"{where}: unknown fields {sorted(bad)}")
        kind = c.get("kind")
        if kind not in CHECK_KINDS:
            raise SeriesConfigError(f"{where}: kind {kind!r} is not one of {CHECK_KINDS}")
        groups = c.get("each") or [None]
        for g in groups:
            cid = c["id"] if g is None else f"{c['id']}.{g}"
            if cid in seen:
                raise SeriesConfigError(f"{where}: duplicate check id {cid!r}")
            seen.add(cid)
            fill = (lambda s: s) if g is None else (lambda s, g=g: s.replace("{g}", g))
            left = right = ()
            if kind == "equal":
                if not isinstance(c.get("left"), str) or not isinstance(c.get("right"), str):
                    raise SeriesConfigError(f"{where}: an equal check needs left and right expressions")
                left = _parse_terms(fill(c["left"]), where, known)
                right = _parse_terms(fill(c["right"]), where, known)
            cunits = tuple(c.get("units") or ())
            if any(u not in ("count", "signed", "money") for u in cunits):
                raise SeriesConfigError(f"{where}: units must be among count, signed, money")
            checks.append(Check(cid, kind, str(c.get("description") or ""), left, right,
                                float(c.get("tolerance") or 0), cunits, float(c.get("factor") or 10),
                                float(c.get("min_value") or 0), c.get("examples") or {}))
    return Config(tuple(steps), aliases, int(data.get("min_years") or 2), tuple(checks))


@lru_cache(maxsize=4)
def default_config() -> Config:
    return load_config()


def normal_form(name: str, steps) -> str:
    """Simplified script, no spaces or punctuation, the declared normalisation steps."""
    from .normalize import to_simplified

    s = "".join(ch for ch in to_simplified(name) if ch not in _PUNCT)
    for rx, rep in steps:
        s = rx.sub(rep, s)
    return s
