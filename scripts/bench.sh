#!/usr/bin/env bash
# bench.sh: whole-process benchmarks of `embargo audit` (decode, match,
# JSON report) against jq on the same inputs, in one run, alternating,
# and optionally against the embargo of a baseline revision (-b REV): the
# median wall time and CPU time (user + sys) of each side, the median of
# the pair ratios, and the peak RSS of each whole process.
#
#   100k-component bench files (synth100k.*): CycloneDX JSON, SPDX JSON,
#     SPDX tag-value, CycloneDX XML
#   debarchive.cdx.json (147 MB, 63k components): peak RSS
#   debroot.cdx.json (1.2 MB, 706 components): a small SBOM's peak RSS
#   batch: 1,000 CycloneDX JSON files of 300 components each, in one run
#   version: `embargo version` (start-up cost)
#
# jq runs the filter a user would write to find Kaspersky by purl (JSON),
# or tests every line of the file (-R: tag-value; XML, which syft writes
# on one line); embargo runs all its embedded lists on every field.
# These machines are shared: read the ratios, and the CPU times where the
# wall times are noisy.
#
# Usage: scripts/bench.sh [-n RUNS] [-b BASE_REV] [BENCH_DIR] [NAME_FILTER]
# RUNS defaults to 5; BENCH_DIR to ../shared/bench (files are gunzipped to
# $TMPDIR/embargo-bench).
set -euo pipefail

runs=5 base=
while [[ "${1:-}" == -* ]]; do
	case "$1" in
	-n) runs=$2; shift 2 ;;
	-b) base=$2; shift 2 ;;
	*) echo "usage: $0 [-n RUNS] [-b BASE_REV] [BENCH_DIR] [NAME_FILTER]" >&2; exit 2 ;;
	esac
done
root=$(cd "$(dirname "$0")/.." && pwd)
bench=${1:-$root/../shared/bench}
filter=${2:-}
tmp=${TMPDIR:-/tmp}/embargo-bench
mkdir -p "$tmp"

command -v jq >/dev/null || { echo "jq is needed (apt-get install -y jq)" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "/usr/bin/time is needed (apt-get install -y time)" >&2; exit 1; }

(cd "$root" && go build -o "$tmp/embargo" ./cmd/embargo)
if [[ -n "$base" ]]; then
	rev=$(git -C "$root" rev-parse --short "$base")
	basedir=$tmp/base-$rev
	if [[ ! -d "$basedir" ]]; then
		mkdir -p "$basedir.partial"
		git -C "$root" archive "$rev" | tar -x -C "$basedir.partial"
		mv "$basedir.partial" "$basedir"
	fi
	(cd "$basedir" && go build -o "$tmp/embargo-base" ./cmd/embargo)
fi

cdx_jq='.components[]? | select((.purl // "") | test("kaspersky"; "i"))'
spdx_jq='.packages[]? | select(any(.externalRefs[]?; .referenceType == "purl" and (.referenceLocator | test("kaspersky"; "i"))))'
line_jq='select(test("kaspersky"; "i"))'

gunzipped() { # NAME: the bench file, gunzipped once
	local f=$tmp/$1
	[[ -s "$f" ]] || gzip -dc "$bench/$1.gz" >"$f"
	echo "$f"
}

# batch: 1,000 distinct CycloneDX JSON files of 300 components each (the
# first 300 of debroot.cdx.json, one serial number each).
batch_files() {
	local dir=$tmp/batch1000
	if [[ ! -f "$dir/.done" ]]; then
		rm -rf "$dir" && mkdir -p "$dir"
		jq -c '.components |= .[0:300] | del(.dependencies)' "$(gunzipped debroot.cdx.json)" >"$dir/seed.json"
		for ((i = 0; i < 1000; i++)); do
			sed "s/\"serialNumber\":\"urn:uuid:[0-9a-f]\{8\}/\"serialNumber\":\"urn:uuid:$(printf %08x "$i")/" "$dir/seed.json" >"$dir/sbom-$i.cdx.json"
		done
		rm "$dir/seed.json"
		touch "$dir/.done"
	fi
	echo "$dir"
}

# measure CMD...: "wall cpu peak_kib" of one run; embargo's exit code 2
# (findings at or above --fail-on) is expected.
measure() {
	local rc=0
	/usr/bin/time -o "$tmp/time" -f '%e %U %S %M' "$@" >/dev/null 2>"$tmp/stderr" || rc=$?
	if ((rc != 0 && rc != 2)); then
		echo "bench: $* exited with $rc:" >&2
		tail -5 "$tmp/stderr" >&2
		exit 1
	fi
	tail -1 "$tmp/time" | awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}'
}

