package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/embargo-sbom/embargo/audit"
	"github.com/embargo-sbom/embargo/audit/ledger"
	"github.com/embargo-sbom/embargo/audit/ledger/opener"
	"github.com/embargo-sbom/embargo/audit/ledger/postgres"
	"github.com/embargo-sbom/embargo/reports"
	"github.com/embargo-sbom/embargo/vendorlists"
)

// casesOptions are the settings of `embargo cases`.
type casesOptions struct {
	Ledger    string
	Status    []string
	Vendor    string
	Entity    string
	AsOf      string
	Output    []string
	Profile   []string
	List      []string
	OnlyList  []string
	FARClause string
}

// caseStatuses are the values of --status.
var caseStatuses = []string{"open", "overdue", "reported", "resolved", "waived", "all"}

func (o *casesOptions) addLedgerFlag(fs *pflag.FlagSet) {
	fs.StringVar(&o.Ledger, "ledger", "", "the ledger, an SQLite `FILE` or a postgres:// DSN (as given to audit --ledger)")
}

func newCasesCommand(env *environment, global *globalOptions) *cobra.Command {
	var opts casesOptions
	cmd := &cobra.Command{
		Use:   "cases [flags]",
		Short: "List the compliance cases of an audit ledger with their obligations and due dates",
		Long: `List the cases an audit ledger (audit --ledger) tracks: each restricted component
in each subject, when it was identified, reported and resolved, and its
obligations with due dates as of --as-of (default today). A case is overdue
when an obligation is past its due date and not done. This is the compliance
register an auditor exports; every report format is available with -o.

Statuses: open, reported, resolved, waived, overdue (open or reported with an
obligation past due) and all (the default). A waived case whose waiver's last
day is before --as-of is open (or reported) again, and may be overdue, its
deadlines counted from its identification.

` + exitCodeHelp,
		Example: `  embargo cases --ledger embargo.db --status overdue
  embargo cases --ledger embargo.db --vendor Acme -o xlsx=register.xlsx
  embargo cases mark --ledger embargo.db --reported --on 2026-11-30 --ref DIBNet-4711 C-5b957467ff6a
  embargo cases history --ledger embargo.db C-5b957467ff6a`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := loadCasesSettings(env, cmd, global); err != nil {
				return err
			}
			return runCases(cmd.Context(), env, &opts)
		},
	}
	fs := cmd.Flags()
	opts.addLedgerFlag(fs)
	fs.StringArrayVar(&opts.Status, "status", nil, "list cases of this `STATUS`, repeatable: "+strings.Join(caseStatuses, ", ")+" (default all)")
	fs.StringVar(&opts.Vendor, "vendor", "", "only cases of subjects of this `VENDOR` (from the --manifest of the audits)")
	fs.StringVar(&opts.Entity, "entity", "", "only cases of this listed `ENTITY` (LIST/ENTITY or ENTITY)")
	fs.StringVar(&opts.AsOf, "as-of", "", "date obligations are measured against, `YYYY-MM-DD` (default today)")
	fs.StringArrayVarP(&opts.Output, "output", "o", []string{string(reports.DefaultFormat)}, reports.FlagUsage())
	fs.StringArrayVar(&opts.Profile, "profile", nil, "who you are (`PROFILE`, repeatable: "+profileUsageMark+"), as for audit (default: for each case, the profiles of the runs that first and last saw it)")
	fs.StringArrayVar(&opts.List, "list", nil, "add a restricted-vendor list `FILE`, as for audit")
	fs.StringArrayVar(&opts.OnlyList, "only-list", nil, "use only the list with this `ID`, as for audit")
	fs.StringVar(&opts.FARClause, "far-clause", "", "version of FAR 52.204-23 your contract carries, as for audit")
	cmd.AddCommand(newCasesMarkCommand(env, global), newCasesHistoryCommand(env, global))
	return cmd
}

// configurable are the settings of the cases commands that the
// configuration file and the environment may set, shared with audit; the
// others (-o, --status, --as-of...) are for the command line only, so that
// an audit's configured reports are never overwritten by a register.
var configurable = []string{"ledger", "profile", "list", "only-list", "far-clause"}

