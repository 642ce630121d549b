package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/embargo-sbom/embargo/audit/ledger"
)

type markOptions struct {
	casesOptions
	Reported   bool
	FollowedUp bool
	On         string
	Ref        string
	By         string
	Note       string
	Identified string
}

func newCasesMarkCommand(env *environment, global *globalOptions) *cobra.Command {
	var opts markOptions
	cmd := &cobra.Command{
		Use:   "mark --ledger LEDGER (--reported --on DATE | --followed-up --on DATE | --identified DATE --note TEXT | --note TEXT) [flags] CASE_ID...",
		Short: "Record a report or follow-up report submission, a corrected identification date, or a note on cases",
		Long: `Record that cases were reported (e.g. to DIBNet or the contracting officer) on a
date, with the submission's reference and who made it; follow-up deadlines then
run from that date. --followed-up records the follow-up report (FAR 52.204-23
(c)(2)(ii) and its kin), after which that obligation is done, no longer overdue;
the report it follows must be recorded first. Marking again with the same values changes nothing; a new
date or reference is recorded in the case's history beside the earlier one.
--note records free text. All cases named are marked, or none. A date after
today is refused: a report is recorded once it has been submitted.

--identified DATE corrects when a case was identified, for a case found late
(the restricted component was known before the first audit that saw it):
only to a date earlier than the one recorded, never after today, and with
--note saying why; the correction and its note are in the case's history, and
its deadlines run from the new date.`,
		Example: `  embargo cases mark --ledger embargo.db --reported --on 2026-11-30 --ref DIBNet-4711 --by j.doe C-5b957467ff6a
  embargo cases mark --ledger embargo.db --followed-up --on 2026-12-10 --ref DIBNet-4711-2 C-5b957467ff6a
  embargo cases mark --ledger embargo.db --identified 2026-11-20 --note "vendor letter of 2026-11-20 names the engine" C-5b957467ff6a`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := loadCasesSettings(env, cmd, global); err != nil {
				return err
			}
			return runMark(cmd.Context(), env, &opts, args)
		},
	}
	fs := cmd.Flags()
	opts.addLedgerFlag(fs)
	fs.BoolVar(&opts.Reported, "reported", false, "record a report submission (needs --on)")
	fs.BoolVar(&opts.FollowedUp, "followed-up", false, "record the follow-up report's submission (needs --on)")
	fs.StringVar(&opts.On, "on", "", "the submission's date, `YYYY-MM-DD`")
	fs.StringVar(&opts.Ref, "ref", "", "the submission's reference (`TEXT`), e.g. a DIBNet report number")
	fs.StringVar(&opts.By, "by", "", "who submitted it (`NAME`; default $USER)")
	fs.StringVar(&opts.Note, "note", "", "free `TEXT` for the case's history (with --identified: why)")
	fs.StringVar(&opts.Identified, "identified", "", "correct the identification to this earlier `YYYY-MM-DD` (needs --note)")
	return cmd
}

