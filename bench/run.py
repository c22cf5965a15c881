"""legalcli's benchmarks.  Every comparison is paired: the two commands run alternately,
A, B, A, B …, the same number of times, so that a slow moment of a shared machine falls
on both; a figure gives the median time of each and the median of the per-pair ratios.
Start-up figures compare with a one-command Typer app; batch with merely parsing the
same files with PyYAML's C loader; impact with batch.

    python bench/run.py [--quick] [--write docs/performance.md] [--program PATH]

--quick uses fewer runs and 2,000 instead of 10,000 case files.  --program names the
`legalcli` to measure (default: the console script installed beside this Python), run
as a user and the installed completion scripts run it.  A figure whose command fails
is reported as "not measured" with the reason; the other figures are still measured.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)

from bench.generate import case_files, changed_pack, synthetic_pack  # noqa: E402

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
AS_OF = "2026-11-24"
TIMEOUT = 120  # seconds; the longest run (impact over 10,000 files) takes about 10
SHELLS = ("bash", "zsh", "fish")


class NotMeasured(Exception):
    """A command of a figure failed or answered wrongly: the figure says why."""


@dataclass(frozen=True)
class Command:
    argv: list[str]
    env: dict[str, str]
    codes: tuple[int, ...] = (0,)  # the exit codes of a successful run
    fresh_cache: bool = False  # every run gets an empty cache folder (a cold start)
    check: Callable[[bytes], str | None] | None = None  # the first run's stdout -> what is wrong, or None

    def shown(self) -> str:
        words = [os.path.basename(self.argv[0]), *self.argv[1:]]
        return " ".join(words[:6]) + (" …" if len(words) > 6 else "")


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float  # user + system time of the process and every process it waited for


def run_once(command: Command, scratch: str, *, capture: bool = False) -> tuple[Timing, bytes]:
    """One run: wall time, and CPU time from the change in RUSAGE_CHILDREN (a batch's
    workers are waited for by the batch, so their time is counted too)."""
    env = dict(command.env)
    cold = None
    if command.fresh_cache:
        cold = tempfile.mkdtemp(prefix="cold-cache-", dir=scratch)
        env["XDG_CACHE_HOME"] = cold
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    try:
        # A session of its own, so that a run that hangs is ended with every process it
        # started (a worker left behind would hold its lock for ever).
        proc = subprocess.Popen(
            command.argv,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
    except OSError as exc:
        raise NotMeasured(f"`{command.shown()}` could not be started ({exc.strerror})") from None
    try:
        out, err = proc.communicate(timeout=TIMEOUT)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise NotMeasured(f"`{command.shown()}` did not end within {TIMEOUT} s (ended by the bench)") from None
    finally:
        if cold is not None:
            shutil.rmtree(cold, ignore_errors=True)
    if proc.returncode not in command.codes:
        said = [line for line in err.decode("utf-8", "replace").splitlines() if line.strip()]
        raise NotMeasured(f"`{command.shown()}` exited {proc.returncode}" + (f": {said[-1].strip()[:160]}" if said else ""))
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(wall, cpu), out or b""


def bounded(argv: list[str], env: dict[str, str]) -> tuple[int, bytes, bytes]:
    """Run a helper command (a profile, a memory probe) with the same time limit as a
    measured run: exit code, stdout, stderr."""
    proc = subprocess.Popen(
        argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    try:
        out, err = proc.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise NotMeasured(f"`{' '.join(os.path.basename(a) for a in argv[:3])} …` did not end within {TIMEOUT} s") from None
    return proc.returncode, out, err


def probe(command: Command, scratch: str) -> bytes:
    """The first run (a warm-up too): it must succeed and, where a check is given, answer
    as expected."""
    _, out = run_once(command, scratch, capture=True)
    if command.check is not None:
        problem = command.check(out)
        if problem:
            raise NotMeasured(f"`{command.shown()}` {problem}")
    return out


@dataclass(frozen=True)
class Paired:
    a: list[Timing]
    b: list[Timing]

    def wall(self, side: str) -> float:
        return statistics.median(t.wall for t in (self.a if side == "a" else self.b))

    def cpu(self, side: str) -> float:
        return statistics.median(t.cpu for t in (self.a if side == "a" else self.b))

    @property
    def ratio(self) -> float:
        """The median of the per-pair wall ratios B / A."""
        return statistics.median(b.wall / a.wall for a, b in zip(self.a, self.b, strict=True))

    @property
    def cpu_ratio(self) -> float:
        return statistics.median(b.cpu / a.cpu for a, b in zip(self.a, self.b, strict=True) if a.cpu > 0)


def paired(a: Command, b: Command, *, runs: int, scratch: str) -> Paired:
    """A and B alternately, `runs` times each, after one checked warm-up run of each."""
    probe(a, scratch)
    probe(b, scratch)
    times: tuple[list[Timing], list[Timing]] = ([], [])
    for _ in range(runs):
        times[0].append(run_once(a, scratch)[0])
        times[1].append(run_once(b, scratch)[0])
    return Paired(*times)


def repeated(command: Command, *, runs: int, scratch: str) -> tuple[float, bytes]:
    """The median wall time of a command with an absolute target, and its last output."""
    out = b""
    walls = []
    for _ in range(runs):
        timing, out = run_once(command, scratch, capture=True)
        walls.append(timing.wall)
    return statistics.median(walls), out


def import_profile(command: Command, top: int = 4) -> str:
    """The largest imports of one run (`-X importtime`), each with its largest direct
    imports, for a figure whose target is not met: what the command loads."""
    env = {**command.env, "PYTHONPROFILEIMPORTTIME": "1"}
    cold = tempfile.mkdtemp(prefix="cold-cache-") if command.fresh_cache else None
    if cold is not None:
        env["XDG_CACHE_HOME"] = cold
    try:
        _, _, err = bounded(command.argv, env)
    except NotMeasured as exc:
        return str(exc)
    finally:
        if cold is not None:
            shutil.rmtree(cold, ignore_errors=True)
    # Lines come children first: a module's line follows those of the modules it imported.
    roots: list[tuple[int, str, list[tuple[int, str]]]] = []
    pending: list[tuple[int, str]] = []  # direct imports of the next top-level line
    for line in err.decode("utf-8", "replace").splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if not match:
            continue
        depth = (len(match.group(3)) - 1) // 2
        entry = (int(match.group(2)), match.group(4))
        if depth == 0:
            roots.append((*entry, sorted(pending, reverse=True)))
            pending = []
        elif depth == 1:
            pending.append(entry)
    roots.sort(reverse=True)
    shown = []
    for us, name, children in roots[:top]:
        inner = ", ".join(f"{child} {cus / 1000:.0f}" for cus, child in children[:4] if cus >= 1000)
        shown.append(f"{name} {us / 1000:.0f} ms" + (f" ({inner})" if inner else ""))
    return "; ".join(shown) or "no import-time lines"


def program_path(option: str | None) -> str:
    if option:
        return os.path.abspath(option)
    beside = os.path.join(os.path.dirname(sys.executable), "legalcli")
    return beside if os.path.exists(beside) else (shutil.which("legalcli") or beside)


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


def load_average() -> str:
    try:
        return ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


class Report:
    """The figures as they are measured: printed at once, written at the end."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str]] = []  # what, figure, target, met
        self.notes: list[str] = []
        self.sections: list[str] = []

    def record(self, what: str, figure: str, target: str, met: bool | None) -> None:
        shown = "—" if met is None else ("yes" if met else "NO")
        self.rows.append((what, figure, target, shown))
        print(f"{what:52} {figure:>44}  target {target:>8}  {shown}", flush=True)

    def not_measured(self, what: str, target: str, exc: NotMeasured) -> None:
        self.record(what, f"not measured: {exc}", target, None)

    def note(self, text: str) -> None:
        self.notes.append(text)
        print(text, flush=True)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--write", metavar="FILE")
    parser.add_argument("--program", metavar="PATH", help="the legalcli executable to measure")
    options = parser.parse_args()
    started = time.perf_counter()
    quick = options.quick
    runs = 7 if quick else 21
    cold_runs = 5 if quick else 11
    batch_files = 2_000 if quick else 10_000
    batch_runs = 3 if quick else 7
    impact_runs = 2 if quick else 5
    py = sys.executable
    legalcli = [program_path(options.program)]
    work = tempfile.mkdtemp(prefix="legalcli-bench-")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LEGALCLI_", "_LEGALCLI_", "_TYPER_", "COMP_"))}
    env.update(XDG_CACHE_HOME=os.path.join(work, "cache"), LEGALCLI_LANG="en", NO_COLOR="1")
    report = Report()
    load_before = load_average()

    # An installed package has its bytecode compiled by pip; a source checkout under
    # PYTHONDONTWRITEBYTECODE would recompile every module on every run.
    subprocess.run([py, "-m", "compileall", "-q", os.path.join(ROOT, "legalcli")], check=True)
    ok_app = os.path.join(work, "ok_app.py")
    with open(ok_app, "w", encoding="utf-8") as handle:
        handle.write(OK_APP)
    base = Command([py, ok_app], env)
    pavel = os.path.join(ROOT, "examples", "pavel.yaml")
    from legalcli.loading.pack import default_rules_dir, load_pack

    shipped = load_pack(default_rules_dir())
    route = shipped.route_list[0].id

    # 1. Start-up, each command paired with the baseline Typer app.
    def is_json(out: bytes) -> str | None:
        try:
            json.loads(out)
        except ValueError:
            return "did not print JSON"
        return None

    def printed(out: bytes) -> str | None:
        return None if out.strip() else "printed nothing"

    def names(word: str) -> Callable[[bytes], str | None]:
        return lambda out: None if word.encode() in out else f"did not print {word!r}"

    startup = [
        ("assess CASE --no-input --format json (warm cache)", "<= 1.4x", 1.4,
         Command([*legalcli, "assess", pavel, "--no-input", "--format", "json"], env, check=is_json), runs),
        ("assess CASE --no-input --format json (empty cache)", "<= 2.0x", 2.0,
         Command([*legalcli, "assess", pavel, "--no-input", "--format", "json"], env, fresh_cache=True, check=is_json),
         cold_runs),
        ("--help", "<= 1.3x", 1.3, Command([*legalcli, "--help"], env, check=names("assess")), runs),
        ("routes", "<= 1.3x", 1.3, Command([*legalcli, "routes"], env, check=names(route)), runs),
        (f"explain {route}", "<= 1.3x", 1.3, Command([*legalcli, "explain", route], env, check=printed), runs),
        ("--version", "<= 1.1x", 1.1, Command([*legalcli, "--version"], env, check=names("legalcli")), runs),
    ]  # fmt: skip
    base_walls: list[float] = []
    for what, target, limit, command, n in startup:
        try:
            pair = paired(base, command, runs=n, scratch=work)
        except NotMeasured as exc:
            report.not_measured(what, target, exc)
            continue
        base_walls += [t.wall for t in pair.a]
        report.record(what, f"{ms(pair.wall('b'))} vs {ms(pair.wall('a'))} = {pair.ratio:.2f}x", target, pair.ratio <= limit)
        if pair.ratio > limit:
            report.note(f"`legalcli {what}` imports (-X importtime, largest first): {import_profile(command)}")

    # 2. TAB completion, as the installed scripts call the program: Typer's protocol.  A
    # static script (one that never calls the program) costs no process at all.
    protocol = {
        "bash": {"_LEGALCLI_COMPLETE": "complete_bash", "COMP_WORDS": "legalcli assess --fo", "COMP_CWORD": "2"},
        "zsh": {"_LEGALCLI_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "legalcli assess --fo"},
        "fish": {
            "_LEGALCLI_COMPLETE": "complete_fish",
            "_TYPER_COMPLETE_ARGS": "legalcli assess --fo",
            "_TYPER_COMPLETE_FISH_ACTION": "get-args",
        },
    }
    for shell in SHELLS:
        what = f"TAB completion ({shell})"
        try:
            script = probe(Command([*legalcli, "completion", shell], env), work)
        except NotMeasured:
            script = b""  # no `completion` command: measure the protocol all the same
        if script and b"_LEGALCLI_COMPLETE" not in script:
            report.record(what, "no process: the installed script is static", "<= 1.5x", True)
            continue
        command = Command(legalcli, {**env, **protocol[shell]}, check=names("--format"))
        try:
            pair = paired(base, command, runs=runs, scratch=work)
        except NotMeasured as exc:
            report.not_measured(what, "<= 1.5x", exc)
            continue
        base_walls += [t.wall for t in pair.a]
        report.record(what, f"{ms(pair.wall('b'))} vs {ms(pair.wall('a'))} = {pair.ratio:.2f}x", "<= 1.5x", pair.ratio <= 1.5)
        if pair.ratio > 1.5:
            report.note(f"TAB completion ({shell}) imports (-X importtime, largest first): {import_profile(command)}")
    baseline = statistics.median(base_walls) if base_walls else None

    # 3. batch against merely parsing the same files with PyYAML's C loader, paired.
    folder = os.path.join(work, "cases")
    paths = case_files(folder, batch_files)
    out = os.path.join(work, "rows.csv")
    parse = Command([py, "-c", PARSE_ALL, *paths], env)
    batch = Command([*legalcli, "batch", folder, "--as-of", AS_OF, "-o", out], env)
    what = f"batch over {batch_files:,} case files vs parse only"
    try:
        pair = paired(parse, batch, runs=batch_runs, scratch=work)
        report.record(
            what,
            f"{pair.wall('b'):.2f} s vs {pair.wall('a'):.2f} s = {pair.ratio:.2f}x "
            f"(CPU {pair.cpu('b'):.2f} s vs {pair.cpu('a'):.2f} s = {pair.cpu_ratio:.2f}x; "
            f"batch kept {pair.cpu('b') / pair.wall('b'):.1f} of {os.cpu_count()} cores busy)",
            "<= 2.0x",
            pair.ratio <= 2.0,
        )
    except NotMeasured as exc:
        report.not_measured(what, "<= 2.0x", exc)

    # 4. impact over the same files against batch with one pack (the old one).
    old_pack = os.path.join(work, "pack-old")
    shutil.copytree(default_rules_dir(), old_pack)
    new_pack = os.path.join(work, "pack-new")
    new_is = changed_pack(new_pack)
    report_file = os.path.join(work, "impact.txt")
    what = f"impact OLD NEW over {batch_files:,} case files vs batch"
    try:
        pair = paired(
            Command([*legalcli, "batch", folder, "--as-of", AS_OF, "--rules", old_pack, "-o", out], env),
            Command([*legalcli, "impact", old_pack, new_pack, folder, "--as-of", AS_OF, "-o", report_file], env, codes=(0, 1)),
            runs=impact_runs,
            scratch=work,
        )
        report.record(
            what,
            f"{pair.wall('b'):.2f} s vs {pair.wall('a'):.2f} s = {pair.ratio:.2f}x "
            f"(CPU {pair.cpu('b'):.2f} s vs {pair.cpu('a'):.2f} s = {pair.cpu_ratio:.2f}x)",
            "<= 2.5x",
            pair.ratio <= 2.5,
        )
        report.note(f"impact compared the shipped pack (OLD) with {new_is} (NEW).")
    except NotMeasured as exc:
        report.not_measured(what, "<= 2.5x", exc)

    # 5. Mutation testing of the shipped pack: an absolute target (CI runs it).
    what = "rules test --mutate, the shipped pack"
    try:
        mutate = Command([*legalcli, "rules", "test", "--mutate", "--format", "json"], env, codes=(0, 1))
        seconds, answer = repeated(mutate, runs=1 if quick else 3, scratch=work)
        try:
            said = json.loads(answer)
            count = int(said["mutants"])
        except (ValueError, KeyError, TypeError):
            raise NotMeasured(f"`{mutate.shown()}` printed no mutant count: {answer[:120]!r}") from None
        own = f"; it reports {float(said['per_second']):.0f}/s" if isinstance(said.get("per_second"), (int, float)) else ""
        report.record(what, f"{seconds:.1f} s: {count:,} mutants, {count / seconds:.0f}/s{own}", "<= 20 s", seconds <= 20)
    except NotMeasured as exc:
        report.not_measured(what, "<= 20 s", exc)

    # 6. Synthetic packs: rules check from an empty cache (what an author waits for after
    # an edit) and a warm assess, and how both grow with the pack.
    checks: dict[int, float] = {}
    assesses: dict[int, float] = {}
    for size in (100, 500, 2000):
        pack_dir = synthetic_pack(os.path.join(work, f"pack-{size}"), size, 500)
        try:
            checks[size], _ = repeated(
                # Exit 1 is a pack with warnings (facts no route reads): checked all the same.
                Command([*legalcli, "rules", "check", pack_dir], env, codes=(0, 1), fresh_cache=True),
                runs=1 if quick else 3,
                scratch=work,
            )
            assess_pack = Command([*legalcli, "assess", "--no-input", "--format", "json", "--rules", pack_dir], env)
            probe(assess_pack, work)  # fills the cache
            assesses[size], _ = repeated(assess_pack, runs=3 if quick else 5, scratch=work)
        except NotMeasured as exc:
            report.note(f"synthetic pack of {size} routes: not measured: {exc}")
    if 2000 in checks:
        report.record("rules check, 2,000 routes / 500 facts, empty cache", f"{checks[2000]:.2f} s", "< 3 s", checks[2000] < 3)
        report.record("assess (warm), 2,000 routes / 500 facts", f"{assesses[2000]:.2f} s", "< 0.5 s", assesses[2000] < 0.5)
    if len(checks) == 3:
        report.note(
            f"Growth with pack size: rules check {checks[100]:.2f} / {checks[500]:.2f} / {checks[2000]:.2f} s; "
            f"assess {assesses[100]:.2f} / {assesses[500]:.2f} / {assesses[2000]:.2f} s for 100 / 500 / 2,000 routes."
        )

    # 7. One interview step on the shipped pack (in process): the interview's own choice
    # of the next question (what it may still decide, in the lawyer's order).
    from legalcli.core.conditions import Value
    from legalcli.core.interview import next_question

    steps = []
    states: list[dict[str, Value]] = [
        {},
        {"service_status": "mobilised"},
        {"service_status": "mobilised", "location": "on_leave", "wounded_or_ill": True},
    ]
    for facts in states:
        for _ in range(50):
            start = time.perf_counter()
            next_question(shipped, facts, as_of=dt.date(2026, 11, 24))
            steps.append(time.perf_counter() - start)
    step = statistics.median(steps)
    report.record("one interview step (choosing the next question)", f"{step * 1000:.2f} ms", "< 20 ms", step < 0.020)

    # 8. Memory: batch's largest process at its peak over a fifth of the files and over
    # all of them; streamed output keeps it flat.
    fifth = os.path.join(work, "cases-fifth")
    os.makedirs(fifth)
    for path in paths[: batch_files // 5]:
        os.symlink(path, os.path.join(fifth, os.path.basename(path)))
    try:
        rss = [peak_rss([*legalcli, "batch", where, "--as-of", AS_OF, "-o", out], env) for where in (fifth, folder)]
        report.note(
            f"batch's largest process at its peak: {rss[0] / 1024:.0f} MB for {batch_files // 5:,} files, "
            f"{rss[1] / 1024:.0f} MB for {batch_files:,}."
        )
    except NotMeasured as exc:
        report.note(f"batch's peak memory: not measured ({exc}).")

    # 9. Where batch's CPU goes: a profile in a process of its own, and batch's start-up.
    profile = batch_profile(folder, 500 if quick else 2000, env)
    one = Command([*legalcli, "batch", paths[0], "--as-of", AS_OF, "-o", out], env)
    try:
        one_file, _ = repeated(one, runs=5, scratch=work)
        startup_line = f"{ms(one_file)} (a batch of one file); its largest imports: {import_profile(one)}"
    except NotMeasured as exc:
        startup_line = f"not measured: {exc}"
    report.sections.append(profile_section(profile, startup_line))

    elapsed = time.perf_counter() - started
    print(f"bench: {elapsed:.0f} s; load average before {load_before}, after {load_average()}")
    if options.write:
        write_report(options.write, baseline, report, " ".join(sys.argv), elapsed, load_before)
    shutil.rmtree(work, ignore_errors=True)


def peak_rss(command: list[str], env: dict[str, str]) -> int:
    """The peak resident set size, in KiB, of the largest process of a command (its
    worker processes included), measured by a fresh wrapper process."""
    wrapper = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    code, out, _ = bounded([sys.executable, "-c", wrapper, *command], env)
    if code != 0:
        raise NotMeasured("batch failed")
    return int(out)


def batch_profile(folder: str, count: int, env: dict[str, str]) -> dict[str, object] | str:
    """bench/profile_batch.py's answer, or why there is none."""
    try:
        code, out, err = bounded([sys.executable, os.path.join(HERE, "profile_batch.py"), folder, str(count)], env)
    except NotMeasured as exc:
        return str(exc)
    if code != 0:
        said = err.decode("utf-8", "replace").strip().splitlines()
        return f"the profile failed: {said[-1] if said else code}"
    answer: dict[str, object] = json.loads(out)
    return answer


def profile_section(profile: dict[str, object] | str, startup_line: str) -> str:
    lines = ["## Where batch's CPU goes", ""]
    if isinstance(profile, str):
        return "\n".join([*lines, f"Not profiled: {profile}.", ""])
    per_file = profile["per_file_ms"]
    parts = profile["parts"]
    own = profile["own"]
    assert isinstance(per_file, dict) and isinstance(parts, list) and isinstance(own, list)
    every = per_file["all"]
    lines += [
        f"`bench/profile_batch.py` runs what one of batch's workers does with a file over {profile['files']:,} of the",
        "bench's case files in one process: first timed by phase without a profiler, then under cProfile",
        "(which inflates call-heavy code, so its shares rank the parts rather than weigh them).",
        "",
        "| per case file, one process | ms | share |",
        "|---|---|---|",
        f"| reading the case file (read_case) | {per_file['read']:.3f} | {per_file['read'] / every:.0%} |",
        f"| assessing it (engine.assess, detail=False) | {per_file['assess']:.3f} | {per_file['assess'] / every:.0%} |",
        f"| batch's own work (row, top risk, line) | {per_file['batch']:.3f} | {per_file['batch'] / every:.0%} |",
        f"| all | {every:.3f} | |",
        f"| the baseline: PyYAML's C loader parsing the same file | {per_file['parse']:.3f} | |",
        "",
        f"One file costs batch {every / per_file['parse']:.1f} times the baseline's CPU; reading it alone (parsing,",
        "our nodes with their locations, the case schema) costs "
        f"{per_file['read'] / per_file['parse']:.1f} times the baseline's parse. Batch spreads the files",
        f"over {os.cpu_count()} cores and the baseline uses one, so its wall-time ratio is about this divided by",
        "the cores it gets, plus its start-up and the workers' overhead.",
        "",
        "Under cProfile, share of the profiled time spent in each part (calls included):",
        "",
        "| part | share |",
        "|---|---|",
    ]
    lines += [f"| {'&nbsp;' * (len(p['what']) - len(p['what'].lstrip()))}{p['what'].strip()} (`{p['function']}`) "
              f"| {p['share']:.0%} |" for p in parts]  # fmt: skip
    inside = [p for p in parts if p["what"].startswith("  ") and not p["what"].startswith("    ")]
    engine_parts = inside[next(i for i, p in enumerate(inside) if p["function"] == "route_status") :]
    largest = max(engine_parts, key=lambda p: float(p["share"]))
    lines += [
        "",
        f"The largest part of assessing is {largest['what'].strip()} "
        f"(`{largest['function']}`, {largest['share']:.0%} of the profile).",
        "",
        "Largest own time under cProfile: " + ", ".join(f"`{o['function']}` {o['share']:.0%}" for o in own[:8]) + ".",
        "",
        f"Start-up: {startup_line}.",
        "",
    ]
    return "\n".join(lines)


def write_report(path: str, baseline: float | None, report: Report, command: str, elapsed: float, load: str) -> None:
    lines = [
        "# Performance",
        "",
        "Measured by `bench/run.py` (data from `bench/generate.py`, seeded); this file is written by",
        "the benchmark itself. Every comparison is paired: the two commands run alternately, A, B,",
        "A, B …, the same number of times; a figure gives the median time of each and the median",
        "of the per-pair ratios, so the targets compare on any machine. Start-up figures compare",
        "with a one-command Typer app; batch with parsing the same files with PyYAML's C loader",
        "(one process; batch uses every core); impact with batch. CPU is user + system time of",
        "the command and every process it waited for (batch's workers).",
        "",
        f"- Machine: {machine()}; load average before the run: {load}",
        f"- Date: {dt.date.today().isoformat()}; the whole run took {elapsed / 60:.1f} min",
        f"- Command: `python {command}`",
    ]
    if baseline is not None:
        lines.append(f'- Baseline: a one-command Typer app that prints "ok": {ms(baseline)}')
    lines += ["", "| what | figure | target | met |", "|---|---|---|---|"]
    lines += [f"| {what} | {figure.replace('|', '/')} | {target} | {met} |" for what, figure, target, met in report.rows]
    lines += ["", "Also measured:", ""]
    lines += [f"- {note}" for note in report.notes]
    lines += ["", *report.sections]
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines))


if __name__ == "__main__":
    main()
