#!/usr/bin/env python3
"""Whole-process benchmarks of caulk, side by side with hadolint, Trivy and
Checkov on the same files in the same run. Run it through `scripts/bench.sh`,
which builds the release binary first.

Measures (median wall time, peak RSS from `/usr/bin/time -v`):
  - one two-line Dockerfile (start-up), every tool;
  - the corpus Dockerfiles and Kubernetes manifests, every tool that lints them;
  - the whole corpus in one caulk run;
  - the corpus replicated 1x, 10x and 100x in a temporary tree (linear scaling);
  - one thread against two on the 10x tree (parallel speed-up);
  - one 50 MB multi-document manifest (throughput, memory against file size).

Writes `target/bench/results.md` (machine, table, targets) and
`target/bench/results.json`; `--update-docs` copies the Markdown into
`docs/benchmarks.md` between its `bench:results` markers.
"""

import argparse
import datetime
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MB = 1_000_000
MIB = 1024 * 1024
START_MARK = "<!-- bench:results:start -->"
END_MARK = "<!-- bench:results:end -->"
SMALL_DOCKERFILE = "FROM debian:bookworm-slim\nCMD [\"echo\", \"hello\"]\n"


def log(message):
    print(message, file=sys.stderr, flush=True)


def find_tool(name):
    """The tool's real executable: a pyenv shim adds ~100 ms of bash and
    Python to every run, which is not the tool's own cost."""
    path = shutil.which(name)
    if path and "/shims/" in path and shutil.which("pyenv"):
        real = subprocess.run(["pyenv", "which", name], capture_output=True, text=True)
        if real.returncode == 0 and real.stdout.strip():
            path = real.stdout.strip()
    return path


def version_of(argv):
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    text = (out.stdout or out.stderr).strip().splitlines()
    return text[0].strip() if text else "unknown"


def tree_size(path):
    files, size = 0, 0
    for dirpath, _, names in os.walk(path):
        for name in names:
            files += 1
            size += os.path.getsize(os.path.join(dirpath, name))
    return files, size


class Bench:
    def __init__(self, args, tmp):
        self.args = args
        self.tmp = tmp
        self.hyperfine = None if args.no_hyperfine else shutil.which("hyperfine")
        self.time_v = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
        self.rows = []
        self.counter = 0

    def runs(self, fast, slow=False):
        """Runs per measurement: `fast` for caulk, fewer for the slow tools."""
        if slow:
            return max(1, self.args.tool_runs)
        return max(2, fast // 4) if self.args.quick else fast

    def measure(self, group, tool, argv, files, size, *, runs, warmup=1, env=None, slow=False):
        self.counter += 1
        out_path = os.path.join(self.tmp, f"output-{self.counter}.txt")
        env_prefix = ["env"] + [f"{k}={v}" for k, v in env.items()] if env else []
        full = env_prefix + argv
        if self.args.quick and slow:
            warmup = 0
        log(f"  {group} / {tool}: {runs} runs ...")
        started = time.monotonic()
        if self.hyperfine:
            times, codes = self.with_hyperfine(full, runs, warmup, out_path)
        else:
            times, codes = self.with_own_runs(full, runs, warmup, out_path)
        rss = self.peak_rss(full, out_path, 1 if slow or runs <= 3 else 3)
        median = statistics.median(times)
        row = {
            "group": group,
            "tool": tool,
            "command": shlex.join(argv) if len(shlex.join(argv)) < 300 else f"{shlex.join(argv[:4])} … ({len(argv) - 4} more arguments)",
            "env": env or {},
            "files": files,
            "bytes": size,
            "runs": len(times),
            "median_s": median,
            "min_s": min(times),
            "max_s": max(times),
            "peak_rss_mib": rss,
            "exit_codes": sorted(set(codes)),
            "output_bytes": os.path.getsize(out_path) if os.path.exists(out_path) else 0,
        }
        self.rows.append(row)
        log(
            f"    median {median * 1000:.1f} ms, peak {rss:.1f} MiB, exit {row['exit_codes']}, "
            f"{time.monotonic() - started:.0f} s"
        )
        return row

    def with_hyperfine(self, argv, runs, warmup, out_path):
        export = os.path.join(self.tmp, f"hyperfine-{self.counter}.json")
        cmd = [
            self.hyperfine, "-N", "-i", "--style", "none",
            "--warmup", str(warmup), "--runs", str(runs),
            "--output", out_path, "--export-json", export,
            shlex.join(argv),
        ]
        done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if done.returncode != 0:
            sys.exit(f"hyperfine failed on {shlex.join(argv)}:\n{done.stderr}")
        with open(export) as f:
            result = json.load(f)["results"][0]
        return result["times"], result.get("exit_codes", [])

    def with_own_runs(self, argv, runs, warmup, out_path):
        times, codes = [], []
        for i in range(warmup + runs):
            with open(out_path, "wb") as out:
                start = time.perf_counter()
                done = subprocess.run(argv, stdout=out, stderr=subprocess.DEVNULL)
                elapsed = time.perf_counter() - start
            if i >= warmup:
                times.append(elapsed)
                codes.append(done.returncode)
        return times, codes

    def peak_rss(self, argv, out_path, runs):
        """Median peak resident set size in MiB (the largest process of the
        tree, as `/usr/bin/time -v` reports it)."""
        peaks = []
        for _ in range(runs):
            with open(out_path, "wb") as out:
                if self.time_v:
                    done = subprocess.run(
                        [self.time_v, "-v"] + argv, stdout=out, stderr=subprocess.PIPE, text=True
                    )
                    found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
                    peaks.append(int(found.group(1)) / 1024 if found else float("nan"))
                else:
                    proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.DEVNULL)
                    _, _, usage = os.wait4(proc.pid, 0)
                    peaks.append(usage.ru_maxrss / 1024)
        return statistics.median(peaks)


