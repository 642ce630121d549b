package ledger

import (
	"fmt"
	"sync"

	"github.com/klauspost/compress/zstd"
)

// Documents are stored zstd-compressed: the gob encoding of a decoded SBOM
// shrinks several times, and zstd compresses at hundreds of MB/s, which
// keeps storing a 100k-component document a small part of an audit.
const codecZstd = "zstd"

var (
	encoder = sync.OnceValue(func() *zstd.Encoder {
		e, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderConcurrency(1))
		if err != nil {
			panic(err) // only for invalid options
		}
		return e
	})
	decoder = sync.OnceValue(func() *zstd.Decoder {
		d, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(4<<30))
		if err != nil {
			panic(err)
		}
		return d
	})
)

func compress(b []byte) []byte { return encoder().EncodeAll(b, nil) }

func decompress(codec string, b []byte) ([]byte, error) {
	if codec != codecZstd {
		return nil, fmt.Errorf("document stored with codec %q, which this embargo cannot read", codec)
	}
	out, err := decoder().DecodeAll(b, nil)
	if err != nil {
		return nil, fmt.Errorf("decompressing a stored document: %w", err)
	}
	return out, nil
}
