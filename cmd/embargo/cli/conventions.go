package cli

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/embargo-sbom/embargo/audit"
	"github.com/embargo-sbom/embargo/reports"
	"github.com/embargo-sbom/embargo/vendorlists"
)

// reportFailedInputs writes one line per input that could not be audited,
// "embargo: cannot audit PATH: REASON", on stderr: a CI log shows what
// went wrong without the reader opening a report. It is an error, so -q
// does not silence it.
func reportFailedInputs(w io.Writer, res *audit.Result) {
	for _, in := range res.Inputs {
		if in.Status == audit.StatusFailed {
			// Errors often start with the path already; say it once.
			reason := strings.TrimPrefix(in.Error, in.Path+": ")
			fmt.Fprintf(w, "embargo: cannot audit %s: %s\n", in.Path, reason)
		}
	}
}

// checkStdinOnce refuses "-" given more than once: standard input can be
// read only once, and the second read would silently see nothing.
func checkStdinOnce(args []string) error {
	n := 0
	for _, a := range args {
		if a == "-" {
			n++
		}
	}
	if n > 1 {
		return &usageError{msg: fmt.Sprintf("- (standard input) is given %d times; it can be read only once", n)}
	}
	return nil
}

// Log levels below Debug: -vv shows trace lines (per-input timings,
// where each setting came from).
const levelTrace = slog.LevelDebug - 4

// logLevel maps -q and -v to a level: errors only with -q, warnings by
// default, info with -v, trace with -vv.
func logLevel(verbose int, quiet bool) slog.Level {
	switch {
	case quiet:
		return slog.LevelError
	case verbose >= 2:
		return levelTrace
	case verbose == 1:
		return slog.LevelDebug
	}
	return slog.LevelInfo
}

// lineHandler writes log records as plain lines a person reads, not as
// key=value records: "embargo: audited sboms/a.json (status=audited,
// findings=2)". Warnings and errors say so.
type lineHandler struct {
	w     io.Writer
	mu    *sync.Mutex
	level slog.Level
	attrs []slog.Attr
}

func newLineHandler(w io.Writer, level slog.Level) *lineHandler {
	return &lineHandler{w: w, mu: &sync.Mutex{}, level: level}
}

func (h *lineHandler) Enabled(_ context.Context, l slog.Level) bool { return l >= h.level }

func (h *lineHandler) Handle(_ context.Context, r slog.Record) error {
	var b strings.Builder
	b.WriteString("embargo: ")
	switch {
	case r.Level >= slog.LevelError:
		b.WriteString("error: ")
	case r.Level >= slog.LevelWarn:
		b.WriteString("warning: ")
	}
	b.WriteString(r.Message)
	var parts []string
	for _, a := range h.attrs {
		parts = append(parts, a.Key+"="+a.Value.String())
	}
	r.Attrs(func(a slog.Attr) bool {
		parts = append(parts, a.Key+"="+a.Value.String())
		return true
	})
	if len(parts) > 0 {
		b.WriteString(" (" + strings.Join(parts, ", ") + ")")
	}
	b.WriteByte('\n')
	h.mu.Lock()
	defer h.mu.Unlock()
	_, err := io.WriteString(h.w, b.String())
	return err
}

func (h *lineHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	c := *h
	c.attrs = append(slices.Clone(h.attrs), attrs...)
	return &c
}

func (h *lineHandler) WithGroup(string) slog.Handler { return h }

// registerAuditCompletions offers values for the flags of cmd that take
// one of a known set: shells complete --profile, --fail-on, --only-list,
// -o and --status (a flag cmd lacks is passed over).
func registerAuditCompletions(cmd *cobra.Command) {
	// Values are computed when a shell asks, never at start-up.
	lazy := func(values func() []string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return values(), cobra.ShellCompDirectiveNoFileComp
		}
	}
	fixed := func(values ...string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return lazy(func() []string { return values })
	}
	_ = cmd.RegisterFlagCompletionFunc("output", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return reports.Completions(), cobra.ShellCompDirectiveNoFileComp
	})
	_ = cmd.RegisterFlagCompletionFunc("profile", lazy(profileCompletions))
	_ = cmd.RegisterFlagCompletionFunc("fail-on", fixed(
		"prohibited\tfail on prohibited findings (default)", "review\tfail on review findings and above",
		"info\tfail on any finding that is not waived", "never\tnever fail on findings"))
	_ = cmd.RegisterFlagCompletionFunc("only-list", lazy(listCompletions))
	_ = cmd.RegisterFlagCompletionFunc("status", fixed(caseStatuses...))
}

// profileCompletions are the profiles the embedded lists define, each
// once, with its title.
func profileCompletions() []string {
	lists, err := vendorlists.Embedded()
	if err != nil {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	for _, l := range lists {
		for _, p := range l.Profiles {
			if !seen[p.ID] {
				seen[p.ID] = true
				out = append(out, p.ID+"\t"+p.Title)
			}
		}
	}
	slices.Sort(out)
	return out
}

// listCompletions are the ids and titles of the embedded lists.
func listCompletions() []string {
	lists, err := vendorlists.Embedded()
	if err != nil {
		return nil
	}
	out := make([]string, 0, len(lists))
	for _, l := range lists {
		out = append(out, l.ID+"\t"+l.Title)
	}
	return out
}

// traceSettings logs, at -vv, the configuration file in use and where each
// setting that is not a default came from.
func traceSettings(log *slog.Logger, cfg *settings) {
	if !log.Enabled(context.Background(), levelTrace) || cfg == nil {
		return
	}
	log.Log(context.Background(), levelTrace, "configuration file", "file", orNoneText(cfg.file))
	names := make([]string, 0, len(cfg.sources))
	for name := range cfg.sources {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if src := cfg.sources[name]; src.Kind != "default" {
			log.Log(context.Background(), levelTrace, "setting "+name, "from", src.Kind+" "+src.Detail)
		}
	}
}

func orNoneText(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// traceInputs wraps the per-input callback: at -vv it logs each input as
// it finishes, with the time since the audit started and its size.
func traceInputs(log *slog.Logger, next func(audit.InputResult)) func(audit.InputResult) {
	if !log.Enabled(context.Background(), levelTrace) {
		return next
	}
	start := time.Now()
	return func(in audit.InputResult) {
		log.Log(context.Background(), levelTrace, "finished "+in.Path, "status", in.Status,
			"components", in.Components, "after", time.Since(start).Round(time.Millisecond).String())
		next(in)
	}
}
