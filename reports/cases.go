package reports

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/embargo-sbom/embargo/audit"
)

// CaseRegister is the compliance register `embargo cases` writes: the
// cases of an audit ledger with their obligations as of a date.
type CaseRegister struct {
	Tool   Tool   `json:"tool"`
	AsOf   string `json:"asOf"`
	Ledger string `json:"ledger"`
	// Filter says in words which cases were asked for ("status overdue").
	Filter string `json:"filter"`
	// Counts of the listed cases by status, and how many are overdue.
	Counts CaseCounts  `json:"counts"`
	Cases  []CaseEntry `json:"cases"`
	// Citations are the sources the cases' obligations cite (by id in
	// their sources), in full, once for the register rather than in every
	// case: a register of thousands of cases repeats the same few.
	Citations  []Citation `json:"citations"`
	Warnings   []string   `json:"warnings"`
	Disclaimer string     `json:"disclaimer"`
}

// CaseCounts counts listed cases.
type CaseCounts struct {
	Open     int `json:"open"`
	Reported int `json:"reported"`
	Resolved int `json:"resolved"`
	Waived   int `json:"waived"`
	Overdue  int `json:"overdue"`
}

// CaseEntry is one case of the register. Dates are YYYY-MM-DD, "" for none.
type CaseEntry struct {
	ID         string `json:"id"`
	Status     string `json:"status"`
	Overdue    bool   `json:"overdue"`
	Identified string `json:"identified"`
	Reported   string `json:"reported"`
	ReportRef  string `json:"reportRef"`
	ReportedBy string `json:"reportedBy"`
	Resolved   string `json:"resolved"`
	LastSeen   string `json:"lastSeen"`
	Subject    string `json:"subject"`
	Vendor     string `json:"vendor"`
	Product    string `json:"product"`
	Entity     string `json:"entity"`
	EntityName string `json:"entityName"`
	Component  string `json:"component"`
	Version    string `json:"version"`
	Verdict    string `json:"verdict"`
	Category   string `json:"category"`
	Waiver     string `json:"waiver"`
	// Profiles are the profiles the case's obligations were dated under:
	// those of the runs that first and last saw it, or --profile.
	Profiles []string `json:"profiles"`
	// NextDue is the earliest due date of an obligation not done.
	NextDue     string       `json:"nextDue"`
	Obligations []Obligation `json:"obligations"`
}

// StatusLabel is the status as people read it: "open, overdue".
func (c CaseEntry) StatusLabel() string {
	if c.Overdue {
		return c.Status + ", overdue"
	}
	return c.Status
}

// ProfilesText lists the profiles the case was dated under, "" for none.
func (c CaseEntry) ProfilesText() string { return strings.Join(c.Profiles, ", ") }

// Normalise fills the counts, the disclaimer and empty lists, so that
// every format shows the same register.
func (r *CaseRegister) Normalise() {
	r.Disclaimer = Disclaimer
	r.Counts = CaseCounts{}
	if r.Cases == nil {
		r.Cases = []CaseEntry{}
	}
	if r.Warnings == nil {
		r.Warnings = []string{}
	}
	if r.Citations == nil {
		r.Citations = []Citation{}
	}
	for i := range r.Cases {
		c := &r.Cases[i]
		if c.Obligations == nil {
			c.Obligations = []Obligation{}
		}
		if c.Profiles == nil {
			c.Profiles = []string{}
		}
		switch c.Status {
		case "open":
			r.Counts.Open++
		case "reported":
			r.Counts.Reported++
		case "resolved":
			r.Counts.Resolved++
		case "waived":
			r.Counts.Waived++
		}
		if c.Overdue {
			r.Counts.Overdue++
		}
	}
}

