package sbom

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkDecode decodes each bench file, decompressed in memory first,
// with a counting visit function. EMBARGO_BENCH=substring picks files.
func BenchmarkDecode(b *testing.B) {
	paths, _ := filepath.Glob(filepath.Join(benchDir, "*.gz"))
	if len(paths) == 0 {
		b.Skipf("skipping: no bench files in %s (fresh clone without ../shared)", benchDir)
	}
	pick := os.Getenv("EMBARGO_BENCH")
	for _, p := range paths {
		name := strings.TrimSuffix(filepath.Base(p), ".gz")
		if pick != "" && !strings.Contains(name, pick) {
			continue
		}
		b.Run(name, func(b *testing.B) {
			data := gunzipFile(b, p)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			b.ResetTimer()
			count := 0
			for b.Loop() {
				count = 0
				_, err := Decode(name, bytes.NewReader(data), Options{}, func(*Component) error {
					count++
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(count)*float64(b.N)/b.Elapsed().Seconds(), "components/s")
		})
	}
}

func gunzipFile(b *testing.B, path string) []byte {
	b.Helper()
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		b.Fatal(err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// BenchmarkDecodeCorpus decodes the largest real SBOM of each corpus
// folder (issue 2's benchmark; the bench files above are the big ones).
func BenchmarkDecodeCorpus(b *testing.B) {
	dirs, _ := filepath.Glob(filepath.Join(corpusDir, "*"))
	if len(dirs) == 0 {
		b.Skipf("skipping: %s is absent (fresh clone without ../shared)", corpusDir)
	}
	for _, d := range dirs {
		if filepath.Base(d) == "invalid" {
			continue
		}
		largest, size := "", int64(0)
		paths, _ := filepath.Glob(filepath.Join(d, "*"))
		for _, p := range paths {
			if info, err := os.Stat(p); err == nil && info.Mode().IsRegular() && info.Size() > size {
				largest, size = p, info.Size()
			}
		}
		if largest == "" {
			continue
		}
		b.Run(filepath.Base(d)+"/"+filepath.Base(largest), func(b *testing.B) {
			data, err := os.ReadFile(largest)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := Decode(largest, bytes.NewReader(data), Options{}, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
