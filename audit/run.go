package audit

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"runtime"
	"sync"

	"github.com/embargo-sbom/embargo/sbom"
)

// RunOptions configure a batch audit.
type RunOptions struct {
	// Parallelism is the number of inputs decoded at once; 0 means the
	// number of CPUs.
	Parallelism int
	Decode      sbom.Options
	// Stdin is read for the input "-".
	Stdin io.Reader
	// Logger receives per-input progress at debug level; nil discards.
	Logger *slog.Logger
	// OnInput is called after each input is done, from the goroutine that
	// did it (for progress bars); it may be nil.
	OnInput func(InputResult)
}

// inputOutcome is one input's result and findings, kept in input order.
type inputOutcome struct {
	result   InputResult
	findings []Finding
}

// Run audits every input. The result lists inputs and findings in input
// order whatever the scheduling. It returns ctx.Err() if the run was
// cancelled, with the inputs finished so far.
func (a *Auditor) Run(ctx context.Context, inputs []sbom.Input, opts RunOptions) (*Result, error) {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	outcomes := make([]*inputOutcome, len(inputs))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range workers(opts.Parallelism, len(inputs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				o := a.auditInput(inputs[i], opts)
				log.Debug("audited", "input", o.result.Path, "status", o.result.Status, "findings", len(o.findings))
				outcomes[i] = o
				if opts.OnInput != nil {
					opts.OnInput(o.result)
				}
			}
		}()
	}
	err := feed(ctx, jobs, len(inputs))
	wg.Wait()
	return a.result(outcomes), err
}

func workers(parallelism, n int) int {
	if parallelism <= 0 {
		parallelism = runtime.NumCPU()
	}
	return max(1, min(parallelism, n))
}

func feed(ctx context.Context, jobs chan<- int, n int) error {
	defer close(jobs)
	for i := range n {
		if err := ctx.Err(); err != nil {
			return err // select picks at random when both cases are ready
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case jobs <- i:
		}
	}
	return nil
}

func (a *Auditor) result(outcomes []*inputOutcome) *Result {
	res := &Result{
		AsOf: a.asOf, Discovered: a.discovered, Profiles: append([]string{}, a.profiles...), Lists: a.Lists(),
		Inputs: []InputResult{}, Findings: []Finding{}, Warnings: []string{},
	}
	for _, o := range outcomes {
		if o == nil {
			continue // not reached before cancellation
		}
		res.Inputs = append(res.Inputs, o.result)
		res.Findings = append(res.Findings, o.findings...)
	}
	return res
}

// auditInput decodes and audits one input; every failure becomes the
// input's status, never an error of the run.
func (a *Auditor) auditInput(in sbom.Input, opts RunOptions) *inputOutcome {
	o := &inputOutcome{result: InputResult{Path: in.Path, Warnings: []string{}}}
	if in.Err != nil {
		o.result.Status, o.result.Error = StatusFailed, in.Err.Error()
		return o
	}
	doc, err := readInput(in, opts)
	if err != nil {
		o.result.Status, o.result.Error = StatusFailed, err.Error()
		if in.FromWalk && errors.Is(err, sbom.ErrNotSBOM) {
			o.result.Status = StatusSkipped
		}
		return o
	}
	o.result = InputResult{
		Path: in.Path, Status: StatusAudited, Error: "", Warnings: append([]string{}, doc.Warnings...),
		Format: string(doc.Format), SpecVersion: doc.SpecVersion, SHA256: doc.SHA256,
		Components: len(doc.Components), Name: doc.Name,
	}
	if len(doc.Components) == 0 && doc.Subject == nil {
		o.result.Warnings = append(o.result.Warnings, "the SBOM lists no components, so it cannot show the absence of sanctioned vendors")
	}
	o.findings = a.Audit(doc)
	return o
}

func readInput(in sbom.Input, opts RunOptions) (*sbom.Document, error) {
	stdin := opts.Stdin
	if stdin == nil {
		stdin = eofReader{}
	}
	rc, err := in.Open(stdin)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", in.Path, unwrapPath(err))
	}
	defer rc.Close()
	doc, err := sbom.Read(in.Path, rc, opts.Decode)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", in.Path, err)
	}
	return doc, nil
}

type eofReader struct{}

func (eofReader) Read([]byte) (int, error) { return 0, io.EOF }

// unwrapPath drops the *fs.PathError wrapper, whose message repeats the
// path that the caller already names.
func unwrapPath(err error) error {
	var pe interface{ Unwrap() error }
	if errors.As(err, &pe) {
		if inner := pe.Unwrap(); inner != nil {
			return inner
		}
	}
	return err
}