func loadCasesSettings(env *environment, cmd *cobra.Command, global *globalOptions) error {
	fs := pflag.NewFlagSet(cmd.Name(), pflag.ContinueOnError)
	for _, name := range configurable {
		if f := cmd.Flags().Lookup(name); f != nil {
			fs.AddFlag(f)
		}
	}
	_, _, err := loadSettings(env, fs, global.Config, auditOnlyKeys()...)
	return err
}

// openLedger opens an existing ledger for cases and reaudit: a file that
// does not exist is a typo, not a new empty ledger (audit --ledger makes
// one).
func openLedger(ctx context.Context, target string) (ledger.Store, error) {
	if target == "" {
		return nil, &usageError{msg: "no ledger: give --ledger FILE or a postgres:// DSN (or the ledger: config key, EMBARGO_LEDGER)"}
	}
	if !postgres.IsDSN(target) {
		if _, err := os.Stat(target); errors.Is(err, fs.ErrNotExist) {
			return nil, &usageError{msg: fmt.Sprintf("ledger %s does not exist (embargo audit --ledger %s creates it)", target, target)}
		}
	}
	return opener.Open(ctx, target)
}

// casesDate parses a YYYY-MM-DD flag; empty is today (SOURCE_DATE_EPOCH).
func casesDate(env *environment, flag, value string) (time.Time, error) {
	if value == "" {
		now, err := env.reportTime()
		if err != nil {
			return time.Time{}, err
		}
		return time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC), nil
	}
	t, err := time.Parse(time.DateOnly, value)
	if err != nil {
		return time.Time{}, &usageError{msg: fmt.Sprintf("--%s %q: want YYYY-MM-DD", flag, value)}
	}
	return t, nil
}

// statusFilter turns --status into the stored statuses to read and
// whether overdue cases are asked for.
func statusFilter(values []string) (stored []ledger.Status, overdue, all bool, err error) {
	if len(values) == 0 {
		return nil, false, true, nil
	}
	for _, v := range values {
		for _, s := range strings.Split(v, ",") {
			s = strings.ToLower(strings.TrimSpace(s))
			switch s {
			case "all":
				all = true
			case "overdue":
				overdue = true
			case "open", "reported", "resolved", "waived":
				stored = append(stored, ledger.Status(s))
			default:
				return nil, false, false, &usageError{msg: fmt.Sprintf("--status %q: want one of %s", s, strings.Join(caseStatuses, ", "))}
			}
		}
	}
	if overdue {
		for _, s := range []ledger.Status{ledger.StatusOpen, ledger.StatusReported} {
			if !slices.Contains(stored, s) {
				stored = append(stored, s)
			}
		}
	}
	if all {
		stored = nil
	}
	return stored, overdue, all, nil
}

func runCases(ctx context.Context, env *environment, opts *casesOptions) error {
	specs, err := reports.ParseSpecs(opts.Output)
	if err != nil {
		return &usageError{msg: err.Error()}
	}
	asOf, err := casesDate(env, "as-of", opts.AsOf)
	if err != nil {
		return err
	}
	stored, overdueAsked, all, err := statusFilter(opts.Status)
	if err != nil {
		return err
	}
	lists, err := loadLists(env, opts.List, opts.OnlyList)
	if err != nil {
		return err
	}
	st, err := openLedger(ctx, opts.Ledger)
	if err != nil {
		return err
	}
	defer st.Close()
	picker, err := newProfilePicker(ctx, st, opts.Profile)
	if err != nil {
		return err
	}
	memos := map[string]*obligationMemo{}
	memoFor := func(profiles []string) (*obligationMemo, error) {
		key := strings.Join(profiles, ",")
		if m, ok := memos[key]; ok {
			return m, nil
		}
		a, err := audit.New(audit.Config{Lists: lists, Profiles: profiles, AsOf: asOf, FARClause: opts.FARClause})
		if err != nil {
			return nil, &usageError{msg: err.Error()}
		}
		memos[key] = &obligationMemo{a: a, asOf: asOf, profiles: profiles, m: map[obligationKey]obligationsOrErr{}}
		return memos[key], nil
	}
	if _, err := memoFor(picker.fallback()); err != nil {
		return err
	}
	// Statuses as of the register's date: a waiver that lapsed before it
	// no longer waives its case.
	cs, err := st.Cases(ctx, ledger.Filter{Statuses: stored, Vendor: opts.Vendor, Entity: opts.Entity, AsOf: asOf})
	if err != nil {
		return err
	}
	reg := &reports.CaseRegister{
		Tool: reports.Tool{Name: "embargo", Version: toolVersion()}, AsOf: asOf.Format(time.DateOnly),
		Ledger: ledgerName(opts.Ledger), Filter: filterText(opts),
	}
	missing := map[string]bool{}
	reg.Cases = make([]reports.CaseEntry, 0, len(cs))
	byRuns := map[[2]int64]*obligationMemo{} // most cases share their runs
	for _, c := range cs {
		memo, ok := byRuns[[2]int64{c.FirstRun, c.LastRun}]
		if !ok {
			if memo, err = memoFor(picker.forCase(c)); err != nil {
				return err
			}
			byRuns[[2]int64{c.FirstRun, c.LastRun}] = memo
		}
		e, err := caseEntry(memo, c)
		if err != nil && !missing[c.Key.Entity] {
			missing[c.Key.Entity] = true
			reg.Warnings = append(reg.Warnings, fmt.Sprintf("cases of %s have no obligations listed: %v", c.Key.Entity, err))
		}
		if overdueAsked && !all && !e.Overdue && !slices.Contains(opts.Status, e.Status) {
			continue
		}
		reg.Cases = append(reg.Cases, e)
	}
	reg.Citations = citationsOf(memos)
	return reports.WriteCases(specs, reg, reports.WriteOptions{
		Stdout: env.stdout, StdoutTerminal: isTerminal(env.stdout), Color: env.color(env.stdout), Width: env.width(env.stdout),
	})
}

