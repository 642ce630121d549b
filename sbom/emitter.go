package sbom

// emitter hands de-duplicated components to the caller's visit function
// and counts them.
type emitter struct {
	visit func(*Component) error
	dedup dedup
	count int
	buf   Component // the component being visited, reused as Decode allows
}

// emit visits c unless it duplicates an earlier component; duplicate
// warnings go to warn.
func (e *emitter) emit(c *Component, refKind string, warn func(string)) error {
	if !e.dedup.add(c, refKind, warn) {
		return nil
	}
	e.count++
	if err := e.visit(c); err != nil {
		return &visitError{err}
	}
	return nil
}

// visitError carries an error from the caller's visit function through
// the decoders unchanged.
type visitError struct{ err error }

func (e *visitError) Error() string { return e.err.Error() }
func (e *visitError) Unwrap() error { return e.err }
