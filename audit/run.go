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
	// Meta labels inputs by path with their manifest row.
	Meta map[string]InputMeta
	// Generate makes an SBOM from a source input (a directory, file or
	// image archive named with a scheme such as dir: or oci-archive:).
	// Inputs whose path IsSource reports true go to it instead of being
	// decoded. The CLI injects syft here, so that this package never
	// links it.
	Generate func(ctx context.Context, source string) (*sbom.Document, error)
	IsSource func(path string) bool
}

// inputOutcome is one input's result and attributions, kept in input
// order.
type inputOutcome struct {
	result InputResult
	found  []Attribution
}

// Run audits every input statelessly, with no policy: Execute of a Plan
// that holds only the inputs and options.
func (a *Auditor) Run(ctx context.Context, inputs []sbom.Input, opts RunOptions) (*Result, error) {
	return (&Plan{Auditor: a, Inputs: inputs, Options: opts}).Execute(ctx)
}

// run decodes and matches every input. Outcomes are in input order
// whatever the scheduling; an input not reached before cancellation is
// nil, and run returns ctx.Err().
func (a *Auditor) run(ctx context.Context, inputs []sbom.Input, opts RunOptions) ([]*inputOutcome, error) {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	outcomes := make([]*inputOutcome, len(inputs))
	dupOf := duplicates(inputs)
	var todo []int
	for i := range inputs {
		if _, dup := dupOf[i]; !dup {
			todo = append(todo, i)
		}
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range workers(opts.Parallelism, len(todo)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				o := a.auditInput(ctx, inputs[i], opts)
				log.Debug("input done", "input", o.result.Path, "status", o.result.Status, "findings", len(o.found))
				outcomes[i] = o
				if opts.OnInput != nil {
					opts.OnInput(o.result)
				}
			}
		}()
	}
	err := feed(ctx, jobs, todo)
	wg.Wait()
	for i, j := range dupOf {
		if outcomes[j] != nil {
			outcomes[i] = reuse(outcomes[j], inputs[i], opts.Meta[inputs[i].Path])
			if opts.OnInput != nil {
				opts.OnInput(outcomes[i].result)
			}
		}
	}
	return outcomes, err
}

// reuse reports an input whose bytes equal an earlier input's under its
// own path, without decoding it again.
func reuse(o *inputOutcome, in sbom.Input, meta InputMeta) *inputOutcome {
	path := in.Path
	r := o.result
	r.Path, r.Root = path, in.Root
	r.Vendor, r.Product, r.Version = meta.Vendor, meta.Product, meta.Version
	r.Warnings = append([]string{}, r.Warnings...)
	out := &inputOutcome{result: r, found: make([]Attribution, 0, len(o.found))}
	for _, at := range o.found {
		at = at.Clone()
		at.Input = path
		out.found = append(out.found, at)
	}
	return out
}

func workers(parallelism, n int) int {
	if parallelism <= 0 {
		parallelism = runtime.NumCPU()
	}
	return max(1, min(parallelism, n))
}

func feed(ctx context.Context, jobs chan<- int, todo []int) error {
	defer close(jobs)
	for _, i := range todo {
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

// auditInput decodes and audits one input; every failure becomes the
// input's status, never an error of the run.
func (a *Auditor) auditInput(ctx context.Context, in sbom.Input, opts RunOptions) *inputOutcome {
	meta := opts.Meta[in.Path]
	o := &inputOutcome{result: InputResult{Path: in.Path, Root: in.Root, Warnings: []string{}, Vendor: meta.Vendor, Product: meta.Product, Version: meta.Version}}
	if in.Err != nil {
		o.result.Status, o.result.Error = StatusFailed, in.Err.Error()
		return o
	}
	d := a.m.NewDocument(in.Path)
	var doc *sbom.Document
	var err error
	switch {
	case in.Decoded != nil:
		doc = visitDecoded(in.Decoded, d.Visit)
	case opts.IsSource != nil && opts.IsSource(in.Path) && opts.Generate != nil:
		doc, err = generateInput(ctx, in.Path, opts, d.Visit)
	default:
		doc, err = decodeInput(in, opts, d.Visit)
	}
	if err != nil {
		o.result.Status, o.result.Error = StatusFailed, err.Error()
		if in.FromWalk && errors.Is(err, sbom.ErrNotSBOM) {
			o.result.Status = StatusSkipped
		}
		if de, ok := sbom.ErrorDigest(err); ok {
			o.result.SHA256 = de.SHA256
			if !de.Whole {
				o.result.Error += fmt.Sprintf(" (sha256 of the first %d bytes read)", de.Bytes)
			}
		}
		return o
	}
	o.result = InputResult{
		Path: in.Path, Root: in.Root, Status: StatusAudited, Error: "", Warnings: append([]string{}, doc.Warnings...),
		Format: string(doc.Format), SpecVersion: doc.SpecVersion, SHA256: doc.SHA256,
		Components: doc.ComponentCount, Name: doc.Name,
		Vendor: meta.Vendor, Product: meta.Product, Version: meta.Version,
	}
	if doc.ComponentCount == 0 {
		o.result.Status = StatusEmpty
		if doc.Subject == nil {
			o.result.Warnings = append(o.result.Warnings, "the SBOM lists no components, so it cannot show the absence of restricted vendors")
		}
	}
	o.found = d.Finish(doc)
	return o
}

// visitDecoded visits the components of an already decoded document; it
// returns a copy holding none, so that the caller's document is left as
// it was.
func visitDecoded(doc *sbom.Document, visit func(*sbom.Component)) *sbom.Document {
	for i := range doc.Components {
		visit(&doc.Components[i])
	}
	out := *doc
	if out.ComponentCount == 0 {
		out.ComponentCount = len(doc.Components)
	}
	out.Components = nil
	return &out
}

// generateInput makes the SBOM of a source and visits its components.
func generateInput(ctx context.Context, source string, opts RunOptions, visit func(*sbom.Component)) (*sbom.Document, error) {
	doc, err := opts.Generate(ctx, source)
	if err != nil {
		return nil, err
	}
	for i := range doc.Components {
		visit(&doc.Components[i])
	}
	doc.ComponentCount = len(doc.Components)
	doc.Components = nil
	return doc, nil
}

// decodeInput streams one input through visit; the document it returns
// holds no components, so memory does not grow with the SBOM's size.
func decodeInput(in sbom.Input, opts RunOptions, visit func(*sbom.Component)) (*sbom.Document, error) {
	stdin := opts.Stdin
	if stdin == nil {
		stdin = eofReader{}
	}
	rc, err := in.Open(stdin)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", in.Path, sbom.UnwrapPathError(err))
	}
	defer rc.Close()
	doc, err := sbom.Decode(in.Path, rc, opts.Decode, func(c *sbom.Component) error {
		visit(c)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", in.Path, err)
	}
	return doc, nil
}

type eofReader struct{}

func (eofReader) Read([]byte) (int, error) { return 0, io.EOF }
