#!/usr/bin/env python3
"""Findings per rule over a corpus, to spot rules that fire implausibly often.

For every rule: how many findings, in how many files, and the share of the
files of its kind it fires in, with the default profile and with every rule
on (`--profile strict`). A rule that fires in most files of a real-world
corpus is either catching something everyone does (fine, if the docs say why)
or is too eager (a false-positive hunt). A dev script.

Usage: scripts/corpus-findings.py [DIR ...] [--caulk PATH] [--markdown]
"""

import argparse
import collections
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(caulk, paths, profile):
    args = [caulk, "check", "-f", "json", "--failure-threshold", "none"]
    if profile:
        args += ["--profile", profile]
    out = subprocess.run(args + paths, capture_output=True, text=True)
    if out.returncode not in (0, 1):
        print(out.stderr, file=sys.stderr)
    return json.loads(out.stdout)


def dockerfile_count(paths):
    """Files with Dockerfile names under `paths` (caulk's own naming rules)."""
    count = 0
    for root in paths:
        for _, _, names in os.walk(root):
            for name in names:
                lower = name.lower()
                if lower in ("dockerfile", "containerfile") \
                        or lower.startswith(("dockerfile.", "dockerfile-", "containerfile.")) \
                        or lower.endswith((".dockerfile", ".containerfile")):
                    count += 1
    return count


def main():
    parser = argparse.ArgumentParser()
    default = os.path.normpath(os.path.join(ROOT, "..", "shared", "corpus"))
    parser.add_argument("paths", nargs="*", default=[default])
    parser.add_argument("--caulk", default=os.path.join(ROOT, "target", "release", "caulk"))
    args = parser.parse_args()

    rules = json.loads(subprocess.run([args.caulk, "rules", "--json"], capture_output=True,
                                      text=True, check=True).stdout)
    target = {r["code"]: r["target"] for r in rules}
    default_on = {r["code"] for r in rules if "default" in r["profiles"]}

    reports = {"default": run(args.caulk, args.paths, None),
               "strict": run(args.caulk, args.paths, "strict")}
    linted = reports["strict"]["summary"]["files_linted"]
    dockerfiles = dockerfile_count(args.paths)
    files_by_kind = {"dockerfile": dockerfiles, "kubernetes": linted - dockerfiles}

    print(f"Files linted: {linted} ({dockerfiles} Dockerfiles, {linted - dockerfiles} manifests)\n")
    print("| rule | target | default profile | findings | files | share of its files |")
    print("|---|---|---|---:|---:|---:|")
    per_rule = collections.defaultdict(lambda: [0, set()])
    for finding in reports["strict"]["findings"]:
        entry = per_rule[finding["code"]]
        entry[0] += 1
        entry[1].add(finding["path"])
    for code in sorted(per_rule, key=lambda c: (-len(per_rule[c][1]), c)):
        count, files = per_rule[code]
        kind = target.get(code, "engine")
        total = files_by_kind.get(kind) or sum(files_by_kind.values())
        share = len(files) / total if total else 0
        flag = " ⚠" if share > 0.5 else ""
        print(f"| {code} | {kind} | {'yes' if code in default_on else 'no'} | {count} | "
              f"{len(files)} | {share:.0%}{flag} |")
    silent = sorted(set(target) - set(per_rule))
    print(f"\nRules with no finding in these files ({len(silent)}): {', '.join(silent)}")


if __name__ == "__main__":
    main()
