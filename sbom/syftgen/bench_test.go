package syftgen_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/embargo-sbom/embargo/sbom/syftgen"
)

// The benchmark compares Generate with the syft CLI on the same
// node_modules tree. Both run as fresh processes so that each pays its own
// start-up: Generate runs in a copy of this test binary (TestScanHelper),
// syft as "syft scan dir:X -o cyclonedx-json". Runs alternate in A/B pairs
// (the order flips every pair) and the median of the per-pair ratios is
// reported as gen/cli.
//
//	SYFTGEN_BENCH_PACKAGES  packages in the tree (default 3000)
//	SYFTGEN_BENCH_DIR       reuse or keep the tree here instead of a temp dir
//	SYFT                    the syft binary (default: syft on PATH, then $GOPATH/bin/syft)

const helperEnv = "SYFTGEN_SCAN_HELPER"

// TestScanHelper is not a test: run with SYFTGEN_SCAN_HELPER=SOURCE it
// runs Generate on SOURCE (which encodes syft-json for the digest) and
// prints the component count on stderr. It writes no further SBOM: the
// target is Generate itself against "syft scan -o cyclonedx-json".
func TestScanHelper(t *testing.T) {
	src := os.Getenv(helperEnv)
	if src == "" {
		t.Skip("helper process for BenchmarkScanVsSyftCLI")
	}
	r, err := syftgen.Generate(context.Background(), src, syftgen.Config{})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "components=%d\n", len(r.Document.Components))
}

func syftBinary(b *testing.B) string {
	if p := os.Getenv("SYFT"); p != "" {
		return p
	}
	if p, err := exec.LookPath("syft"); err == nil {
		return p
	}
	if gopath, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
		p := filepath.Join(string(trimNL(gopath)), "bin", "syft")
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	b.Skip("syft CLI not found (go install github.com/anchore/syft/cmd/syft@v1.57.1)")
	return ""
}

func trimNL(b []byte) []byte {
	for len(b) > 0 && (b[len(b)-1] == '\n' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}

// npmTree writes a project with n packages under node_modules, each with a
// package.json and a few source files, and a v3 package-lock.json listing
// them. A tenth of the packages are scoped.
func npmTree(tb testing.TB, dir string, n int) {
	tb.Helper()
	if _, err := os.Stat(filepath.Join(dir, "package-lock.json")); err == nil {
		return // reuse a tree made earlier
	}
	lockPkgs := map[string]any{}
	deps := map[string]string{}
	for i := range n {
		name := fmt.Sprintf("pkg-%04d", i)
		if i%10 == 0 {
			name = fmt.Sprintf("@scope%02d/lib-%04d", i%7, i)
		}
		version := fmt.Sprintf("%d.%d.%d", 1+i%5, i%13, i%7)
		pdir := filepath.Join(dir, "node_modules", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Join(pdir, "lib"), 0o755); err != nil {
			tb.Fatal(err)
		}
		pj := map[string]any{
			"name": name, "version": version, "description": "benchmark package " + name,
			"author": fmt.Sprintf("Author %d <author%d@example.com>", i, i), "license": "MIT",
			"main": "lib/index.js", "homepage": "https://example.com/" + name,
		}
		writeJSON(tb, filepath.Join(pdir, "package.json"), pj)
		for j, f := range []string{"lib/index.js", "lib/util.js", "README.md", "LICENSE"} {
			body := fmt.Sprintf("// %s %s file %d\nmodule.exports = %d;\n", name, version, j, i)
			if err := os.WriteFile(filepath.Join(pdir, filepath.FromSlash(f)), []byte(body), 0o644); err != nil {
				tb.Fatal(err)
			}
		}
		lockPkgs["node_modules/"+name] = map[string]any{
			"version":   version,
			"resolved":  "https://registry.npmjs.org/" + name + "/-/" + filepath.Base(name) + "-" + version + ".tgz",
			"integrity": "sha512-" + strconv.Itoa(i),
			"license":   "MIT",
		}
		deps[name] = "^" + version
	}
	lockPkgs[""] = map[string]any{"name": "bench", "version": "1.0.0", "dependencies": deps}
	writeJSON(tb, filepath.Join(dir, "package.json"), map[string]any{"name": "bench", "version": "1.0.0", "dependencies": deps})
	writeJSON(tb, filepath.Join(dir, "package-lock.json"), map[string]any{
		"name": "bench", "version": "1.0.0", "lockfileVersion": 3, "requires": true, "packages": lockPkgs,
	})
}

func writeJSON(tb testing.TB, path string, v any) {
	tb.Helper()
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		tb.Fatal(err)
	}
}

