package audit

import (
	"crypto/sha256"
	"hash/maphash"
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
// start), and only files alike there are hashed whole (with SHA-256: a
// file is taken for another only on its digest).
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
	seed := maphash.MakeSeed()
	for size, group := range bySize {
		if len(group) < 2 {
			continue
		}
		for _, alike := range groupBy(group, func(i int) (uint64, bool) {
			return sampleHash(inputs[i].Path, size, seed, buf)
		}) {
			// Equal samples are only a hint (a 64-bit hash): the files
			// alike there are hashed whole, the small ones too.
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
func groupBy[K comparable](idx []int, key func(int) (K, bool)) [][]int {
	pos := map[K]int{}
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

// sampleHash hashes the first and the last sampleBytes of a file of the
// given size (the whole file when it is no longer than both) with
// maphash, which costs a fraction of SHA-256: every file of a batch whose
// size another shares is sampled, before the audit begins.
func sampleHash(path string, size int64, seed maphash.Seed, buf []byte) (uint64, bool) {
	f, err := os.Open(path)
	if err != nil {
		return 0, false
	}
	defer f.Close()
	var h maphash.Hash
	h.SetSeed(seed)
	if size <= 2*sampleBytes {
		if _, err := io.CopyBuffer(&h, f, buf); err != nil {
			return 0, false
		}
	} else {
		for _, off := range []int64{0, size - sampleBytes} {
			if _, err := io.CopyBuffer(&h, io.NewSectionReader(f, off, sampleBytes), buf); err != nil {
				return 0, false
			}
		}
	}
	return h.Sum64(), true
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
