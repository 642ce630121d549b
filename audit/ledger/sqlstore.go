package ledger

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// SQLStore is the Store over database/sql, shared by the dialects.
type SQLStore struct {
	db   *sql.DB
	d    *Dialect
	name string // the ledger as named by the user, for messages
}

// NewSQLStore wraps an open database, brings its schema up to date and
// returns the store; it refuses a ledger of a newer schema. name is how
// errors call the ledger. The store owns db and closes it.
func NewSQLStore(ctx context.Context, db *sql.DB, d *Dialect, name string) (*SQLStore, error) {
	s := &SQLStore{db: db, d: d, name: name}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("ledger %s: %w", name, err)
	}
	return s, nil
}

// Close closes the database.
func (s *SQLStore) Close() error { return s.db.Close() }

// DB is the underlying database, for tests and tools.
func (s *SQLStore) DB() *sql.DB { return s.db }

// write runs fn in one write transaction, committed only if fn succeeds.
func (s *SQLStore) write(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("beginning a transaction: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // after Commit it is a no-op
	if s.d.WriteLock != "" {
		if _, err := tx.ExecContext(ctx, s.d.WriteLock); err != nil {
			return fmt.Errorf("taking the ledger's write lock: %w", err)
		}
	}
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("committing: %w", err)
	}
	return nil
}

type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// insertRows inserts rows in multi-row statements within the dialect's
// parameter limit.
func (s *SQLStore) insertRows(ctx context.Context, ex execer, table string, cols []string, rows [][]any, suffix string) error {
	if len(rows) == 0 {
		return nil
	}
	per := max(1, s.d.MaxParams/len(cols))
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")"
	for start := 0; start < len(rows); start += per {
		chunk := rows[start:min(start+per, len(rows))]
		var b strings.Builder
		fmt.Fprintf(&b, "INSERT INTO %s (%s) VALUES ", table, strings.Join(cols, ", "))
		args := make([]any, 0, len(chunk)*len(cols))
		for i, r := range chunk {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(one)
			args = append(args, r...)
		}
		b.WriteString(suffix)
		if _, err := ex.ExecContext(ctx, s.d.rebind(b.String()), args...); err != nil {
			return fmt.Errorf("writing %s: %w", table, err)
		}
	}
	return nil
}

// inChunks runs fn over values in chunks that fit the parameter limit,
// with the "?, ?, ..." list for each chunk.
func (s *SQLStore) inChunks(values []string, fn func(marks string, args []any) error) error {
	per := max(1, s.d.MaxParams-8)
	for start := 0; start < len(values); start += per {
		chunk := values[start:min(start+per, len(values))]
		args := make([]any, len(chunk))
		for i, v := range chunk {
			args[i] = v
		}
		if err := fn(strings.TrimSuffix(strings.Repeat("?, ", len(chunk)), ", "), args); err != nil {
			return err
		}
	}
	return nil
}

// clean makes text storable in both dialects: PostgreSQL's text holds no
// NUL byte and only valid UTF-8, and SBOM fields may carry either.
func clean(s string) string {
	if utf8.ValidString(s) && !strings.ContainsRune(s, 0) {
		return s
	}
	return strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", "\uFFFD")
}

const caseColumns = `id, subject, component, entity, list_id, vendor, product, status, waiver,
 identified, reported, report_ref, reported_by, resolved, last_seen, version, verdict, category,
 confidence, first_run, last_run, followed_up, waiver_expires`

func caseRow(c *Case) []any {
	return []any{c.ID, clean(c.Key.Subject), clean(c.Key.Component), clean(c.Key.Entity), clean(c.Key.ListID()),
		clean(c.Vendor), clean(c.Product), c.Status, clean(c.Waiver),
		formatDate(c.Identified), formatDate(c.Reported), clean(c.ReportRef), clean(c.ReportedBy),
		formatDate(c.Resolved), formatDate(c.LastSeen), clean(c.Version), clean(c.Verdict), clean(c.Category),
		clean(c.Confidence), c.FirstRun, c.LastRun, formatDate(c.FollowedUp), formatDate(c.WaiverExpires)}
}

type scanner interface{ Scan(dest ...any) error }

func scanCase(r scanner) (*Case, error) {
	var c Case
	var listID, identified, reported, resolved, lastSeen, followedUp, waiverExpires string
	err := r.Scan(&c.ID, &c.Key.Subject, &c.Key.Component, &c.Key.Entity, &listID, &c.Vendor, &c.Product,
		&c.Status, &c.Waiver, &identified, &reported, &c.ReportRef, &c.ReportedBy, &resolved, &lastSeen,
		&c.Version, &c.Verdict, &c.Category, &c.Confidence, &c.FirstRun, &c.LastRun, &followedUp, &waiverExpires)
	if err != nil {
		return nil, fmt.Errorf("reading a case: %w", err)
	}
	c.Identified, c.Reported, c.Resolved, c.LastSeen = parseDate(identified), parseDate(reported), parseDate(resolved), parseDate(lastSeen)
	c.FollowedUp, c.WaiverExpires = parseDate(followedUp), parseDate(waiverExpires)
	return &c, nil
}

