package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestInterruptedWithLedger: an audit with a ledger stopped by SIGINT
// exits 130 and says it was interrupted, in words, never "context
// canceled"; the ledger records no run.
func TestInterruptedWithLedger(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	db := filepath.Join(t.TempDir(), "embargo.db")
	code, _, errOut := run(t, ctx, "", "audit", "--ledger", db, "-o", "json="+filepath.Join(t.TempDir(), "r.json"), fixtures+"sample.cdx.json")
	if code != ExitInterrupted {
		t.Fatalf("exit %d, want %d (%s)", code, ExitInterrupted, errOut)
	}
	if strings.Contains(errOut, "context canceled") || !strings.Contains(errOut, "interrupted") {
		t.Errorf("stderr does not say it was interrupted in words:\n%s", errOut)
	}
}

// TestInterruptedLedgerCommands: cases, cases mark and reaudit stopped by
// SIGINT exit 130 and say so in words.
func TestInterruptedLedgerCommands(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "embargo.db")
	if code, _, errOut := run(t, context.Background(), "", "audit", "-q", "--ledger", db, "-o", "json="+filepath.Join(t.TempDir(), "r.json"), fixtures+"sample.cdx.json"); code != 2 {
		t.Fatalf("audit: exit %d\n%s", code, errOut)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, args := range [][]string{
		{"cases", "--ledger", db},
		{"cases", "mark", "--ledger", db, "--note", "x", "C-000000000000"},
		{"cases", "history", "--ledger", db, "C-000000000000"},
		{"reaudit", "--ledger", db},
	} {
		code, _, errOut := run(t, ctx, "", args...)
		if code != ExitInterrupted {
			t.Errorf("%v: exit %d, want %d (%s)", args, code, ExitInterrupted, errOut)
		}
		if strings.Contains(errOut, "context canceled") || !strings.Contains(errOut, "interrupted") {
			t.Errorf("%v: stderr does not say it was interrupted in words:\n%s", args, errOut)
		}
	}
}
