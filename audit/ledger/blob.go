package ledger

import (
	"bytes"
	"fmt"
	"io"
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

// CompressDocument compresses a document as the ledger stores it; pass
// the result as Input.Document with Input.DocumentSize = len(b).
func CompressDocument(b []byte) []byte { return compress(b) }

// CompressReader compresses what r yields, up to limit bytes (an error
// beyond), as the ledger stores documents, without holding it whole;
// it returns the compressed bytes and the size read.
func CompressReader(r io.Reader, limit int64) ([]byte, int, error) {
	var buf bytes.Buffer
	zw, err := zstd.NewWriter(&buf, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderConcurrency(1))
	if err != nil {
		return nil, 0, err
	}
	n, err := io.Copy(zw, io.LimitReader(r, limit+1))
	if err != nil {
		zw.Close()
		return nil, 0, err
	}
	if n > limit {
		zw.Close()
		return nil, 0, fmt.Errorf("document larger than %d bytes", limit)
	}
	if err := zw.Close(); err != nil {
		return nil, 0, err
	}
	return buf.Bytes(), int(n), nil
}

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
