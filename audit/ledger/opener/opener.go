// Package opener opens a ledger by name: a postgres:// or postgresql://
// DSN opens PostgreSQL, anything else is an SQLite file created on first
// use. It exists so that the store package imports no driver.
package opener

import (
	"context"
	"fmt"
	"strings"

	"github.com/embargo-sbom/embargo/audit/ledger"
	"github.com/embargo-sbom/embargo/audit/ledger/postgres"
	"github.com/embargo-sbom/embargo/audit/ledger/sqlite"
)

// Open opens the ledger named by target.
func Open(ctx context.Context, target string) (ledger.Store, error) {
	if strings.TrimSpace(target) == "" {
		return nil, fmt.Errorf("ledger: no file or postgres:// DSN given")
	}
	if postgres.IsDSN(target) {
		return postgres.Open(ctx, target)
	}
	if strings.Contains(target, "://") {
		return nil, fmt.Errorf("ledger %s: only postgres:// and postgresql:// DSNs or a file path name a ledger", postgres.Redact(target))
	}
	if postgres.IsKeywordDSN(target) {
		// Taken for a file name it would create an SQLite file named after
		// the connection string, password included, beside the user.
		return nil, fmt.Errorf("ledger: a key=value connection string is not accepted; give a postgres://USER@HOST:PORT/DB URL (the password in PGPASSWORD or ~/.pgpass) or an SQLite file path")
	}
	return sqlite.Open(ctx, target)
}
