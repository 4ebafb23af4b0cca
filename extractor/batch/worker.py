"""The worker process: warm-up, memory ceiling, dying with the run, and the loop that
takes (file, outputs) from the parent's pipe, extracts, writes and answers."""
from __future__ import annotations

import gc
import os
import signal
import sys
import time

from .common import MB
from .lock import _alive
from .store import _no_report_content, safe_sha, error_record, record_status, write_error, write_outputs

def _resolve(spec: str):
    import importlib

    mod, _, name = spec.partition(":")
    return getattr(importlib.import_module(mod), name)


def default_extract(path: str, display: str, options: dict, want_text: bool):
    """The per-file work: (record, text or None, seconds per stage of ``extractor.stages``)."""
    from .. import pipeline
    from ..regexkit import programs

    stages: dict = {}
    try:
        # (a worker of no warm process keeps the programs it compiled: programs.per_document)
        with programs.per_document():
            doc = pipeline.load_and_normalize(path, options, on_stage=stages.__setitem__)
            doc.source.path = display
            rec = pipeline.extract_document(doc, on_stage=stages.__setitem__)
        return rec, (doc.text if want_text else None), stages
    except Exception:
        pass
    # failures: let pipeline.extract build its error record, so records are identical
    # to what extract() gives (it never raises for bad input)
    return pipeline.extract(path, display_path=display, **options), None, stages


_WARM = [False]   # this process (or the server it was forked from) has run warm_up

# the second warm-up document (``warm_up(compile_rules=True)``): a national-template
# report in brief, as a crawled page gives it (page fields, a quoted own channel, tables
# as text rows); an invented body
_WARM_GB2019 = (
    "发布机构：某某县人力资源和社会保障局 发布日期：2021-01-20",
    "某某县人力资源和社会保障局2020年政府信息公开工作年度报告",
    "本报告由某某县人力资源和社会保障局编制，本报告所列数据的统计期限自2020年1月1日起至2020年12月31日止。",
    "一、总体情况",
    "2020年，我局通过“某某人社”微信公众号公开信息35条，全年主动公开政府信息260条，举办新闻发布会2次。",
    "全年新收政府信息公开申请12件，上年结转1件，因政府信息公开被申请行政复议1件。",
    "二、主动公开政府信息情况",
    "第二十条第（一）项 |",
    "信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |",
    "规章 | 0 | 0 | 0 |",
    "规范性文件 | 3 | 3 | 15 |",
    "三、收到和处理政府信息公开申请情况",
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |",
    "一、本年新收政府信息公开申请数量 | 10 | 2 | 0 | 0 | 0 | 0 | 12 |",
    "二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
    "四、政府信息公开行政复议、行政诉讼情况",
    "行政复议 | 行政诉讼 |",
    "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |",
    "1 | 0 | 0 | 0 | 1 |",
    "五、存在的主要问题及改进情况",
    "如对本报告有疑问，请与某某县人力资源和社会保障局办公室联系。",
)

# an old-style report (2008-2018): its prose cues beside a statistics table (the cue
# patterns tables.stats.context builds from a table's labels), the document fields'
# late sources (agency_late's cue patterns) and the self-naming check:
# compiled on a worker's first such file otherwise (issue 11)
_WARM_OLD = (
    "某某县教育局2012年政府信息公开工作年度报告",
    "一、概述",
    "2012年，某某县教育局主动公开政府信息120条，制发规范性文件3件，受理政府信息公开申请5件，收到政府信息公开申请5件。",
    "二、政府信息公开统计表",
    "指标 | 单位 | 数量 |",
    "主动公开政府信息数 | 条 | 120 |",
    "受理政府信息公开申请总数 | 件 | 5 |",
    "三、其他",
    "本报告电子版可在某某县人民政府门户网站下载。",
)
_LATE_KEYS = ("download_site", "opening_subject", "relayed_report")


def _build_cached(module) -> None:
    """Call every cached pattern builder of ``module`` that takes no argument (an
    ``lru_cache`` of a function of nothing: built once, shared by the forked workers)."""
    import inspect

    for name, obj in list(vars(module).items()):
        if not (callable(obj) and hasattr(obj, "cache_info") and getattr(obj, "__module__", None) == module.__name__):
            continue
        try:
            if inspect.signature(obj).parameters:
                continue
        except (TypeError, ValueError):
            continue
        obj()


