#!/usr/bin/env bash
# End-to-end test of the `caulk` pre-commit hook (.pre-commit-hooks.yaml).
#
#   tests/pre-commit/run.sh [CHECKOUT]      (default: this checkout)
#
# Makes a throwaway git repository holding a bad Dockerfile and a bad
# manifest, runs `pre-commit try-repo CHECKOUT caulk --all-files` and expects
# it to fail naming DL3007 and CK1000; then fixes both files and expects it
# to pass.
#
# It tests the COMMITTED state of CHECKOUT: try-repo is given `--ref HEAD`
# (otherwise it would fold uncommitted edits to tracked files into a shadow
# commit and ignore untracked files). Commit hook changes before running it.
#
# pre-commit builds caulk with `cargo install` in release mode, twice (once
# per try-repo, the second reusing the first one's dependencies): 3-4 + 1-2
# minutes on 2 cores (4m14s to 6m16s in all, measured), so this is a CI step, not part
# of `cargo test`. Needs python3 (pre-commit is installed from PyPI into a
# temporary venv when it is not on PATH), git, cargo on PATH, and crates.io.
# Skips (exit 0) only when python3 is missing.
set -euo pipefail

checkout="$(cd "${1:-$(dirname "$0")/../..}" && pwd)"

if ! command -v python3 >/dev/null 2>&1; then
  echo "SKIP: python3 is not installed; the pre-commit hook was not tested"
  exit 0
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/caulk-pre-commit.XXXXXX")"
cleanup() { rm -rf "$tmp"; }
trap cleanup EXIT

# Everything pre-commit makes goes under $tmp. try-repo uses a throwaway
# store (in TMPDIR) whatever PRE_COMMIT_HOME says; both point into $tmp.
export PRE_COMMIT_HOME="$tmp/pre-commit-home"
export TMPDIR="$tmp"
# Share the usual cargo home, so the hook's `cargo install` reuses the
# downloaded registry instead of fetching every crate again (it still needs
# crates.io for the index: pre-commit does not pass --locked).
export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
# One target directory for both builds: the second reuses the dependencies.
# It is ours, never the checkout's shared target.
export CARGO_TARGET_DIR="$tmp/target"
export CARGO_TERM_COLOR=never NO_COLOR=1
unset RUSTUP_TOOLCHAIN || true

if command -v pre-commit >/dev/null 2>&1; then
  pre_commit=(pre-commit)
else
  echo "installing pre-commit from PyPI into $tmp/venv"
  python3 -m venv "$tmp/venv"
  "$tmp/venv/bin/pip" install --quiet --disable-pip-version-check pre-commit
  pre_commit=("$tmp/venv/bin/pre-commit")
fi
"${pre_commit[@]}" --version

ref="$(git -C "$checkout" rev-parse HEAD)"
git -C "$checkout" cat-file -e "$ref:.pre-commit-hooks.yaml" || {
  echo "FAIL: .pre-commit-hooks.yaml is not committed at $ref" >&2
  exit 1
}
if [ -n "$(git -C "$checkout" status --porcelain -- .pre-commit-hooks.yaml)" ]; then
  echo "note: .pre-commit-hooks.yaml has uncommitted changes; testing the committed one"
fi

work="$tmp/repo"
mkdir -p "$work/k8s"
cd "$work"
git init --quiet .

# Only the rules this test is about, so rules added to the default set later
# cannot make the "fixed" files fail.
cat > .caulk.yaml <<'YAML'
profiles: []
select: [DL3007, CK1000]
YAML
cat > Dockerfile <<'DOCKERFILE'
FROM alpine:latest
USER 65534
DOCKERFILE
cat > k8s/pod.yaml <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: web
  name: api
spec:
  containers:
    - name: app
      image: nginx:1.27
YAML
# Not Kubernetes: caulk only notes that it skipped it.
mkdir -p .github/workflows
cat > .github/workflows/ci.yml <<'YAML'
name: CI
on: [push]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
YAML
git add -A

try_repo() {
  "${pre_commit[@]}" try-repo "$checkout" caulk --ref "$ref" --all-files --color never
}

echo "--- bad files: the hook must fail (builds caulk, takes minutes)"
start=$SECONDS
set +e
out="$(try_repo 2>&1)"
status=$?
set -e
printf '%s\n' "$out"
echo "(first run: $((SECONDS - start)) s)"
[ "$status" -ne 0 ] || { echo "FAIL: the hook passed on bad files" >&2; exit 1; }
for code in DL3007 CK1000; do
  grep -q "$code" <<<"$out" || { echo "FAIL: $code not reported" >&2; exit 1; }
done
grep -q "ci.yml: skipped" <<<"$out" || { echo "FAIL: the workflow was not skipped" >&2; exit 1; }
grep -q "^- exit code: 1$" <<<"$out" || { echo "FAIL: caulk did not exit 1" >&2; exit 1; }

echo "--- fixed files: the hook must pass"
sed -i 's/alpine:latest/alpine:3.20/' Dockerfile
sed -i '/^  name: api$/d' k8s/pod.yaml
git add -A
start=$SECONDS
set +e
out="$(try_repo 2>&1)"
status=$?
set -e
printf '%s\n' "$out"
echo "(second run: $((SECONDS - start)) s)"
[ "$status" -eq 0 ] || { echo "FAIL: the hook failed on fixed files" >&2; exit 1; }

echo "PASS: pre-commit hook (total ${SECONDS} s)"
