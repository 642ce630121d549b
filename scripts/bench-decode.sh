#!/usr/bin/env bash
# bench-decode.sh: time embargo's streaming decoder (sbom.Decode, through
# sbom/internal/decodebench) against a baseline on the same file, in the
# same run, alternating A/B, and print the median of the pair ratios with
# peak RSS.
#   CycloneDX JSON, SPDX JSON: jq with the purl filter of research/perf.md
#   CycloneDX XML: a plain encoding/xml token scan (decodebench -xmlscan)
#   SPDX tag-value: no baseline (target: under 1 s for 150 MB); cat shown
#
# Usage: scripts/bench-decode.sh [-n RUNS] [BENCH_DIR] [NAME_FILTER]
# BENCH_DIR defaults to ../shared/bench; files are gunzipped to $TMPDIR.
set -euo pipefail

runs=3
if [[ "${1:-}" == "-n" ]]; then runs=$2; shift 2; fi
root=$(cd "$(dirname "$0")/.." && pwd)
bench=${1:-$root/../shared/bench}
filter=${2:-}
tmp=${TMPDIR:-/tmp}/embargo-bench
mkdir -p "$tmp"

command -v jq >/dev/null || { echo "jq is needed (apt-get install -y jq)" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "/usr/bin/time is needed (apt-get install -y time)" >&2; exit 1; }

bin=$tmp/decodebench
(cd "$root" && go build -o "$bin" ./sbom/internal/decodebench)

cdx_jq='.components[]? | select((.purl // "") | test("kaspersky"; "i"))'
spdx_jq='.packages[]? | select(any(.externalRefs[]?; .referenceType == "purl" and (.referenceLocator | test("kaspersky"; "i"))))'

# measure CMD...: prints "seconds peak_kib" for one run.
measure() {
	local out
	out=$( { /usr/bin/time -f '%e %M' "$@" >/dev/null; } 2>&1 | tail -1)
	echo "$out"
}

median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.4f\n", (a[NR/2]+a[NR/2+1])/2}'; }

printf '%-22s %-15s %6s %9s %8s %8s %9s %9s %9s\n' file format MB embargo_s base_s ratio embargo_MBs emb_RSS_MiB base_RSS_MiB
for gz in "$bench"/*.gz; do
	name=$(basename "$gz" .gz)
	[[ -z "$filter" || "$name" == *"$filter"* ]] || continue
	f=$tmp/$name
	[[ -s "$f" ]] || gzip -dc "$gz" >"$f"
	bytes=$(stat -c %s "$f")
	case "$name" in
	*.cdx.json) format=cyclonedx-json; base=(jq -c "$cdx_jq" "$f") ;;
	*.spdx.json) format=spdx-json; base=(jq -c "$spdx_jq" "$f") ;;
	*.cdx.xml) format=cyclonedx-xml; base=("$bin" -xmlscan "$f") ;;
	*.spdx) format=spdx-tag-value; base=(cat "$f") ;;
	*) continue ;;
	esac
	"$bin" "$f" >/dev/null # warm up, and fail early
	ratios=() ; as=() ; bs=() ; arss=0 ; brss=0
	for ((i = 0; i < runs; i++)); do
		read -r a ar < <(measure "$bin" "$f")
		read -r b br < <(measure "${base[@]}")
		as+=("$a") ; bs+=("$b")
		ratios+=("$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.3f", (b > 0 ? a / b : 0)}')")
		((ar > arss)) && arss=$ar
		((br > brss)) && brss=$br
	done
	a=$(printf '%s\n' "${as[@]}" | median)
	b=$(printf '%s\n' "${bs[@]}" | median)
	r=$(printf '%s\n' "${ratios[@]}" | median)
	printf '%-22s %-15s %6.1f %9.3f %8.3f %8.3f %9.0f %9.1f %9.1f\n' "$name" "$format" \
		"$(awk -v b="$bytes" 'BEGIN {print b / 1e6}')" "$a" "$b" "$r" \
		"$(awk -v b="$bytes" -v s="$a" 'BEGIN {print (s > 0 ? b / 1e6 / s : 0)}')" \
		"$(awk -v k="$arss" 'BEGIN {print k / 1024}')" "$(awk -v k="$brss" 'BEGIN {print k / 1024}')"
done
echo "ratio = median over $runs alternating runs of embargo_s / base_s (base: jq for JSON, encoding/xml token scan for XML, cat for tag-value)"
