package audit

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/embargo-sbom/embargo/sbom"
)

// FuzzParseManifest: a manifest comes from a user's hand or a script, so
// any bytes must give rows or an error that names the file, never a panic;
// every row it accepts names an SBOM and the line it came from.
func FuzzParseManifest(f *testing.F) {
	f.Add([]byte("vendor,product,version,sbom\nAcme,UTM,5.2,sboms/a.json\n"))
	f.Add([]byte("sbom,vendor,product,version,extra\n# comment\nx.json,A,B,1,z\n\"q,uoted\",A,B,1,\n"))
	f.Add([]byte("vendor,product\nA,B\n"))
	f.Add([]byte("vendor,product,version,sbom\nA,B,1,\n"))
	f.Add([]byte("\xff\xfe"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := parseManifest("m.csv", bytes.NewReader(data))
		if err != nil {
			if !strings.Contains(err.Error(), "m.csv") {
				t.Fatalf("error does not name the manifest: %v", err)
			}
			return
		}
		for _, r := range rows {
			if strings.TrimSpace(r.SBOM) == "" {
				t.Fatalf("row at line %d has no sbom: %+v", r.Line, r)
			}
			if r.Line < 2 {
				t.Fatalf("row %+v claims line %d, before the header", r, r.Line)
			}
		}
	})
}

// FuzzShard: ParseShard accepts exactly the canonical "I/N" with
// 1 <= I <= N, and the N shards partition any set of inputs: each input
// lands in exactly one shard, the same one every time.
func FuzzShard(f *testing.F) {
	f.Add("2/8", "a.json\nb.json\nsboms/c.spdx")
	f.Add("1/1", "")
	f.Add("0/3", "x")
	f.Add("03/4", "x")
	f.Add("4/3", "x")
	f.Add("1/2 ", "x")
	f.Fuzz(func(t *testing.T, spec, paths string) {
		if i, n, err := ParseShard(spec); err == nil {
			if i < 1 || i > n || fmt.Sprintf("%d/%d", i, n) != spec {
				t.Fatalf("ParseShard(%q) accepted %d/%d", spec, i, n)
			}
		}
		var inputs []sbom.Input
		for _, p := range strings.Split(paths, "\n") {
			inputs = append(inputs, sbom.Input{Path: p})
		}
		for n := 1; n <= 5; n++ {
			got := map[int]int{}
			for i := 1; i <= n; i++ {
				for _, in := range Shard(inputs, i, n) {
					for k := range inputs {
						if inputs[k].Path == in.Path {
							got[k]++
						}
					}
				}
			}
			for k, in := range inputs {
				// Equal paths go to one shard together, so count per path.
				same := 0
				for _, o := range inputs {
					if o.Path == in.Path {
						same++
					}
				}
				if got[k] != same {
					t.Fatalf("N=%d: input %q is in %d shard slots, want %d", n, in.Path, got[k], same)
				}
			}
		}
	})
}
