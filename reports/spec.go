package reports

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Spec is one requested report: a format and where it goes.
type Spec struct {
	Format Format
	// Path is the file to write; "" means stdout.
	Path string
}

// String gives the spec back in -o syntax.
func (s Spec) String() string {
	if s.Path == "" {
		return string(s.Format)
	}
	return string(s.Format) + "=" + s.Path
}

// ParseSpecs parses -o values ("FORMAT", "FORMAT=FILE" or "FORMAT=-" for
// stdout, text formats only) and checks all of
// them, and every path, before anything is written: unknown formats, more
// than one report on stdout, one file named twice, and paths that cannot be
// written are errors. No values means the default table on stdout.
func ParseSpecs(values []string) ([]Spec, error) {
	if len(values) == 0 {
		return []Spec{{Format: DefaultFormat}}, nil
	}
	specs := make([]Spec, 0, len(values))
	var errs []error
	for _, v := range values {
		s, err := parseSpec(v)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		specs = append(specs, s)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if err := checkDestinations(specs); err != nil {
		return nil, err
	}
	if err := CheckPaths(specs); err != nil {
		return nil, err
	}
	return specs, nil
}

func parseSpec(v string) (Spec, error) {
	name, path, hasPath := strings.Cut(v, "=")
	info, err := LookupFormat(strings.TrimSpace(name))
	if err != nil {
		return Spec{}, fmt.Errorf("-o %s: %w", v, err)
	}
	if hasPath && path == "" {
		return Spec{}, fmt.Errorf("-o %s: empty file name (omit =FILE to write to stdout)", v)
	}
	if path == StdoutPath {
		// "-" is stdout, as it is stdin for inputs; a file named "-" is
		// "./-". A binary report is never sent to stdout by name.
		if info.Binary {
			return Spec{}, fmt.Errorf("-o %s: %s is binary and \"-\" (stdout) is for text reports; name a file (-o %s=report.%s), or omit =FILE and redirect stdout", v, info.Name, info.Name, info.Name)
		}
		path = ""
	}
	return Spec{Format: info.Name, Path: path}, nil
}

// StdoutPath names stdout in -o FORMAT=FILE.
const StdoutPath = "-"

// checkDestinations refuses two reports on stdout and one file named twice:
// either would interleave or overwrite one report with another.
func checkDestinations(specs []Spec) error {
	var stdout []string
	seen := map[string]Spec{}
	var errs []error
	for _, s := range specs {
		if s.Path == "" {
			stdout = append(stdout, string(s.Format))
			continue
		}
		key := cleanPath(s.Path)
		if prev, ok := seen[key]; ok {
			errs = append(errs, fmt.Errorf("-o %s and -o %s write the same file", prev, s))
			continue
		}
		seen[key] = s
	}
	if len(stdout) > 1 {
		errs = append(errs, fmt.Errorf("-o: at most one report can go to stdout (no =FILE, or =-), got %s; add =FILE to the others", strings.Join(stdout, ", ")))
	}
	return errors.Join(errs...)
}

func cleanPath(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return filepath.Clean(p)
}

// CheckPaths checks that every file spec can be written: the path is not a
// directory, and its directory exists and is writable. A missing directory
// is an error rather than created: a typo in -o must not scatter reports
// into new directories. It creates nothing that it does not remove.
func CheckPaths(specs []Spec) error {
	var errs []error
	for _, s := range specs {
		if s.Path == "" {
			continue
		}
		if err := checkPath(s.Path); err != nil {
			errs = append(errs, fmt.Errorf("-o %s: %w", s, err))
		}
	}
	return errors.Join(errs...)
}

func checkPath(path string) error {
	// The directory first: stat of a path under a regular file fails with
	// a less helpful "not a directory" on the whole path.
	dir, err := nearestExistingDir(filepath.Dir(path))
	if err != nil {
		return err
	}
	if want := filepath.Dir(path); dir != want {
		return fmt.Errorf("directory %s does not exist; create it first", want)
	}
	if fi, err := os.Stat(path); err == nil {
		if fi.IsDir() {
			return fmt.Errorf("%s is a directory", path)
		}
		if !fi.Mode().IsRegular() {
			return fmt.Errorf("%s is not a regular file", path)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return probeWritable(dir)
}

// nearestExistingDir walks up from dir to the first path that exists, which
// must be a directory for the report's directory to be creatable.
func nearestExistingDir(dir string) (string, error) {
	for {
		fi, err := os.Stat(dir)
		switch {
		case err == nil && fi.IsDir():
			return dir, nil
		case err == nil:
			return "", fmt.Errorf("%s is not a directory", dir)
		case !errors.Is(err, fs.ErrNotExist):
			return "", err
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no existing parent directory for %s", dir)
		}
		dir = parent
	}
}

// probeWritable creates and removes a temporary file, the same operation
// the atomic write will do, so that a permission problem surfaces before
// any report is written.
func probeWritable(dir string) error {
	f, err := os.CreateTemp(dir, ".embargo-probe-*")
	if err != nil {
		return fmt.Errorf("directory %s is not writable: %w", dir, err)
	}
	name := f.Name()
	return errors.Join(f.Close(), os.Remove(name))
}