func runMark(ctx context.Context, env *environment, opts *markOptions, ids []string) error {
	m := ledger.Mark{IDs: ids, Reported: opts.Reported, FollowedUp: opts.FollowedUp, Ref: opts.Ref, By: opts.By, Note: opts.Note}
	dated := opts.Reported || opts.FollowedUp
	if m.By == "" {
		m.By = env.getenv("USER")
	}
	switch {
	case dated && opts.On == "":
		return &usageError{msg: "--reported and --followed-up need --on YYYY-MM-DD, the date the report was submitted"}
	case !dated && opts.On != "":
		return &usageError{msg: "--on is the date of a report: give --reported or --followed-up with it"}
	case !dated && opts.Note == "" && opts.Identified == "":
		return &usageError{msg: "nothing to mark: give --reported --on DATE, --followed-up --on DATE, --identified DATE --note TEXT, or --note TEXT"}
	case opts.Identified != "" && opts.Note == "":
		return &usageError{msg: "--identified corrects a legal date: give --note TEXT saying why (it is kept in the case's history)"}
	}
	if opts.Identified != "" {
		on, err := casesDate(env, "identified", opts.Identified)
		if err != nil {
			return err
		}
		today, err := casesDate(env, "identified", "")
		if err != nil {
			return err
		}
		if on.After(today) {
			return &usageError{msg: fmt.Sprintf("--identified %s is after today (%s): a case cannot be identified in the future",
				on.Format(time.DateOnly), today.Format(time.DateOnly))}
		}
		m.Identified, m.At = on, markTime(env)
	}
	if dated {
		on, err := casesDate(env, "on", opts.On)
		if err != nil {
			return err
		}
		if err := notAfterToday(env, on); err != nil {
			return err
		}
		m.On = on
	}
	st, err := openLedger(ctx, opts.Ledger)
	if err != nil {
		return err
	}
	defer st.Close()
	res, err := st.Mark(ctx, m)
	if err != nil {
		return err
	}
	for _, r := range res {
		what := "unchanged (already recorded)"
		if r.Changed {
			what = "recorded"
			switch {
			case opts.Identified != "" && !opts.Reported && !opts.FollowedUp:
				what = "identified on " + opts.Identified
			case opts.Reported && opts.FollowedUp:
				what = "reported and followed up on " + opts.On
			case opts.Reported:
				what = "reported on " + opts.On
			case opts.FollowedUp:
				what = "followed up on " + opts.On
			}
		}
		fmt.Fprintf(env.stdout, "%s: %s\n", r.ID, what)
	}
	return nil
}

// markTime is when a mark is made: now, or SOURCE_DATE_EPOCH, so that
// the ledger's own check of a date against today agrees with the CLI's.
func markTime(env *environment) time.Time {
	now, err := env.reportTime()
	if err != nil {
		return time.Time{}
	}
	return now.UTC()
}

// notAfterToday refuses a submission date after today (UTC, or
// SOURCE_DATE_EPOCH; a day of slack for time zones ahead of UTC): a
// report cannot be recorded before it is made, and a mistyped year would
// mark an overdue case's report done.
func notAfterToday(env *environment, on time.Time) error {
	today, err := casesDate(env, "on", "")
	if err != nil {
		return err
	}
	if on.After(today.AddDate(0, 0, 1)) {
		return &usageError{msg: fmt.Sprintf("--on %s is after today (%s): a report is recorded once it has been submitted",
			on.Format(time.DateOnly), today.Format(time.DateOnly))}
	}
	return nil
}

func newCasesHistoryCommand(env *environment, global *globalOptions) *cobra.Command {
	var opts casesOptions
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "history --ledger LEDGER CASE_ID",
		Short: "Print a case's timeline: every run that saw it, version and status changes, reports and notes",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := loadCasesSettings(env, cmd, global); err != nil {
				return err
			}
			st, err := openLedger(cmd.Context(), opts.Ledger)
			if err != nil {
				return err
			}
			defer st.Close()
			asOf, err := casesDate(env, "as-of", opts.AsOf)
			if err != nil {
				return err
			}
			c, events, err := st.History(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			events = withLapsedWaiver(c, events, asOf)
			if asJSON {
				return writeHistoryJSON(env, c, events)
			}
			return writeHistory(env, c, events)
		},
	}
	opts.addLedgerFlag(cmd.Flags())
	cmd.Flags().StringVar(&opts.AsOf, "as-of", "", "date the case's status is read on, `YYYY-MM-DD` (default today): a waiver expired before it no longer waives the case")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the case and its events as JSON")
	return cmd
}

// withLapsedWaiver sets the case's status as of asOf and, when its
// waiver lapsed before then, adds that change to the timeline (computed,
// not recorded: it has no run and no recording time).
func withLapsedWaiver(c *ledger.Case, events []ledger.Event, asOf time.Time) []ledger.Event {
	if !c.WaiverLapsed(asOf) {
		return events
	}
	to := c.StatusOn(asOf)
	events = append(events, ledger.Event{Date: c.WaiverExpires.AddDate(0, 0, 1), Kind: "status", From: c.Status, To: to,
		Note: "waiver " + c.Waiver + " expired on " + day(c.WaiverExpires) + " and no longer applies"})
	c.Status = to
	return events
}

