package distcheck

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// .ci/run checks the file with goreleaser itself (v2.15.1, `goreleaser
// check`); this test checks what the release depends on beyond goreleaser's
// own schema: the matrix, the archive and checksum names action.yml
// downloads, that the -X targets exist, and the SBOM script.
type goreleaser struct {
	Version int `yaml:"version"`
	Builds  []struct {
		ID      string   `yaml:"id"`
		Main    string   `yaml:"main"`
		Binary  string   `yaml:"binary"`
		Env     []string `yaml:"env"`
		Goos    []string `yaml:"goos"`
		Goarch  []string `yaml:"goarch"`
		Flags   []string `yaml:"flags"`
		Ldflags []string `yaml:"ldflags"`
	} `yaml:"builds"`
	Archives []struct {
		IDs             []string `yaml:"ids"`
		NameTemplate    string   `yaml:"name_template"`
		Formats         []string `yaml:"formats"`
		FormatOverrides []struct {
			Goos    string   `yaml:"goos"`
			Formats []string `yaml:"formats"`
		} `yaml:"format_overrides"`
	} `yaml:"archives"`
	Checksum struct {
		NameTemplate string `yaml:"name_template"`
		Algorithm    string `yaml:"algorithm"`
	} `yaml:"checksum"`
	SBOMs []struct {
		Artifacts string   `yaml:"artifacts"`
		Cmd       string   `yaml:"cmd"`
		Args      []string `yaml:"args"`
		Documents []string `yaml:"documents"`
	} `yaml:"sboms"`
}

func TestGoreleaserConfig(t *testing.T) {
	var g goreleaser
	dec := yaml.NewDecoder(strings.NewReader(readFile(t, "../../.goreleaser.yaml")))
	if err := dec.Decode(&g); err != nil {
		t.Fatal(err)
	}
	if g.Version != 2 {
		t.Errorf("version %d, want 2 (goreleaser v2 schema)", g.Version)
	}
	var ids []string
	for _, b := range g.Builds {
		ids = append(ids, b.ID)
		if _, err := os.Stat("../../" + strings.TrimPrefix(b.Main, "./")); err != nil {
			t.Errorf("build %s: main: %v", b.ID, err)
		}
		if !slices.Equal(b.Goos, []string{"linux", "darwin", "windows"}) || !slices.Equal(b.Goarch, []string{"amd64", "arm64"}) {
			t.Errorf("build %s: %v × %v", b.ID, b.Goos, b.Goarch)
		}
		if !slices.Contains(b.Env, "CGO_ENABLED=0") || !slices.Contains(b.Flags, "-trimpath") {
			t.Errorf("build %s: want static, -trimpath builds", b.ID)
		}
		// every -X PKG.VAR must name a string variable that exists
		for _, l := range b.Ldflags {
			for _, m := range regexp.MustCompile(`-X ([^=]+)\.(\w+)=`).FindAllStringSubmatch(l, -1) {
				src := "../../" + strings.TrimPrefix(b.Main, "./")
				if m[1] != "main" {
					src = "../../" + strings.TrimPrefix(m[1], "github.com/embargo-sbom/embargo/")
				}
				if !dirDeclares(t, src, "var "+m[2]+" = \"\"") {
					t.Errorf("build %s: -X %s.%s names no string variable in %s", b.ID, m[1], m[2], src)
				}
			}
		}
	}
	if !slices.Equal(ids, []string{"embargo", "embargo-scan"}) {
		t.Errorf("builds %v", ids)
	}
	if len(g.Archives) != 1 || !slices.Equal(g.Archives[0].IDs, ids) {
		t.Fatalf("want one archive per platform holding both programs (embargo finds embargo-scan beside it): %+v", g.Archives)
	}
	a := g.Archives[0]
	// scripts/action-install.sh downloads embargo_${VERSION#v}_${os}_${arch}.${ext} and checksums.txt
	install := readFile(t, "../action-install.sh")
	if a.NameTemplate != "{{ .ProjectName }}_{{ .Version }}_{{ .Os }}_{{ .Arch }}" || !strings.Contains(install, `name="embargo_${VERSION#v}_${os}_${arch}.${ext}"`) {
		t.Errorf("archive name %q does not match action-install.sh", a.NameTemplate)
	}
	if !slices.Equal(a.Formats, []string{"tar.gz"}) || len(a.FormatOverrides) != 1 || a.FormatOverrides[0].Goos != "windows" || !slices.Equal(a.FormatOverrides[0].Formats, []string{"zip"}) {
		t.Errorf("archive formats %+v", a)
	}
	if g.Checksum.NameTemplate != "checksums.txt" || g.Checksum.Algorithm != "sha256" || !strings.Contains(install, "checksums.txt") {
		t.Errorf("checksum %+v", g.Checksum)
	}
	if len(g.SBOMs) != 1 || g.SBOMs[0].Artifacts != "binary" || !slices.Equal(g.SBOMs[0].Args, []string{"$artifact", "$document"}) {
		t.Fatalf("sboms %+v", g.SBOMs)
	}
	fi, err := os.Stat("../../" + strings.TrimPrefix(g.SBOMs[0].Cmd, "./"))
	if err != nil || fi.Mode()&0o111 == 0 {
		t.Errorf("sbom cmd %s: %v (must exist and be executable)", g.SBOMs[0].Cmd, err)
	}
}

// dirDeclares reports whether a .go file (not a test) in dir holds decl.
func dirDeclares(t *testing.T, dir, decl string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".go") && !strings.HasSuffix(e.Name(), "_test.go") &&
			strings.Contains(readFile(t, dir+"/"+e.Name()), "\n"+decl+"\n") {
			return true
		}
	}
	return false
}
