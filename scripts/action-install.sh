#!/usr/bin/env bash
# Installs embargo (and, when needed, embargo-scan) for action.yml into
# $RUNNER_TEMP/embargo-bin and puts that on PATH.
#
# VERSION is a release tag (vX.Y.Z, or vX for its newest release): the release archive for this runner is
# downloaded and checked against the release's checksums.txt (the
# .goreleaser.yaml names). Anything else (a branch, a commit): both
# programs are built from the action's own source in ACTION_PATH; Go must
# be on the runner (GitHub's images have it; GOTOOLCHAIN=auto fetches the
# version go.mod asks for). embargo-scan, which links syft and takes minutes
# to compile, is built only when PATHS or ARGS name a source or scan.
set -euo pipefail
bin="${RUNNER_TEMP:-/tmp}/embargo-bin"
mkdir -p "$bin"

# a major tag (uses: embargo-sbom/embargo@v1) means its newest release
if [[ "${VERSION:-}" =~ ^v[0-9]+$ ]]; then
  auth=()
  [ -n "${GITHUB_TOKEN:-}" ] && auth=(-H "Authorization: Bearer $GITHUB_TOKEN")
  VERSION=$(curl -fsSL ${auth[@]+"${auth[@]}"} "https://api.github.com/repos/embargo-sbom/embargo/releases?per_page=100" |
    jq -r --arg major "$VERSION." '[.[] | select(.draft | not) | select(.prerelease | not) | .tag_name | select(startswith($major))][0] // empty')
  if [ -z "$VERSION" ]; then
    echo "::error title=embargo::no release for this major version" >&2
    exit 1
  fi
fi

if [[ "${VERSION:-}" =~ ^v[0-9]+\.[0-9]+\.[0-9]+ ]]; then
  os=$(uname -s | tr '[:upper:]' '[:lower:]')
  case $os in mingw* | msys* | cygwin*) os=windows ;; esac
  arch=$(uname -m)
  case $arch in x86_64 | amd64) arch=amd64 ;; aarch64 | arm64) arch=arm64 ;; esac
  ext=tar.gz
  [ "$os" = windows ] && ext=zip
  name="embargo_${VERSION#v}_${os}_${arch}.${ext}"
  url="https://github.com/embargo-sbom/embargo/releases/download/${VERSION}"
  curl -fsSL --retry 3 -o "$bin/$name" "$url/$name"
  curl -fsSL --retry 3 -o "$bin/checksums.txt" "$url/checksums.txt"
  sum=sha256sum
  command -v sha256sum >/dev/null || sum="shasum -a 256" # macOS runners
  (cd "$bin" && grep "  ${name}\$" checksums.txt | $sum -c -)
  if [ "$ext" = zip ]; then
    unzip -oq "$bin/$name" -d "$bin"
  else
    tar -xzf "$bin/$name" -C "$bin"
  fi
else
  pkgs=(./cmd/embargo)
  case " ${PATHS:-} ${ARGS:-} " in
    *dir:* | *file:* | *-archive:* | *oci-dir:* | *registry:*) pkgs+=(./cmd/embargo-scan) ;;
  esac
  (cd "$ACTION_PATH" && GOTOOLCHAIN=auto CGO_ENABLED=0 go build -trimpath -o "$bin/" "${pkgs[@]}")
fi
if [ -n "${GITHUB_PATH:-}" ]; then
  echo "$bin" >>"$GITHUB_PATH"
fi
"$bin/embargo" version