// profilePicker says under which profiles a case's obligations are
// dated: --profile for every case, else those of the runs that first and
// last saw it, together (a nightly run under the default profile, or
// another team's, must not drop a contractor's FAR deadlines from the
// register), else those of the ledger's latest run, else the default.
type profilePicker struct {
	given, latest []string
	byRun         map[int64][]string
}

func newProfilePicker(ctx context.Context, st ledger.Store, given []string) (*profilePicker, error) {
	p := &profilePicker{given: given, latest: []string{audit.DefaultProfile}, byRun: map[int64][]string{}}
	if len(given) > 0 {
		return p, nil
	}
	runs, err := st.Runs(ctx)
	if err != nil {
		return nil, err
	}
	for _, r := range runs {
		p.byRun[r.ID] = r.Profiles
	}
	if len(runs) > 0 && len(runs[len(runs)-1].Profiles) > 0 {
		p.latest = runs[len(runs)-1].Profiles
	}
	return p, nil
}

// fallback are the profiles of a case no run names.
func (p *profilePicker) fallback() []string {
	if len(p.given) > 0 {
		return p.given
	}
	return p.latest
}

func (p *profilePicker) forCase(c ledger.Case) []string {
	if len(p.given) > 0 {
		return p.given
	}
	out := append(slices.Clone(p.byRun[c.FirstRun]), p.byRun[c.LastRun]...)
	if len(out) == 0 {
		return p.latest
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// citationsOf are the sources every memo's obligations cited, by id.
func citationsOf(memos map[string]*obligationMemo) []reports.Citation {
	byID := map[string]reports.Citation{}
	for _, m := range memos {
		for _, c := range m.citations() {
			byID[c.ID] = c
		}
	}
	out := make([]reports.Citation, 0, len(byID))
	for _, c := range byID {
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b reports.Citation) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// obligationMemo dates obligations once per entity, category, verdict
// and dates: the cases one run identified share them, and a register of
// 100,000 cases holds a few hundred such keys.
type obligationMemo struct {
	a    *audit.Auditor
	asOf time.Time
	// profiles are those the auditor dates under, shown with each case
	// (shared by its cases; the renderers only read them).
	profiles []string
	m        map[obligationKey]obligationsOrErr
	cited    map[string]reports.Citation
}

// citations are the sources cited, sorted by id.
func (o *obligationMemo) citations() []reports.Citation {
	out := make([]reports.Citation, 0, len(o.cited))
	for _, c := range o.cited {
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b reports.Citation) int { return strings.Compare(a.ID, b.ID) })
	return out
}

type obligationKey struct {
	entity                           audit.EntityRef
	category, verdict                string
	identified, reported, followedUp time.Time
}

type obligationsOrErr struct {
	obs []reports.Obligation
	// live are obs as a live (open or reported) case states them: passed
	// deadlines overdue. Dated once per key, like obs.
	live []reports.Obligation
	name string
	err  error
}

func (o *obligationMemo) get(ref audit.EntityRef, c ledger.Case) obligationsOrErr {
	k := obligationKey{ref, c.Category, c.Verdict, c.Identified, c.Reported, c.FollowedUp}
	if r, ok := o.m[k]; ok {
		return r
	}
	obs, err := o.a.CaseObligations(ref, vendorlists.Category(c.Category), audit.Verdict(c.Verdict), c.Identified, c.Reported, c.FollowedUp)
	r := obligationsOrErr{obs: reports.ObligationsOf(obs), name: o.a.EntityName(ref), err: err}
	for i := range r.obs {
		for _, ci := range r.obs[i].Citations {
			if o.cited == nil {
				o.cited = map[string]reports.Citation{}
			}
			o.cited[ci.ID] = ci
		}
		r.obs[i].Citations = nil // once, in the register's citations
	}
	r.live = reports.OverdueObligations(r.obs, audit.CaseOpen, o.asOf)
	o.m[k] = r
	return r
}

// caseEntry dates a case's obligations as of the auditor's date.
func caseEntry(memo *obligationMemo, c ledger.Case) (reports.CaseEntry, error) {
	list, id, _ := strings.Cut(c.Key.Entity, "/")
	ref := audit.EntityRef{List: list, ID: id}
	e := reports.CaseEntry{
		ID: c.ID, Status: c.Status, Identified: day(c.Identified), Reported: day(c.Reported), ReportRef: c.ReportRef,
		ReportedBy: c.ReportedBy, Resolved: day(c.Resolved), LastSeen: day(c.LastSeen), Subject: c.Key.Subject,
		Vendor: c.Vendor, Product: c.Product, Entity: c.Key.Entity,
		Component: c.Key.Component, Version: c.Version, Verdict: c.Verdict, Category: c.Category, Waiver: waiverOn(c, memo.asOf),
		Profiles: memo.profiles,
	}
	r := memo.get(ref, c)
	e.EntityName = r.name
	if r.err != nil {
		return e, r.err
	}
	// Shared by the cases of one key (copied when a passed deadline of a
	// live case is restated as overdue); the renderers only read them.
	live := reports.Tracked(c.Status)
	e.Obligations = r.obs
	if live {
		e.Obligations = r.live
	}
	for _, o := range e.Obligations {
		if !live || o.Due == "" || (o.Status.State != "due" && o.Status.State != "passed" && o.Status.State != "overdue") {
			continue
		}
		if o.Status.State == "passed" || o.Status.State == "overdue" {
			e.Overdue = true
		}
		if e.NextDue == "" || o.Due < e.NextDue {
			e.NextDue = o.Due
		}
	}
	return e, nil
}

// waiverOn names the case's waiver, saying so when it expired before asOf
// (the case is then no longer waived, but which waiver lapsed matters).
func waiverOn(c ledger.Case, asOf time.Time) string {
	if c.Waiver != "" && !c.WaiverExpires.IsZero() && asOf.After(c.WaiverExpires) {
		return c.Waiver + " (expired " + day(c.WaiverExpires) + ")"
	}
	return c.Waiver
}

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// ledgerName is the ledger as reports name it, without a DSN's password.
func ledgerName(target string) string {
	if postgres.IsKeywordDSN(target) {
		return "(a key=value connection string, not shown)"
	}
	if strings.Contains(target, "://") {
		target = postgres.Redact(target) // a ?password= parameter too
	}
	if before, after, ok := strings.Cut(target, "@"); ok && strings.Contains(before, "://") {
		scheme, _, _ := strings.Cut(before, "://")
		return scheme + "://…@" + after
	}
	return target
}

func filterText(opts *casesOptions) string {
	parts := []string{"status " + strings.Join(orAll(opts.Status), ", ")}
	if opts.Vendor != "" {
		parts = append(parts, "vendor "+opts.Vendor)
	}
	if opts.Entity != "" {
		parts = append(parts, "entity "+opts.Entity)
	}
	return strings.Join(parts, "; ")
}

func orAll(s []string) []string {
	if len(s) == 0 {
		return []string{"all"}
	}
	return s
}
