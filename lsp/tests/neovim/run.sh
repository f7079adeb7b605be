#!/bin/sh
# End-to-end test of `caulk server` driven by headless Neovim.
# Usage: lsp/tests/neovim/run.sh CAULK_BIN
# Exits 0 when the test passes or when Neovim is not installed (with a note),
# non-zero on failure.
set -eu

if [ $# -ne 1 ]; then
    echo "usage: $0 CAULK_BIN" >&2
    exit 2
fi
bin=$1
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
if [ ! -x "$bin" ]; then
    echo "neovim test: $bin is not an executable" >&2
    exit 2
fi
if ! command -v nvim >/dev/null 2>&1; then
    echo "neovim test: skipped, nvim is not installed (apt-get install -y neovim)"
    exit 0
fi

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# Copies in a scratch folder, so no configuration file of the repository applies.
mkdir -p "$tmp/work/fixtures" "$tmp/work/examples" "$tmp/expected" "$tmp/home"
cases=""
add_case() { # source-file filetype required
    name=$(basename "$(dirname "$1")")-$(basename "$1")
    dest=$tmp/work/$(basename "$(dirname "$1")")/$(basename "$1")
    cp "$1" "$dest"
    status=0
    (cd "$tmp/work" && "$bin" check --output-format json --no-color "$dest") >"$tmp/expected/$name.json" || status=$?
    if [ "$status" -gt 1 ]; then
        echo "neovim test: caulk check failed on $1 (exit $status)" >&2
        exit 1
    fi
    cases="$cases$dest|$2|$tmp/expected/$name.json|$3
"
}
add_case "$root/lsp/tests/fixtures/Dockerfile" dockerfile "DL4000:3,DL3020:4,DL1000:5"
add_case "$root/lsp/tests/fixtures/pod.yaml" yaml "CK1000:5"
# The shared examples, when present: the editor must see what `caulk check` reports.
if [ -f "$root/corpus/examples/Dockerfile" ]; then
    add_case "$root/corpus/examples/Dockerfile" dockerfile ""
fi
if [ -f "$root/corpus/examples/deployment.yaml" ]; then
    add_case "$root/corpus/examples/deployment.yaml" yaml ""
fi

status=0
CAULK_BIN=$bin CAULK_WORKDIR=$tmp/work CAULK_CASES=$cases \
XDG_CONFIG_HOME=$tmp/home XDG_DATA_HOME=$tmp/home XDG_CACHE_HOME=$tmp/home XDG_STATE_HOME=$tmp/home \
    timeout 90 nvim --headless -u NONE -i NONE -n -c "luafile $here/test.lua" </dev/null || status=$?
if [ "$status" -ne 0 ]; then
    echo "neovim test: FAILED (exit $status)" >&2
    exit 1
fi
