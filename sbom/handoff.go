package sbom

import (
	"errors"
	"fmt"
	"sync"
)

// decodeAhead runs the decoder on a goroutine of its own and calls visit
// on the caller's goroutine, in document order, with copies of the
// components the decoder emitted, handed over in batches. The caller's
// visit (matching, in an audit) then runs on one core while the decoder
// walks the next components on another: on the 100k-component bench the
// two were a third and two thirds of the work on the caller's goroutine.
//
// The decoder's own checks (limits, de-duplication, warnings) stay where
// they were, on the decoding side; visit sees what it saw before, one
// component at a time. An error from visit stops the decoder at its next
// component and is returned as is (visitFailed is true); a panic in visit
// becomes an error, as a panic in a decoder does.
func decodeAhead(in *input, visit func(*Component) error) (doc *Document, visitFailed bool, err error) {
	full := make(chan []Component, handoffBatches-1)
	free := make(chan []Component, handoffBatches)
	batches := getHandoffBatches()
	for _, b := range batches {
		free <- b[:0]
	}
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		defer close(full)
		batch := <-free
		send := func() error {
			select {
			case full <- batch:
			case <-stop:
				return errHandoffStopped
			}
			// Handed over: if stop wins the next select, this batch must
			// never be sent again (the caller would return it to free
			// twice, and free, full, would block it for good).
			batch = nil
			select {
			case batch = <-free:
			case <-stop:
				return errHandoffStopped
			}
			batch = batch[:0]
			return nil
		}
		doc, err = decode(in, limitVisit(in.opts, func(c *Component) error {
			// Components share nothing the decoder writes again (Read
			// keeps the same shallow copies), so a copy is the handover.
			if batch == nil {
				return errHandoffStopped // the caller stopped us; decode is told again
			}
			batch = append(batch, *c)
			if len(batch) < cap(batch) {
				return nil
			}
			return send()
		}))
		if len(batch) > 0 { // nil once stopped
			send()
		}
	}()
	var visitErr error
	for b := range full {
		if visitErr == nil {
			visitErr = visitBatch(b, visit, in.format)
			if visitErr != nil {
				close(stop)
			}
		}
		select {
		case free <- b[:0]:
		default: // never block on a spare buffer: the decoder may be gone
		}
	}
	<-done
	putHandoffBatches(batches) // visit was told not to keep the components
	var p *visitPanic
	switch {
	case errors.As(visitErr, &p):
		return nil, false, p.err
	case visitErr != nil:
		return nil, true, visitErr
	}
	return doc, false, err
}

// handoffBatchSize components go over at a time, with up to
// handoffBatches batches in flight: enough to keep both sides busy, few
// enough that the components in flight weigh little.
const (
	handoffBatchSize = 128
	handoffBatches   = 3
)

// handoffPool keeps the batches of earlier documents (a set weighs about
// 200 KB): a batch of a thousand small SBOMs allocated one set per file.
var handoffPool = sync.Pool{New: func() any {
	var bs [handoffBatches][]Component
	for i := range bs {
		bs[i] = make([]Component, 0, handoffBatchSize)
	}
	return &bs
}}

func getHandoffBatches() *[handoffBatches][]Component {
	return handoffPool.Get().(*[handoffBatches][]Component)
}

// putHandoffBatches pools a set once its components are cleared, so that
// a pooled set keeps no document's strings alive.
func putHandoffBatches(bs *[handoffBatches][]Component) {
	for _, b := range bs {
		clear(b[:cap(b)])
	}
	handoffPool.Put(bs)
}

// errHandoffStopped ends the decoder once visit has failed; Decode
// returns visit's error instead.
var errHandoffStopped = errors.New("decoding stopped: the caller's visit failed")

// visitPanic is a panic in visit, turned into the error decode makes of a
// panic.
type visitPanic struct{ err error }

func (p *visitPanic) Error() string { return p.err.Error() }

// visitBatch calls visit for each component of b.
func visitBatch(b []Component, visit func(*Component) error, format Format) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &visitPanic{fmt.Errorf("internal error decoding %s, please report it: %v", format, r)}
		}
	}()
	for i := range b {
		if err := visit(&b[i]); err != nil {
			return err
		}
	}
	return nil
}
