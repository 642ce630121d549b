package audit

import (
	"crypto/sha256"
	"io"
	"os"

	"github.com/embargo-sbom/embargo/sbom"
)

// duplicates finds inputs whose bytes equal an earlier input's, mapping
// each duplicate's index to the first one's, so that the same SBOM named
// twice is decoded once. It reads as little as it can, before the audit
// starts and on one goroutine: only files whose size another input shares
// are read at all, first their head and tail (sampleBytes each: SBOMs of
// one batch often differ only in a serial number or a timestamp near the
// start), and only files alike there are hashed whole.
func duplicates(inputs []sbom.Input) map[int]int {
	bySize := map[int64][]int{}
	for i, in := range inputs {
		if in.Err != nil || in.Path == "-" || in.Decoded != nil {
			continue // a decoded input is not read from its path
		}
		info, err := os.Stat(in.Path)
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		bySize[info.Size()] = append(bySize[info.Size()], i)
	}
	dupOf := map[int]int{}
	buf := make([]byte, 64<<10)
	for size, group := range bySize {
		if len(group) < 2 {
			continue
		}
		for _, alike := range groupBy(group, func(i int) ([sha256.Size]byte, bool) {
			return sampleSHA256(inputs[i].Path, size, buf)
		}) {
			if size <= 2*sampleBytes { // the samples held every byte
				markDuplicates(dupOf, alike)
				continue
			}
			for _, same := range groupBy(alike, func(i int) ([sha256.Size]byte, bool) {
				return fileSHA256(inputs[i].Path, buf)
			}) {
				markDuplicates(dupOf, same)
			}
		}
	}
	return dupOf
}

// sampleBytes is how much of a file's head and of its tail the first
// comparison reads.
const sampleBytes = 64 << 10

// groupBy splits indexes by key, keeping their order; indexes whose key
// cannot be read, and keys held by one index only, are left out.
func groupBy(idx []int, key func(int) ([sha256.Size]byte, bool)) [][]int {
	pos := map[[sha256.Size]byte]int{}
	var groups [][]int
	for _, i := range idx {
		k, ok := key(i)
		if !ok {
			continue
		}
		if p, seen := pos[k]; seen {
			groups[p] = append(groups[p], i)
			continue
		}
		pos[k] = len(groups)
		groups = append(groups, []int{i})
	}
	out := groups[:0]
	for _, g := range groups {
		if len(g) > 1 {
			out = append(out, g)
		}
	}
	return out
}

// markDuplicates maps every index of a group of equal files to the first.
func markDuplicates(dupOf map[int]int, group []int) {
	for _, i := range group[1:] {
		dupOf[i] = group[0]
	}
}

// sampleSHA256 hashes the first and the last sampleBytes of a file of the
// given size (the whole file when it is no longer than both).
func sampleSHA256(path string, size int64, buf []byte) ([sha256.Size]byte, bool) {
	var sum [sha256.Size]byte
	f, err := os.Open(path)
	if err != nil {
		return sum, false
	}
	defer f.Close()
	h := sha256.New()
	if size <= 2*sampleBytes {
		if _, err := io.CopyBuffer(h, f, buf); err != nil {
			return sum, false
		}
	} else {
		for _, off := range []int64{0, size - sampleBytes} {
			if _, err := io.CopyBuffer(h, io.NewSectionReader(f, off, sampleBytes), buf); err != nil {
				return sum, false
			}
		}
	}
	copy(sum[:], h.Sum(nil))
	return sum, true
}

func fileSHA256(path string, buf []byte) ([sha256.Size]byte, bool) {
	var sum [sha256.Size]byte
	f, err := os.Open(path)
	if err != nil {
		return sum, false
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.CopyBuffer(h, f, buf); err != nil {
		return sum, false
	}
	copy(sum[:], h.Sum(nil))
	return sum, true
}
