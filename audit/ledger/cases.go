package ledger

import (
	"slices"
	"strings"
	"time"
)

// plan is what recording one run changes: cases created or changed, the
// events that say why, and the resulting state of every case the run
// touched (found or resolved).
type plan struct {
	created []*Case
	changed []*Case
	events  []caseEvent
	states  map[CaseKey]CaseState
}

type caseEvent struct {
	caseID string
	Event
}

// group is every finding of one case in one run.
type group struct {
	key      CaseKey
	first    Finding
	versions []string
	waiver   string
	waived   bool      // every finding of the case carries a waiver
	expires  time.Time // the last day of waiver
}

func groupFindings(run *Run) []*group {
	byKey := map[CaseKey]*group{}
	var order []*group
	for _, f := range run.Findings {
		g := byKey[f.Key]
		if g == nil {
			g = &group{key: f.Key, first: f, waiver: f.Waiver, waived: true}
			byKey[f.Key] = g
			order = append(order, g)
		}
		if f.Version != "" && !slices.Contains(g.versions, f.Version) {
			g.versions = append(g.versions, f.Version)
		}
		switch {
		case f.Waiver == "":
			g.waived = false
		case g.waiver == "" || earlier(f.WaiverExpires, g.expires):
			// The waiver that lapses first is the case's: from the day
			// after, a finding of the case is no longer waived.
			g.waiver, g.expires = f.Waiver, f.WaiverExpires
		}
	}
	for _, g := range order {
		slices.Sort(g.versions)
		if !g.waived {
			g.waiver, g.expires = "", time.Time{}
		}
	}
	return order
}

// advance applies a run to the cases the ledger holds. existing must hold
// every stored case of the run's findings and of its audited subjects.
func advance(run *Run, runID int64, existing map[string]*Case, now time.Time) *plan {
	p := &plan{states: map[CaseKey]CaseState{}}
	asOf := run.AsOf
	ev := func(c *Case, kind, from, to, note string) {
		p.events = append(p.events, caseEvent{caseID: c.ID, Event: Event{
			Date: asOf, Recorded: now, Kind: kind, RunID: runID, From: from, To: to, Note: note}})
	}
	seen := map[string]bool{}
	vendors := inputSubjects(run)
	for _, g := range groupFindings(run) {
		id := g.key.ID()
		seen[id] = true
		c := existing[id]
		if c == nil {
			c = newCase(run, runID, g, vendors)
			p.created = append(p.created, c)
			ev(c, "identified", "", c.Status, identifiedNote(run, g))
		} else {
			continueCase(c, run, runID, g, ev)
			p.changed = append(p.changed, c)
		}
		p.states[g.key] = c.CaseState
	}
	audited, lists := auditedScope(run)
	for _, c := range sortedCases(existing) {
		if seen[c.ID] || !audited[c.Key.Subject] || !lists[c.Key.ListID()] {
			continue
		}
		if c.Status == string(StatusResolved) || c.LastSeen.After(asOf) {
			// Already resolved, or a run as of a later date saw it: an
			// older delivery audited late does not resolve it.
			continue
		}
		ev(c, "status", c.Status, string(StatusResolved), "not in this run's SBOM of the subject")
		c.Status, c.Resolved = string(StatusResolved), asOf
		p.changed = append(p.changed, c)
		p.states[c.Key] = c.CaseState
	}
	return p
}

func identifiedNote(run *Run, g *group) string {
	note := "first found as of " + formatDate(run.AsOf)
	if !run.Discovered.IsZero() {
		note = "identified on " + formatDate(run.Discovered) + " (--discovered)"
	}
	if g.waiver != "" {
		note += "; waived by " + waiverText(g.waiver, g.expires)
	}
	return note
}

func newCase(run *Run, runID int64, g *group, subjects map[string]Input) *Case {
	identified := run.AsOf
	if !run.Discovered.IsZero() {
		identified = run.Discovered
	}
	in := subjects[g.key.Subject]
	c := &Case{Key: g.key, Vendor: in.Vendor, Product: in.Product, FirstRun: runID}
	c.ID = g.key.ID()
	c.Identified = identified
	c.Status = string(StatusOpen)
	applySighting(c, run, runID, g)
	return c
}

// applySighting updates what the run saw: versions, verdict, waiver, last seen.
func applySighting(c *Case, run *Run, runID int64, g *group) {
	c.Version = strings.Join(g.versions, ", ")
	c.Verdict, c.Category, c.Confidence = g.first.Verdict, g.first.Category, g.first.Confidence
	c.Waiver, c.WaiverExpires = g.waiver, g.expires
	if c.LastSeen.Before(run.AsOf) {
		c.LastSeen = run.AsOf
	}
	if runID > c.LastRun {
		c.LastRun = runID
	}
	c.Status = string(liveStatus(c))
}

