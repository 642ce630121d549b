package vendorlists

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sync"
)

// embedded holds the lists shipped in the binary.
//
//go:embed data/*.yaml
var embedded embed.FS

// DefaultID is the id of the list used when the user names none.
const DefaultID = "kaspersky"

// Default returns the embedded Kaspersky list.
func Default() (*List, error) {
	return parseEmbedded("data/" + DefaultID + ".yaml")
}

// Embedded returns every embedded list, in file-name order.
func Embedded() ([]*List, error) {
	names, err := fs.Glob(embedded, "data/*.yaml")
	if err != nil {
		return nil, fmt.Errorf("list embedded vendor lists: %w", err)
	}
	// Parsed side by side: parsing is most of the start of every run,
	// and the lists are independent.
	parsed := make([]*List, len(names))
	errs := make([]error, len(names))
	var wg sync.WaitGroup
	for i, n := range names { // fs.Glob returns sorted names
		wg.Go(func() { parsed[i], errs[i] = parseEmbedded(n) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return parsed, nil
}

func parseEmbedded(name string) (*List, error) {
	data, err := embedded.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("read embedded vendor list: %w", err)
	}
	l, err := Parse(path.Base(name), data)
	if err != nil {
		return nil, fmt.Errorf("embedded vendor list: %w", err)
	}
	l.Origin = "embedded"
	return l, nil
}
