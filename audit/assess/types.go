package assess

// Verdict is what a finding means for the user.
type Verdict string

// Verdicts, from most to least severe. Waived and baseline findings stay in
// reports but never fail a run.
const (
	VerdictProhibited Verdict = "prohibited"
	VerdictReview     Verdict = "review"
	VerdictInfo       Verdict = "info"
	VerdictWaived     Verdict = "waived"
	VerdictBaseline   Verdict = "baseline"
)

// Rank orders verdicts for --fail-on: higher is more severe; waived and
// baseline rank 0 so that they never trip a threshold.
func (v Verdict) Rank() int {
	switch v {
	case VerdictProhibited:
		return 3
	case VerdictReview:
		return 2
	case VerdictInfo:
		return 1
	}
	return 0
}

// ObligationStatus says where an obligation stands at the as-of date.
type ObligationStatus struct {
	// "in-force", "due", "passed" (deadline in the past, unknown whether
	// met), "done" (a record says when), "upcoming".
	State string `json:"state"`
	Days  int    `json:"days"` // days in force / until due / since the deadline / until effective
	Text  string `json:"text"` // "in force for 812 days"
}

// Citation is a source in full, as the list cites it.
type Citation struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	URL   string `json:"url,omitempty"`
}

// Obligation is one required action that binds the user for a finding.
type Obligation struct {
	Regime    string `json:"regime"`
	ID        string `json:"id,omitempty"` // the obligation's id within the regime
	Title     string `json:"title"`
	Citation  string `json:"citation"`
	Action    string `json:"action"`
	Effective string `json:"effective"` // YYYY-MM-DD
	Due       string `json:"due"`       // YYYY-MM-DD; "" for none
	// DueIsLatest marks a due date that is the latest possible one: it
	// counts from a preceding obligation's deadline because the date that
	// one was done is not recorded.
	DueIsLatest bool             `json:"dueIsLatest,omitempty"`
	Clause      string           `json:"clause,omitempty"` // clause version applied, as cited
	Status      ObligationStatus `json:"status"`
	Sources     []string         `json:"sources"`
	Citations   []Citation       `json:"citations,omitempty"` // Sources in full
	// Notes are the list's caveats on this obligation (computed dates,
	// INTERPRETATION flags) and why its deadline is what it is.
	Notes []string `json:"notes,omitempty"`
}

// Caveat is a note of the list on a regime (Obligation empty) or on one
// of its obligations, or why a deadline is what it is.
type Caveat struct {
	Regime     string `json:"regime"`
	Obligation string `json:"obligation,omitempty"`
	Text       string `json:"text"`
}

// Label names what a caveat is about: "regime" or "regime/obligation".
func (c Caveat) Label() string {
	if c.Obligation == "" {
		return c.Regime
	}
	return c.Regime + "/" + c.Obligation
}

// Text is the citation in full: "ID title <URL>".
func (c Citation) Text() string {
	s := c.ID
	if c.Title != "" && c.Title != c.ID {
		s += " " + c.Title
	}
	if c.URL != "" {
		s += " <" + c.URL + ">"
	}
	return s
}
