package sbom

import (
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/go-json-experiment/json/jsontext"
)

// forEachParsedElement is forEachRawElement for arrays whose elements are
// walked in two steps: parse, which reads an element into a T and
// touches nothing else, runs on two goroutines of its own, each with its
// own walker, and apply, which does what depends on the elements before
// (the document's state, visiting), runs on the caller's goroutine in
// document order. The walk of SPDX packages was the one step of an audit
// that ran on one core while the other waited: split, both cores work.
// A T in apply is valid until apply returns; its raw element too.
func forEachParsedElement[T any](dec *jsontext.Decoder, lines *jsonLines,
	parse func(w *jsonWalker, raw []byte, i int, at position, out *T) error,
	apply func(item *T, i int) error,
) (present bool, err error) {
	return forEachRawArray(dec, lines, func(arr *rawArray, ptr string) error {
		return parseRawElements(arr, lines, ptr, parse, apply)
	})
}

// parsedBatch is a rawBatch and what the parsers made of its elements.
type parsedBatch[T any] struct {
	raw   *rawBatch
	items []T
	// failed is the index in items of the element whose parse failed
	// (err), or -1.
	failed int
	err    error
	done   chan struct{} // closed once parsed
}

// parsedBatches are in flight for one array (two sets of rawBatches):
// one being read, two being parsed, one being applied, and some slack.
const parsedBatches = 2 * rawBatches

// parseWorkers parse side by side.
const parseWorkers = 2

// parseRawElements reads arr's elements in batches (one goroutine), parses
// each batch on one of the parse workers, and applies the batches in
// order on the caller's goroutine.
func parseRawElements[T any](arr *rawArray, lines *jsonLines, ptr string,
	parse func(w *jsonWalker, raw []byte, i int, at position, out *T) error,
	apply func(item *T, i int) error,
) error {
	// The raw batches come from the pool of forEachRawElement's, two
	// sets: a batch of a thousand small SBOMs would otherwise allocate
	// them for each file.
	sets := [2]*[rawBatches]*rawBatch{getRawBatches(), getRawBatches()}
	defer func() {
		for _, set := range sets {
			putRawBatches(set)
		}
	}()
	free := make(chan *parsedBatch[T], parsedBatches)
	for _, set := range sets {
		for _, r := range set {
			free <- &parsedBatch[T]{raw: r}
		}
	}
	work := make(chan *parsedBatch[T], parsedBatches)
	order := make(chan *parsedBatch[T], parsedBatches)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		defer close(order)
		defer close(work)
		i, started := 0, false
		for {
			var b *parsedBatch[T]
			select {
			case <-stop: // first: a free batch must not win once stopped
				return
			default:
			}
			select {
			case b = <-free:
			case <-stop:
				return
			}
			r := b.raw
			r.data, r.ends, r.offs, r.starts, r.first, r.err = r.data[:0], r.ends[:0], r.offs[:0], r.starts[:0], i, nil
			b.failed, b.err, b.done = -1, nil, make(chan struct{})
			i = r.fill(arr, lines, ptr, i)
			// order first: the applier waits on done, which a worker
			// closes once it has taken the batch from work.
			order <- b
			if !started && r.err != nil {
				// The whole array in one batch (a small document): parsed
				// here, without the workers and their walkers.
				parseBatch(newJSONWalker(), b, parse)
				return
			}
			if !started {
				started = true
				for range parseWorkers {
					wg.Go(func() { parseWork(work, stop, parse) })
				}
			}
			work <- b
			if r.err != nil {
				return
			}
		}
	})
	defer func() {
		close(stop)
		for b := range order { // unblock the reader; nothing is applied now
			<-b.done
		}
		wg.Wait()
	}()
	for b := range order {
		<-b.done
		if err := applyBatch(b, apply); err != nil {
			return err
		}
		switch r := b.raw; {
		case r.err == io.EOF:
			return nil
		case r.err != nil:
			return r.err
		}
		free <- b
	}
	return errors.New("element reader ended early")
}

// parseWork is a parse worker: it parses the batches of work, each with
// the same walker, until work is closed, and once stop is closed only
// marks them done.
func parseWork[T any](work <-chan *parsedBatch[T], stop <-chan struct{}, parse func(w *jsonWalker, raw []byte, i int, at position, out *T) error) {
	w := newJSONWalker()
	for b := range work {
		select {
		case <-stop: // the applier has failed: parse no more
			close(b.done)
		default:
			parseBatch(w, b, parse)
		}
	}
}

// parseBatch parses the elements of b into b.items, stopping at the
// first that fails; a panic of parse becomes that element's error, as
// decode turns one into an error.
func parseBatch[T any](w *jsonWalker, b *parsedBatch[T], parse func(w *jsonWalker, raw []byte, i int, at position, out *T) error) {
	defer close(b.done)
	r := b.raw
	if cap(b.items) < len(r.ends) {
		b.items = append(b.items[:cap(b.items)], make([]T, len(r.ends)-cap(b.items))...)
	}
	b.items = b.items[:len(r.ends)]
	k := 0
	defer func() {
		if p := recover(); p != nil {
			b.failed, b.err = k, fmt.Errorf("internal error reading an element, please report it: %v", p)
		}
	}()
	start := 0
	for ; k < len(r.ends); k++ {
		end := r.ends[k]
		if err := parse(w, r.data[start:end], r.first+k, r.starts[k], &b.items[k]); err != nil {
			b.failed, b.err = k, err
			return
		}
		start = end
	}
}

// applyBatch applies the parsed elements of b in order, up to the one
// whose parse failed.
func applyBatch[T any](b *parsedBatch[T], apply func(item *T, i int) error) error {
	r := b.raw
	for k := range b.items {
		err := b.err
		if k != b.failed {
			err = apply(&b.items[k], r.first+k)
		}
		if err != nil {
			return &elementError{off: r.offs[k], pos: r.starts[k], err: err}
		}
	}
	return nil
}
