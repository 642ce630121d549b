#!/usr/bin/env bash
# bench-decode-base.sh: BenchmarkDecoders (one input per registered SBOM
# format, sbom/decoders_bench_test.go) on this tree and on a baseline
# revision, in the same command, alternating A/B, and print per format the
# median time of each side and the median of the pair ratios (this/base;
# below 1 is faster). The machines are noisy: read ratios, not times.
#
# The baseline is exported with git archive to $TMPDIR (the checkout of
# BASE is never touched) and gets this tree's benchmark file, which uses
# only the package's public API, so both sides run the same benchmark.
#
# Usage: scripts/bench-decode-base.sh [-n RUNS] [-t BENCHTIME] [BASE]
# BASE defaults to main; RUNS to 5; BENCHTIME to 1s.
set -euo pipefail

runs=5
benchtime=1s
while [[ "${1:-}" == -* ]]; do
	case "$1" in
	-n) runs=$2; shift 2 ;;
	-t) benchtime=$2; shift 2 ;;
	*) echo "usage: $0 [-n RUNS] [-t BENCHTIME] [BASE]" >&2; exit 2 ;;
	esac
done
base=${1:-main}
root=$(cd "$(dirname "$0")/.." && pwd)
rev=$(git -C "$root" rev-parse --short "$base")
tmp=${TMPDIR:-/tmp}/embargo-bench-decode
basedir=$tmp/base-$rev
mkdir -p "$tmp"

if [[ ! -d "$basedir" ]]; then
	mkdir -p "$basedir.partial"
	git -C "$root" archive "$rev" | tar -x -C "$basedir.partial"
	mv "$basedir.partial" "$basedir"
fi
cp "$root/sbom/decoders_bench_test.go" "$basedir/sbom/"
(cd "$root" && go test -c -o "$tmp/this.test" ./sbom)
(cd "$basedir" && go test -c -o "$tmp/base.test" ./sbom)

# Both binaries run from this tree's sbom folder, so that ../../shared
# resolves alike.
out=$tmp/runs.txt
: >"$out"
for ((i = 0; i < runs; i++)); do
	for side in this base; do
		(cd "$root/sbom" && "$tmp/$side.test" -test.run '^$' -test.bench '^BenchmarkDecoders$' \
			-test.benchtime "$benchtime" -test.benchmem) |
			awk -v side="$side" -v run="$i" '/^BenchmarkDecoders\// {
				name = $1; sub(/^BenchmarkDecoders\//, "", name); sub(/-[0-9]+$/, "", name)
				for (k = 2; k <= NF; k++) { if ($k == "ns/op") ns = $(k-1); if ($k == "allocs/op") al = $(k-1) }
				print side, run, name, ns, al }' >>"$out"
	done
done

printf '%-16s %12s %12s %8s %12s %12s\n' format this_ms base_ms ratio this_allocs base_allocs
awk '
	{ key = $3; if (!(key in seen)) { seen[key] = 1; order[++n] = key }
	  ns[$1, $2, key] = $4; al[$1, key] = $5; runs[$2] = 1 }
	function median(arr, m,    i, j, t) {
		for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (arr[j] < arr[i]) { t = arr[i]; arr[i] = arr[j]; arr[j] = t }
		return (m % 2) ? arr[(m + 1) / 2] : (arr[m / 2] + arr[m / 2 + 1]) / 2
	}
	END {
		for (k = 1; k <= n; k++) {
			key = order[k]; m = 0
			for (r in runs) if ((("this", r, key) in ns) && (("base", r, key) in ns)) {
				m++; a[m] = ns["this", r, key]; b[m] = ns["base", r, key]; q[m] = a[m] / b[m]
			}
			if (m == 0) continue
			printf "%-16s %12.2f %12.2f %8.3f %12d %12d\n", key, median(a, m) / 1e6, median(b, m) / 1e6, median(q, m), al["this", key], al["base", key]
		}
	}' "$out"
echo "ratio = median over $runs alternating runs of this/base ns/op (BenchmarkDecoders, -benchtime $benchtime); base = $base ($rev)"
