package vendorlists

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Store is a directory of lists installed with `embargo lists import`, for
// air-gapped updates: each file is <id>.yaml.
type Store struct{ Dir string }

// DefaultStoreDir is $XDG_DATA_HOME/embargo/lists, or
// ~/.local/share/embargo/lists; getenv is passed in so callers control the
// environment.
func DefaultStoreDir(getenv func(string) string) string {
	base := getenv("XDG_DATA_HOME")
	if base == "" {
		home := getenv("HOME")
		if home == "" {
			return ""
		}
		base = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(base, "embargo", "lists")
}

// ErrDigestMismatch is returned by Import when the file is not the one the
// user vouched for.
var ErrDigestMismatch = errors.New("sha256 does not match")

// Import verifies data against wantSHA256 (hex), parses and validates it,
// and installs it as <id>.yaml, replacing an older install atomically.
func (s Store) Import(name string, data []byte, wantSHA256 string) (*List, error) {
	sum := sha256.Sum256(data)
	got := hex.EncodeToString(sum[:])
	if !strings.EqualFold(got, strings.TrimPrefix(strings.TrimSpace(wantSHA256), "sha256:")) {
		return nil, fmt.Errorf("import %s: %w: file has %s, expected %s", name, ErrDigestMismatch, got, wantSHA256)
	}
	l, err := Parse(name, data)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", name, err)
	}
	if err := os.MkdirAll(s.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("import %s: %w", name, err)
	}
	dst := filepath.Join(s.Dir, l.ID+".yaml")
	tmp, err := os.CreateTemp(s.Dir, "."+l.ID+"-*.yaml")
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", name, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return nil, fmt.Errorf("import %s: %w", name, err)
	}
	if err := tmp.Close(); err != nil {
		return nil, fmt.Errorf("import %s: %w", name, err)
	}
	if err := os.Rename(tmp.Name(), dst); err != nil {
		return nil, fmt.Errorf("import %s: %w", name, err)
	}
	l.Origin = dst
	return l, nil
}

// Lists reads every installed list; a missing directory holds none.
func (s Store) Lists() ([]*List, error) {
	if s.Dir == "" {
		return nil, nil
	}
	paths, err := filepath.Glob(filepath.Join(s.Dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	var lists []*List
	var errs []error
	for _, p := range paths {
		l, err := Load(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("installed list: %w", err))
			continue
		}
		lists = append(lists, l)
	}
	return lists, errors.Join(errs...)
}

// Merge combines lists by id: a later list replaces an earlier one of the
// same id only when its version is newer, so an installed update takes
// precedence over the embedded list and a stale install never does.
func Merge(base []*List, overlays ...[]*List) []*List {
	out := append([]*List{}, base...)
	for _, layer := range overlays {
		for _, l := range layer {
			i := indexOf(out, l.ID)
			switch {
			case i < 0:
				out = append(out, l)
			case CompareVersions(l.Version, out[i].Version) > 0:
				out[i] = l
			}
		}
	}
	return out
}

func indexOf(lists []*List, id string) int {
	for i, l := range lists {
		if l.ID == id {
			return i
		}
	}
	return -1
}

// CompareVersions compares dotted versions such as "2026.11.1" field by
// field, numerically where both fields are numbers.
func CompareVersions(a, b string) int {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < max(len(as), len(bs)); i++ {
		x, y := field(as, i), field(bs, i)
		xn, xerr := strconv.Atoi(x)
		yn, yerr := strconv.Atoi(y)
		switch {
		case xerr == nil && yerr == nil && xn != yn:
			return cmpInt(xn, yn)
		case (xerr != nil || yerr != nil) && x != y:
			return strings.Compare(x, y)
		}
	}
	return 0
}

func field(parts []string, i int) string {
	if i < len(parts) {
		return parts[i]
	}
	return "0"
}

func cmpInt(a, b int) int {
	if a < b {
		return -1
	}
	return 1
}