func writeHistory(env *environment, c *ledger.Case, events []ledger.Event) error {
	fmt.Fprintf(env.stdout, "%s  %s in %s (%s)\nstatus %s, identified %s", c.ID, c.Key.Component, c.Key.Subject, c.Key.Entity, c.Status, day(c.Identified))
	if !c.Reported.IsZero() {
		fmt.Fprintf(env.stdout, ", reported %s", day(c.Reported))
	}
	if !c.FollowedUp.IsZero() {
		fmt.Fprintf(env.stdout, ", followed up %s", day(c.FollowedUp))
	}
	if !c.Resolved.IsZero() {
		fmt.Fprintf(env.stdout, ", resolved %s", day(c.Resolved))
	}
	if c.Waiver != "" {
		fmt.Fprintf(env.stdout, ", waiver %s", c.Waiver)
		if !c.WaiverExpires.IsZero() {
			fmt.Fprintf(env.stdout, " (last day %s)", day(c.WaiverExpires))
		}
	}
	fmt.Fprint(env.stdout, "\n\n")
	tw := tabwriter.NewWriter(env.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tEVENT\tDETAIL\tBY\tRECORDED")
	for _, e := range events {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", day(e.Date), e.Kind, eventDetail(e), dash(e.By), recordedText(e.Recorded))
	}
	return tw.Flush()
}

// recordedText is when an event was recorded; "-" for one computed.
func recordedText(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Format(time.RFC3339)
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func eventDetail(e ledger.Event) string {
	var parts []string
	switch e.Kind {
	case "seen":
		parts = append(parts, fmt.Sprintf("run %d: %s version %s", e.RunID, e.Input, dash(e.To)))
	case "identified":
		if e.From != "" {
			parts = append(parts, "identification moved from "+e.From+" to "+e.To)
		} else {
			parts = append(parts, fmt.Sprintf("run %d: new case, %s", e.RunID, e.To))
		}
	case "reported", "followed-up":
		parts = append(parts, strings.Replace(e.Kind, "-", " ", 1)+" on "+e.To)
		if e.From != "" {
			parts = append(parts, "(was "+e.From+")")
		}
		if e.Ref != "" {
			parts = append(parts, "ref "+e.Ref)
		}
	default:
		if e.From != "" || e.To != "" {
			parts = append(parts, dash(e.From)+" → "+dash(e.To))
		}
		if e.RunID != 0 {
			parts = append(parts, fmt.Sprintf("(run %d)", e.RunID))
		}
	}
	if e.Note != "" {
		parts = append(parts, e.Note)
	}
	return strings.Join(parts, " ")
}

func writeHistoryJSON(env *environment, c *ledger.Case, events []ledger.Event) error {
	type event struct {
		Date     string `json:"date"`
		Kind     string `json:"kind"`
		Run      int64  `json:"run,omitempty"`
		From     string `json:"from"`
		To       string `json:"to"`
		By       string `json:"by"`
		Ref      string `json:"ref"`
		Note     string `json:"note"`
		Input    string `json:"input,omitempty"`
		Recorded string `json:"recorded"`
	}
	out := struct {
		ID         string `json:"id"`
		Status     string `json:"status"`
		Identified string `json:"identified"`
		Reported   string `json:"reported"`
		FollowedUp string `json:"followedUp"`
		Resolved   string `json:"resolved"`
		Waiver     string `json:"waiver"`
		// WaiverExpires is the waiver's last day, "" when not recorded.
		WaiverExpires string  `json:"waiverExpires"`
		Subject       string  `json:"subject"`
		Component     string  `json:"component"`
		Entity        string  `json:"entity"`
		Events        []event `json:"events"`
	}{ID: c.ID, Status: c.Status, Identified: day(c.Identified), Reported: day(c.Reported), FollowedUp: day(c.FollowedUp),
		Resolved: day(c.Resolved), Waiver: c.Waiver, WaiverExpires: day(c.WaiverExpires), Subject: c.Key.Subject, Component: c.Key.Component, Entity: c.Key.Entity, Events: []event{}}
	for _, e := range events {
		out.Events = append(out.Events, event{Date: day(e.Date), Kind: e.Kind, Run: e.RunID, From: e.From, To: e.To, By: e.By,
			Ref: e.Ref, Note: e.Note, Input: e.Input, Recorded: recordedText(e.Recorded)})
	}
	enc := json.NewEncoder(env.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