// liveStatus is the status of a case its latest run contains.
func liveStatus(c *Case) Status {
	switch {
	case c.Waiver != "":
		return StatusWaived
	case !c.Reported.IsZero():
		return StatusReported
	}
	return StatusOpen
}

func continueCase(c *Case, run *Run, runID int64, g *group, ev func(*Case, string, string, string, string)) {
	asOf := run.AsOf
	if c.Status == string(StatusResolved) && asOf.Before(c.Resolved) {
		// A delivery older than the one that resolved the case: a sighting
		// in the past, not a return of the component.
		c.LastRun = max(c.LastRun, runID)
		return
	}
	oldStatus, oldVersion, oldWaiver := c.Status, c.Version, waiverText(c.Waiver, c.WaiverExpires)
	if c.Status == string(StatusResolved) && c.Reported.IsZero() {
		// The component came back to a case never reported: removing it
		// did not discharge the report its identification required, so
		// that identification, and the deadline counted from it, stand.
		ev(c, "status", oldStatus, string(StatusOpen), "reopened: the component is back; still identified as of "+
			formatDate(c.Identified)+", as no report of it was recorded")
		c.Resolved = time.Time{}
		oldStatus = string(StatusOpen)
	} else if c.Status == string(StatusResolved) {
		// The component came back: a new identification, with its own
		// report deadline; the earlier report stays in the history.
		ev(c, "status", oldStatus, string(StatusOpen), "reopened: the component is back; identified again as of "+formatDate(asOf))
		c.Identified, c.Resolved, c.Reported, c.ReportRef, c.ReportedBy = asOf, time.Time{}, time.Time{}, "", ""
		c.FollowedUp = time.Time{}
		oldStatus = string(StatusOpen)
	} else if asOf.Before(c.Identified) {
		ev(c, "identified", formatDate(c.Identified), formatDate(asOf), "an earlier delivery was audited later")
		c.Identified = asOf
	}
	applySighting(c, run, runID, g)
	if c.Version != oldVersion && oldVersion != "" && c.Version != "" {
		ev(c, "version", oldVersion, c.Version, "")
	}
	if w := waiverText(c.Waiver, c.WaiverExpires); w != oldWaiver {
		ev(c, "waiver", oldWaiver, w, "")
	}
	if c.Status != oldStatus {
		ev(c, "status", oldStatus, c.Status, "")
	}
}

// earlier reports whether a known date a is before b (zero: unknown).
func earlier(a, b time.Time) bool {
	return !a.IsZero() && (b.IsZero() || a.Before(b))
}

// waiverText names a waiver with its last day, when known.
func waiverText(id string, expires time.Time) string {
	if id == "" || expires.IsZero() {
		return id
	}
	return id + " (until " + formatDate(expires) + ")"
}

// inputSubjects maps each subject to its first input (for vendor/product).
func inputSubjects(run *Run) map[string]Input {
	m := map[string]Input{}
	for _, in := range run.Inputs {
		if _, ok := m[in.Subject]; !ok {
			m[in.Subject] = in
		}
	}
	return m
}

// auditedScope returns the subjects whose every input in the run was
// audited completely, and the lists the run used: only there can a
// missing component resolve a case.
func auditedScope(run *Run) (subjects, lists map[string]bool) {
	subjects, lists = map[string]bool{}, map[string]bool{}
	failed := map[string]bool{}
	for _, in := range run.Inputs {
		if in.Audited {
			subjects[in.Subject] = true
		} else {
			failed[in.Subject] = true
		}
	}
	for s := range failed {
		delete(subjects, s)
	}
	for _, s := range run.Partial {
		delete(subjects, s)
	}
	for _, l := range run.Lists {
		lists[l.ID] = true
	}
	return subjects, lists
}

func sortedCases(m map[string]*Case) []*Case {
	out := make([]*Case, 0, len(m))
	for _, c := range m {
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b *Case) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// formatDate writes a calendar date, "" for none.
func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.DateOnly)
}

// parseDate reads a stored calendar date, zero for "". Listing 100,000
// cases reads 400,000 dates: the fixed YYYY-MM-DD form is read by hand,
// anything else by time.Parse.
func parseDate(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	if len(s) == 10 && s[4] == '-' && s[7] == '-' {
		y, ok1 := digits(s[0:4])
		m, ok2 := digits(s[5:7])
		d, ok3 := digits(s[8:10])
		if ok1 && ok2 && ok3 && m >= 1 && m <= 12 && d >= 1 && d <= 31 {
			if t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC); t.Day() == d {
				return t
			}
		}
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}
