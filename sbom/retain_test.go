package sbom

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// TestStreamingKeepsNoRefs: while a huge document streams by, the decoder
// keeps no copy of each component's ref (only a digest, to drop
// duplicates), so live memory does not grow with long refs. 40,000
// components with 300-byte refs would keep 12 MB of refs alone.
func TestStreamingKeepsNoRefs(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 14 MB document")
	}
	const n = 40_000
	var b bytes.Buffer
	b.WriteString(`{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[`)
	pad := strings.Repeat("x", 280)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"type":"library","bom-ref":"pkg:generic/%s/c%06d","name":"c%d","version":"1"}`, pad, i, i)
	}
	b.WriteString(`]}`)
	data := b.Bytes()
	var before, atEnd runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	seen := 0
	_, err := Decode("big.cdx.json", bytes.NewReader(data), Options{}, func(c *Component) error {
		seen++
		if seen == n {
			runtime.GC()
			runtime.ReadMemStats(&atEnd)
		}
		return nil
	})
	if err != nil || seen != n {
		t.Fatalf("decoded %d components: %v", seen, err)
	}
	grown := int64(atEnd.HeapAlloc) - int64(before.HeapAlloc)
	// a digest per ref is 40,000 × ~40 bytes of map; refs would be 12 MB
	if limit := int64(6 << 20); grown > limit {
		t.Errorf("live heap grew by %d MiB over %d components, want under %d MiB: refs are kept", grown>>20, n, limit>>20)
	}
	runtime.KeepAlive(data)
}
