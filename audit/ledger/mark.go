package ledger

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Mark records a report submission and/or a note on every case named, in
// one transaction: an unknown id changes nothing and names the id.
func (s *SQLStore) Mark(ctx context.Context, m Mark) ([]MarkResult, error) {
	if len(m.IDs) == 0 {
		return nil, s.errorf("no case to mark")
	}
	if (m.Reported || m.FollowedUp) && m.On.IsZero() {
		return nil, s.errorf("a report submission needs its date")
	}
	if !m.Reported && !m.FollowedUp && m.Note == "" && m.Identified.IsZero() {
		return nil, s.errorf("nothing to mark: give a report date, an identification date or a note")
	}
	if m.At.IsZero() {
		m.At = nowUTC()
	}
	if !m.Identified.IsZero() {
		if m.Note == "" {
			return nil, s.errorf("a corrected identification date needs a note saying why")
		}
		if m.Identified.After(dayOf(m.At)) {
			return nil, s.errorf("identification on %s is after today (%s)", formatDate(m.Identified), formatDate(dayOf(m.At)))
		}
	}
	var out []MarkResult
	err := s.write(ctx, func(tx *sql.Tx) error {
		out = out[:0]
		for _, id := range m.IDs {
			changed, err := s.markOne(ctx, tx, id, m)
			if err != nil {
				return err
			}
			out = append(out, MarkResult{ID: id, Changed: changed})
		}
		return nil
	})
	if err != nil {
		return nil, s.errorf("%w", err)
	}
	return out, nil
}

