#!/usr/bin/env python3
"""Evidence for `caulk check --fix --unsafe-fixes` on real files.

Copies a corpus (default ../shared/corpus) to a temporary directory, lints
it with every rule (`--profile strict`), applies safe and unsafe fixes, and
lints it again. Then checks, file by file:

  * every changed file still parses (no more DL1000/CK1000 findings than before);
  * no finding that had a fix is left with one (fixes converge), and a
    second run changes nothing;
  * no rule reports more findings than before (a fix caused no new finding),
    except where a fix turns a construct one rule judges into one another
    rule judges (`apt` into `apt-get`: hadolint's DL3008 pins only
    `apt-get`; `ADD` into `COPY`: DL3045 judges only `COPY`). Those findings
    were hidden, not caused; they are counted apart as "unmasked".

Usage: scripts/fix-corpus.py [--caulk PATH] [--corpus DIR] [--keep]
Exit status 1 when a check fails. The corpus itself is never modified.
"""

import argparse
import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile

PARSE_ERRORS = {"DL1000", "CK1000"}

# fixed rule -> rules that judge what its fix writes (see the docstring).
UNMASKS = {
    "DL3027": {"DL3008", "DL3009", "DL3014", "DL3015"},
    "DL3020": {"DL3045", "DL3021"},
}


def lint(caulk, root):
    out = subprocess.run(
        [caulk, "check", "--profile", "strict", "-f", "json", "."],
        cwd=root,
        capture_output=True,
        text=True,
    )
    if out.returncode not in (0, 1):
        sys.exit(f"caulk check failed ({out.returncode}):\n{out.stderr}")
    by_file = collections.defaultdict(list)
    for f in json.loads(out.stdout)["findings"]:
        by_file[f["path"]].append(f)
    return by_file


def snapshot(root):
    files = {}
    for dirpath, _, names in os.walk(root):
        for name in names:
            path = os.path.join(dirpath, name)
            with open(path, "rb") as fh:
                files[os.path.relpath(path, root)] = fh.read()
    return files


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(here)
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--caulk", default=os.path.join(repo, "target/release/caulk"))
    parser.add_argument("--corpus", default=os.path.join(repo, "../shared/corpus"))
    parser.add_argument("--keep", action="store_true", help="keep the fixed copy")
    args = parser.parse_args()
    caulk = os.path.abspath(args.caulk)
    if not os.path.isdir(args.corpus):
        print(f"no corpus at {args.corpus}; nothing to do")
        return 0

    work = tempfile.mkdtemp(prefix="caulk-fix-corpus-")
    root = os.path.join(work, "corpus")
    shutil.copytree(args.corpus, root)
    before_bytes = snapshot(root)
    before = lint(caulk, root)

    fix = subprocess.run(
        [caulk, "check", "--profile", "strict", "--unsafe-fixes", "-f", "concise", "."],
        cwd=root,
        capture_output=True,
        text=True,
    )
    if fix.returncode not in (0, 1):
        sys.exit(f"caulk check --unsafe-fixes failed ({fix.returncode}):\n{fix.stderr}")
    summary = next(
        (l for l in (fix.stdout + fix.stderr).splitlines() if l.startswith("Fixed ")), ""
    )
    after_bytes = snapshot(root)
    after = lint(caulk, root)
    # Fixing is idempotent: a second run finds nothing more to change.
    subprocess.run(
        [caulk, "check", "--profile", "strict", "--unsafe-fixes", "-q", "."],
        cwd=root,
        capture_output=True,
    )
    again = snapshot(root)

    changed = sorted(p for p in after_bytes if after_bytes[p] != before_bytes.get(p))
    failures = []
    fixable_before = collections.Counter()
    new_by_code = collections.Counter()
    unmasked = collections.Counter()
    for path in sorted(set(before) | set(after)):
        b, a = before.get(path, []), after.get(path, [])
        count_b = collections.Counter(f["code"] for f in b)
        count_a = collections.Counter(f["code"] for f in a)
        parse_b = sum(count_b[c] for c in PARSE_ERRORS)
        parse_a = sum(count_a[c] for c in PARSE_ERRORS)
        if parse_a > parse_b:
            failures.append(f"{path}: {parse_b} parse errors before, {parse_a} after")
        still_fixable = [f for f in a if f["fix"] and f["fix"]["applicability"] != "displayonly"]
        for f in still_fixable:
            failures.append(
                f"{path}:{f['start']['line']}: {f['code']} still has a fix after fixing: {f['fix']['title']}"
            )
        for f in b:
            if f["fix"]:
                fixable_before[f["code"]] += 1
        for code, n in count_a.items():
            if n > count_b[code] and any(
                count_b[fixed] and code in judged for fixed, judged in UNMASKS.items()
            ):
                unmasked[code] += n - count_b[code]
            elif n > count_b[code]:
                new_by_code[code] += n - count_b[code]
                failures.append(f"{path}: {code} reports {n} findings after fixing, {count_b[code]} before")

    for path in sorted(p for p in again if again[p] != after_bytes.get(p)):
        failures.append(f"{path}: a second --unsafe-fixes run changed it again")

    total_b = sum(len(v) for v in before.values())
    total_a = sum(len(v) for v in after.values())
    print(f"corpus: {len(before_bytes)} files copied to {root}")
    print(f"caulk: {summary}")
    print(f"files changed by fixes: {len(changed)}")
    print(f"findings (strict profile): {total_b} before, {total_a} after")
    print(f"findings with a fix before: {sum(fixable_before.values())}")
    for code, n in sorted(fixable_before.items()):
        print(f"  {code}: {n}")
    print(f"parse errors: {sum(1 for p in before for f in before[p] if f['code'] in PARSE_ERRORS)} before, "
          f"{sum(1 for p in after for f in after[p] if f['code'] in PARSE_ERRORS)} after")
    if unmasked:
        print("unmasked findings (the fix made a hidden problem visible): "
              + ", ".join(f"{c} +{n}" for c, n in sorted(unmasked.items())))
    if new_by_code:
        print("new findings by rule: " + ", ".join(f"{c} +{n}" for c, n in sorted(new_by_code.items())))
    if failures:
        print(f"\n{len(failures)} problems:")
        for f in failures:
            print("  " + f)
    else:
        print("ok: every changed file parses, no fixable finding remains, no rule reports more findings")
    if not args.keep:
        shutil.rmtree(work)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
