package reports

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// WriteOptions say where stdout goes and what it is.
type WriteOptions struct {
	Stdout io.Writer
	// StdoutTerminal is true when stdout is a terminal: binary formats are
	// refused there rather than spraying bytes at the user.
	StdoutTerminal bool
	// Color colours the report written to stdout (files never are).
	Color bool
	// Width is stdout's width in columns, which the table fits (files get
	// the default width); 0 when unknown.
	Width int
	// SourceRoot is the directory embargo ran in (see RenderOptions).
	SourceRoot string
}

// WriteAll renders every spec. Files are written atomically; the stdout
// report is rendered fully in memory first so that a failure never leaves
// half a report on stdout. It renders everything it can and returns the
// failures joined.
func WriteAll(specs []Spec, m *Model, wo WriteOptions) error {
	if err := checkStdout(specs, wo); err != nil {
		return err
	}
	var errs []error
	for _, s := range specs {
		if err := writeSpec(s, m, wo, fullReports(specs, s)); err != nil {
			errs = append(errs, fmt.Errorf("-o %s: %w", s, err))
		}
	}
	return errors.Join(errs...)
}

func checkStdout(specs []Spec, wo WriteOptions) error {
	for _, s := range specs {
		if s.Path != "" {
			continue
		}
		info, err := LookupFormat(string(s.Format))
		if err != nil {
			return err
		}
		if info.Binary && wo.StdoutTerminal {
			return fmt.Errorf("-o %s: %s is binary and stdout is a terminal; use -o %s=FILE or redirect stdout", s, s.Format, s.Format)
		}
		if wo.Stdout == nil {
			return fmt.Errorf("-o %s: no stdout to write to", s)
		}
	}
	return nil
}

// fullReports are the files of the run, other than self, that hold every
// finding: where a cut Markdown report sends its reader.
func fullReports(specs []Spec, self Spec) []string {
	var out []string
	for _, s := range specs {
		switch s.Format {
		case FormatJSON, FormatHTML, FormatXLSX, FormatCSV, FormatCSVExcel, FormatMarkdown:
			if s.Path != "" && s != self {
				out = append(out, s.Path)
			}
		}
	}
	return out
}

func writeSpec(s Spec, m *Model, wo WriteOptions, full []string) error {
	if s.Path == "" {
		var buf bytes.Buffer
		if err := Render(&buf, s.Format, m, RenderOptions{Color: wo.Color, Width: wo.Width, FullReports: full, SourceRoot: wo.SourceRoot}); err != nil {
			return err
		}
		_, err := wo.Stdout.Write(buf.Bytes())
		return err
	}
	return writeFileAtomic(s.Path, func(w io.Writer) error {
		return Render(w, s.Format, m, RenderOptions{FullReports: full, SourceRoot: wo.SourceRoot})
	})
}

// writeFileAtomic writes through a temporary file in the target's
// directory, fsyncs it and renames it over the target, so that readers see
// the old report or the new one, never a torn one. On any error the
// temporary file is removed and an existing report is left as it was.
func writeFileAtomic(path string, render func(io.Writer) error) error {
	return WriteFileAtomic(path, render)
}

// WriteFileAtomic writes path through a temporary file in its directory,
// fsynced and renamed over it, so that readers see the old file or the new
// one, never a torn one; on error the temporary file is removed and an
// existing file is left as it was. Other outputs (a generated SBOM kept
// with --sbom-out) use it too.
func WriteFileAtomic(path string, render func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if err := render(tmp); err != nil {
		return err
	}
	// CreateTemp makes the file 0600; reports are meant to be shared.
	if err := tmp.Chmod(0o644); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