func (s *SQLStore) markOne(ctx context.Context, tx *sql.Tx, id string, m Mark) (bool, error) {
	c, err := scanCase(tx.QueryRowContext(ctx, s.d.rebind(`SELECT `+caseColumns+` FROM cases WHERE id = ?`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return false, fmt.Errorf("case %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return false, fmt.Errorf("case %s: %w", id, err)
	}
	events, noted, err := s.correctIdentified(ctx, tx, c, m)
	if err != nil {
		return false, err
	}
	ev := func(kind, from, to, note string) {
		events = append(events, caseEvent{caseID: id, Event: Event{Date: m.On, Recorded: m.At, Kind: kind,
			From: from, To: to, By: m.By, Ref: m.Ref, Note: note}})
	}
	if m.Reported && !m.FollowedUp && !c.FollowedUp.IsZero() && m.On.After(c.FollowedUp) {
		// The follow-up counts from the report: a report dated after it
		// would leave the follow-up submitted before what it follows.
		return false, fmt.Errorf("case %s: a report on %s would follow its follow-up report, recorded on %s; correct the follow-up too (cases mark --reported --followed-up --on DATE)",
			id, formatDate(m.On), formatDate(c.FollowedUp))
	}
	if m.Reported && (!c.Reported.Equal(m.On) || c.ReportRef != m.Ref || c.ReportedBy != m.By) {
		ev("reported", formatDate(c.Reported), formatDate(m.On), "")
		old := c.Status
		c.Reported, c.ReportRef, c.ReportedBy = m.On, m.Ref, m.By
		if c.Status == string(StatusOpen) {
			c.Status = string(StatusReported)
			ev("status", old, c.Status, "")
		}
		_, err := tx.ExecContext(ctx, s.d.rebind(`UPDATE cases SET status = ?, reported = ?, report_ref = ?, reported_by = ? WHERE id = ?`),
			c.Status, formatDate(c.Reported), clean(c.ReportRef), clean(c.ReportedBy), id)
		if err != nil {
			return false, fmt.Errorf("case %s: %w", id, err)
		}
	}
	if m.FollowedUp && !c.FollowedUp.Equal(m.On) {
		if c.Reported.IsZero() || c.Reported.After(m.On) {
			return false, fmt.Errorf("case %s: a follow-up report on %s needs the report it follows recorded on or before that date (cases mark --reported)", id, formatDate(m.On))
		}
		ev("followed-up", formatDate(c.FollowedUp), formatDate(m.On), "")
		c.FollowedUp = m.On
		if _, err := tx.ExecContext(ctx, s.d.rebind(`UPDATE cases SET followed_up = ? WHERE id = ?`), formatDate(c.FollowedUp), id); err != nil {
			return false, fmt.Errorf("case %s: %w", id, err)
		}
	}
	if m.Note != "" && !noted {
		var n int
		err := tx.QueryRowContext(ctx, s.d.rebind(`SELECT COUNT(*) FROM events WHERE case_id = ? AND kind IN ('note', 'identified') AND note = ? AND by_name = ?`),
			id, clean(m.Note), clean(m.By)).Scan(&n)
		if err != nil {
			return false, fmt.Errorf("case %s: %w", id, err)
		}
		if n == 0 {
			date := m.On
			if date.IsZero() {
				date = dayOf(m.At)
			}
			events = append(events, caseEvent{caseID: id, Event: Event{Date: date, Recorded: m.At, Kind: "note", By: m.By, Note: m.Note}})
		}
	}
	return len(events) > 0, s.insertEvents(ctx, tx, events)
}

// correctIdentified moves the case's identification to m.Identified,
// which must be earlier than the recorded one (the same date changes
// nothing), with an event carrying the mark's note. noted: the note is
// in that event, not to be recorded again as a note of its own.
func (s *SQLStore) correctIdentified(ctx context.Context, tx *sql.Tx, c *Case, m Mark) (events []caseEvent, noted bool, err error) {
	switch {
	case m.Identified.IsZero():
		return nil, false, nil
	case m.Identified.Equal(c.Identified):
		return nil, false, nil // the note alone, once
	case m.Identified.After(c.Identified):
		return nil, false, fmt.Errorf("case %s: identified on %s, later than the recorded %s: identification can only be corrected earlier",
			c.ID, formatDate(m.Identified), formatDate(c.Identified))
	}
	ev := caseEvent{caseID: c.ID, Event: Event{Date: dayOf(m.At), Recorded: m.At, Kind: "identified",
		From: formatDate(c.Identified), To: formatDate(m.Identified), By: m.By, Note: m.Note}}
	c.Identified = m.Identified
	if _, err := tx.ExecContext(ctx, s.d.rebind(`UPDATE cases SET identified = ? WHERE id = ?`), formatDate(c.Identified), c.ID); err != nil {
		return nil, false, fmt.Errorf("case %s: %w", c.ID, err)
	}
	return []caseEvent{ev}, true, nil
}

// dayOf is the calendar date (UTC) of an instant.
func dayOf(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// History returns the case and its timeline: the runs that saw it and
// every recorded change, oldest first.
func (s *SQLStore) History(ctx context.Context, id string) (*Case, []Event, error) {
	c, err := scanCase(s.db.QueryRowContext(ctx, s.d.rebind(`SELECT `+caseColumns+` FROM cases WHERE id = ?`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, s.errorf("case %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, nil, s.errorf("case %s: %w", id, err)
	}
	events, err := s.events(ctx, id)
	if err != nil {
		return nil, nil, s.errorf("case %s: %w", id, err)
	}
	seen, err := s.sightings(ctx, id)
	if err != nil {
		return nil, nil, s.errorf("case %s: %w", id, err)
	}
	all := append(seen, events...)
	slices.SortStableFunc(all, func(a, b Event) int {
		if c := a.Date.Compare(b.Date); c != 0 {
			return c
		}
		if c := cmpInt(a.RunID, b.RunID); c != 0 && a.RunID != 0 && b.RunID != 0 {
			return c
		}
		if c := a.Recorded.Compare(b.Recorded); c != 0 {
			return c
		}
		return cmpInt(kindOrder(a.Kind), kindOrder(b.Kind))
	})
	return c, all, nil
}

func cmpInt[T int | int64](a, b T) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// kindOrder puts a run's sighting before the changes it caused.
func kindOrder(k string) int {
	return slices.Index([]string{"seen", "identified", "version", "waiver", "reported", "followed-up", "status", "note"}, k)
}

func (s *SQLStore) events(ctx context.Context, id string) ([]Event, error) {
	rows, err := s.db.QueryContext(ctx, s.d.rebind(`SELECT run_id, date, recorded_at, kind, from_value, to_value, by_name, ref, note
 FROM events WHERE case_id = ? ORDER BY id`), id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var e Event
		var date, recorded string
		if err := rows.Scan(&e.RunID, &date, &recorded, &e.Kind, &e.From, &e.To, &e.By, &e.Ref, &e.Note); err != nil {
			return nil, err
		}
		e.Date = parseDate(date)
		e.Recorded, _ = time.Parse(time.RFC3339Nano, recorded)
		out = append(out, e)
	}
	return out, rows.Err()
}

func (s *SQLStore) sightings(ctx context.Context, id string) ([]Event, error) {
	rows, err := s.db.QueryContext(ctx, s.d.rebind(`SELECT f.run_id, r.as_of, r.recorded_at, i.path, f.version, f.verdict, f.waiver, f.waiver_expires
 FROM findings f JOIN runs r ON r.id = f.run_id JOIN run_inputs i ON i.run_id = f.run_id AND i.idx = f.input_idx
 WHERE f.case_id = ? ORDER BY f.run_id, f.seq`), id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var e Event
		var date, recorded, verdict, waiver, expires string
		if err := rows.Scan(&e.RunID, &date, &recorded, &e.Input, &e.To, &verdict, &waiver, &expires); err != nil {
			return nil, err
		}
		e.Kind, e.Date = "seen", parseDate(date)
		e.Recorded, _ = time.Parse(time.RFC3339Nano, recorded)
		e.Note = strings.TrimSpace(verdict + " " + waiverNote(waiver, parseDate(expires)))
		out = append(out, e)
	}
	return out, rows.Err()
}

func waiverNote(w string, expires time.Time) string {
	switch {
	case w == "":
		return ""
	case expires.IsZero():
		return "(waived by " + w + ")"
	}
	return "(waived by " + w + " until " + formatDate(expires) + ")"
}

// Documents lists, for every subject, the inputs of the latest run that
// audited it: what a re-audit reads. An input whose document the ledger
// does not hold (read from stdin, say) has an empty DocumentFormat.
func (s *SQLStore) Documents(ctx context.Context) ([]StoredInput, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT i.run_id, i.path, i.sha256, i.format, i.vendor, i.product, i.subject, COALESCE(d.format, '')
 FROM run_inputs i LEFT JOIN documents d ON d.sha256 = i.sha256
 WHERE i.audited = 1 AND i.run_id = (SELECT MAX(j.run_id) FROM run_inputs j WHERE j.subject = i.subject AND j.audited = 1)
 ORDER BY i.subject, i.idx`)
	if err != nil {
		return nil, s.errorf("listing stored documents: %w", err)
	}
	defer rows.Close()
	var out []StoredInput
	for rows.Next() {
		var in StoredInput
		if err := rows.Scan(&in.LastRun, &in.Path, &in.SHA256, &in.Format, &in.Vendor, &in.Product, &in.Subject, &in.DocumentFormat); err != nil {
			return nil, s.errorf("listing stored documents: %w", err)
		}
		out = append(out, in)
	}
	if err := rows.Err(); err != nil {
		return nil, s.errorf("listing stored documents: %w", err)
	}
	return out, nil
}

// HasDocuments reports which of these SHA-256s the ledger holds a document of.
func (s *SQLStore) HasDocuments(ctx context.Context, shas []string) (map[string]bool, error) {
	out := map[string]bool{}
	err := s.inChunks(shas, func(marks string, args []any) error {
		rows, err := s.db.QueryContext(ctx, s.d.rebind(`SELECT sha256 FROM documents WHERE sha256 IN (`+marks+`)`), args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var sha string
			if err := rows.Scan(&sha); err != nil {
				return err
			}
			out[sha] = true
		}
		return rows.Err()
	})
	if err != nil {
		return nil, s.errorf("reading stored documents: %w", err)
	}
	return out, nil
}

// Document returns the stored document with this SHA-256, decompressed.
func (s *SQLStore) Document(ctx context.Context, sha string) ([]byte, string, error) {
	var format, codec string
	var size int64
	var data []byte
	err := s.db.QueryRowContext(ctx, s.d.rebind(`SELECT format, codec, size, data FROM documents WHERE sha256 = ?`), sha).
		Scan(&format, &codec, &size, &data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", s.errorf("document %s: %w", sha, ErrNotFound)
	}
	if err != nil {
		return nil, "", s.errorf("document %s: %w", sha, err)
	}
	out, err := decompress(codec, data)
	if err != nil {
		return nil, "", s.errorf("document %s: %w", sha, err)
	}
	if int64(len(out)) != size {
		return nil, "", s.errorf("document %s: stored %d bytes, read back %d", sha, size, len(out))
	}
	return out, format, nil
}

// Runs lists the recorded runs, oldest first.
func (s *SQLStore) Runs(ctx context.Context) ([]RunInfo, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, tool, as_of, recorded_at, profiles, inputs, findings FROM runs ORDER BY id`)
	if err != nil {
		return nil, s.errorf("listing runs: %w", err)
	}
	defer rows.Close()
	var out []RunInfo
	for rows.Next() {
		var r RunInfo
		var asOf, recorded, profiles string
		if err := rows.Scan(&r.ID, &r.Tool, &asOf, &recorded, &profiles, &r.Inputs, &r.Findings); err != nil {
			return nil, s.errorf("listing runs: %w", err)
		}
		r.AsOf = parseDate(asOf)
		r.Recorded, _ = time.Parse(time.RFC3339Nano, recorded)
		if profiles != "" {
			r.Profiles = strings.Split(profiles, ",")
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
