#!/usr/bin/env bash
# footprint.sh [BASE] [--cold]: what embargo costs before it does any work,
# for BASE (a git ref, default main) and the working tree, side by side in
# one run: binary sizes, `embargo version` peak RSS (whole process) and
# package-init time (sum of GODEBUG=inittrace=1 clocks), medians of 5.
# With --cold, also the compile time of `go run ./cmd/embargo version`
# with an empty GOCACHE (modules come from the module cache): minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
base=main cold=
for a in "$@"; do
  case $a in
    --cold) cold=1 ;;
    *) base=$a ;;
  esac
done
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
mkdir -p "$work/before" "$work/after"
git archive "$base" | tar -x -C "$work/before"
git ls-files -z | xargs -0 tar -c | tar -x -C "$work/after"

median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

measure() { # tree label
  local tree=$1 label=$2 bin=$work/$2-bin
  mkdir -p "$bin"
  (cd "$tree" && go build -o "$bin/embargo" ./cmd/embargo)
  if [ -d "$tree/cmd/embargo-scan" ]; then
    (cd "$tree" && go build -o "$bin/embargo-scan" ./cmd/embargo-scan)
  fi
  local size rss init wall
  size=$(stat -c %s "$bin/embargo")
  rss=$(for _ in 1 2 3 4 5; do /usr/bin/time -f %M "$bin/embargo" version 2>&1 >/dev/null | tail -1; done | median)
  wall=$(for _ in 1 2 3 4 5; do /usr/bin/time -f %e "$bin/embargo" version 2>&1 >/dev/null | tail -1; done | median)
  init=$(for _ in 1 2 3 4 5; do GODEBUG=inittrace=1 "$bin/embargo" version 2>&1 >/dev/null | awk '/^init /{s+=$5} END{printf "%.1f\n", s}'; done | median)
  printf '%-7s embargo %6.1f MB   version: peak RSS %4d MiB, init %6.1f ms, wall %s s' \
    "$label" "$(echo "$size/1000000" | bc -l)" "$((rss / 1024))" "$init" "$wall"
  if [ -f "$bin/embargo-scan" ]; then
    printf '   embargo-scan %6.1f MB' "$(echo "$(stat -c %s "$bin/embargo-scan")/1000000" | bc -l)"
  fi
  if [ -n "$cold" ]; then
    local cache start
    cache=$(mktemp -d)
    start=$(date +%s.%N)
    (cd "$tree" && GOCACHE=$cache go run ./cmd/embargo version >/dev/null)
    printf '   cold go run: %.0f s' "$(echo "$(date +%s.%N) - $start" | bc -l)"
    chmod -R u+w "$cache"; rm -rf "$cache"
  fi
  echo
}

echo "base $base ($(git rev-parse --short "$base")) vs working tree, $(nproc) cores"
measure "$work/before" before
measure "$work/after" after