def make_scaled_tree(corpus, dest, copies):
    for i in range(copies):
        for part in ("dockerfiles", "k8s"):
            shutil.copytree(os.path.join(corpus, part), os.path.join(dest, f"copy-{i:03}", part))


def make_big_manifest(caulk, corpus, dest, target_bytes):
    """Real manifests from the corpus, one document stream of `target_bytes`
    or more. Files caulk cannot load (CK1000) and Helm templates are left
    out, so every byte is linted."""
    k8s = os.path.join(corpus, "k8s")
    report = subprocess.run(
        [caulk, "check", "-f", "json", "--select", "CK1000", "--failure-threshold", "none", "."],
        cwd=k8s, capture_output=True, text=True,
    )
    broken = {f["path"] for f in json.loads(report.stdout)["findings"]}
    documents = []
    for dirpath, _, names in sorted(os.walk(k8s)):
        for name in sorted(names):
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, k8s).replace(os.sep, "/")
            if not name.endswith((".yaml", ".yml")) or rel in broken:
                continue
            with open(path, encoding="utf-8") as f:
                text = f.read()
            if "{{" in text:
                continue
            text = re.sub(r"\A(---[^\n]*\n)+", "", text)
            if not text.endswith("\n"):
                text += "\n"
            documents.append(text)
    size = 0
    with open(dest, "w", encoding="utf-8") as out:
        while size < target_bytes:
            for text in documents:
                chunk = "---\n" + text
                out.write(chunk)
                size += len(chunk.encode())
                if size >= target_bytes:
                    break
    return len(documents), size


def machine(caulk, tools, timer):
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = "unknown"
    try:
        with open("/proc/meminfo") as f:
            kb = int(next(l.split()[1] for l in f if l.startswith("MemTotal")))
            mem = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        pass
    os_name = platform.system()
    try:
        with open("/etc/os-release") as f:
            os_name = next(l.split("=", 1)[1].strip().strip('"') for l in f if l.startswith("PRETTY_NAME"))
    except (OSError, StopIteration):
        pass
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip() or "unknown"
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": mem,
        "os": f"{os_name}, Linux {platform.release()}",
        "rustc": version_of(["rustc", "--version"]),
        "caulk": f"{version_of([caulk, '--version'])} (commit {commit}{', modified' if dirty else ''})",
        "tools": tools,
        "timer": timer,
    }


def fmt_time(s):
    return f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s"


