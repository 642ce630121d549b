package sbom

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Input is one thing to audit, as resolved from the command line.
type Input struct {
	// Path names the input in reports: the path as given or found by a
	// directory walk or glob, or "-" for standard input.
	Path string
	// FromWalk is true for files found by walking a directory; a file that
	// is no SBOM is then skipped rather than failed.
	FromWalk bool
	// Root is the directory whose walk found the input ("" otherwise),
	// so that a directory that yields no SBOM is reported.
	Root string
	// Err is set when the argument itself could not be resolved (a
	// missing file, a glob that matches nothing); the input is reported as
	// failed with it.
	Err error
	// Decoded, when set, is the input already decoded (a document kept by
	// an audit ledger, say): it is audited as it is, without reading Path.
	// The document is not modified.
	Decoded *Document
}

// ErrNoMatch is returned for a glob pattern that matches no file.
var ErrNoMatch = errors.New("no file matches the pattern")

// ExpandInputs resolves arguments into inputs in a stable order: each
// argument's inputs in the order given; files found in a directory or by
// a glob sorted by path. Nothing is silently dropped: an argument that
// cannot be resolved becomes an input carrying its error.
func ExpandInputs(args []string) []Input {
	var out []Input
	for _, arg := range args {
		out = append(out, expand(arg)...)
	}
	return out
}

func expand(arg string) []Input {
	if arg == "-" {
		return []Input{{Path: "-"}}
	}
	info, err := os.Stat(arg)
	switch {
	case err == nil && info.IsDir():
		return walkDir(arg)
	case err == nil:
		return []Input{{Path: arg}}
	case hasGlobMeta(arg):
		return expandGlob(arg)
	}
	return []Input{{Path: arg, Err: fmt.Errorf("open %s: %w", arg, UnwrapPathError(err))}}
}

func hasGlobMeta(s string) bool { return strings.ContainsAny(s, "*?[") }

func expandGlob(pattern string) []Input {
	matches, err := filepath.Glob(pattern)
	if err != nil {
		return []Input{{Path: pattern, Err: fmt.Errorf("pattern %s: %w", pattern, err)}}
	}
	if len(matches) == 0 {
		return []Input{{Path: pattern, Err: fmt.Errorf("pattern %s: %w", pattern, ErrNoMatch)}}
	}
	sort.Strings(matches)
	var out []Input
	for _, m := range matches {
		if info, err := os.Stat(m); err == nil && info.IsDir() {
			out = append(out, walkDir(m)...)
			continue
		}
		out = append(out, Input{Path: m})
	}
	return out
}

// walkDir lists the files below dir. Symbolic links are followed, to
// files and to directories (a directory reached twice, through a link
// cycle say, is walked once); a dangling link and anything that is not a
// regular file (a named pipe, a device, a socket) become inputs carrying
// an error, so that a walk never passes over what it could not read.
// Hidden directories (".git") are left out, as they always were.
func walkDir(dir string) []Input {
	w := walker{root: dir, seen: map[string]bool{}}
	w.walk(dir)
	if len(w.out) == 0 {
		w.out = append(w.out, Input{Path: dir, Err: fmt.Errorf("directory %s holds no files", dir)})
	}
	return w.out
}

type walker struct {
	root string
	seen map[string]bool // directories walked, by their resolved path
	out  []Input
}

func (w *walker) walk(dir string) {
	if !w.first(dir) {
		return
	}
	// WalkDir does not follow a root that is a link; with a trailing
	// separator the system resolves it, and the paths below keep dir's.
	if !strings.HasSuffix(dir, string(filepath.Separator)) {
		dir += string(filepath.Separator)
	}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			w.fail(path, fmt.Errorf("walk %s: %w", path, UnwrapPathError(err)))
		case d.IsDir() && path != dir && strings.HasPrefix(d.Name(), "."):
			return filepath.SkipDir
		case d.IsDir() && path != dir && !w.first(path):
			return filepath.SkipDir
		case d.IsDir():
		case d.Type().IsRegular():
			w.out = append(w.out, Input{Path: path, FromWalk: true, Root: w.root})
		case d.Type()&fs.ModeSymlink != 0:
			w.link(path, d.Name())
		default:
			w.fail(path, fmt.Errorf("%s is not a regular file (%s)", path, d.Type()))
		}
		return nil
	})
	if err != nil {
		w.fail(dir, fmt.Errorf("walk %s: %w", dir, err))
	}
}

// first reports whether dir is walked for the first time, marking it.
func (w *walker) first(dir string) bool {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return true // WalkDir reports what is wrong with it
	}
	if w.seen[real] {
		return false
	}
	w.seen[real] = true
	return true
}

// link follows a symbolic link met in a walk.
func (w *walker) link(path, name string) {
	info, err := os.Stat(path)
	switch {
	case err != nil:
		w.fail(path, fmt.Errorf("symbolic link %s: %w", path, UnwrapPathError(err)))
	case info.IsDir() && strings.HasPrefix(name, "."):
	case info.IsDir():
		w.walk(path)
	case info.Mode().IsRegular():
		w.out = append(w.out, Input{Path: path, FromWalk: true, Root: w.root})
	default:
		w.fail(path, fmt.Errorf("%s links to something that is not a regular file (%s)", path, info.Mode().Type()))
	}
}

func (w *walker) fail(path string, err error) {
	w.out = append(w.out, Input{Path: path, Root: w.root, Err: err})
}

// UnwrapPathError drops the *fs.PathError wrapper, whose message repeats
// the path that the caller already names.
func UnwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Open opens the input for reading; stdin is passed in so that callers
// and tests control it.
func (in Input) Open(stdin io.Reader) (io.ReadCloser, error) {
	if in.Path == "-" {
		return io.NopCloser(stdin), nil
	}
	return os.Open(in.Path)
}