def warm_up(compile_rules: bool = False) -> None:
    """Import and build everything the pipeline needs once (modules, compiled rules, tables).
    ``compile_rules``: compile every rule's and table template's regexes too, and import
    the text formats' loaders and the jieba module (the worker server, see
    ``extractor._preload``: its workers, forked from it, share them instead of each
    compiling and importing what its files need, ~0.4 s of CPU per worker over a batch).
    Other formats' readers (lxml, python-docx, pdfplumber) stay lazy: a run without
    such files would pay for them."""
    from .. import pipeline
    from ..regexkit import programs

    if compile_rules:  # the programs of every pattern compiled here are kept for the next run
        with programs.recording():
            _warm_up(pipeline, True)
    else:
        _warm_up(pipeline, False)
    _WARM[0] = True
    # jieba is not loaded here: it runs lazily, only on the sentences a stage tokenises
    # (many documents never need it), and loading its dictionary costs ~0.5 s. Preloading it
    # in the forkserver would save that per worker that needs it, but add it to every run
    # that never does (a one-file run of such a document would take twice as long).


def _warm_up(pipeline, compile_rules: bool) -> None:
    from ..model import DocumentBuilder, Source, Table
    from ..normalize import normalize

    b = DocumentBuilder(Source(path="warmup.txt", sha256="0", format="txt"))
    b.add_paragraph("一、概述")
    b.add_paragraph("2020年，本机关主动公开政府信息120条，收到政府信息公开申请3件，均按时办结。")
    b.add_table(Table.from_rows([["项目", "数量"], ["新闻发布会次数", "2"]]))
    pipeline.extract_document(normalize(b.build()))
    if compile_rules:
        from .. import rules, wordcut
        from ..load import sniff, textables, txt  # noqa: F401 (the text formats' loaders)
        from ..tables import templates

        rules.compile_all()
        from .. import clauses

        clauses.compile_all(clauses.load())  # (compiled on first use elsewhere: see clauses._load)
        tpls = templates.load_templates()
        templates.compile_all(tpls)  # (called as read_stat_tables calls it)
        wordcut.import_jieba()  # the module only: its dictionary stays lazy (see below)
        # what compile_all leaves to first use: a report of the national template (its
        # tables' fillers, header runs and prose cues, the agency's page fields, own
        # channels and completion), then every cached pattern builder of the document
        # fields and the template fillers (~25 ms per worker otherwise, issue 11)
        b = DocumentBuilder(Source(path="warmup2.txt", sha256="0", format="txt"))
        for line in _WARM_GB2019:
            b.add_paragraph(line)
        pipeline.extract_document(normalize(b.build()))
        for t in tpls.values():
            for family in getattr(t, "fillers", None) or ():
                t.filler_rx(family)
        from .. import agency, agency_refine, metadata, metadata_base
        from .. import normalize as normalize_module

        for module in (agency, agency_refine, metadata, metadata_base, normalize_module):
            _build_cached(module)
        b = DocumentBuilder(Source(path="warmup3.txt", sha256="0", format="txt"))
        for line in _WARM_OLD:
            b.add_paragraph(line)
        pipeline.extract_document(normalize(b.build()))
        from .. import agency_late

        for key in _LATE_KEYS:
            agency_late.cue_pattern(key)
        metadata_base.generic_head("")


