package scanner

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/embargo-sbom/embargo/sbom"
)

// ErrNotInstalled is returned by Find when embargo-scan is neither beside
// the running executable nor on PATH.
var ErrNotInstalled = errors.New(Binary + " is not installed")

func exeName() string {
	if runtime.GOOS == "windows" {
		return Binary + ".exe"
	}
	return Binary
}

// Find locates embargo-scan: beside the running executable first (so that
// a release archive or an image works as unpacked, and one go install
// line pairs both binaries), then on PATH.
func Find() (string, error) {
	if self, err := os.Executable(); err == nil {
		if self, err = filepath.EvalSymlinks(self); err == nil {
			p := filepath.Join(filepath.Dir(self), exeName())
			if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
				return p, nil
			}
		}
	}
	if p, err := exec.LookPath(exeName()); err == nil {
		return p, nil
	}
	return "", fmt.Errorf("%w (looked beside embargo and on PATH); it generates SBOMs from sources with syft; install it with: %s", ErrNotInstalled, InstallHint)
}

// stderrKeep bounds what is kept of embargo-scan's standard error for an
// error message (a Go panic's first lines say what happened).
const stderrKeep = 4 << 10

// Exec runs the embargo-scan at path for req and returns the generated
// document. It fails closed: a crash, a non-zero exit, a stream that is
// malformed, cut short or followed by anything is an error naming the
// source; a generation error is returned as embargo-scan worded it.
func Exec(ctx context.Context, path string, req Request) (*sbom.Document, error) {
	cmd := exec.CommandContext(ctx, path, req.args()...)
	cmd.Stdin = nil
	var stderr headBuffer
	cmd.Stderr = &stderr
	cmd.WaitDelay = 5 * time.Second
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("scan %q: %w", req.Source, err)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("scan %q: start %s: %w", req.Source, path, err)
	}
	doc, readErr := readStream(bufio.NewReaderSize(out, 64<<10), req.Progress)
	if readErr != nil {
		// stop a child whose output is unusable rather than wait on it
		_ = cmd.Process.Kill()
	}
	waitErr := cmd.Wait()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("scan %q: %w", req.Source, err)
	}
	var gen *errGenerate
	switch {
	case errors.As(readErr, &gen):
		return nil, gen
	case readErr != nil && waitErr != nil && !isKill(waitErr):
		return nil, fmt.Errorf("scan %q: %s failed: %v%s", req.Source, path, waitErr, stderr.tail())
	case readErr != nil:
		return nil, fmt.Errorf("scan %q: %s: %w%s", req.Source, path, readErr, stderr.tail())
	case waitErr != nil:
		return nil, fmt.Errorf("scan %q: %s failed after sending its result: %v%s", req.Source, path, waitErr, stderr.tail())
	}
	if doc.Path != req.Source {
		return nil, fmt.Errorf("scan %q: %s: %w: result is for %q", req.Source, path, errProtocol, doc.Path)
	}
	return doc, nil
}

func isKill(err error) bool {
	var ee *exec.ExitError
	return errors.As(err, &ee) && !ee.Exited()
}

// headBuffer keeps the first stderrKeep bytes written to it.
type headBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (h *headBuffer) Write(p []byte) (int, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if room := stderrKeep - h.buf.Len(); room > 0 {
		h.buf.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}

func (h *headBuffer) tail() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	s := strings.TrimSpace(h.buf.String())
	if s == "" {
		return ""
	}
	return ": " + strings.ReplaceAll(s, "\n", " | ")
}
