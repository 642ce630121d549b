package ledgertest

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/embargo-sbom/embargo/audit/ledger"
)

type dber interface{ DB() *sql.DB }

func dbOf(t testing.TB, s ledger.Store) *sql.DB {
	t.Helper()
	d, ok := s.(dber)
	if !ok {
		t.Fatalf("%T has no DB()", s)
	}
	return d.DB()
}

func countRows(t testing.TB, db *sql.DB, table string) int {
	t.Helper()
	var n int
	if err := db.QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n); err != nil {
		t.Fatalf("counting %s: %v", table, err)
	}
	return n
}

// testDocuments: a document is stored compressed once per SHA-256 and
// comes back byte for byte; the listing names the latest input.
func testDocuments(t *testing.T, b Backend) {
	ctx := context.Background()
	s, _ := b.fresh(t)
	doc := bytes.Repeat([]byte("component pkg:npm/left-pad@1.3.0\n"), 20000)
	r := makeRun("2026-11-25", kasLists, input{subject: gateway, comps: []comp{sdk}}, input{subject: "acme/router"}, input{subject: "acme/stdin"})
	for i := range r.Inputs[:2] {
		r.Inputs[i].SHA256, r.Inputs[i].Document, r.Inputs[i].DocumentFormat = "ab12", doc, "embargo-scanner/1"
	}
	record(t, s, r)
	r.AsOf = D("2026-11-26")
	r.Inputs[0].Path = "deliveries/gateway-v2.cdx.json"
	record(t, s, r)
	db := dbOf(t, s)
	if n := countRows(t, db, "documents"); n != 1 {
		t.Errorf("%d documents stored, want 1 (content-addressed)", n)
	}
	var stored int
	if err := db.QueryRow("SELECT SUM(LENGTH(data)) FROM documents").Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if stored*20 > len(doc) {
		t.Errorf("document stored in %d bytes for %d: not compressed", stored, len(doc))
	}
	got, format, err := s.Document(ctx, "ab12")
	if err != nil || !bytes.Equal(got, doc) || format != "embargo-scanner/1" {
		t.Fatalf("Document = %d bytes %q, %v; want the %d bytes stored", len(got), format, err, len(doc))
	}
	if _, _, err := s.Document(ctx, "ffff"); !errors.Is(err, ledger.ErrNotFound) {
		t.Errorf("unknown document: %v", err)
	}
	list, err := s.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var desc []string
	for _, d := range list {
		desc = append(desc, d.Subject+" "+d.Path)
		if (d.DocumentFormat == "") != (d.Subject == "acme/stdin") {
			t.Errorf("%s: document format %q", d.Subject, d.DocumentFormat)
		}
	}
	if got, want := strings.Join(desc, "; "), "acme/gateway deliveries/gateway-v2.cdx.json; acme/router deliveries/router-1.cdx.json; acme/stdin deliveries/stdin-2.cdx.json"; got != want {
		t.Errorf("Documents = %s\nwant %s", got, want)
	}
}

