#!/usr/bin/env bash
# The audit step of action.yml: turns the action's inputs (environment
# variables, never interpolated into the script) into one embargo audit,
# writes the Markdown report to the job summary and sets the outputs.
set -euo pipefail

args=(audit --fail-on "${FAIL_ON:-prohibited}")
for p in ${PROFILES//,/ }; do args+=(--profile "$p"); done
for l in $LISTS; do args+=(--list "$l"); done
[ -n "${WAIVERS:-}" ] && args+=(--waivers "$WAIVERS")
[ -n "${BASELINE:-}" ] && args+=(--baseline "$BASELINE")
report=${LEDGER:-${RUNNER_TEMP:-/tmp}/embargo-report.json}
args+=(-o "json=$report")
[ -n "${SARIF:-}" ] && args+=(-o "sarif=$SARIF")
summary_md="${RUNNER_TEMP:-/tmp}/embargo-summary.md"
[ "${SUMMARY:-true}" = true ] && args+=(-o "markdown=$summary_md")
if [ "${ANNOTATIONS:-true}" = true ]; then args+=(-o github); else args+=(-o table); fi
read -ra extra <<<"${ARGS:-}"
read -ra paths <<<"$(printf '%s' "$PATHS" | tr '\n' ' ')"
if [ ${#paths[@]} -eq 0 ]; then
  echo "::error title=embargo::the paths input is empty"
  exit 1
fi

set +e
embargo "${args[@]}" ${extra[@]+"${extra[@]}"} -- "${paths[@]}"
code=$?
set -e

if [ "${SUMMARY:-true}" = true ] && [ -f "$summary_md" ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  cat "$summary_md" >>"$GITHUB_STEP_SUMMARY"
fi
{
  echo "exit-code=$code"
  echo "report=$report"
  if [ -n "${SARIF:-}" ] && [ -f "$SARIF" ]; then echo "sarif=$SARIF"; else echo "sarif="; fi
  if [ -f "$report" ]; then
    jq -r '"outcome=\(.summary.outcome)",
           "prohibited=\(.summary.findings.prohibited)",
           "review=\(.summary.findings.review)",
           "info=\(.summary.findings.info)",
           "failing=\(.summary.failing)"' "$report"
  else
    echo "outcome=error"
  fi
} >>"${GITHUB_OUTPUT:-/dev/null}"

# an error (1) always fails the step; findings (2) and unaudited inputs (3)
# fail it unless the fail input is false
if [ "$code" -eq 1 ] || { [ "$code" -ne 0 ] && [ "${FAIL:-true}" = true ]; }; then
  exit "$code"
fi
