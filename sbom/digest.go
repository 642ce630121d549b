package sbom

import (
	"bufio"
	"encoding/hex"
	"errors"
	"io"
)

// DigestError is an error of Decode that still names the bytes it read,
// so that a failed or skipped input is part of the evidence basis too.
type DigestError struct {
	Err error
	// SHA256 is the hex digest of the bytes read from the source, as
	// stored; Bytes is how many. Whole is true when they are all of it
	// (Decode reads a rejected input to its end unless reading failed or
	// the size limit was met).
	SHA256 string
	Bytes  int64
	Whole  bool
}

func (e *DigestError) Error() string { return e.Err.Error() }
func (e *DigestError) Unwrap() error { return e.Err }

// withDigest wraps err with the digest of the input: the rest of the
// source is read first (it is only hashed, within the size limit) so
// that the digest is the file's, as sha256sum prints it.
func withDigest(err error, raw *hashingReader, rawBuf *bufio.Reader) error {
	whole := false
	if raw.err == nil {
		_, cerr := io.Copy(io.Discard, rawBuf)
		whole = cerr == nil && raw.err == nil
	}
	raw.close()
	return &DigestError{Err: err, SHA256: hex.EncodeToString(raw.sum()), Bytes: raw.read, Whole: whole}
}

// ErrorDigest returns the digest that an error of Decode carries.
func ErrorDigest(err error) (*DigestError, bool) {
	var de *DigestError
	ok := errors.As(err, &de)
	return de, ok
}