// testNewerSchema: a ledger written by a newer embargo is refused, with a
// message saying so, and left as it was.
func testNewerSchema(t *testing.T, b Backend) {
	s, target := b.fresh(t)
	record(t, s, makeRun("2026-11-25", kasLists, input{subject: gateway, comps: []comp{sdk}}))
	db := dbOf(t, s)
	if _, err := db.Exec(fmt.Sprintf("INSERT INTO schema_migrations (version, name, applied_at) VALUES (%d, 'future', 'x')", ledger.SchemaVersion()+1)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, err := b.Open(context.Background(), target)
	if !errors.Is(err, ledger.ErrNewerSchema) || !strings.Contains(err.Error(), "newer embargo") || !strings.Contains(err.Error(), "upgrade") {
		t.Fatalf("opening a newer ledger: %v", err)
	}
}

// testReopenSameLedger: what one store wrote, a store opened later reads,
// and opening again applies no migration twice.
func testReopenSameLedger(t *testing.T, b Backend) {
	s, target := b.fresh(t)
	rec := record(t, s, makeRun("2026-11-25", kasLists, input{subject: gateway, comps: []comp{sdk}}))
	s.Close()
	s2 := b.open(t, target)
	if c := one(t, s2, stateOf(t, rec, gateway, sdk).ID); c.Status != "open" {
		t.Errorf("reopened: %+v", c)
	}
	if n := countRows(t, dbOf(t, s2), "schema_migrations"); n != ledger.SchemaVersion() {
		t.Errorf("%d migrations recorded, want %d", n, ledger.SchemaVersion())
	}
}

// testSanitise: SBOM text with NUL bytes or invalid UTF-8 is stored (as
// U+FFFD), not a failed run.
func testSanitise(t *testing.T, b Backend) {
	s, _ := b.fresh(t)
	bad := kasp("pkg:generic/kaspersky/kav\x00sdk", "1.0\xff")
	rec := record(t, s, makeRun("2026-11-25", kasLists, input{subject: "acme/gate\xfeway", comps: []comp{bad}}))
	if len(rec.States) != 1 {
		t.Fatalf("states %+v", rec.States)
	}
	cs := mustCases(t, s, ledger.Filter{})
	if len(cs) != 1 || cs[0].Version != "1.0\uFFFD" {
		t.Errorf("cases %+v", cs)
	}
}

// writerRuns is what each concurrent writer records: each run a subject
// of its own and one subject every writer shares, so that writers contend
// for the same cases.
func writerRuns(writer, runs int) []*ledger.Run {
	var out []*ledger.Run
	shared := []comp{kasp("pkg:npm/kav-shared", "1"), sdk}
	for r := 0; r < runs; r++ {
		own := fmt.Sprintf("vendor%d/product%d", writer, r)
		out = append(out, makeRun("2026-11-25", kasLists,
			input{subject: own, comps: []comp{kasp("pkg:npm/kav-own", "1"), sdk}}, input{subject: "shared/product", comps: shared}))
	}
	return out
}

// checkConcurrent: every run, case and finding of every writer is there
// exactly once.
func checkConcurrent(t *testing.T, s ledger.Store, writers, runs int) {
	t.Helper()
	db := dbOf(t, s)
	if n := countRows(t, db, "runs"); n != writers*runs {
		t.Errorf("%d runs recorded, want %d", n, writers*runs)
	}
	cases := writers*runs*2 + 2 // two per own subject, two shared
	if n := countRows(t, db, "cases"); n != cases {
		t.Errorf("%d cases, want %d", n, cases)
	}
	if n := countRows(t, db, "findings"); n != writers*runs*4 {
		t.Errorf("%d findings, want %d", n, writers*runs*4)
	}
	// Every case, the shared ones too, was identified once.
	var identified int
	if err := db.QueryRow("SELECT COUNT(*) FROM events WHERE kind = 'identified'").Scan(&identified); err != nil {
		t.Fatal(err)
	}
	if identified != cases {
		t.Errorf("%d identified events, want one per case (%d)", identified, cases)
	}
	for _, c := range mustCases(t, s, ledger.Filter{}) {
		if c.Status != "open" {
			t.Errorf("case %s is %s", c.ID, c.Status)
		}
	}
}

// testConcurrentGoroutines: writers in one process, each with its own
// store, record at once.
func testConcurrentGoroutines(t *testing.T, b Backend) {
	const writers, runs = 6, 8
	_, target := b.fresh(t)
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := 0; w < writers; w++ {
		s := b.open(t, target)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, r := range writerRuns(w, runs) {
				if _, err := s.Record(context.Background(), r); err != nil {
					errs <- fmt.Errorf("writer %d: %w", w, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	checkConcurrent(t, b.open(t, target), writers, runs)
}

const childEnv = "EMBARGO_LEDGERTEST_WRITER"

// testConcurrentProcesses: separate processes (this test binary again,
// see Main) open one new ledger at once and record.
func testConcurrentProcesses(t *testing.T, b Backend) {
	const writers, runs = 4, 6
	target := b.New(t)
	var cmds []*exec.Cmd
	var outs []*bytes.Buffer
	for w := 0; w < writers; w++ {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%d:%d:%s", childEnv, w, runs, target))
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds, outs = append(cmds, cmd), append(outs, &out)
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("writer process %d: %v\n%s", i, err, outs[i])
		}
	}
	checkConcurrent(t, b.open(t, target), writers, runs)
}

// Main runs the tests, or, in a writer process started by
// testConcurrentProcesses, records that writer's runs and exits.
func Main(m *testing.M, open func(ctx context.Context, target string) (ledger.Store, error)) {
	spec := os.Getenv(childEnv)
	if spec == "" {
		os.Exit(m.Run())
	}
	parts := strings.SplitN(spec, ":", 3)
	w, _ := strconv.Atoi(parts[0])
	runs, _ := strconv.Atoi(parts[1])
	s, err := open(context.Background(), parts[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer s.Close()
	for _, r := range writerRuns(w, runs) {
		if _, err := s.Record(context.Background(), r); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	s.Close()
	os.Exit(0)
}

// testAtomic: a run that fails part-way leaves nothing behind: no run, no
// case, no finding (the events table is dropped so that the last write of
// the transaction fails).
func testAtomic(t *testing.T, b Backend) {
	s, _ := b.fresh(t)
	db := dbOf(t, s)
	if _, err := db.Exec("DROP TABLE events"); err != nil {
		t.Fatal(err)
	}
	_, err := s.Record(context.Background(), makeRun("2026-11-25", kasLists, input{subject: gateway, comps: []comp{sdk}}))
	if err == nil {
		t.Fatal("Record succeeded without an events table")
	}
	for _, table := range []string{"runs", "run_inputs", "run_lists", "cases", "findings"} {
		if n := countRows(t, db, table); n != 0 {
			t.Errorf("a failed run left %d rows in %s", n, table)
		}
	}
}
