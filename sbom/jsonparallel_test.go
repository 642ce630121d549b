package sbom

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
)

// parallelDoc is {"list": [{"n":0,"pad":"..."}, ...], "after": 1} with n
// elements, enough for many batches.
func parallelDoc(n int) string {
	var b strings.Builder
	b.WriteString(`{"list": [`)
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"n": %d, "pad": "%s"}`, i, strings.Repeat("p", i%300))
	}
	b.WriteString(`], "after": 1}`)
	return b.String()
}

type parsedN struct {
	n   int
	raw string
}

// parseN reads the element's "n"; fail says which element fails, and how.
func parseN(fail func(i int) error) func(w *jsonWalker, raw []byte, i int, at position, out *parsedN) error {
	return func(w *jsonWalker, raw []byte, i int, at position, out *parsedN) error {
		if err := fail(i); err != nil {
			return err
		}
		w.walk(raw, at)
		num := -1
		_, err := readObject(w, newJSONTable(false, jsonField[parsedN]{"n", func(w *jsonWalker, p *parsedN) error {
			s := w.b[w.pos:]
			end := strings.IndexAny(string(s), ",}")
			num, _ = strconv.Atoi(strings.TrimSpace(string(s[:end])))
			w.skip()
			return nil
		}}), out)
		out.n, out.raw = num, string(raw)
		return err
	}
}

// runParallel decodes doc with forEachParsedElement over "list".
func runParallel(t *testing.T, doc string, fail func(int) error, applyFail int) (applied []int, err error) {
	t.Helper()
	dec, lines := newJSONDecoder(iotest.HalfReader(strings.NewReader(doc)), true)
	after := false
	err = forEachMember(dec, func(name string) error {
		switch name {
		case "list":
			_, err := forEachParsedElement(dec, lines, parseN(fail), func(p *parsedN, i int) error {
				if p.n != i {
					return fmt.Errorf("element %d applied as %d (%s)", i, p.n, p.raw)
				}
				if i == applyFail {
					return errors.New("apply failed")
				}
				applied = append(applied, i)
				return nil
			})
			return err
		case "after":
			after = true
		}
		return dec.SkipValue()
	})
	if err == nil && !after {
		t.Fatal("the decoder did not read on after the array")
	}
	return applied, endDocument(dec, lines, "decode", err)
}

func TestForEachParsedElementKeepsOrder(t *testing.T) {
	const n = 20000
	applied, err := runParallel(t, parallelDoc(n), func(int) error { return nil }, -1)
	if err != nil {
		t.Fatal(err)
	}
	if len(applied) != n {
		t.Fatalf("%d elements applied, want %d", len(applied), n)
	}
}

// TestForEachParsedElementStops: a parse error, a panic in parse and an
// error of apply each stop the array at that element, with the elements
// before it applied in order and none after.
func TestForEachParsedElementStops(t *testing.T) {
	const n = 20000
	doc := parallelDoc(n)
	for _, c := range []struct {
		name      string
		fail      func(int) error
		applyFail int
		at        int
		want      string
	}{
		{"parse error", func(i int) error {
			if i == 12345 {
				return errors.New("bad element")
			}
			return nil
		}, -1, 12345, "bad element"},
		{"parse panic", func(i int) error {
			if i == 777 {
				panic("boom")
			}
			return nil
		}, -1, 777, "internal error reading an element, please report it: boom"},
		{"apply error", func(int) error { return nil }, 15000, 15000, "apply failed"},
		{"first element", func(i int) error {
			if i == 0 {
				return errors.New("bad first")
			}
			return nil
		}, -1, 0, "bad first"},
	} {
		t.Run(c.name, func(t *testing.T) {
			applied, err := runParallel(t, doc, c.fail, c.applyFail)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want %q", err, c.want)
			}
			var ee *elementError
			if !errors.As(err, &ee) || !strings.HasPrefix(doc[ee.off:], fmt.Sprintf(`{"n": %d,`, c.at)) {
				t.Fatalf("error placed at %v, want element %d", ee, c.at)
			}
			if len(applied) != c.at {
				t.Fatalf("%d elements applied before the failure at %d", len(applied), c.at)
			}
		})
	}
}

// TestForEachParsedElementSyntaxError: a syntax error deep in the array
// is reported with its place, after the elements before it are applied.
func TestForEachParsedElementSyntaxError(t *testing.T) {
	doc := parallelDoc(5000)
	bad := strings.Index(doc, `{"n": 4321,`)
	doc = doc[:bad+6] + "x" + doc[bad+7:]
	applied, err := runParallel(t, doc, func(int) error { return nil }, -1)
	if err == nil || !strings.Contains(err.Error(), "/list/4321") {
		t.Fatalf("error %v, want it at /list/4321", err)
	}
	if len(applied) != 4321 {
		t.Fatalf("%d elements applied before the syntax error", len(applied))
	}
}

// TestForEachParsedElementSmallArray: an array that fits one batch is
// parsed on the reading goroutine, without the workers, with the same
// order and the same stops.
func TestForEachParsedElementSmallArray(t *testing.T) {
	doc := parallelDoc(50)
	applied, err := runParallel(t, doc, func(int) error { return nil }, -1)
	if err != nil || len(applied) != 50 {
		t.Fatalf("%d applied, %v", len(applied), err)
	}
	for _, c := range []struct {
		name            string
		fail            func(int) error
		applyFail, want int
	}{
		{"parse error", func(i int) error {
			if i == 17 {
				return errors.New("bad")
			}
			return nil
		}, -1, 17},
		{"panic", func(i int) error {
			if i == 3 {
				panic("boom")
			}
			return nil
		}, -1, 3},
		{"apply error", func(int) error { return nil }, 40, 40},
	} {
		applied, err := runParallel(t, doc, c.fail, c.applyFail)
		var ee *elementError
		if err == nil || !errors.As(err, &ee) || !strings.HasPrefix(doc[ee.off:], fmt.Sprintf(`{"n": %d,`, c.want)) || len(applied) != c.want {
			t.Errorf("%s: %d applied, error %v", c.name, len(applied), err)
		}
	}
}
