package ledger

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Record stores the run in one transaction: nothing of it is visible, or
// stays, unless all of it is written.
func (s *SQLStore) Record(ctx context.Context, run *Run) (*Recorded, error) {
	if err := validateRun(run); err != nil {
		return nil, s.errorf("%w", err)
	}
	// Compress documents the ledger does not hold yet before taking the
	// write lock, so that concurrent writers wait for SQL, not for zstd.
	docs, err := s.newDocuments(ctx, run)
	if err != nil {
		return nil, s.errorf("%w", err)
	}
	var rec *Recorded
	err = s.write(ctx, func(tx *sql.Tx) error {
		var err error
		rec, err = s.record(ctx, tx, run, docs)
		return err
	})
	if err != nil {
		return nil, s.errorf("recording the run: %w", err)
	}
	return rec, nil
}

func validateRun(run *Run) error {
	if run == nil {
		return fmt.Errorf("no run to record")
	}
	if run.AsOf.IsZero() {
		return fmt.Errorf("the run has no as-of date")
	}
	for i, f := range run.Findings {
		if f.Input < 0 || f.Input >= len(run.Inputs) {
			return fmt.Errorf("finding %d names input %d of %d", i, f.Input, len(run.Inputs))
		}
		if f.Key.Subject == "" || f.Key.Component == "" || f.Key.Entity == "" {
			return fmt.Errorf("finding %d has an incomplete case key %+v", i, f.Key)
		}
	}
	return nil
}

type newDocument struct {
	sha, format string
	size        int
	data        []byte
}

// newDocuments compresses the run's documents whose SHA-256 the ledger
// does not hold; a document stored twice costs nothing.
func (s *SQLStore) newDocuments(ctx context.Context, run *Run) ([]newDocument, error) {
	want := map[string]*Input{}
	var shas []string
	for i := range run.Inputs {
		in := &run.Inputs[i]
		if in.Document == nil || in.SHA256 == "" {
			continue
		}
		if _, dup := want[in.SHA256]; !dup {
			want[in.SHA256] = in
			shas = append(shas, in.SHA256)
		}
	}
	have, err := s.HasDocuments(ctx, shas)
	if err != nil {
		return nil, err
	}
	for sha := range have {
		delete(want, sha)
	}
	var out []newDocument
	for _, sha := range shas {
		in, ok := want[sha]
		switch {
		case !ok:
		case in.DocumentSize > 0:
			out = append(out, newDocument{sha: sha, format: in.DocumentFormat, size: in.DocumentSize, data: in.Document})
		default:
			out = append(out, newDocument{sha: sha, format: in.DocumentFormat, size: len(in.Document), data: compress(in.Document)})
		}
	}
	return out, nil
}

func (s *SQLStore) record(ctx context.Context, tx *sql.Tx, run *Run, docs []newDocument) (*Recorded, error) {
	now := nowUTC()
	var runID int64
	err := tx.QueryRowContext(ctx, s.d.rebind(`INSERT INTO runs (recorded_at, tool, as_of, discovered, profiles, inputs, findings)
 VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`),
		now.Format(time.RFC3339Nano), clean(run.Tool), formatDate(run.AsOf), formatDate(run.Discovered),
		clean(strings.Join(run.Profiles, ",")), len(run.Inputs), len(run.Findings)).Scan(&runID)
	if err != nil {
		return nil, fmt.Errorf("writing the run: %w", err)
	}
	if err := s.writeRunParts(ctx, tx, runID, run, docs); err != nil {
		return nil, err
	}
	existing, err := s.loadForRun(ctx, tx, run)
	if err != nil {
		return nil, err
	}
	p := advance(run, runID, existing, now)
	if err := s.writePlan(ctx, tx, p); err != nil {
		return nil, err
	}
	return &Recorded{RunID: runID, States: p.states}, nil
}