// ObligationsOf converts an audit's obligations to the report's.
func ObligationsOf(obs []audit.Obligation) []Obligation {
	out := make([]Obligation, 0, len(obs))
	for _, o := range obs {
		ob := Obligation{
			Regime: o.Regime, ID: o.ID, Title: o.Title, Citation: o.Citation, Action: o.Action,
			Effective: o.Effective, Due: o.Due, DueIsLatest: o.DueIsLatest, Clause: o.Clause,
			Status: ObligationStatus(o.Status), Sources: slices.Clone(o.Sources), Notes: slices.Clone(o.Notes),
		}
		for _, c := range o.Citations {
			ob.Citations = append(ob.Citations, Citation(c))
		}
		out = append(out, ob)
	}
	return out
}

type casesRenderFunc func(w io.Writer, r *CaseRegister, ro RenderOptions) error

// casesRenderers holds a register renderer for every output format.
var casesRenderers = map[Format]casesRenderFunc{
	FormatTable:           renderCasesTable,
	FormatJSON:            renderCasesJSON,
	FormatCSV:             renderCasesCSV,
	FormatCSVExcel:        renderCasesCSVExcel,
	FormatMarkdown:        renderCasesMarkdown,
	FormatMarkdownSummary: renderCasesMarkdownSummary,
	FormatHTML:            renderCasesHTML,
	FormatXLSX:            renderCasesXLSX,
	FormatJUnit:           renderCasesJUnit,
	FormatSARIF:           renderCasesSARIF,
	FormatGitHub:          renderCasesGitHub,
	FormatGitLab:          renderCasesGitLab,
}

// RenderCases writes the register in format.
func RenderCases(w io.Writer, format Format, r *CaseRegister, ro RenderOptions) error {
	fn, ok := casesRenderers[format]
	if !ok {
		_, err := LookupFormat(string(format))
		if err == nil {
			err = fmt.Errorf("format %s has no case register", format)
		}
		return err
	}
	r.Normalise()
	return fn(w, r, ro)
}

// WriteCases renders the register to every spec, as WriteAll does for an
// audit report: files atomically, stdout only once fully rendered.
func WriteCases(specs []Spec, r *CaseRegister, wo WriteOptions) error {
	if err := checkStdout(specs, wo); err != nil {
		return err
	}
	var errs []error
	for _, s := range specs {
		var err error
		if s.Path == "" {
			var buf bytes.Buffer
			if err = RenderCases(&buf, s.Format, r, RenderOptions{Color: wo.Color, Width: wo.Width}); err == nil {
				_, err = wo.Stdout.Write(buf.Bytes())
			}
		} else {
			err = WriteFileAtomic(s.Path, func(w io.Writer) error { return RenderCases(w, s.Format, r, RenderOptions{}) })
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("-o %s: %w", s, err))
		}
	}
	return errors.Join(errs...)
}

func renderCasesJSON(w io.Writer, r *CaseRegister, _ RenderOptions) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// casesHeader are the register's columns in CSV, XLSX and HTML.
func casesHeader() []string {
	return []string{"id", "status", "overdue", "identified", "reported", "report_ref", "reported_by", "resolved", "last_seen",
		"subject", "vendor", "product", "entity", "component", "version", "verdict", "category", "waiver",
		"profiles", "next_due", "obligations"}
}

func caseRecord(c CaseEntry) []string {
	var obs []string
	for _, o := range c.Obligations {
		s := o.Regime + " " + o.ID
		if o.Due != "" {
			s += " due " + o.Due
		}
		if o.Status.Text != "" {
			s += " (" + o.Status.Text + ")"
		}
		obs = append(obs, s)
	}
	return []string{c.ID, c.Status, fmt.Sprint(c.Overdue), c.Identified, c.Reported, c.ReportRef, c.ReportedBy, c.Resolved,
		c.LastSeen, c.Subject, c.Vendor, c.Product, c.Entity, c.Component, c.Version, c.Verdict, c.Category, c.Waiver,
		c.ProfilesText(), c.NextDue, strings.Join(obs, "; ")}
}
