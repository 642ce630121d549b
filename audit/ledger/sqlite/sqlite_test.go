package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/embargo-sbom/embargo/audit/ledger"
	"github.com/embargo-sbom/embargo/audit/ledger/ledgertest"
	"github.com/embargo-sbom/embargo/audit/ledger/sqlite"
)

func open(ctx context.Context, target string) (ledger.Store, error) { return sqlite.Open(ctx, target) }

func TestMain(m *testing.M) { ledgertest.Main(m, open) }

var backend = ledgertest.Backend{
	New:  func(t testing.TB) string { return filepath.Join(t.TempDir(), "ledger.db") },
	Open: open,
}

func TestLedger(t *testing.T) { ledgertest.Run(t, backend) }

// TestRefusesOtherFiles: a file that is not an SQLite database, or a
// folder, is refused by name and left untouched.
func TestRefusesOtherFiles(t *testing.T) {
	dir := t.TempDir()
	notDB := filepath.Join(dir, "report.json")
	if err := os.WriteFile(notDB, []byte(`{"findings": []}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{notDB, dir, filepath.Join(dir, "missing", "ledger.db")} {
		_, err := sqlite.Open(context.Background(), target)
		if err == nil || !strings.Contains(err.Error(), target) {
			t.Errorf("Open(%s) = %v, want an error naming it", target, err)
		}
	}
	if b, _ := os.ReadFile(notDB); string(b) != `{"findings": []}` {
		t.Errorf("the refused file changed: %q", b)
	}
}

// BenchmarkRecord100k: recording a run with a 100k-component document.
func BenchmarkRecord100k(b *testing.B) { ledgertest.BenchRecord(b, backend, 100_000) }

// BenchmarkCasesOpen: the candidates of `cases --status overdue` in a
// ledger of 1,000 runs and 100,000 cases.
func BenchmarkCasesOpen(b *testing.B) { ledgertest.BenchCasesOpen(b, backend) }