func (s *SQLStore) writeRunParts(ctx context.Context, tx *sql.Tx, runID int64, run *Run, docs []newDocument) error {
	var lists, inputs, findings, documents [][]any
	for _, l := range run.Lists {
		lists = append(lists, []any{runID, clean(l.ID), clean(l.Version), clean(l.SHA256)})
	}
	for i, in := range run.Inputs {
		audited := 0
		if in.Audited {
			audited = 1
		}
		inputs = append(inputs, []any{runID, i, clean(in.Path), clean(in.SHA256), clean(in.Format),
			clean(in.Vendor), clean(in.Product), clean(in.Subject), clean(in.Status), audited})
	}
	for i, f := range run.Findings {
		evidence := string(f.Evidence)
		if evidence == "" {
			evidence = "null"
		}
		findings = append(findings, []any{runID, i, f.Key.ID(), f.Input, clean(f.Version), clean(f.Verdict),
			clean(f.Category), clean(f.Confidence), clean(f.Waiver), clean(evidence), formatDate(f.WaiverExpires)})
	}
	for _, d := range docs {
		documents = append(documents, []any{d.sha, clean(d.format), codecZstd, d.size, d.data})
	}
	steps := []struct {
		table, suffix string
		cols          []string
		rows          [][]any
	}{
		{"run_lists", "", []string{"run_id", "list_id", "version", "sha256"}, lists},
		{"run_inputs", "", []string{"run_id", "idx", "path", "sha256", "format", "vendor", "product", "subject", "status", "audited"}, inputs},
		{"findings", "", []string{"run_id", "seq", "case_id", "input_idx", "version", "verdict", "category", "confidence", "waiver", "evidence", "waiver_expires"}, findings},
		// Another writer may have stored the same document meanwhile.
		{"documents", " ON CONFLICT (sha256) DO NOTHING", []string{"sha256", "format", "codec", "size", "data"}, documents},
	}
	for _, st := range steps {
		if err := s.insertRows(ctx, tx, st.table, st.cols, st.rows, st.suffix); err != nil {
			return err
		}
	}
	return nil
}

// loadForRun reads every stored case the run can change: those of its
// findings and those of its subjects (which it may resolve).
func (s *SQLStore) loadForRun(ctx context.Context, tx *sql.Tx, run *Run) (map[string]*Case, error) {
	existing := map[string]*Case{}
	add := func(c *Case) { existing[c.ID] = c }
	seenID, seenSubject := map[string]bool{}, map[string]bool{}
	var ids, subjects []string
	for _, f := range run.Findings {
		if id := f.Key.ID(); !seenID[id] {
			seenID[id] = true
			ids = append(ids, id)
		}
	}
	for _, in := range run.Inputs {
		if in.Audited && !seenSubject[in.Subject] {
			seenSubject[in.Subject] = true
			subjects = append(subjects, clean(in.Subject))
		}
	}
	for _, q := range []struct {
		col    string
		values []string
	}{{"subject", subjects}, {"id", ids}} {
		err := s.inChunks(q.values, func(marks string, args []any) error {
			return queryCases(ctx, tx, s.d.rebind(`SELECT `+caseColumns+` FROM cases WHERE `+q.col+` IN (`+marks+`)`), args, add)
		})
		if err != nil {
			return nil, err
		}
	}
	return existing, nil
}

func (s *SQLStore) writePlan(ctx context.Context, tx *sql.Tx, p *plan) error {
	rows := make([][]any, 0, len(p.created))
	for _, c := range p.created {
		rows = append(rows, caseRow(c))
	}
	cols := strings.Split(strings.Join(strings.Fields(caseColumns), ""), ",")
	if err := s.insertRows(ctx, tx, "cases", cols, rows, ""); err != nil {
		return err
	}
	if len(p.changed) > 0 {
		stmt, err := tx.PrepareContext(ctx, s.d.rebind(`UPDATE cases SET status = ?, waiver = ?, identified = ?, reported = ?,
 report_ref = ?, reported_by = ?, resolved = ?, last_seen = ?, version = ?, verdict = ?, category = ?, confidence = ?,
 last_run = ?, followed_up = ?, waiver_expires = ? WHERE id = ?`))
		if err != nil {
			return fmt.Errorf("updating cases: %w", err)
		}
		defer stmt.Close()
		for _, c := range p.changed {
			_, err := stmt.ExecContext(ctx, c.Status, clean(c.Waiver), formatDate(c.Identified), formatDate(c.Reported),
				clean(c.ReportRef), clean(c.ReportedBy), formatDate(c.Resolved), formatDate(c.LastSeen), clean(c.Version),
				clean(c.Verdict), clean(c.Category), clean(c.Confidence), c.LastRun, formatDate(c.FollowedUp), formatDate(c.WaiverExpires), c.ID)
			if err != nil {
				return fmt.Errorf("updating case %s: %w", c.ID, err)
			}
		}
	}
	return s.insertEvents(ctx, tx, p.events)
}

var eventColumns = []string{"case_id", "run_id", "date", "recorded_at", "kind", "from_value", "to_value", "by_name", "ref", "note"}

func (s *SQLStore) insertEvents(ctx context.Context, ex execer, events []caseEvent) error {
	rows := make([][]any, 0, len(events))
	for _, e := range events {
		rows = append(rows, []any{e.caseID, e.RunID, formatDate(e.Date), e.Recorded.Format(time.RFC3339Nano), e.Kind,
			clean(e.From), clean(e.To), clean(e.By), clean(e.Ref), clean(e.Note)})
	}
	return s.insertRows(ctx, ex, "events", eventColumns, rows, "")
}
