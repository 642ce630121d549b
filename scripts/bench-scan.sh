#!/bin/sh
# bench-scan.sh: compare embargo's in-process syft generation (sbom/syftgen)
# with the syft CLI on the same generated node_modules tree.
#
# Both sides run as fresh processes in alternating A/B pairs; the Go
# benchmark reports the median per-pair ratio as gen/cli (target <= 1.10).
#
#   PACKAGES=3000  packages in the generated tree
#   PAIRS=7        A/B pairs
#   DIR=...        keep (or reuse) the tree here; default: a temp dir, removed
#   SYFT=...       the syft binary; default: syft on PATH, then $GOPATH/bin/syft
#
# Install the CLI first (about 6 minutes cold):
#   go install github.com/anchore/syft/cmd/syft@v1.57.1
set -eu

cd "$(dirname "$0")/.."

PACKAGES=${PACKAGES:-3000}
PAIRS=${PAIRS:-7}

if [ -z "${SYFT:-}" ]; then
	if command -v syft >/dev/null 2>&1; then
		SYFT=$(command -v syft)
	elif [ -x "$(go env GOPATH)/bin/syft" ]; then
		SYFT="$(go env GOPATH)/bin/syft"
	else
		echo "bench-scan: syft CLI not found; go install github.com/anchore/syft/cmd/syft@v1.57.1" >&2
		exit 1
	fi
fi
echo "syft CLI: $SYFT"

cleanup=
if [ -z "${DIR:-}" ]; then
	DIR=$(mktemp -d "${TMPDIR:-/tmp}/bench-scan.XXXXXX")
	cleanup=$DIR
fi
trap '[ -n "$cleanup" ] && rm -rf "$cleanup"' EXIT INT TERM

# one warm-up pair runs inside the benchmark before timing starts
SYFT="$SYFT" SYFTGEN_BENCH_DIR="$DIR" SYFTGEN_BENCH_PACKAGES="$PACKAGES" SYFT_CHECK_FOR_APP_UPDATE=false \
	go test -run '^$' -bench '^BenchmarkScanVsSyftCLI$' -benchtime "${PAIRS}x" -count 1 -timeout 60m -v \
	./sbom/syftgen/
