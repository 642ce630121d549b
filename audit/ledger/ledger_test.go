package ledger

import (
	"slices"
	"testing"
)

// TestCaseID pins the contract's id: "C-" + the first 12 hex digits of
// sha256(subject NUL component NUL entity); audit computes the same.
func TestCaseID(t *testing.T) {
	k := CaseKey{Subject: "acme/gateway", Component: "pkg:generic/kaspersky/kav-sdk", Entity: "kaspersky/ao-kaspersky-lab"}
	// printf 'acme/gateway\0pkg:generic/kaspersky/kav-sdk\0kaspersky/ao-kaspersky-lab' | sha256sum
	if got, want := k.ID(), "C-5b957467ff6a"; got != want {
		t.Errorf("ID = %s, want %s", got, want)
	}
	if k.ListID() != "kaspersky" {
		t.Errorf("ListID = %s", k.ListID())
	}
}

func TestMigrationsEmbedded(t *testing.T) {
	ms, err := migrations()
	if err != nil || len(ms) == 0 || SchemaVersion() != len(ms) {
		t.Fatalf("migrations: %d, %v", len(ms), err)
	}
	stmts := splitStatements(ms[0].sql)
	if len(stmts) < 8 {
		t.Errorf("first migration splits into %d statements", len(stmts))
	}
}

func TestRebind(t *testing.T) {
	pg := &Dialect{Numbered: true}
	if got := pg.rebind("a = ? AND b IN (?, ?)"); got != "a = $1 AND b IN ($2, $3)" {
		t.Errorf("rebind = %s", got)
	}
	if got := (&Dialect{}).rebind("a = ?"); got != "a = ?" {
		t.Errorf("sqlite rebind = %s", got)
	}
}

func TestGroupFindings(t *testing.T) {
	k := CaseKey{Subject: "s", Component: "c", Entity: "l/e"}
	run := &Run{Findings: []Finding{{Key: k, Version: "2", Waiver: "W1"}, {Key: k, Version: "1", Waiver: "W1"}, {Key: k, Version: "2", Waiver: "W1"}}}
	g := groupFindings(run)
	if len(g) != 1 || !slices.Equal(g[0].versions, []string{"1", "2"}) || g[0].waiver != "W1" {
		t.Errorf("groups %+v", g[0])
	}
	run.Findings = append(run.Findings, Finding{Key: k, Version: "3"})
	if g := groupFindings(run); g[0].waiver != "" {
		t.Errorf("a case with an unwaived finding kept waiver %q", g[0].waiver)
	}
}

func TestClean(t *testing.T) {
	for in, want := range map[string]string{"ok": "ok", "a\x00b": "a\uFFFDb", "v\xff": "v\uFFFD"} {
		if got := clean(in); got != want {
			t.Errorf("clean(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]string{"2026-11-25": "2026-11-25", "2024-02-29": "2024-02-29", "": "0001-01-01",
		"2026-02-30": "0001-01-01", "2026-13-01": "0001-01-01", "20x6-01-01": "0001-01-01"} {
		if got := parseDate(in).Format("2006-01-02"); got != want {
			t.Errorf("parseDate(%q) = %s, want %s", in, got, want)
		}
	}
}
