package syftgen

import (
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/wagoodman/go-partybus"
	"github.com/wagoodman/go-progress"

	"github.com/anchore/syft/syft"
	"github.com/anchore/syft/syft/event"
	"github.com/anchore/syft/syft/event/monitor"
	"github.com/anchore/syft/syft/event/parsers"
)

const defaultProgressInterval = 250 * time.Millisecond

// syft publishes progress on one process-wide bus (syft.SetBus). busHub
// installs that bus the first time a Generate call asks for progress and
// hands every event to the trackers of the Generate calls running at that
// moment. Events carry no scan identity, so when two scans with progress
// run at once each sees the other's counts too; scans without progress
// are unaffected.
type busHub struct {
	once     sync.Once
	mu       sync.Mutex
	trackers map[*tracker]struct{}
}

var hub busHub

func (h *busHub) add(t *tracker) {
	h.once.Do(func() {
		b := partybus.NewBus()
		sub := b.Subscribe(event.FileIndexingStarted, event.CatalogerTaskStarted)
		syft.SetBus(b)
		go h.dispatch(sub.Events())
	})
	h.mu.Lock()
	if h.trackers == nil {
		h.trackers = map[*tracker]struct{}{}
	}
	h.trackers[t] = struct{}{}
	h.mu.Unlock()
}

func (h *busHub) remove(t *tracker) {
	h.mu.Lock()
	delete(h.trackers, t)
	h.mu.Unlock()
}

func (h *busHub) dispatch(events <-chan partybus.Event) {
	for e := range events {
		h.mu.Lock()
		for t := range h.trackers {
			t.observe(e)
		}
		h.mu.Unlock()
	}
}

// tracker turns syft's monitors into throttled Status calls for one
// Generate call.
type tracker struct {
	report   func(Status)
	interval time.Duration

	mu       sync.Mutex
	stage    string
	indexing string
	files    progress.Progressable
	packages progress.Stager
	stopped  bool

	quit chan struct{}
	done chan struct{}
}

// startProgress starts reporting for cfg; the returned tracker is inert
// when cfg.Progress is nil.
func startProgress(cfg Config) *tracker {
	t := &tracker{report: cfg.Progress, interval: cfg.ProgressInterval}
	if t.report == nil {
		return t
	}
	if t.interval <= 0 {
		t.interval = defaultProgressInterval
	}
	t.quit = make(chan struct{})
	t.done = make(chan struct{})
	hub.add(t)
	go t.loop()
	return t
}

func (t *tracker) loop() {
	defer close(t.done)
	tick := time.NewTicker(t.interval)
	defer tick.Stop()
	for {
		select {
		case <-t.quit:
			return
		case <-tick.C:
			t.emit()
		}
	}
}

func (t *tracker) observe(e partybus.Event) {
	t.mu.Lock()
	defer t.mu.Unlock()
	switch e.Type {
	case event.FileIndexingStarted:
		if path, prog, err := parsers.ParseFileIndexingStarted(e); err == nil {
			t.indexing, t.files = path, prog
		}
	case event.CatalogerTaskStarted:
		prog, info, err := parsers.ParseCatalogerTaskStarted(e)
		if err == nil && info != nil && info.ID == monitor.PackageCatalogingTaskID {
			t.packages = prog
		}
	}
}

func (t *tracker) status() Status {
	t.mu.Lock()
	defer t.mu.Unlock()
	st := Status{Stage: t.stage}
	if t.packages != nil {
		st.Packages = parseCount(t.packages.Stage())
	}
	if t.stage == "cataloging" && t.files != nil && t.packages == nil {
		st.Stage = "indexing " + t.indexing
		if n := t.files.Current(); n > 0 {
			st.Stage += " (" + strconv.FormatInt(n, 10) + " files)"
		}
	}
	return st
}

func (t *tracker) emit() {
	if t.report != nil {
		t.report(t.status())
	}
}

// setStage records the stage and reports it at once.
func (t *tracker) setStage(stage string) {
	if t.report == nil {
		return
	}
	t.mu.Lock()
	t.stage = stage
	t.mu.Unlock()
	t.emit()
}

// finish stops the ticker and reports the final count with Done set.
func (t *tracker) finish(packages int64) {
	if t.report == nil {
		return
	}
	t.stop()
	t.report(Status{Stage: "done", Packages: packages, Done: true})
}

// stop ends reporting; safe to call more than once.
func (t *tracker) stop() {
	if t.report == nil {
		return
	}
	t.mu.Lock()
	stopped := t.stopped
	t.stopped = true
	t.mu.Unlock()
	if stopped {
		return
	}
	hub.remove(t)
	close(t.quit)
	<-t.done
}

// parseCount reads the leading number of a stage such as "1,234 packages".
func parseCount(stage string) int64 {
	num, _, _ := strings.Cut(strings.TrimSpace(stage), " ")
	n, err := strconv.ParseInt(strings.ReplaceAll(num, ",", ""), 10, 64)
	if err != nil {
		return 0
	}
	return n
}
