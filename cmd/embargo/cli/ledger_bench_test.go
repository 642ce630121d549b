package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkAuditLedger times `embargo audit` of the 100k-component bench
// SBOM without a ledger (the baseline), recording it in a new ledger (the
// document is read again and stored) and recording it again (stored
// already), in one command so that the ratios compare like with like:
//
//	go test ./cmd/embargo/cli -run '^$' -bench AuditLedger -benchtime 3x
func BenchmarkAuditLedger(b *testing.B) {
	sbomPath := filepath.Join("..", "..", "..", "..", "shared", "bench", "synth100k.cdx.json.gz")
	if _, err := os.Stat(sbomPath); err != nil {
		b.Skipf("skipping: no bench SBOM (%v); it lives in ../shared/bench", err)
	}
	dir := b.TempDir()
	report := filepath.Join(dir, "report.json")
	audit := func(b *testing.B, extra ...string) {
		args := append([]string{"audit", "-q", "-o", "json=" + report}, extra...)
		var out, errOut strings.Builder
		if code := Run(context.Background(), append(args, sbomPath), strings.NewReader(""), &out, &errOut); code != ExitViolation {
			b.Fatalf("exit %d: %s", code, errOut.String())
		}
	}
	b.Run("stateless", func(b *testing.B) {
		for b.Loop() {
			audit(b)
		}
	})
	b.Run("new-ledger", func(b *testing.B) {
		i := 0
		for b.Loop() {
			i++
			audit(b, "--ledger", filepath.Join(dir, "new-"+strings.Repeat("x", i)+".db"))
		}
	})
	db := filepath.Join(dir, "kept.db")
	audit(b, "--ledger", db)
	b.Run("ledger-holds-it", func(b *testing.B) {
		for b.Loop() {
			audit(b, "--ledger", db)
		}
	})
}