def render(info, rows, targets, load_before, load_after):
    lines = []
    lines.append(f"Measured {info['date']} with `scripts/bench.sh`.")
    lines.append("")
    lines.append("| machine | |")
    lines.append("|---|---|")
    lines.append(f"| CPU | {info['cpu']}, {info['cores']} logical cores |")
    lines.append(f"| memory | {info['memory']} |")
    lines.append(f"| system | {info['os']} |")
    lines.append(f"| load average (1, 5, 15 min) | before {load_before}; after {load_after} |")
    lines.append(f"| caulk | {info['caulk']}, {info['rustc']} |")
    for name, version in info["tools"].items():
        lines.append(f"| {name} | {version} |")
    lines.append(f"| timing | {info['timer']}; peak memory from `/usr/bin/time -v` |")
    lines.append("")
    lines.append(
        "Wall time is the median of the runs; `× caulk` is how many times longer the tool "
        "took than caulk on the same files (its throughput is that many times lower). "
        "MB are 10⁶ bytes."
    )
    lines.append("")
    lines.append("| files | tool | runs | median wall | files/s | MB/s | peak RSS | × caulk |")
    lines.append("|---|---|---:|---:|---:|---:|---:|---:|")
    caulk_by_group = {}
    for row in rows:
        if row["tool"] == "caulk":
            caulk_by_group.setdefault(row["group"], row)
    for row in rows:
        base = caulk_by_group.get(row["group"])
        ratio = ""
        if base and row is not base and row["tool"].split(" ")[0] != "caulk":
            ratio = f"{row['median_s'] / base['median_s']:,.0f}×"
        label = row["group"]
        files_per_s = f"{row['files'] / row['median_s']:,.0f}" if row["files"] > 1 else ""
        mbps = row["bytes"] / MB / row["median_s"]
        lines.append(
            f"| {label} | {row['tool']} | {row['runs']} | {fmt_time(row['median_s'])} | "
            f"{files_per_s} | {mbps:,.2f} | {row['peak_rss_mib']:.1f} MiB | {ratio} |"
        )
    lines.append("")
    lines.append("| target | measured | |")
    lines.append("|---|---|---|")
    for name, measured, met in targets:
        verdict = "met" if met else ("**not met**" if met is not None else "not measured")
        lines.append(f"| {name} | {measured} | {verdict} |")
    lines.append("")
    lines.append("Commands (paths shortened; `$T` is the temporary folder):")
    lines.append("")
    seen = set()
    for row in rows:
        command = row["command"]
        if row["env"]:
            command = " ".join(f"{k}={v}" for k, v in row["env"].items()) + " " + command
        if command in seen:
            continue
        seen.add(command)
        lines.append(f"- {row['group']}, {row['tool']}: `{command}`")
    lines.append("")
    return "\n".join(lines)


def evaluate(rows, big_bytes):
    def find(group, tool="caulk"):
        return next((r for r in rows if r["group"] == group and r["tool"] == tool), None)

    targets = []
    corpus = find(GROUP_CORPUS)
    if corpus:
        targets.append(("whole corpus under 100 ms wall", fmt_time(corpus["median_s"]), corpus["median_s"] < 0.100))
        targets.append(("whole corpus under 40 MiB peak", f"{corpus['peak_rss_mib']:.1f} MiB", corpus["peak_rss_mib"] < 40))
    for group in (GROUP_DOCKERFILES, GROUP_K8S):
        base = find(group)
        for tool in ("hadolint", "trivy"):
            other = find(group, tool)
            if base and other:
                ratio = other["median_s"] / base["median_s"]
                targets.append((f"≥100× {tool}'s throughput ({group})", f"{ratio:,.0f}×", ratio >= 100))
    small = find(GROUP_SMALL)
    if small:
        targets.append(("one small file under 5 ms", fmt_time(small["median_s"]), small["median_s"] < 0.005))
    one = find(GROUP_X1)
    for copies, group in ((10, GROUP_X10), (100, GROUP_X100)):
        scaled = find(group)
        if one and scaled:
            ratio = scaled["median_s"] / one["median_s"]
            targets.append(
                (f"{copies}× the corpus takes ~{copies}× as long (at most {copies * 1.25:g}×)", f"{ratio:.1f}×", ratio <= copies * 1.25)
            )
    single = find(GROUP_THREADS, "caulk 1 thread")
    double = find(GROUP_THREADS, "caulk 2 threads")
    if single and double:
        speedup = single["median_s"] / double["median_s"]
        targets.append(("parallel speed-up on 2 cores ≥ 1.7×", f"{speedup:.2f}×", speedup >= 1.7))
    big = find(GROUP_BIG)
    if big:
        rate = big_bytes / MB / big["median_s"]
        targets.append(("50 MB manifest at ≥ 50 MB/s", f"{rate:.1f} MB/s", rate >= 50))
        factor = big["peak_rss_mib"] * MIB / big_bytes
        targets.append(("50 MB manifest: memory under 5× the file", f"{factor:.1f}× ({big['peak_rss_mib']:.0f} MiB)", factor < 5))
    return targets


GROUP_SMALL = "one 2-line Dockerfile (start-up)"
GROUP_DOCKERFILES = "corpus Dockerfiles"
GROUP_K8S = "corpus manifests"
GROUP_CORPUS = "whole corpus"
GROUP_X1 = "corpus ×1 (copy)"
GROUP_X10 = "corpus ×10"
GROUP_X100 = "corpus ×100"
GROUP_THREADS = "corpus ×10, threads"
GROUP_BIG = "one 50 MB manifest"


