package ledgertest

import (
	"bytes"
	"context"
	"encoding/gob"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/embargo-sbom/embargo/audit/ledger"
)

// benchComponent has the fields that dominate a decoded SBOM's encoding,
// so that the synthetic document compresses like a real one.
type benchComponent struct {
	Name, Version, PURL, Supplier, Author, License, Hash, Location string
	CPEs                                                           []string
}

// SyntheticDocument is a gob stream of n components with varied,
// realistic-looking fields.
func SyntheticDocument(n int) []byte {
	var buf bytes.Buffer
	enc := gob.NewEncoder(&buf)
	batch := make([]benchComponent, 0, 1000)
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("lib%s-%d", []string{"ssl", "xml", "z", "curl", "png", "gtk"}[i%6], i)
		v := fmt.Sprintf("%d.%d.%d-%d", i%7, i%13, i%29, i%3)
		batch = append(batch, benchComponent{
			Name: name, Version: v, PURL: "pkg:deb/debian/" + name + "@" + v + "?arch=amd64&distro=debian-12",
			Supplier: fmt.Sprintf("Debian Maintainer %d <m%d@debian.org>", i%500, i%500), License: "GPL-2.0-or-later",
			Hash:     fmt.Sprintf("%064x", uint64(i)*0x9e3779b97f4a7c15),
			Location: fmt.Sprintf("/var/lib/dpkg/status.d/%s", name),
			CPEs:     []string{"cpe:2.3:a:" + name + ":" + name + ":" + v + ":*:*:*:*:*:*:*"},
		})
		if len(batch) == cap(batch) || i == n-1 {
			if err := enc.Encode(batch); err != nil {
				panic(err)
			}
			batch = batch[:0]
		}
	}
	return buf.Bytes()
}

// BenchRecord measures recording one run of a document of n components
// with a few findings, each iteration a new document (so that it is
// compressed and stored, not found already stored).
func BenchRecord(b *testing.B, bk Backend, n int) {
	s, _ := bk.fresh(b)
	doc := SyntheticDocument(n)
	b.SetBytes(int64(len(doc)))
	b.ReportMetric(float64(len(doc))/(1<<20), "doc-MiB")
	i := 0
	for b.Loop() {
		i++
		r := makeRun("2026-11-25", kasLists, input{subject: gateway, comps: []comp{sdk, kasp("pkg:npm/kav", "1")}})
		r.Inputs[0].SHA256 = fmt.Sprintf("%064x", i)
		r.Inputs[0].Document, r.Inputs[0].DocumentFormat = doc, "bench"
		if _, err := s.Record(context.Background(), r); err != nil {
			b.Fatal(err)
		}
	}
}

// SeedHistory records runs runs over subjects subjects, each run a new
// delivery of its subject with perRun components none of the earlier
// deliveries had: the ledger's history grows (runs*perRun cases) while
// only the latest delivery of each subject is live, the rest resolved. A
// third of the new cases are reported two days after, a tenth waived.
func SeedHistory(tb testing.TB, s ledger.Store, runs, subjects, perRun int, entity string, profiles ...string) {
	seed(tb, s, runs, perRun, entity, profiles, func(r int) (string, string) {
		return fmt.Sprintf("vendor%d/product%d", r%subjects%50, r%subjects), fmt.Sprintf("pkg:npm/component-%d", r)
	})
}

// Seed records runs runs of one subject each with perRun cases of entity
// ("LIST/ENTITY"), a third of them reported, a tenth waived, as of days
// from 2026-01-05, under profiles.
func Seed(tb testing.TB, s ledger.Store, runs, perRun int, entity string, profiles ...string) {
	seed(tb, s, runs, perRun, entity, profiles, func(r int) (string, string) {
		return fmt.Sprintf("vendor%d/product%d", r%50, r), "pkg:npm/component"
	})
}

func seed(tb testing.TB, s ledger.Store, runs, perRun int, entity string, profiles []string, names func(run int) (subject, component string)) {
	ctx := context.Background()
	start := D("2026-01-05")
	for r := 0; r < runs; r++ {
		subject, component := names(r)
		in := input{subject: subject}
		for c := 0; c < perRun; c++ {
			cp := comp{component: fmt.Sprintf("%s-%d", component, c), entity: entity, version: "1.0"}
			if c%10 == 9 {
				cp.waiver = "W-1"
			}
			in.comps = append(in.comps, cp)
		}
		list, _, _ := strings.Cut(entity, "/")
		run := makeRun(start.AddDate(0, 0, r*300/runs).Format(time.DateOnly), []string{list}, in)
		if len(profiles) > 0 {
			run.Profiles = profiles
		}
		rec, err := s.Record(ctx, run)
		if err != nil {
			tb.Fatal(err)
		}
		var ids []string
		for _, st := range rec.States {
			if st.Status == "open" && len(ids) < perRun/3 {
				ids = append(ids, st.ID)
			}
		}
		if _, err := s.Mark(ctx, ledger.Mark{IDs: ids, Reported: true, On: run.AsOf.AddDate(0, 0, 2), By: "bench"}); err != nil {
			tb.Fatal(err)
		}
	}
}

// BenchCasesOpen measures listing the open and reported cases (those that
// can be overdue) of a ledger of 1,000 runs and 100,000 cases.
func BenchCasesOpen(b *testing.B, bk Backend) {
	s, _ := bk.fresh(b)
	t0 := time.Now()
	Seed(b, s, 1000, 100, sdk.entity)
	b.Logf("seeded 1,000 runs / 100,000 cases in %s", time.Since(t0).Round(time.Millisecond))
	n := 0
	for b.Loop() {
		cs, err := s.Cases(context.Background(), ledger.Filter{Statuses: []ledger.Status{ledger.StatusOpen, ledger.StatusReported}})
		if err != nil {
			b.Fatal(err)
		}
		n = len(cs)
	}
	if n != 90000 {
		b.Fatalf("%d open or reported cases, want 90000", n)
	}
}
