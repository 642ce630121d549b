package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// The scan tests need the embargo-scan binary; it is built once per test
// binary, with the race detector when this test binary has it, so that the
// packages compiled for the test run are reused from the build cache.
var scannerBuild struct {
	once sync.Once
	dir  string
	err  error
	out  []byte
}

// needScanner puts a freshly built embargo-scan first on PATH.
func needScanner(t *testing.T) {
	t.Helper()
	scannerBuild.once.Do(func() {
		scannerBuild.dir, scannerBuild.err = os.MkdirTemp("", "embargo-scan-bin-")
		if scannerBuild.err != nil {
			return
		}
		args := []string{"build", "-o", filepath.Join(scannerBuild.dir, "embargo-scan")}
		if raceEnabled {
			args = append(args, "-race")
		}
		cmd := exec.Command("go", append(args, "../../embargo-scan")...)
		// the environment as the test binary started, not the isolated
		// HOME of the calling test: the build cache and module cache live
		// under the real one
		cmd.Env = startEnv
		scannerBuild.out, scannerBuild.err = cmd.CombinedOutput()
	})
	if scannerBuild.err != nil {
		t.Fatalf("build embargo-scan: %v\n%s", scannerBuild.err, scannerBuild.out)
	}
	t.Setenv("PATH", scannerBuild.dir+string(os.PathListSeparator)+os.Getenv("PATH"))
}

// startEnv is the environment before any test changed it.
var startEnv []string

func TestMain(m *testing.M) {
	startEnv = os.Environ()
	code := m.Run()
	if scannerBuild.dir != "" {
		os.RemoveAll(scannerBuild.dir)
	}
	os.Exit(code)
}
