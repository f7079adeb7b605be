#!/usr/bin/env python3
"""Compare caulk's Kubernetes rules with Checkov 3 over a corpus of manifests.

A development script, never a runtime dependency of caulk. Install Checkov
in a virtual environment (`python3 -m venv /tmp/checkov && /tmp/checkov/bin/pip
install checkov`) and run, from the repository root:

    cargo build --release
    scripts/checkov-compare.py --checkov /tmp/checkov/bin/checkov

Checkov runs with `--skip-download` (no platform calls) under `nice`. Each
comparable Checkov check is mapped to the caulk rule that checks the same
thing; for each pair the script counts the objects (Kubernetes resources)
each tool flags, and lists examples of the objects only one of them flags.
Findings are attached to objects by position: a caulk finding belongs to the
Checkov resource whose line range in the same file holds the finding's line.

`--checkov-json FILE` reuses a saved Checkov JSON report instead of running it;
`--markdown` prints the table for docs/comparison.md.
"""

import argparse
import collections
import json
import os
import subprocess
import sys

# caulk rule -> the Checkov checks that test the same thing. Object-level:
# an object counts as flagged by Checkov when any of the listed checks fails.
MAPPING = [
    ("CK1002", ["CKV_K8S_17", "CKV_K8S_18", "CKV_K8S_19"], "host PID/IPC/network namespaces"),
    ("CK1003", ["CKV_K8S_16"], "privileged container"),
    ("CK1004", ["CKV_K8S_25", "CKV_K8S_39"], "added capabilities (SYS_ADMIN, beyond the default set)"),
    ("CK1006", ["CKV_K8S_26"], "hostPort"),
    ("CK1102", ["CKV_K8S_20"], "allowPrivilegeEscalation"),
    ("CK1103", ["CKV_K8S_23"], "runAsNonRoot / root containers"),
    ("CK1105", ["CKV_K8S_31"], "seccomp profile set"),
    ("CK1106", ["CKV_K8S_28", "CKV_K8S_37"], "drop capabilities (NET_RAW, ALL)"),
    ("CK2002", ["CKV_K8S_49"], "RBAC wildcards"),
    ("CK2101", ["CKV_K8S_35"], "secrets as environment variables"),
    ("CK2103", ["CKV_K8S_21"], "default namespace"),
    ("CK2104", ["CKV2_K8S_6"], "pods without a NetworkPolicy"),
    ("CK2105", ["CKV_K8S_38"], "service account token automount"),
    ("CK2106", ["CKV_K8S_29", "CKV_K8S_30"], "security context present"),
    ("CK3001", ["CKV_K8S_10", "CKV_K8S_12"], "CPU/memory requests"),
    ("CK3002", ["CKV_K8S_11", "CKV_K8S_13"], "CPU/memory limits"),
    ("CK3003", ["CKV_K8S_8"], "liveness probe"),
    ("CK3004", ["CKV_K8S_9"], "readiness probe"),
    ("CK3005", ["CKV_K8S_14"], "image tag latest or missing"),
    ("CK3006", ["CKV_K8S_43"], "image digest"),
    ("CK3007", ["CKV_K8S_15"], "imagePullPolicy Always"),
    ("CK3008", ["CKV_K8S_22"], "read-only root filesystem"),
    ("CK3009", ["CKV_K8S_27"], "container runtime socket mount"),
]


def run_caulk(caulk, corpus):
    out = subprocess.run(
        [caulk, "check", "--profile", "strict", "-f", "json", "--failure-threshold", "none", corpus],
        capture_output=True,
        text=True,
    )
    if out.returncode not in (0, 1):
        sys.exit(f"caulk failed ({out.returncode}): {out.stderr}")
    return json.loads(out.stdout)["findings"]


def run_checkov(checkov, corpus):
    out = subprocess.run(
        ["nice", "-n", "10", checkov, "-d", corpus, "--framework", "kubernetes",
         "--skip-download", "-o", "json", "--compact"],
        capture_output=True,
        text=True,
    )
    if not out.stdout.strip():
        sys.exit(f"checkov produced no report: {out.stderr[-2000:]}")
    return json.loads(out.stdout)


