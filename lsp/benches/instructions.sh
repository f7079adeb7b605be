#!/usr/bin/env bash
# Instructions the server loop (lint, conversion, serialisation; not the
# reader and writer threads) spends per change notification, counted by
# callgrind: stable where wall-clock time is not (a shared, busy machine).
# Runs the latency benchmark with two round counts and divides the
# difference of the server thread's inclusive cost by the extra rounds, so
# opening the document and starting up cancel out.
#   lsp/benches/instructions.sh            # both documents
#   lsp/benches/instructions.sh manifest   # one of them
set -euo pipefail
cd "$(dirname "$0")/../.."
bench=$(cargo bench -p caulk-lsp --bench latency --no-run --message-format=json 2>/dev/null |
    sed -n 's/.*"executable":"\([^"]*latency[^"]*\)".*/\1/p' | tail -1)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
low=4 high=24
for doc in ${1:-Dockerfile manifest}; do
    for rounds in $low $high; do
        CAULK_BENCH_ONLY=$doc CAULK_BENCH_ROUNDS=$rounds valgrind --tool=callgrind \
            --callgrind-out-file="$out/$doc.$rounds" "$bench" >/dev/null 2>&1
    done
    server() {
        callgrind_annotate --inclusive=yes "$1" 2>/dev/null |
            awk '/caulk_lsp::server::run_with \[/ { gsub(",", "", $1); if (!n++) print $1 }'
    }
    total() {
        callgrind_annotate "$1" 2>/dev/null |
            awk '/PROGRAM TOTALS/ { gsub(",", "", $1); if (!n++) print $1 }'
    }
    s=$(( ($(server "$out/$doc.$high") - $(server "$out/$doc.$low")) / (high - low) ))
    t=$(( ($(total "$out/$doc.$high") - $(total "$out/$doc.$low")) / (high - low) ))
    printf '%s: %d instructions per change in the server (%d with the client)\n' "$doc" "$s" "$t"
done
