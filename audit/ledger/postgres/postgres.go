// Package postgres opens a ledger in a PostgreSQL database through pgx; it
// is the only package that imports that driver.
package postgres

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/embargo-sbom/embargo/audit/ledger"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// lockKey names the ledger's advisory lock ("embargo!" in ASCII): every
// write transaction takes it, so that concurrent runs apply their case
// changes one after another and none is lost or duplicated.
const lockKey = 0x656d6261726f6721

var dialect = &ledger.Dialect{
	Name: "postgres", Serial: "BIGSERIAL PRIMARY KEY", Blob: "BYTEA", Numbered: true,
	WriteLock: fmt.Sprintf("SELECT pg_advisory_xact_lock(%d)", lockKey),
	MaxParams: 30000, // the protocol allows 65535
}

// IsDSN reports whether target names a PostgreSQL database.
func IsDSN(target string) bool {
	return strings.HasPrefix(target, "postgres://") || strings.HasPrefix(target, "postgresql://")
}

// Open connects to the database the DSN names and brings its schema up
// to date.
func Open(ctx context.Context, dsn string) (*ledger.SQLStore, error) {
	name := redact(dsn)
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("ledger %s: %w", name, err)
	}
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(4)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("ledger %s: connecting: %w", name, err)
	}
	return ledger.NewSQLStore(ctx, db, dialect, name)
}

// redact hides a password in the DSN for messages.
func redact(dsn string) string { return Redact(dsn) }

// Redact hides the passwords of a URL-shaped DSN for messages and
// reports: the user's (postgres://bob:secret@...) and a password query
// parameter (?password=secret). A DSN that does not parse is cut to its
// scheme.
func Redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		scheme, _, _ := strings.Cut(dsn, "://")
		return scheme + "://…"
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	if q := u.Query(); q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// keywords are the libpq connection keywords a key=value DSN
// ("host=db user=bob password=...") is made of.
var keywords = []string{"host", "hostaddr", "port", "dbname", "user", "password", "sslmode", "service", "passfile"}

// IsKeywordDSN reports whether target looks like a libpq key=value
// connection string: a ledger name of that shape is no file name.
func IsKeywordDSN(target string) bool {
	for _, f := range strings.Fields(target) {
		k, _, ok := strings.Cut(f, "=")
		if ok && slices.Contains(keywords, strings.ToLower(k)) {
			return true
		}
	}
	return false
}

// NewSchema creates a schema and returns a DSN whose search_path points at
// it, and a function that drops it: each test, or each environment of a
// team sharing one server, gets a ledger of its own.
func NewSchema(ctx context.Context, dsn, name string) (string, func() error, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return "", nil, err
	}
	exec := func(sql string) error {
		conn, err := pgx.ConnectConfig(ctx, cfg)
		if err != nil {
			return err
		}
		defer conn.Close(context.Background())
		_, err = conn.Exec(ctx, sql)
		return err
	}
	quoted := pgx.Identifier{name}.Sanitize()
	if err := exec("CREATE SCHEMA " + quoted); err != nil {
		return "", nil, fmt.Errorf("creating schema %s: %w", name, err)
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "", nil, err
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String(), func() error { return exec("DROP SCHEMA " + quoted + " CASCADE") }, nil
}
