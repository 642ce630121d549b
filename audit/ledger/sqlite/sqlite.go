// Package sqlite opens a ledger in an SQLite file through modernc.org/sqlite
// (pure Go, no cgo); it is the only package that imports that driver.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/embargo-sbom/embargo/audit/ledger"
	"modernc.org/sqlite" // registers the "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"
)

// BusyTimeout is how long a writer waits for another process's write
// transaction before giving up: recording a run takes well under a second,
// so a CI matrix of writers queues rather than fails.
const BusyTimeout = 60 * time.Second

var dialect = &ledger.Dialect{
	Name: "sqlite", Serial: "INTEGER PRIMARY KEY", Blob: "BLOB",
	// SQLite's default limit is 32766 variables; stay well under it.
	MaxParams: 4000,
}

// Open opens (creating on first use) the ledger at path: WAL journal so
// that readers never block the writer, a busy timeout for concurrent
// writers, and write transactions that begin IMMEDIATE so that two
// processes never both read and then fail to upgrade to a write.
func Open(ctx context.Context, path string) (*ledger.SQLStore, error) {
	if err := checkPath(path); err != nil {
		return nil, err
	}
	// Processes opening a new ledger at once contend for switching it to
	// WAL and for creating its schema, where SQLite may answer "busy"
	// without waiting: try again until the busy timeout.
	deadline := time.Now().Add(BusyTimeout)
	for wait := 5 * time.Millisecond; ; wait = min(2*wait, 200*time.Millisecond) {
		s, err := open(ctx, path)
		if err == nil || !isBusy(err) || time.Now().After(deadline) {
			return s, err
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("ledger %s: %w", path, ctx.Err())
		case <-time.After(wait + time.Duration(rand.Int64N(int64(wait)))):
		}
	}
}

func isBusy(err error) bool {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	code := se.Code() & 0xff
	return code == sqlite3.SQLITE_BUSY || code == sqlite3.SQLITE_LOCKED
}

func checkPath(path string) error {
	if dir := filepath.Dir(path); dir != "" {
		if _, err := os.Stat(dir); err != nil {
			return fmt.Errorf("ledger %s: the folder does not exist: %w", path, err)
		}
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return fmt.Errorf("ledger %s: is a folder, not a ledger file", path)
	}
	return checkHeader(path)
}

func open(ctx context.Context, path string) (*ledger.SQLStore, error) {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", BusyTimeout.Milliseconds()))
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "foreign_keys(ON)")
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("ledger %s: %w", path, err)
	}
	// One connection: the process's writers queue in database/sql instead
	// of contending for SQLite's lock among themselves.
	db.SetMaxOpenConns(1)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("ledger %s: %w", path, err)
	}
	return ledger.NewSQLStore(ctx, db, dialect, path)
}

// checkHeader refuses a file that exists but is not an SQLite database,
// before anything writes to it.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return nil // created on first write
	}
	defer f.Close()
	head := make([]byte, 16)
	n, _ := f.Read(head)
	if n == 0 {
		return nil
	}
	if string(head[:n]) != "SQLite format 3\x00" {
		return fmt.Errorf("ledger %s: not an SQLite database (an embargo ledger file is one)", path)
	}
	return nil
}