def update_docs(markdown):
    path = os.path.join(ROOT, "docs", "benchmarks.md")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    start, end = text.find(START_MARK), text.find(END_MARK)
    if start < 0 or end < start:
        sys.exit(f"{path} has no {START_MARK} … {END_MARK} section")
    text = text[: start + len(START_MARK)] + "\n" + markdown + "\n" + text[end:]
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    log(f"updated {path}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--caulk", default=os.path.join(ROOT, "target", "release", "caulk"))
    parser.add_argument("--corpus", default=os.environ.get("CAULK_CORPUS", os.path.join(ROOT, "..", "shared", "corpus")))
    parser.add_argument("--out", default=os.path.join(ROOT, "target", "bench"), help="folder for results.md and results.json")
    parser.add_argument("--quick", action="store_true", help="fewer runs and no 100x tree: a smoke run")
    parser.add_argument("--tool-runs", type=int, default=3, help="timed runs of each slow tool (default 3)")
    parser.add_argument("--no-tools", action="store_true", help="time caulk only")
    parser.add_argument("--no-hyperfine", action="store_true", help="time with own repeated runs even if hyperfine is installed")
    parser.add_argument("--keep-temp", action="store_true", help="keep the generated trees")
    parser.add_argument("--update-docs", action="store_true", help="write the results into docs/benchmarks.md")
    args = parser.parse_args()
    args.quick_tools = args.quick
    if args.quick and args.tool_runs == 3:
        args.tool_runs = 1

    caulk = os.path.abspath(args.caulk)
    corpus = os.path.abspath(args.corpus)
    if not os.access(caulk, os.X_OK):
        sys.exit(f"no caulk binary at {caulk}: run scripts/bench.sh, which builds it")
    for part in ("dockerfiles", "k8s"):
        if not os.path.isdir(os.path.join(corpus, part)):
            sys.exit(f"no corpus at {corpus} (expected {part}/ in it): pass --corpus or set CAULK_CORPUS")

    load_before = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    tools = {}
    if not args.no_tools:
        for name, flag in (("hadolint", "--version"), ("trivy", "--version"), ("checkov", "--version")):
            path = find_tool(name)
            if path:
                tools[name] = path
            else:
                log(f"{name} not installed: skipped")
    versions = {name: version_of([path, "--version"]) for name, path in tools.items()}

    tmp = tempfile.mkdtemp(prefix="caulk-bench-")
    bench = Bench(args, tmp)
    timer = (
        f"hyperfine {version_of([bench.hyperfine, '--version']).split()[-1]} (`-N`, output to a file)"
        if bench.hyperfine else "own repeated runs (hyperfine not installed)"
    )
    try:
        run_all(bench, caulk, corpus, tools, tmp)
    finally:
        load_after = ", ".join(f"{x:.2f}" for x in os.getloadavg())
        if not args.keep_temp:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            log(f"kept {tmp}")

    info = machine(caulk, versions, timer)
    targets = evaluate(bench.rows, bench.big_bytes)
    markdown = render(info, bench.rows, targets, load_before, load_after)
    markdown = markdown.replace(tmp, "$T").replace(corpus, "corpus").replace(caulk, "caulk")
    for name, path in tools.items():
        markdown = markdown.replace(path, name)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "results.md"), "w", encoding="utf-8") as f:
        f.write(markdown)
    with open(os.path.join(args.out, "results.json"), "w", encoding="utf-8") as f:
        json.dump({"machine": info, "load_before": load_before, "load_after": load_after, "rows": bench.rows,
                   "targets": [{"target": t, "measured": m, "met": ok} for t, m, ok in targets]}, f, indent=2)
    print(markdown)
    log(f"wrote {os.path.join(args.out, 'results.md')}")
    if args.update_docs:
        update_docs(markdown)


