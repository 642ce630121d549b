#!/usr/bin/env bash
# mutate.sh [PACKAGE...]: mutation testing with gremlins over the matching,
# assessment (verdicts, obligations, business days) and policy code.
#
# Each package is mutated on its own and each mutant runs only that
# package's tests (gremlins' --integration mode would run the whole module
# per mutant: hours). -short skips the heavy tests; the copies of the
# module have no ../shared, so corpus tests skip too.
#
# gremlins runs only mutants inside a covered block of the coverage
# profile, and Go's profile leaves out switch-case expressions, so gremlins
# reports every mutant of a `case a == b:` as not covered even when tests
# run it. A second pass here applies each mutant gremlins left "not
# covered" to a copy of the module and runs the package's tests: killed
# if they fail (or hang past a minute), lived if they pass (truly
# unreached mutants live, so they count as survivors). Score = killed (both passes) / (killed + lived +
# not covered - not viable) of gremlins' count; a re-run mutant that does
# not compile is not viable.
#
# Environment: GREMLINS (the command, default `go run` of the pinned
# version), MUTATE_WORKERS (default 2), MUTATE_OUT (directory for the JSON
# results, default a temporary one), MUTATE_REUSE=1 (skip gremlins and
# reuse the JSON already in MUTATE_OUT, and re-run the mutants it lists as
# lived too: for checking that new tests kill the survivors of a full run).
set -euo pipefail
cd "$(dirname "$0")/.."
gremlins=${GREMLINS:-go run github.com/go-gremlins/gremlins/cmd/gremlins@v0.6.0}
workers=${MUTATE_WORKERS:-2}
pkgs=("$@")
[ ${#pkgs[@]} -gt 0 ] || pkgs=(./audit/match ./audit/assess ./audit/policy)
out=${MUTATE_OUT:-$(mktemp -d)}
mkdir -p "$out"
copies=$(mktemp -d)
trap 'chmod -R u+w "$copies" 2>/dev/null; rm -rf "$copies"' EXIT

start=$(date +%s)
for p in "${pkgs[@]}"; do
  [ -z "${MUTATE_REUSE:-}" ] || break
  name=$(echo "${p#./}" | tr / _)
  echo "== $p" >&2
  GOFLAGS="${GOFLAGS:+$GOFLAGS }-short" $gremlins unleash \
    --workers "$workers" --test-cpu 1 --timeout-coefficient 10 \
    --output-statuses lt -o "$out/$name.json" "$p" >&2
done

# The second pass works on copies of the tracked and new files.
for i in $(seq 1 "$workers"); do
  mkdir -p "$copies/$i"
  git ls-files -z -c -o --exclude-standard | grep -zv '^dist/' | xargs -0 tar -c | tar -x -C "$copies/$i"
done

python3 - "$start" "$out" "$copies" "$workers" "${MUTATE_REUSE:-}" "${pkgs[@]}" <<'PY'
import concurrent.futures, json, os, queue, subprocess, sys, time
_, start, out, copies, workers, reuse, *pkgs = sys.argv
again = ("NOT COVERED", "LIVED") if reuse else ("NOT COVERED",)
workers = int(workers)
# gremlins' token mutations (internal/engine/mappings.go, v0.6.0).
MUT = {
    "ARITHMETIC_BASE": {"+": "-", "*": "/", "/": "*", "%": "*", "-": "+"},
    "CONDITIONALS_BOUNDARY": {">=": ">", ">": ">=", "<=": "<", "<": "<="},
    "CONDITIONALS_NEGATION": {"==": "!=", ">=": "<", ">": "<=", "<=": ">", "<": ">=", "!=": "=="},
    "INCREMENT_DECREMENT": {"--": "++", "++": "--"},
    "INVERT_NEGATIVES": {"-": "+"},
}
free = queue.Queue()
for i in range(1, workers + 1):
    free.put(os.path.join(copies, str(i)))
env = dict(os.environ, GOFLAGS=(os.environ.get("GOFLAGS", "") + " -short").strip())

def run(pkg, path, m):
    d = free.get()
    try:
        f = os.path.join(d, pkg, path)
        src = open(f, "rb").read()
        lines = src.split(b"\n")
        line = lines[m["line"] - 1]
        col = m["column"] - 1
        for op in sorted(MUT[m["type"]], key=len, reverse=True):
            if line[col:col + len(op)] == op.encode():
                break
        else:
            return "NOT VIABLE"
        lines[m["line"] - 1] = line[:col] + MUT[m["type"]][op].encode() + line[col + len(op):]
        open(f, "wb").write(b"\n".join(lines))
        try:
            # The packages' short tests take about a second: a mutant
            # that makes them run a minute loops.
            r = subprocess.run(["go", "test", "-count=1", "-failfast", "-cpu", "1", "-timeout", "60s", "./" + pkg],
                               cwd=d, env=env, capture_output=True, text=True, timeout=900)
            log = r.stdout + r.stderr
            if "[build failed]" in log or "[setup failed]" in log:
                return "NOT VIABLE"
            if "panic: test timed out" in log:
                return "TIMED OUT"
            return "LIVED" if r.returncode == 0 else "KILLED"
        except subprocess.TimeoutExpired:
            return "TIMED OUT"
        finally:
            open(f, "wb").write(src)
    finally:
        free.put(d)

keys = ("KILLED", "LIVED", "NOT COVERED", "TIMED OUT", "NOT VIABLE")
tot = dict.fromkeys(keys + ("RERUN KILLED", "RERUN LIVED", "RERUN NOT VIABLE"), 0)

def line(label, c):
    # A mutant that does not compile (string "+" made "-") is no mutant.
    den = c["KILLED"] + c["LIVED"] + c["NOT COVERED"] - c["RERUN NOT VIABLE"]
    # gremlins' lived mutants re-run (MUTATE_REUSE) and killed now count
    # as killed: RERUN KILLED covers both kinds.
    score = 100.0 * (c["KILLED"] + c["RERUN KILLED"]) / den if den else 100.0
    print(f"{label:<14} killed {c['KILLED']:4}  lived {c['LIVED']:3}  not covered {c['NOT COVERED']:3}"
          f" (re-run: killed {c['RERUN KILLED']:3}, lived {c['RERUN LIVED']:3}, not viable {c['RERUN NOT VIABLE']})"
          f"  timed out {c['TIMED OUT']:2}  score {score:5.1f}%")

summary = []
for p in pkgs:
    pkg = p.removeprefix("./")
    name = pkg.replace("/", "_")
    d = json.load(open(os.path.join(out, name + ".json")))
    c = dict.fromkeys(tot, 0)
    nc = []
    for f in d["files"]:
        for m in f["mutations"]:
            if m["status"] in c:
                c[m["status"]] += 1
            if m["status"] == "LIVED" and not reuse:
                print(f"  LIVED       {pkg}/{f['file_name']}:{m['line']}:{m['column']} {m['type']}")
            if m["status"] in again:
                nc.append((f["file_name"], m))
    print(f"  re-running {len(nc)} mutants ({' and '.join(again).lower()}) in {pkg}", file=sys.stderr)
    with concurrent.futures.ThreadPoolExecutor(workers) as ex:
        results = list(ex.map(lambda fm: run(pkg, fm[0], fm[1]), nc))
    rerun = []
    for (fn, m), st in zip(nc, results):
        rerun.append(dict(m, file_name=fn, rerun=st))
        if st in ("KILLED", "TIMED OUT"):  # a hang fails the tests too
            c["RERUN KILLED"] += 1
        elif st == "LIVED":
            c["RERUN LIVED"] += 1
        elif st == "NOT VIABLE":
            c["RERUN NOT VIABLE"] += 1
        if st not in ("KILLED", "TIMED OUT"):
            print(f"  {m['status']:<11} {pkg}/{fn}:{m['line']}:{m['column']} {m['type']} (re-run: {st.lower()})")
    json.dump(rerun, open(os.path.join(out, name + ".rerun.json"), "w"), indent=1)
    summary.append((pkg, c))
    for k in c:
        tot[k] += c[k]
for pkg, c in summary:
    line(pkg, c)
line("overall", tot)
elapsed = int(time.time()) - int(start)
print(f"elapsed {elapsed // 60}m{elapsed % 60:02d}s")
PY
