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
		return nil, fmt.Errorf("ledger %s: only postgres:// and postgresql:// DSNs or a file path name a ledger", target)
	}
	return sqlite.Open(ctx, target)
}