def run_all(bench, caulk, corpus, tools, tmp):
    args = bench.args
    bench.big_bytes = 0
    check = [caulk, "check", "--no-color"]
    hadolint, trivy, checkov = tools.get("hadolint"), tools.get("trivy"), tools.get("checkov")
    trivy_config = [trivy, "config", "--format", "json", "--skip-check-update", "--disable-telemetry",
                    "--skip-version-check", "--quiet"] if trivy else None
    checkov_common = ["-o", "json", "--skip-download", "--soft-fail"]
    slow = bench.runs(0, slow=True)

    log("start-up")
    small_dir = os.path.join(tmp, "small")
    os.makedirs(small_dir)
    small = os.path.join(small_dir, "Dockerfile")
    with open(small, "w") as f:
        f.write(SMALL_DOCKERFILE)
    size = len(SMALL_DOCKERFILE)
    bench.measure(GROUP_SMALL, "caulk", check + [small], 1, size, runs=bench.runs(40), warmup=5)
    if hadolint:
        bench.measure(GROUP_SMALL, "hadolint", [hadolint, "-f", "json", "--no-fail", small], 1, size, runs=bench.runs(20), warmup=2)
    if trivy:
        bench.measure(GROUP_SMALL, "trivy", trivy_config + [small_dir], 1, size, runs=slow + 2, slow=True)
    if checkov:
        bench.measure(GROUP_SMALL, "checkov", [checkov, "-f", small, "--framework", "dockerfile"] + checkov_common,
                      1, size, runs=slow + 2, slow=True)

    dockerfiles = os.path.join(corpus, "dockerfiles")
    files, size = tree_size(dockerfiles)
    log(f"{GROUP_DOCKERFILES} ({files} files)")
    bench.measure(GROUP_DOCKERFILES, "caulk", check + [dockerfiles], files, size, runs=bench.runs(20), warmup=3)
    if hadolint:
        listed = sorted(os.path.join(d, n) for d, _, names in os.walk(dockerfiles) for n in names)
        bench.measure(GROUP_DOCKERFILES, "hadolint", [hadolint, "-f", "json", "--no-fail"] + listed, files, size,
                      runs=slow, slow=True)
    if trivy:
        bench.measure(GROUP_DOCKERFILES, "trivy", trivy_config + [dockerfiles], files, size, runs=slow, slow=True)
    if checkov:
        bench.measure(GROUP_DOCKERFILES, "checkov", [checkov, "-d", dockerfiles, "--framework", "dockerfile"] + checkov_common,
                      files, size, runs=slow, slow=True)

    k8s = os.path.join(corpus, "k8s")
    files, size = tree_size(k8s)
    log(f"{GROUP_K8S} ({files} files)")
    bench.measure(GROUP_K8S, "caulk", check + [k8s], files, size, runs=bench.runs(20), warmup=3)
    if trivy:
        bench.measure(GROUP_K8S, "trivy", trivy_config + [k8s], files, size, runs=slow, slow=True)
    if checkov:
        bench.measure(GROUP_K8S, "checkov", [checkov, "-d", k8s, "--framework", "kubernetes"] + checkov_common,
                      files, size, runs=slow, slow=True)

    d_files, d_size = tree_size(dockerfiles)
    k_files, k_size = tree_size(k8s)
    corpus_files, corpus_size = d_files + k_files, d_size + k_size
    log(GROUP_CORPUS)
    bench.measure(GROUP_CORPUS, "caulk", check + [corpus], corpus_files, corpus_size, runs=bench.runs(20), warmup=3)

    scales = [(1, GROUP_X1, 20), (10, GROUP_X10, 10)] + ([] if args.quick else [(100, GROUP_X100, 3)])
    for copies, group, runs in scales:
        tree = os.path.join(tmp, f"corpus-x{copies}")
        log(f"generating {group} in {tree}")
        make_scaled_tree(corpus, tree, copies)
        bench.measure(group, "caulk", check + [tree], corpus_files * copies, corpus_size * copies,
                      runs=bench.runs(runs), warmup=1 if copies > 10 else 2)
        if copies == 10:
            help_text = subprocess.run([caulk, "check", "--help"], capture_output=True, text=True).stdout
            for threads in (1, 2):
                label = f"caulk {threads} thread{'s' if threads > 1 else ''}"
                if "--threads" in help_text:
                    argv, env = [caulk, "check", "--no-color", "--threads", str(threads), tree], None
                else:
                    argv, env = check + [tree], {"RAYON_NUM_THREADS": str(threads)}
                bench.measure(GROUP_THREADS, label, argv, corpus_files * copies, corpus_size * copies,
                              runs=bench.runs(runs), warmup=1, env=env)
        if copies >= 10:
            shutil.rmtree(tree, ignore_errors=True)

    big = os.path.join(tmp, "big", "manifests.yaml")
    os.makedirs(os.path.dirname(big))
    sources, bench.big_bytes = make_big_manifest(caulk, corpus, big, 50 * MB)
    log(f"{GROUP_BIG}: {bench.big_bytes / MB:.1f} MB from {sources} corpus files")
    bench.measure(GROUP_BIG, "caulk", check + [big], 1, bench.big_bytes, runs=bench.runs(5), warmup=1)


if __name__ == "__main__":
    main()
