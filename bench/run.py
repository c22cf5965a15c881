"""legalcli's benchmarks.  Every figure is a median, and every target is a ratio against
a baseline measured in the same run, on the same machine.

    python bench/run.py [--quick] [--write docs/performance.md]

--quick uses fewer repetitions and 2,000 instead of 10,000 batch files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)

from bench.generate import case_files, synthetic_pack  # noqa: E402

OK_APP = """import typer

app = typer.Typer()


@app.command()
def main() -> None:
    print("ok")


app()
"""
PARSE_ALL = """import sys, yaml
for path in sys.argv[1:]:
    with open(path, "rb") as handle:
        yaml.load(handle, Loader=yaml.CSafeLoader)
"""


def wall(command: list[str], *, runs: int, env: dict[str, str] | None = None, warmup: int = 1) -> float:
    """Median wall time of a command, in seconds."""
    full = {**os.environ, **(env or {})}
    for _ in range(warmup):
        subprocess.run(command, env=full, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(command, env=full, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
        times.append(time.perf_counter() - start)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{command} failed: {proc.stderr.decode()[-500:]}")
    return statistics.median(times)


def paired(first: list[str], second: list[str], *, runs: int, env: dict[str, str]) -> tuple[float, float, float]:
    """Median wall times of two commands run alternately, round by round, and the median
    of their per-round ratios (second / first): a slow moment of a shared machine falls
    on both."""
    full = {**os.environ, **env}
    times: tuple[list[float], list[float]] = ([], [])
    for command in (first, second):  # warm-up (caches, page cache)
        subprocess.run(command, env=full, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    for _ in range(runs):
        for index, command in enumerate((first, second)):
            start = time.perf_counter()
            proc = subprocess.run(command, env=full, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
            times[index].append(time.perf_counter() - start)
            if proc.returncode not in (0, 1):
                raise SystemExit(f"{command} failed: {proc.stderr.decode()[-500:]}")
    ratios = [b / a for a, b in zip(*times, strict=True)]
    return statistics.median(times[0]), statistics.median(times[1]), statistics.median(ratios)


def peak_rss(command: list[str], env: dict[str, str]) -> int:
    """The peak resident set size, in KiB, of the largest process of a command (its
    worker processes included), measured by a fresh wrapper process."""
    probe = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe, *command], env={**os.environ, **env}, capture_output=True, check=True)
    return int(done.stdout)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--write", metavar="FILE")
    options = parser.parse_args()
    runs = 7 if options.quick else 21
    batch_files = 2_000 if options.quick else 10_000
    py = sys.executable
    legalcli = [py, "-m", "legalcli"]
    work = tempfile.mkdtemp(prefix="legalcli-bench-")
    cache = os.path.join(work, "cache")
    env = {"XDG_CACHE_HOME": cache, "LEGALCLI_LANG": "en"}
    results: list[tuple[str, str, str, str]] = []  # (what, figure, target, met)

    def record(what: str, figure: str, target: str, met: bool) -> None:
        results.append((what, figure, target, "yes" if met else "NO"))
        print(f"{what:58} {figure:>26}  target {target:>10}  {'met' if met else 'NOT MET'}", flush=True)

    # An installed package has its bytecode compiled by pip; a source checkout under
    # PYTHONDONTWRITEBYTECODE would recompile every module on every run.
    subprocess.run([py, "-m", "compileall", "-q", os.path.join(ROOT, "legalcli")], check=True)
    ok_app = os.path.join(work, "ok_app.py")
    with open(ok_app, "w", encoding="utf-8") as handle:
        handle.write(OK_APP)
    pavel = os.path.join(ROOT, "examples", "pavel.yaml")

    # 1. Start-up.  The baseline and each command are run alternately round by round,
    # so that a slow moment of a shared machine falls on both.
    base = wall([py, ok_app], runs=runs, env=env)
    wall([*legalcli, "assess", pavel, "--no-input", "--format", "json"], runs=1, env=env)  # warms the cache
    assess_t = wall([*legalcli, "assess", pavel, "--no-input", "--format", "json"], runs=runs, env=env)
    # The same assessment through Typer (the fast path leaves `--debug` to it): not a
    # target, reported so the fast path's share is visible.
    typer_t = wall([*legalcli, "--debug", "assess", pavel, "--no-input", "--format", "json"], runs=runs, env=env)
    version_t = wall([*legalcli, "--version"], runs=runs, env=env)
    complete_env = {**env, "_LEGALCLI_COMPLETE": "complete_bash", "COMP_WORDS": "legalcli assess --fo", "COMP_CWORD": "2"}
    complete_t = wall([*legalcli], runs=runs, env=complete_env)
    base2 = wall([py, ok_app], runs=runs, env=env)
    base = statistics.median([base, base2])
    print(f"baseline: a one-command Typer app printing ok: {base * 1000:.0f} ms")
    record(
        "assess CASE --no-input --format json (warm cache)",
        f"{assess_t * 1000:.0f} ms = {assess_t / base:.2f}x",
        "<= 1.3x",
        assess_t / base <= 1.3,
    )
    through_typer = (
        f"the same assess through Typer (an argument list the fast path leaves to it, here with --debug): "
        f"{typer_t * 1000:.0f} ms = {typer_t / base:.2f}x"
    )
    print(through_typer)
    record("--version", f"{version_t * 1000:.0f} ms = {version_t / base:.2f}x", "<= 1.1x", version_t / base <= 1.1)
    record("TAB completion (bash)", f"{complete_t * 1000:.0f} ms = {complete_t / base:.2f}x", "<= 1.1x", complete_t / base <= 1.1)

    # 2. Batch against merely parsing the same files with PyYAML's C loader.
    folder = os.path.join(work, "cases")
    paths = case_files(folder, batch_files)
    parse_t = wall([py, "-c", PARSE_ALL, *paths], runs=3, env=env)
    out = os.path.join(work, "rows.csv")
    batch_t = wall([*legalcli, "batch", folder, "--as-of", "2026-11-24", "-o", out], runs=3, env=env)
    # Memory: the largest process's peak RSS over a fifth of the files and over all of
    # them; streamed output keeps it flat.
    fifth = os.path.join(work, "cases-fifth")
    os.makedirs(fifth)
    for path in paths[: batch_files // 5]:
        os.symlink(path, os.path.join(fifth, os.path.basename(path)))
    rss = [peak_rss([*legalcli, "batch", folder_, "--as-of", "2026-11-24", "-o", out], env) for folder_ in (fifth, folder)]
    memory = (
        f"batch's largest process at its peak: {rss[0] / 1024:.0f} MB for {batch_files // 5:,} files, "
        f"{rss[1] / 1024:.0f} MB for {batch_files:,}"
    )
    print(memory)
    record(
        f"batch over {batch_files:,} case files vs parse only",
        f"{batch_t:.2f} s vs {parse_t:.2f} s = {batch_t / parse_t:.2f}x",
        "<= 2.0x",
        batch_t / parse_t <= 2.0,
    )

    # 2b. impact over the same files against batch with one pack: the shipped pack and a
    # copy with one route changed (issue 17's target: at most 2.5 times batch).
    import shutil

    from legalcli.loading.pack import default_rules_dir

    old_pack = os.path.join(work, "pack-old")
    new_pack = os.path.join(work, "pack-new")
    shutil.copytree(default_rules_dir(), old_pack)
    shutil.copytree(default_rules_dir(), new_pack)
    changed_route = os.path.join(new_pack, "routes", "return-to-unit.yaml")
    with open(changed_route, encoding="utf-8") as handle:
        text = handle.read()
    with open(changed_route, "w", encoding="utf-8") as handle:
        handle.write(text.replace("{fact: days_absent, le: 2}", "{fact: days_absent, le: 3}"))
    report = os.path.join(work, "impact.txt")
    batch_p, impact_t, impact_ratio = paired(
        [*legalcli, "batch", folder, "--as-of", "2026-11-24", "--rules", old_pack, "-o", out],
        [*legalcli, "impact", old_pack, new_pack, folder, "--as-of", "2026-11-24", "-o", report],
        runs=3,
        env=env,
    )
    record(
        f"impact over {batch_files:,} case files vs batch with one pack",
        f"{impact_t:.2f} s vs {batch_p:.2f} s = {impact_ratio:.2f}x",
        "<= 2.5x",
        impact_ratio <= 2.5,
    )

    # 2c. Mutation testing of the shipped pack (an absolute target: it runs in CI).
    import json

    mutate_times = []
    report_json: dict[str, float] = {}
    for _ in range(3):
        start = time.perf_counter()
        done = subprocess.run(
            [*legalcli, "rules", "test", "--mutate", "--format", "json"],
            env={**os.environ, **env},
            capture_output=True,
            check=False,
        )
        mutate_times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):
            raise SystemExit(f"rules test --mutate failed: {done.stderr.decode()[-500:]}")
        report_json = json.loads(done.stdout)
    mutate_t = statistics.median(mutate_times)
    record(
        "rules test --mutate, the shipped pack",
        f"{mutate_t:.1f} s, {report_json['mutants']:,} mutants, {report_json['mutants'] / mutate_t:.0f}/s",
        "<= 20 s",
        mutate_t <= 20,
    )

    # 3. Synthetic packs: rules check (cold) and a warm assess, growth with size.
    checks: dict[int, float] = {}
    assesses: dict[int, float] = {}
    for size in (100, 500, 2000):
        pack_dir = synthetic_pack(os.path.join(work, f"pack-{size}"), size, 500)
        checks[size] = wall([*legalcli, "rules", "check", pack_dir], runs=3 if size == 2000 else 5, env=env, warmup=0)
        assesses[size] = wall([*legalcli, "assess", "--no-input", "--format", "json", "--rules", pack_dir], runs=5, env=env)
    record("rules check, 2,000 routes / 500 facts", f"{checks[2000]:.2f} s", "< 3 s", checks[2000] < 3)
    record("assess (warm), 2,000 routes / 500 facts", f"{assesses[2000]:.2f} s", "< 0.5 s", assesses[2000] < 0.5)
    growth = (
        f"rules check {checks[100]:.2f} / {checks[500]:.2f} / {checks[2000]:.2f} s; "
        f"assess {assesses[100]:.2f} / {assesses[500]:.2f} / {assesses[2000]:.2f} s for 100 / 500 / 2,000 routes"
    )
    print(growth)

    # 4. One interview step on the shipped pack (in process).
    from legalcli.core.conditions import Value
    from legalcli.core.engine import next_question
    from legalcli.loading.pack import default_rules_dir, load_pack

    pack = load_pack(default_rules_dir())
    steps = []
    states: list[dict[str, Value]] = [
        {},
        {"service_status": "mobilised"},
        {"service_status": "mobilised", "location": "on_leave", "wounded_or_ill": True},
    ]
    for facts in states:
        for _ in range(50):
            start = time.perf_counter()
            next_question(pack, facts, as_of=dt.date(2026, 11, 24))
            steps.append(time.perf_counter() - start)
    step = statistics.median(steps)
    record("one interview step (choosing the next question)", f"{step * 1000:.2f} ms", "< 20 ms", step < 0.020)

    if options.write:
        write_report(options.write, base, results, [through_typer, memory, growth], " ".join(sys.argv))


def write_report(path: str, base: float, results: list[tuple[str, str, str, str]], notes: list[str], command: str) -> None:
    lines = [
        "# Performance",
        "",
        "Measured by `bench/run.py` (data from `bench/generate.py`, seeded). Figures are medians;",
        "every target is a ratio against a baseline measured in the same run, so they",
        "compare on any machine. This file is written by the benchmark itself.",
        "",
        f"- Machine: {machine()}",
        f"- Date: {dt.date.today().isoformat()}",
        f"- Command: `python {command}`",
        f'- Baseline: a one-command Typer app that prints "ok": {base * 1000:.0f} ms',
        "",
        "| what | figure | target | met |",
        "|---|---|---|---|",
    ]
    lines += [f"| {what} | {figure} | {target} | {met} |" for what, figure, target, met in results]
    lines += ["", "Also measured:", "", f"- {notes[0]}.", f"- {notes[1]}.", "", f"Growth with pack size: {notes[2]}.", ""]
    lines += [
        "Where the time goes, what was done for each figure, and what is left: docs/decisions.md,",
        'section "Start-up and batch: measured, and what is left".',
        "",
    ]
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines))


if __name__ == "__main__":
    main()
