package vendorlists

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCompareVersions(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"2026.11.1", "2026.11.1", 0},
		{"2026.11.2", "2026.11.1", 1},
		{"2026.12", "2026.11.9", 1},
		{"2026.9.1", "2026.10.1", -1}, // numeric, not lexical
		{"1.0", "1", 0},
		{"1.0.1", "1", 1},
		{"1.0-rc1", "1.0-rc2", -1},
	}
	for _, tt := range tests {
		if got := CompareVersions(tt.a, tt.b); got != tt.want {
			t.Errorf("CompareVersions(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

// withVersion returns the embedded list's YAML with another version.
func withVersion(t *testing.T, version string) []byte {
	t.Helper()
	def, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	data, err := embedded.ReadFile("data/kaspersky.yaml")
	if err != nil {
		t.Fatal(err)
	}
	out := strings.Replace(string(data), `version: "`+def.Version+`"`, `version: "`+version+`"`, 1)
	if out == string(data) {
		t.Fatalf("version line not found")
	}
	return []byte(out)
}

func hexSum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func TestImport(t *testing.T) {
	store := Store{Dir: filepath.Join(t.TempDir(), "lists")}
	newer := withVersion(t, "2099.1.1")

	t.Run("wrong digest installs nothing", func(t *testing.T) {
		_, err := store.Import("update.yaml", newer, strings.Repeat("0", 64))
		if !errors.Is(err, ErrDigestMismatch) {
			t.Fatalf("err = %v, want ErrDigestMismatch", err)
		}
		if _, err := os.Stat(filepath.Join(store.Dir, "kaspersky.yaml")); !os.IsNotExist(err) {
			t.Fatalf("a list was installed despite the wrong digest")
		}
	})
	t.Run("invalid list with the right digest installs nothing", func(t *testing.T) {
		bad := []byte("id: x\nbogus: 1\n")
		if _, err := store.Import("bad.yaml", bad, hexSum(bad)); err == nil {
			t.Fatal("invalid list imported")
		}
	})
	t.Run("right digest installs and takes precedence", func(t *testing.T) {
		l, err := store.Import("update.yaml", newer, "sha256:"+strings.ToUpper(hexSum(newer)))
		if err != nil {
			t.Fatal(err)
		}
		if l.Version != "2099.1.1" {
			t.Errorf("version %q", l.Version)
		}
		installed, err := store.Lists()
		if err != nil || len(installed) != 1 {
			t.Fatalf("installed = %v, %v", installed, err)
		}
		embeddedLists, _ := Embedded()
		merged := Merge(embeddedLists, installed)
		k := merged[indexOf(merged, DefaultID)]
		if len(merged) != len(embeddedLists) || k.Version != "2099.1.1" || k.Origin != filepath.Join(store.Dir, "kaspersky.yaml") {
			t.Errorf("merged = %s %s", k.Version, k.Origin)
		}
	})
	t.Run("an older install never overrides the embedded list", func(t *testing.T) {
		older := withVersion(t, "2000.1.1")
		if _, err := store.Import("old.yaml", older, hexSum(older)); err != nil {
			t.Fatal(err)
		}
		installed, _ := store.Lists()
		embeddedLists, _ := Embedded()
		merged := Merge(embeddedLists, installed)
		if k := merged[indexOf(merged, DefaultID)]; k.Origin != "embedded" {
			t.Errorf("older install won: %s %s", k.Version, k.Origin)
		}
	})
}

func TestDefaultStoreDir(t *testing.T) {
	env := map[string]string{"HOME": "/home/u"}
	get := func(k string) string { return env[k] }
	if got := DefaultStoreDir(get); got != "/home/u/.local/share/embargo/lists" {
		t.Errorf("got %q", got)
	}
	env["XDG_DATA_HOME"] = "/data"
	if got := DefaultStoreDir(get); got != "/data/embargo/lists" {
		t.Errorf("got %q", got)
	}
}