// queryCases runs a SELECT of caseColumns and collects the cases.
func queryCases(ctx context.Context, ex execer, query string, args []any, into func(*Case)) error {
	rows, err := ex.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("reading cases: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			return err
		}
		into(c)
	}
	return rows.Err()
}

// Recall returns the stored state of the cases with these keys.
func (s *SQLStore) Recall(ctx context.Context, keys []CaseKey) (map[CaseKey]CaseState, error) {
	out := map[CaseKey]CaseState{}
	byID := map[string]CaseKey{}
	ids := make([]string, 0, len(keys))
	for _, k := range keys {
		id := k.ID()
		if _, dup := byID[id]; !dup {
			byID[id] = k
			ids = append(ids, id)
		}
	}
	err := s.inChunks(ids, func(marks string, args []any) error {
		q := s.d.rebind(`SELECT ` + caseColumns + ` FROM cases WHERE id IN (` + marks + `)`)
		return queryCases(ctx, s.db, q, args, func(c *Case) { out[byID[c.ID]] = c.CaseState })
	})
	if err != nil {
		return nil, fmt.Errorf("ledger %s: %w", s.name, err)
	}
	return out, nil
}

// Cases lists the cases f selects.
func (s *SQLStore) Cases(ctx context.Context, f Filter) ([]Case, error) {
	var where []string
	var args []any
	if f.Vendor != "" {
		where = append(where, "LOWER(vendor) = ?")
		args = append(args, strings.ToLower(f.Vendor))
	}
	if f.Entity != "" {
		e := strings.ToLower(f.Entity)
		where = append(where, "(LOWER(entity) = ? OR LOWER(SUBSTR(entity, LENGTH(list_id) + 2)) = ?)")
		args = append(args, e, e)
	}
	if f.Subject != "" {
		where = append(where, "subject = ?")
		args = append(args, f.Subject)
	}
	if len(f.IDs) > 0 {
		where = append(where, "id IN ("+strings.TrimSuffix(strings.Repeat("?, ", len(f.IDs)), ", ")+")")
		for _, id := range f.IDs {
			args = append(args, id)
		}
	}
	var found []*Case
	keep := func(c *Case) {
		if !f.AsOf.IsZero() {
			c.Status = c.StatusOn(f.AsOf)
			if len(f.Statuses) > 0 && !slices.Contains(f.Statuses, Status(c.Status)) {
				return
			}
		}
		found = append(found, c)
	}
	query := func(cond string, condArgs ...any) error {
		w, a := where, args
		if cond != "" {
			w, a = append([]string{cond}, where...), append(condArgs, args...)
		}
		q := `SELECT ` + caseColumns + ` FROM cases`
		if len(w) > 0 {
			q += " WHERE " + strings.Join(w, " AND ")
		}
		if err := queryCases(ctx, s.db, s.d.rebind(q), a, keep); err != nil {
			return fmt.Errorf("ledger %s: %w", s.name, err)
		}
		return nil
	}
	if len(f.Statuses) == 0 {
		if err := query(""); err != nil {
			return nil, err
		}
	} else {
		marks := make([]any, 0, len(f.Statuses))
		for _, st := range f.Statuses {
			marks = append(marks, string(st))
		}
		if err := query("status IN ("+strings.TrimSuffix(strings.Repeat("?, ", len(f.Statuses)), ", ")+")", marks...); err != nil {
			return nil, err
		}
		if !f.AsOf.IsZero() && !slices.Contains(f.Statuses, StatusWaived) &&
			(slices.Contains(f.Statuses, StatusOpen) || slices.Contains(f.Statuses, StatusReported)) {
			// Waived cases whose waiver lapsed are open (or reported) now:
			// a query of their own (few rows, by the status index), so
			// that the main one stays as fast as before.
			if err := query("status = ? AND waiver_expires <> '' AND waiver_expires < ?", string(StatusWaived), formatDate(f.AsOf)); err != nil {
				return nil, err
			}
		}
	}
	// Sorted here, not by ORDER BY: Go sorts 100,000 cases several times
	// faster than the transpiled SQLite sorter (pointers: a Case is large).
	slices.SortFunc(found, func(a, b *Case) int {
		return cmp.Or(strings.Compare(a.Key.Subject, b.Key.Subject), strings.Compare(a.Key.Entity, b.Key.Entity),
			strings.Compare(a.Key.Component, b.Key.Component), strings.Compare(a.ID, b.ID))
	})
	out := make([]Case, len(found))
	for i, c := range found {
		out[i] = *c
	}
	return out, nil
}

// errorf wraps an error with the ledger's name.
func (s *SQLStore) errorf(format string, a ...any) error {
	return fmt.Errorf("ledger %s: %w", s.name, fmt.Errorf(format, a...))
}

func nowUTC() time.Time { return time.Now().UTC() }