median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.4f\n", (a[NR/2]+a[NR/2+1])/2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", (b > 0 ? a / b : 0)}'; }
mib() { awk -v k="$1" 'BEGIN {printf "%.0f", k / 1024}'; }

header="%-20s %7s | %8s %8s %8s %8s | %8s %8s %7s"
row="%-20s %7.1f | %8.3f %8.3f %8.2f %8.0f | %8.3f %8.0f %7.3f"
if [[ -n "$base" ]]; then
	header+=" | %8s %8s %8s %7s"
	row+=" | %8.3f %8.2f %8.0f %7.3f"
fi
# shellcheck disable=SC2059
printf "$header\n" case MB wall_s best_s cpu_s RSS_MiB jq_s jq_MiB vs_jq ${base:+base_s base_cpu base_MiB vs_base}

# run NAME MB -- EMBARGO_ARGS... -- JQ_ARGS...
run() {
	local name=$1 mb=$2
	shift 3
	local eargs=() jargs=()
	while [[ "$1" != -- ]]; do eargs+=("$1"); shift; done
	shift
	jargs=("$@")
	[[ -z "$filter" || "$name" == *"$filter"* ]] || return 0
	local aw=() ac=() bw=() qw=() bc=() rq=() rb=() amax=0 qmax=0 bmax=0
	for ((i = 0; i < runs; i++)); do
		read -r a c ar < <(measure "$tmp/embargo" "${eargs[@]}")
		read -r q _ qr < <(measure "${jargs[@]}")
		[[ -n "$a" && -n "$q" ]] || exit 1
		aw+=("$a") ; ac+=("$c") ; qw+=("$q") ; rq+=("$(ratio "$a" "$q")")
		((ar > amax)) && amax=$ar
		((qr > qmax)) && qmax=$qr
		if [[ -n "$base" ]]; then
			read -r b bcpu br < <(measure "$tmp/embargo-base" "${eargs[@]}")
			[[ -n "$b" ]] || exit 1
			bw+=("$b") ; bc+=("$bcpu") ; rb+=("$(ratio "$a" "$b")")
			((br > bmax)) && bmax=$br
		fi
	done
	local out
	out=$(printf "$row" "$name" "$mb" \
		"$(printf '%s\n' "${aw[@]}" | median)" "$(printf '%s\n' "${aw[@]}" | sort -g | head -1)" "$(printf '%s\n' "${ac[@]}" | median)" "$(mib "$amax")" \
		"$(printf '%s\n' "${qw[@]}" | median)" "$(mib "$qmax")" "$(printf '%s\n' "${rq[@]}" | median)" \
		${base:+"$(printf '%s\n' "${bw[@]}" | median)" "$(printf '%s\n' "${bc[@]}" | median)" "$(mib "$bmax")" "$(printf '%s\n' "${rb[@]}" | median)"})
	echo "$out"
}

size_mb() { awk -v b="$(stat -L -c %s "$1")" 'BEGIN {print b / 1e6}'; }
audit=(audit -o "json=$tmp/report.json")

for f in synth100k.cdx.json synth100k.spdx.json synth100k.spdx synth100k.cdx.xml debarchive.cdx.json debroot.cdx.json; do
	[[ -z "$filter" || "$f" == *"$filter"* ]] || continue
	p=$(gunzipped "$f")
	case "$f" in
	*.cdx.json) q=(jq -c "$cdx_jq" "$p") ;;
	*.spdx.json) q=(jq -c "$spdx_jq" "$p") ;;
	*) q=(jq -R "$line_jq" "$p") ;;
	esac
	run "$f" "$(size_mb "$p")" -- "${audit[@]}" "$p" -- "${q[@]}"
done
if [[ -z "$filter" || batch == *"$filter"* ]]; then
	d=$(batch_files)
	run "batch 1000x300" "$(du -smL "$d" | awk '{print $1 * 1.048576}')" -- "${audit[@]}" "$d" -- jq -c "$cdx_jq" "$d"/*.json
fi
if [[ -z "$filter" || version == *"$filter"* ]]; then
	run "version" 0 -- version -- jq -n 1
fi
echo "wall_s, cpu_s (user+sys): medians of $runs alternating runs; best_s: the fastest run; RSS: the largest peak of the whole process;"
echo "vs_jq, vs_base: medians of the pair ratios of wall times (embargo/jq, this/base; below 1 is faster)${base:+; base = $base ($rev)}"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
