"""The stages of one document, declared once: what each runs, what it reads and what it
sets on the ``State`` (spaCy's ``assigns=``), and whether a bug in it costs only its own
results (``isolated``: a ``stage_failed`` warning and the stage's empty result) or the
document (an error record).

    load -> normalize -> segment -> rules -> tables -> clauses -> reconcile -> metadata -> output

``pipeline.load_and_normalize`` runs ``LOAD``, ``pipeline.extract_document`` runs ``FIND``;
the batch worker and the benchmark time them through the one hook of ``run_stages``
(``on_stage(name, seconds)``). A new stage is one entry here: a function of the state that
sets what it ``assigns``; no stage reaches back into an earlier one's work. (Importing
this module imports every stage's module: ``pipeline`` imports it when a document is run.)
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Callable

from . import clauses, metadata, output, reconcile, rules, segment, topic_zeros
from .load import load_document
from .model import Findings, Warning_
from .normalize import normalize
from .tables import read_tables


@dataclass
class State:
    """What the stages read and set, one document at a time."""
    path: Any = None                    # the file (str or os.PathLike)
    options: dict | None = None         # loader options (``pipeline.KNOWN_OPTIONS``)
    doc: Any = None                     # model.Document: load, then normalize (in place)
    seg: Any = None                     # segment.Segmentation
    findings: Any = None                # Findings of the prose rules
    table_findings: Any = None          # Findings of the table readers
    clause_findings: Any = None         # Findings of the generic clause reader
    result: dict | None = None          # reconcile's values, facts and warnings
    meta: Any = None                    # metadata.describe: kind, year, agency…
    record: dict | None = None          # the JSON record (SCHEMA.md)
    failed: list = field(default_factory=list)   # stage_failed warnings of isolated stages


@dataclass(frozen=True)
class Stage:
    name: str                           # also what a stage_failed warning names
    run: Callable[[State], Any]         # returns the value of ``assigns``
    assigns: str                        # the State field it sets
    requires: tuple[str, ...] = ()      # the State fields it reads
    isolated: Callable[[], Any] | None = None   # the empty result a bug leaves (None: a bug fails the document)


def _load(s: State):
    return load_document(s.path, options=s.options)


def _normalize(s: State):
    return normalize(s.doc)


def _segment(s: State):
    return segment.segment(s.doc)


def _rules(s: State):
    return rules.find_facts(s.doc, s.seg)


def _tables(s: State):
    return read_tables(s.doc, s.seg)


def _clauses(s: State):
    found = clauses.find_facts(s.doc, s.seg, s.findings, s.table_findings)
    # zeros in words under a topic's heading (目前暂无。), with the clause reader's priority
    have = {f.key for fs in (s.findings, s.table_findings, found) for f in fs.facts}
    have |= set(s.findings.blocked_keys) | set(s.table_findings.blocked_keys)
    have |= {w.message.split(":", 1)[0] for fs in (s.findings, s.table_findings, found) for w in fs.warnings}
    found.facts.extend(topic_zeros.find_facts(s.doc, s.seg, have))
    return found


def _reconcile(s: State):
    return reconcile.reconcile(s.doc, s.seg, s.findings, s.table_findings, s.clause_findings)


def _metadata(s: State):
    return metadata.describe(s.doc, s.seg)


def _output(s: State):
    s.result["warnings"].extend(s.failed)   # the isolated stages' failures, after reconcile's own
    return output.document_json(s.doc, s.meta, s.result)


STAGES: tuple[Stage, ...] = (
    Stage("load", _load, "doc", ("path", "options")),
    Stage("normalize", _normalize, "doc", ("doc",)),
    Stage("segment", _segment, "seg", ("doc",)),
    Stage("rules", _rules, "findings", ("doc", "seg"), isolated=Findings),
    Stage("tables", _tables, "table_findings", ("doc", "seg"), isolated=Findings),
    Stage("clauses", _clauses, "clause_findings", ("doc", "seg", "findings", "table_findings"), isolated=Findings),
    Stage("reconcile", _reconcile, "result", ("doc", "seg", "findings", "table_findings", "clause_findings")),
    Stage("metadata", _metadata, "meta", ("doc", "seg"), isolated=metadata.empty),
    Stage("output", _output, "record", ("doc", "meta", "result", "failed")),
)
LOAD = STAGES[:2]     # a file -> a normalised Document
FIND = STAGES[2:]     # a normalised Document -> its record


def _isolated(stage: Stage, s: State):
    """Run one isolated stage; a bug in it costs that stage's results, not the document."""
    try:
        return stage.run(s)
    except (MemoryError, RecursionError, KeyboardInterrupt):
        raise
    except Exception as e:  # noqa: BLE001 - any reader bug becomes a warning
        s.failed.append(Warning_("stage_failed", f"{stage.name}: {type(e).__name__}: {e}"))
        return stage.isolated()


def run_stages(s: State, stages: tuple[Stage, ...] = STAGES,
               on_stage: Callable[[str, float], None] | None = None) -> State:
    """Run ``stages`` in order on ``s``; ``on_stage(name, seconds)`` after each (the one
    timing hook: the batch worker's stage seconds, the benchmark's per-stage figures)."""
    for stage in stages:
        t0 = time.perf_counter() if on_stage is not None else 0.0
        value = _isolated(stage, s) if stage.isolated is not None else stage.run(s)
        setattr(s, stage.assigns, value)
        if on_stage is not None:
            on_stage(stage.name, time.perf_counter() - t0)
    return s


__all__ = ["State", "Stage", "STAGES", "LOAD", "FIND", "run_stages"]
