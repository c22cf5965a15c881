"""Where batch's CPU goes, measured in a process of its own (bench/run.py runs it).

    python bench/profile_batch.py FOLDER [COUNT]

Each file goes through what one of batch's workers does with it (`batch.run_batch` with
one job calls the same `assess_file` and `format_line` as a worker): first timed by
phase without a profiler (reading the case file, assessing it, batch's own row and
line), then again under cProfile for the functions inside each phase.  cProfile makes
call-heavy code look dearer than it is, so its shares rank the parts; the per-file
times above them are the un-profiled figures.  Prints one JSON object.
"""

from __future__ import annotations

import cProfile
import datetime as dt
import gc
import json
import os
import pstats
import sys
import time
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from legalcli.bulk import batch  # noqa: E402
from legalcli.loading import case as case_module  # noqa: E402
from legalcli.loading.pack import default_rules_dir, load_pack  # noqa: E402

AS_OF = dt.date(2026, 11, 24)
# The functions a reader of the profile looks for, by phase: (module file, function, what).
PARTS = [
    ("loading/case.py", "read_case", "reading a case file"),
    ("loading/reader.py", "read_bytes", "  opening and reading the bytes"),
    ("loading/reader.py", "parse_text", "  parsing (libyaml's composer and our nodes)"),
    ("loading/schema.py", "validate", "  checking it against the case schema"),
    ("loading/case.py", "_check_file_value", "  checking each value against its fact"),
    ("core/engine.py", "assess", "assessing it (engine.assess, detail=False)"),
    ("core/engine.py", "route_status", "  route statuses"),
    ("core/engine.py", "_risks", "  risks of every route that applies"),
    ("core/engine.py", "findings", "    the country entries each risk reads"),
    ("core/engine.py", "_deciding", "  deciding facts of undetermined routes"),
    ("core/engine.py", "_deadline", "  deadlines"),
    ("core/engine.py", "best_question", "  the next question"),
    ("bulk/batch.py", "top_risk", "batch's top risk"),
    ("bulk/batch.py", "format_line", "batch's output line"),
]


def swap(module: object, name: str, value: Any) -> Any:
    """Put value in the module's place of name; returns what was there."""
    old = getattr(module, name)
    setattr(module, name, value)
    return old


def main() -> None:
    folder = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    paths = sorted(os.path.join(folder, name) for name in os.listdir(folder))[:count]
    pack = load_pack(default_rules_dir())
    routes = [r.id for r in pack.route_list]
    batch.format_line(batch.assess_file(paths[0], pack, AS_OF, "en", None), "csv", routes)  # loads the calendar
    gc.freeze()  # as the command does once the pack is loaded

    spent = {"read": 0.0, "assess": 0.0}
    # Both are looked up by name at each call (read_case is imported inside
    # assess_file, assess is batch's module global), so timing wrappers put in their
    # place see every call.

    def timed_read(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return real_read(*args, **kwargs)
        finally:
            spent["read"] += time.perf_counter() - start

    def timed_assess(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return real_assess(*args, **kwargs)
        finally:
            spent["assess"] += time.perf_counter() - start

    real_read = swap(case_module, "read_case", timed_read)
    real_assess = swap(batch, "assess", timed_assess)
    lines: list[batch.Line] = []
    start = time.perf_counter()
    batch.run_batch(paths, pack, as_of=AS_OF, lang="en", passphrase=None, jobs=1, fmt="csv", on_line=lines.append)
    total = time.perf_counter() - start
    swap(case_module, "read_case", real_read)
    swap(batch, "assess", real_assess)
    errors = sum(line[1] for line in lines)

    import yaml  # the baseline's own work on the same files, in the same process

    start = time.perf_counter()
    for path in paths:
        with open(path, "rb") as handle:
            yaml.load(handle, Loader=yaml.CSafeLoader)
    parse = time.perf_counter() - start

    lines.clear()
    profiler = cProfile.Profile()
    profiler.enable()
    batch.run_batch(paths, pack, as_of=AS_OF, lang="en", passphrase=None, jobs=1, fmt="csv", on_line=lines.append)
    profiler.disable()
    stats: dict[tuple[str, int, str], tuple[Any, ...]] = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    profiled = sum(entry[2] for entry in stats.values())  # every function's own time
    cumulative: dict[tuple[str, str], float] = {}
    for (filename, _line, name), (_cc, _nc, _tt, ct, _callers) in stats.items():
        for suffix, function, _what in PARTS:
            if name == function and filename.endswith(suffix):
                cumulative[(suffix, function)] = max(cumulative.get((suffix, function), 0.0), ct)
    own = sorted(stats.items(), key=lambda item: -item[1][2])[:10]
    n = len(paths)
    print(
        json.dumps(
            {
                "files": n,
                "errors": errors,
                "per_file_ms": {
                    "all": 1000 * total / n,
                    "read": 1000 * spent["read"] / n,
                    "assess": 1000 * spent["assess"] / n,
                    "batch": 1000 * (total - spent["read"] - spent["assess"]) / n,
                    "parse": 1000 * parse / n,
                },
                "parts": [
                    {"what": what, "share": cumulative.get((suffix, function), 0.0) / profiled, "function": function}
                    for suffix, function, what in PARTS
                ],
                "own": [
                    {"function": f"{os.path.basename(filename)}:{name}", "share": entry[2] / profiled}
                    for (filename, _line, name), entry in own
                ],
            }
        )
    )


if __name__ == "__main__":
    main()
