package sbom

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
)

// manyComponents is a CycloneDX JSON BOM of n components named c0, c1...,
// spanning several of decodeAhead's batches.
func manyComponents(n int) string {
	var b strings.Builder
	b.WriteString(`{"bomFormat":"CycloneDX","specVersion":"1.6","components":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"type":"library","bom-ref":"r%d","name":"c%d","purl":"pkg:npm/c%d@1"}`, i, i, i)
	}
	b.WriteString(`]}`)
	return b.String()
}

// noLeak fails t if Decode left a goroutine behind: it waits for all of
// them before it returns.
func noLeak(t *testing.T, before int) {
	t.Helper()
	for range 50 {
		if runtime.NumGoroutine() <= before {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Errorf("%d goroutines after Decode, %d before", runtime.NumGoroutine(), before)
}

// TestDecodeAheadOrder: components reach visit in document order, each
// whole, and the copies visit keeps stay intact while later batches are
// decoded into the reused buffers.
func TestDecodeAheadOrder(t *testing.T) {
	const n = 10*handoffBatchSize + 7
	before := runtime.NumGoroutine()
	var kept []Component
	doc, err := Decode("many.cdx.json", strings.NewReader(manyComponents(n)), Options{}, func(c *Component) error {
		if want := fmt.Sprintf("c%d", len(kept)); c.Name != want {
			return fmt.Errorf("visit %d got %q, want %q", len(kept), c.Name, want)
		}
		kept = append(kept, *c)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	noLeak(t, before)
	if doc.ComponentCount != n || len(kept) != n {
		t.Fatalf("ComponentCount %d, %d visits; want %d", doc.ComponentCount, len(kept), n)
	}
	for i, c := range kept {
		if c.Name != fmt.Sprintf("c%d", i) || c.PURL != fmt.Sprintf("pkg:npm/c%d@1", i) || c.Ref != fmt.Sprintf("r%d", i) {
			t.Fatalf("kept[%d] = %q %q %q after decoding", i, c.Name, c.PURL, c.Ref)
		}
	}
}

// TestDecodeAheadVisitErrorLate: an error from visit several batches in
// stops decoding and comes back as is, and no component is visited after
// it.
func TestDecodeAheadVisitErrorLate(t *testing.T) {
	stop := errors.New("stop here")
	const at = 3*handoffBatchSize + 5
	before := runtime.NumGoroutine()
	visits := 0
	doc, err := Decode("many.cdx.json", strings.NewReader(manyComponents(20*handoffBatchSize)), Options{}, func(*Component) error {
		visits++
		if visits == at {
			return stop
		}
		return nil
	})
	noLeak(t, before)
	if err != stop || doc != nil || visits != at {
		t.Errorf("doc %v, err %v after %d visits; want the visit error itself after %d", doc, err, visits, at)
	}
}

// TestDecodeAheadVisitPanic: a panic in visit is an error of this input,
// as a panic in a decoder is, and leaves no goroutine behind.
func TestDecodeAheadVisitPanic(t *testing.T) {
	before := runtime.NumGoroutine()
	visits := 0
	doc, err := Decode("many.cdx.json", strings.NewReader(manyComponents(5*handoffBatchSize)), Options{}, func(*Component) error {
		visits++
		if visits == handoffBatchSize+1 {
			panic("boom")
		}
		return nil
	})
	noLeak(t, before)
	if err == nil || doc != nil || !strings.Contains(err.Error(), "internal error decoding cyclonedx-json") || !strings.Contains(err.Error(), "boom") {
		t.Errorf("doc %v, err %v; want an internal error naming the panic", doc, err)
	}
}

// TestDecodeAheadLimit: the component limit, checked on the decoding
// side, still stops the document with ErrLimit, every component within
// the limit visited.
func TestDecodeAheadLimit(t *testing.T) {
	const limit = 2*handoffBatchSize + 3
	visits := 0
	_, err := Decode("many.cdx.json", strings.NewReader(manyComponents(4*handoffBatchSize)), Options{MaxComponents: limit}, func(*Component) error {
		visits++
		return nil
	})
	if !errors.Is(err, ErrLimit) || visits != limit {
		t.Errorf("err %v after %d visits; want ErrLimit after %d", err, visits, limit)
	}
}