def checkov_results(report):
    reports = report if isinstance(report, list) else [report]
    for r in reports:
        if r.get("check_type") != "kubernetes":
            continue
        for status in ("passed_checks", "failed_checks"):
            for check in r["results"].get(status, []):
                yield status == "failed_checks", check


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default="../shared/corpus/k8s")
    ap.add_argument("--caulk", default="target/release/caulk")
    ap.add_argument("--checkov", default="checkov")
    ap.add_argument("--checkov-json", help="a saved Checkov JSON report to use instead of running Checkov")
    ap.add_argument("--markdown", action="store_true", help="print the Markdown table only")
    ap.add_argument("--examples", type=int, default=3)
    args = ap.parse_args()
    corpus = os.path.realpath(args.corpus)

    if args.checkov_json:
        with open(args.checkov_json) as f:
            report = json.load(f)
    else:
        report = run_checkov(args.checkov, corpus)

    # Every object Checkov evaluated, with its line range, per file.
    objects = collections.defaultdict(dict)  # abs path -> {resource: (first, last)}
    flagged_by = collections.defaultdict(set)  # check id -> {(path, resource)}
    for failed, check in checkov_results(report):
        path = os.path.realpath(check["file_abs_path"])
        first, last = check["file_line_range"]
        objects[path][check["resource"]] = (first, last)
        if failed:
            flagged_by[check["check_id"]].add((path, first))

    def object_at(path, line):
        """The outermost object holding `line`: Checkov's graph checks report
        pods it derives from a workload's template (`Pod.ns.web.app-web`),
        which belong to the workload."""
        best = None
        for resource, (first, last) in objects.get(path, {}).items():
            if first <= line <= last and (best is None or last - first > best[1]):
                best = (resource, last - first)
        return best[0] if best else f"(line {line}: no Checkov resource)"

    flagged_by = {
        check: {(path, object_at(path, first)) for path, first in keys}
        for check, keys in flagged_by.items()
    }

    caulk_flagged = collections.defaultdict(set)  # code -> {(path, resource)}
    for finding in run_caulk(args.caulk, corpus):
        path = os.path.realpath(finding["path"])
        caulk_flagged[finding["code"]].add((path, object_at(path, finding["start"]["line"])))

    rows = []
    for code, checks, what in MAPPING:
        ours = caulk_flagged.get(code, set())
        theirs = set().union(*(flagged_by.get(c, set()) for c in checks))
        rows.append((code, checks, what, ours, theirs))

    def short(key):
        path, resource = key
        return f"{os.path.relpath(path, corpus)} {resource}"

    print("| caulk | Checkov | what | caulk objects | Checkov objects | both | caulk only | Checkov only |")
    print("|---|---|---|---:|---:|---:|---:|---:|")
    for code, checks, what, ours, theirs in rows:
        print(f"| {code} | {', '.join(checks)} | {what} | {len(ours)} | {len(theirs)} | "
              f"{len(ours & theirs)} | {len(ours - theirs)} | {len(theirs - ours)} |")
    if args.markdown:
        return
    print()
    for code, checks, what, ours, theirs in rows:
        only_ours, only_theirs = sorted(ours - theirs), sorted(theirs - ours)
        if not only_ours and not only_theirs:
            continue
        print(f"## {code} vs {', '.join(checks)} ({what})")
        for key in only_ours[: args.examples]:
            print(f"  caulk only:   {short(key)}")
        for key in only_theirs[: args.examples]:
            print(f"  Checkov only: {short(key)}")
    seen = {c for checks in (m[1] for m in MAPPING) for c in checks}
    other = sorted(set(flagged_by) - seen)
    print()
    print("Checkov checks that failed and have no caulk counterpart here:", ", ".join(other))


if __name__ == "__main__":
    main()