func benchTree(b *testing.B) string {
	n := 3000
	if s := os.Getenv("SYFTGEN_BENCH_PACKAGES"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v <= 0 {
			b.Fatalf("SYFTGEN_BENCH_PACKAGES=%q", s)
		}
		n = v
	}
	dir := os.Getenv("SYFTGEN_BENCH_DIR")
	if dir == "" {
		dir = b.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	npmTree(b, dir, n)
	return dir
}

// timeCmd runs cmd with stdout discarded and returns its wall time.
func timeCmd(b *testing.B, cmd *exec.Cmd) time.Duration {
	b.Helper()
	cmd.Stdout = io.Discard
	var stderr limitedBuffer
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		b.Fatalf("%s: %v\n%s", cmd, err, stderr.buf)
	}
	return time.Since(start)
}

type limitedBuffer struct{ buf []byte }

func (l *limitedBuffer) Write(p []byte) (int, error) {
	if room := 64<<10 - len(l.buf); room > 0 {
		l.buf = append(l.buf, p[:min(len(p), room)]...)
	}
	return len(p), nil
}

func BenchmarkScanVsSyftCLI(b *testing.B) {
	syftBin := syftBinary(b)
	dir := benchTree(b)
	src := "dir:" + dir
	self, err := os.Executable()
	if err != nil {
		b.Fatal(err)
	}
	generate := func() *exec.Cmd {
		cmd := exec.Command(self, "-test.run=^TestScanHelper$", "-test.count=1")
		cmd.Env = append(os.Environ(), helperEnv+"="+src)
		return cmd
	}
	cli := func() *exec.Cmd {
		cmd := exec.Command(syftBin, "scan", src, "-o", "cyclonedx-json", "-q")
		cmd.Env = append(os.Environ(), "SYFT_CHECK_FOR_APP_UPDATE=false")
		return cmd
	}
	// warm the page cache and both binaries once
	timeCmd(b, generate())
	timeCmd(b, cli())

	var ratios []float64
	var gens, clis []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		var g, c time.Duration
		if i%2 == 0 {
			g = timeCmd(b, generate())
			c = timeCmd(b, cli())
		} else {
			c = timeCmd(b, cli())
			g = timeCmd(b, generate())
		}
		gens, clis = append(gens, g), append(clis, c)
		ratios = append(ratios, float64(g)/float64(c))
	}
	b.StopTimer()
	b.ReportMetric(median(ratios), "gen/cli")
	b.ReportMetric(medianDur(gens).Seconds(), "gen-s")
	b.ReportMetric(medianDur(clis).Seconds(), "cli-s")
	b.Logf("pairs=%d gen=%v cli=%v ratios=%.3f", len(ratios), gens, clis, ratios)
}

// BenchmarkGenerate times Generate in-process on the same tree.
func BenchmarkGenerate(b *testing.B) {
	src := "dir:" + benchTree(b)
	var n int
	for b.Loop() {
		r, err := syftgen.Generate(context.Background(), src, syftgen.Config{})
		if err != nil {
			b.Fatal(err)
		}
		n = len(r.Document.Components)
	}
	b.ReportMetric(float64(n), "components")
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func medianDur(ds []time.Duration) time.Duration {
	fs := make([]float64, len(ds))
	for i, d := range ds {
		fs[i] = float64(d)
	}
	return time.Duration(median(fs))
}
