package cli

import (
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/schollz/progressbar/v3"

	"github.com/embargo-sbom/embargo/audit"
)

// progress shows inputs done of total, components per second and time
// left on a terminal; it is silent on a non-terminal, in CI and with -q.
type progress struct {
	bar        *progressbar.ProgressBar
	mu         sync.Mutex
	components atomic.Int64
}

func newProgress(env *environment, quiet bool, total int) *progress {
	if quiet || total < 2 || env.getenv("CI") != "" || !isTerminal(env.stderr) {
		return &progress{}
	}
	bar := progressbar.NewOptions(total,
		progressbar.OptionSetWriter(env.stderr),
		progressbar.OptionSetDescription("auditing"),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100_000_000),
		progressbar.OptionClearOnFinish(),
	)
	return &progress{bar: bar}
}

// done is called from worker goroutines as each input finishes.
func (p *progress) done(in audit.InputResult) {
	if p.bar == nil {
		return
	}
	n := p.components.Add(int64(in.Components))
	p.mu.Lock()
	defer p.mu.Unlock()
	secs := p.bar.State().SecondsSince
	if secs > 0 {
		p.bar.Describe(fmt.Sprintf("auditing (%.0f components/s)", float64(n)/secs))
	}
	_ = p.bar.Add(1)
}

func (p *progress) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}