def _current_rss() -> int:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _start_rss() -> int:
    """This process's RSS from /proc (0 without it: getrusage gives the peak, not the
    current size, so nothing is taken off the worker's memory there)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _set_memory_limit(max_memory_mb: int) -> None:
    try:
        import resource

        with open("/proc/self/statm") as f:
            vms = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        limit = vms + max_memory_mb * MB
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, OSError, ValueError):
        pass


def _adopt_inherited_state() -> None:
    """Should the forkserver have loaded jieba (an import, a custom warm-up), a forked
    worker holds its dictionary with the domain words already added: mark it as this
    process's (``wordcut.STATE``), so ``wordcut`` does not add the user dictionary a second time (jieba's
    ``add_word`` adds each word's frequency to the total again, which would change how
    it cuts)."""
    wc = sys.modules.get("extractor.wordcut")  # not imported yet: nothing was inherited
    state = wc.STATE if wc is not None else None
    if isinstance(state, dict) and state.get("jieba") and state.get("pid") not in (None, os.getpid()):
        state["pid"] = os.getpid()


_PR_SET_PDEATHSIG = 1


def _die_with_parent(main_pid: int | None) -> None:
    """Make this worker die with the run: the kernel sends SIGKILL when its parent (the
    forkserver, which exits when the main process does; or the main process itself with
    spawn) dies, and a thread checks every 0.5 s that the parent and the main process are
    still there (where prctl is missing). Never raises."""
    ppid0 = os.getppid()
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except Exception:
            pass
    # the parent died before prctl took (a parent of pid 1 is normal only when the main
    # process is pid 1 itself, as in a container)
    if (ppid0 == 1 and main_pid != 1) or (main_pid and not _alive(main_pid)):
        os._exit(1)

    def watch():
        while True:
            time.sleep(0.5)
            if os.getppid() != ppid0 or (main_pid and not _alive(main_pid)):
                os._exit(1)

    try:
        import threading

        threading.Thread(target=watch, name="zwgk-parent-watch", daemon=True).start()
    except Exception:
        pass


def worker_main(conn, extract_fn: str | None, options: dict, want_text: bool, max_memory_mb: int,
                 warm: bool, main_pid: int | None = None) -> None:
    # what this process holds as it starts: the pages it shares with the process it was
    # forked from (the main process, a notebook's, a test runner's, or the forkserver);
    # the parent's memory ceiling counts only what the worker grows by beyond it
    start_rss = _start_rss()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    _die_with_parent(main_pid)
    _adopt_inherited_state()
    fn = _resolve(extract_fn) if extract_fn else default_extract
    if warm and not extract_fn and not _WARM[0]:  # forked from a warm server: nothing to do
        try:
            from .. import pipeline  # noqa: F401 (installs regexkit.programs)
            from ..regexkit import programs

            with programs.per_document():   # (its compiles kept as a document's are)
                warm_up()
        except Exception:
            pass  # the first real file will show the problem in its record
    # What the worker holds now (modules, compiled rules, lexicons) lives as long as it
    # does: keep it out of the cyclic collector's sweeps (they would also touch, and so
    # copy, pages shared with the server it was forked from), and collect the young
    # generation less often: a document allocates many short-lived objects that die by
    # reference counting anyway. About 4% of the per-document time, output unchanged.
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)
    if max_memory_mb:
        _set_memory_limit(max_memory_mb)
    conn.send(("ready", os.getpid(), _current_rss(), start_rss))
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        task_id, path, display, outdir_real, rel_json, rel_text = msg
        t0 = time.perf_counter()
        text = None
        stages: dict = {}
        out_of_memory = False
        message = None
        try:
            rec, text, stages = fn(path, display, options, want_text)
        except MemoryError:
            # Build the record only after this block: inside it the exception's traceback
            # still holds the frames (and so the memory) that ran out.
            out_of_memory = True
        except RecursionError:
            rec = error_record(display, "malformed", "document structure nested too deeply", safe_sha(path))
        except Exception as e:  # a bug somewhere in the pipeline: an error record, never a dead run
            rec = error_record(display, "internal_error", f"{type(e).__name__}: {e}"[:500], safe_sha(path))
        if out_of_memory:
            rec = error_record(display, "too_large", "the file needs more memory than the ceiling allows",
                               safe_sha(path))
        try:
            try:
                write_outputs(outdir_real, rel_json, rel_text, rec, text if want_text else None)
                status = record_status(rec)
                code = rec["errors"][0].get("code") if rec.get("errors") else None
                sha = (rec.get("source") or {}).get("sha256") or safe_sha(path)
            except MemoryError:
                rec = error_record(display, "too_large", "the result needs more memory than the ceiling allows",
                                   safe_sha(path))
                write_outputs(outdir_real, rel_json, rel_text, rec, None)
                status, code, sha = "error", "too_large", rec["source"]["sha256"]
            except (TypeError, ValueError) as e:  # a record that cannot be serialised: a pipeline bug
                rec = error_record(display, "internal_error", f"result not serialisable: {e}"[:500], safe_sha(path))
                write_outputs(outdir_real, rel_json, rel_text, rec, None)
                status, code, sha = "error", "internal_error", rec["source"]["sha256"]
        except OSError as e:  # the output could not be written: recorded against the file
            code, message = write_error(e, rel_json)
            status, sha = "error", (rec.get("source") or {}).get("sha256") or safe_sha(path)
        stages = dict(stages)
        stages["total"] = time.perf_counter() - t0
        n_ocr = sum(1 for w in rec.get("warnings") or () if isinstance(w, dict) and w.get("code") == "ocr_used")
        if n_ocr:
            stages["ocr_pages"] = n_ocr  # a count, taken out of the stage seconds by the parent
        if _no_report_content(rec):
            stages["no_report_content"] = 1  # a flag, taken out by the parent
        try:
            conn.send(("done", task_id, status, code, sha, stages, _current_rss(), message))
        except (EOFError, OSError, BrokenPipeError):
            return
