package postgres_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/embargo-sbom/embargo/audit/ledger"
	"github.com/embargo-sbom/embargo/audit/ledger/ledgertest"
	"github.com/embargo-sbom/embargo/audit/ledger/postgres"
)

// dsnEnv names the server the tests use; scripts/with-postgres.sh starts
// a throwaway one and sets it.
const dsnEnv = "EMBARGO_TEST_POSTGRES"

func open(ctx context.Context, target string) (ledger.Store, error) {
	return postgres.Open(ctx, target)
}

func TestMain(m *testing.M) { ledgertest.Main(m, open) }

// server returns the test server's DSN, skipping when there is none
// locally; in CI (CI=true) a missing server fails the test.
func server(t testing.TB) string {
	dsn := os.Getenv(dsnEnv)
	if dsn == "" {
		msg := "no PostgreSQL server: run `bash scripts/with-postgres.sh go test ./audit/ledger/...` (starts a throwaway cluster) or set " + dsnEnv + " to a postgres:// DSN"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return dsn
}

var schemas atomic.Int64

// newLedger makes an empty schema and returns a DSN whose search_path
// points at it: each test gets a ledger of its own on one server.
func newLedger(t testing.TB) string {
	dsn := server(t)
	name := fmt.Sprintf("ledgertest_%d_%d", time.Now().UnixNano(), schemas.Add(1))
	target, drop, err := postgres.NewSchema(context.Background(), dsn, name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { drop() }) //nolint:errcheck
	return target
}

var backend = ledgertest.Backend{New: newLedger, Open: open}

func TestLedger(t *testing.T) { ledgertest.Run(t, backend) }

func TestIsDSN(t *testing.T) {
	for target, want := range map[string]bool{
		"postgres://u@h/db": true, "postgresql://h/db": true, "ledger.db": false,
		"/var/lib/embargo/postgres.db": false, "mysql://h/db": false,
	} {
		if got := postgres.IsDSN(target); got != want {
			t.Errorf("IsDSN(%q) = %v", target, got)
		}
	}
}

// TestPasswordNotInErrors: a DSN's password never reaches a message.
func TestPasswordNotInErrors(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err := postgres.Open(ctx, "postgres://u:s3cret@127.0.0.1:1/db?connect_timeout=2")
	if err == nil || strings.Contains(err.Error(), "s3cret") || !strings.Contains(err.Error(), "127.0.0.1:1") {
		t.Errorf("Open with a bad server: %v", err)
	}
}

// BenchmarkRecord100k: recording a run with a 100k-component document.
func BenchmarkRecord100k(b *testing.B) { ledgertest.BenchRecord(b, backend, 100_000) }

// BenchmarkCasesOpen: the candidates of `cases --status overdue` in a
// ledger of 1,000 runs and 100,000 cases.
func BenchmarkCasesOpen(b *testing.B) { ledgertest.BenchCasesOpen(b, backend) }
