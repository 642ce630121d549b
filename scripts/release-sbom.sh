#!/usr/bin/env bash
# release-sbom.sh ARTIFACT DOCUMENT: the CycloneDX SBOM of one release
# binary, made by embargo itself (embargo scan file:ARTIFACT), for
# .goreleaser.yaml. The host's embargo and embargo-scan are built once into
# dist/.sbom-tools. The audit must pass: a release whose own binary holds a
# listed component fails here.
set -euo pipefail
artifact=$1 document=$2
root=$(cd "$(dirname "$0")/.." && pwd)
tools="$root/dist/.sbom-tools"
if [ ! -x "$tools/embargo-scan" ] || [ ! -x "$tools/embargo" ]; then
  mkdir -p "$tools"
  (cd "$root" && CGO_ENABLED=0 go build -trimpath -o "$tools/" ./cmd/embargo ./cmd/embargo-scan)
fi
"$tools/embargo" scan "file:$artifact" --sbom-out "cyclonedx-json=$document" -q -o table --fail-on info
