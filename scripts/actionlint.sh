#!/usr/bin/env bash
# actionlint.sh: lint action.yml with actionlint, through the README's
# example workflow (testdata/action/workflow.yml, which uses: ./).
# actionlint checks a local action's inputs only inside a project (a git
# repository with .github/workflows), so one is laid out in a temporary
# directory. A copy with an undefined input must fail, proving that
# action.yml itself was read.
set -euo pipefail
cd "$(dirname "$0")/.."
actionlint=${ACTIONLINT:-github.com/rhysd/actionlint/cmd/actionlint@v1.7.12}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
GOBIN="$tmp" go install "$actionlint" # a module version: built outside this module
bin="$tmp/actionlint"

lint() { # workflow-file
  rm -rf "$tmp/p" && mkdir -p "$tmp/p/.github/workflows"
  cp action.yml "$tmp/p/"
  cp "$1" "$tmp/p/.github/workflows/embargo.yml"
  (cd "$tmp/p" && git init -q && "$bin" -shellcheck= -no-color)
}

lint testdata/action/workflow.yml
sed 's/^\( *\)fail-on: prohibited$/&\n\1undefined-input: x/' testdata/action/workflow.yml >"$tmp/bad.yml"
if lint "$tmp/bad.yml" >/dev/null 2>&1; then
  echo "actionlint.sh: an undefined input passed; action.yml was not checked" >&2
  exit 1
fi
echo "action.yml: actionlint clean"
