package audit

import (
	"crypto/sha256"
	"io"
	"os"

	"github.com/embargo-sbom/embargo/sbom"
)

// duplicates finds inputs whose bytes equal an earlier input's, mapping
// each duplicate's index to the first one's, so that the same SBOM named
// twice is decoded once. Only files whose size another input shares are
// hashed: hashing every input would cost a second read of each.
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
	for _, group := range bySize {
		if len(group) < 2 {
			continue
		}
		first := map[[sha256.Size]byte]int{}
		for _, i := range group {
			sum, ok := fileSHA256(inputs[i].Path, buf)
			if !ok {
				continue
			}
			if j, seen := first[sum]; seen {
				dupOf[i] = j
				continue
			}
			first[sum] = i
		}
	}
	return dupOf
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
