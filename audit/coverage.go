package audit

import (
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// InputStatus is what coverage needs of one input: the audit result and
// the JSON report both provide it, so that the exit code and every report
// follow one rule.
type InputStatus struct {
	Path, Root, Status string
}

// Gaps lists why a run cannot vouch for everything it was given, one
// sentence each; none means the inputs were all audited. Inputs that
// failed or held no components are gaps; so is a run that audited
// nothing, and a directory argument whose walk found no SBOM (with the
// source that would generate one when it holds package manifests).
//
// perShard defers the two run-wide checks: a shard of a sharded run sees
// only part of each directory, so `embargo merge` makes them on the union.
func Gaps(inputs []InputStatus, perShard bool) []string {
	var failed, empty, audited int
	for _, in := range inputs {
		switch in.Status {
		case StatusFailed:
			failed++
		case StatusEmpty:
			empty++
		case StatusAudited:
			audited++
		}
	}
	var out []string
	if failed > 0 {
		out = append(out, Count(failed, "input", "inputs")+" failed")
	}
	if empty > 0 {
		out = append(out, Count(empty, "input", "inputs")+" held no components (status empty)")
	}
	if perShard {
		return out
	}
	if audited == 0 {
		out = append(out, fmt.Sprintf("no input was audited (%d given: %d skipped, %d failed, %d empty)",
			len(inputs), len(inputs)-failed-empty, failed, empty))
	}
	return append(out, directoryGaps(inputs)...)
}

// directoryGaps names each walked directory in which every file was
// skipped as no SBOM. One that holds package manifests or lock files
// could have its SBOM generated, unless dir:DIR was audited too.
func directoryGaps(inputs []InputStatus) []string {
	type dir struct {
		sbom      bool
		manifests []string
		files     int
	}
	var order []string
	dirs := map[string]*dir{}
	sources := map[string]bool{}
	for _, in := range inputs {
		if rest, ok := strings.CutPrefix(in.Path, "dir:"); ok && in.Status != StatusFailed {
			sources[filepath.Clean(rest)] = true
		}
		if in.Root == "" {
			continue
		}
		d := dirs[in.Root]
		if d == nil {
			d = &dir{}
			dirs[in.Root] = d
			order = append(order, in.Root)
		}
		d.files++
		if in.Status != StatusSkipped {
			d.sbom = true
		} else if m := manifestName(in.Path); m != "" && !slices.Contains(d.manifests, m) {
			d.manifests = append(d.manifests, m)
		}
	}
	var out []string
	for _, root := range order {
		d := dirs[root]
		switch {
		case d.sbom || sources[filepath.Clean(root)]:
		case len(d.manifests) > 0:
			slices.Sort(d.manifests)
			out = append(out, fmt.Sprintf("directory %s holds no SBOM but package manifests or lock files (%s): audit dir:%s or run `embargo scan %s` to generate its SBOM",
				root, strings.Join(firstN(d.manifests, 5), ", "), root, root))
		default:
			out = append(out, fmt.Sprintf("directory %s holds no SBOM (%s skipped)", root, Count(d.files, "file", "files")))
		}
	}
	return out
}

func firstN(s []string, n int) []string {
	if len(s) <= n {
		return s
	}
	return append(slices.Clone(s[:n]), fmt.Sprintf("and %d more", len(s)-n))
}

// manifestFiles are package manifests and lock files from which syft
// generates an SBOM.
var manifestFiles = map[string]bool{
	"package.json": true, "package-lock.json": true, "npm-shrinkwrap.json": true, "yarn.lock": true,
	"pnpm-lock.yaml": true, "bun.lockb": true, "go.mod": true, "go.sum": true, "pom.xml": true,
	"build.gradle": true, "build.gradle.kts": true, "gradle.lockfile": true, "requirements.txt": true,
	"pipfile": true, "pipfile.lock": true, "poetry.lock": true, "pyproject.toml": true, "setup.py": true,
	"uv.lock": true, "cargo.toml": true, "cargo.lock": true, "gemfile": true, "gemfile.lock": true,
	"composer.json": true, "composer.lock": true, "packages.config": true, "packages.lock.json": true,
	"package.resolved": true, "podfile.lock": true, "mix.lock": true, "pubspec.lock": true,
	"conanfile.txt": true, "conan.lock": true, "vcpkg.json": true, "rebar.lock": true, "stack.yaml.lock": true,
	"cabal.project.freeze": true, "deps.edn": true, "project.clj": true, "dockerfile": true,
}

// manifestName returns the manifest kind of a file ("package.json",
// "*.csproj", "node_modules/") or "".
func manifestName(p string) string {
	p = filepath.ToSlash(p)
	for _, dir := range []string{"node_modules", "site-packages"} {
		if strings.Contains("/"+p, "/"+dir+"/") {
			return dir + "/"
		}
	}
	base := strings.ToLower(path.Base(p))
	if manifestFiles[base] {
		return base
	}
	for _, ext := range []string{".csproj", ".fsproj", ".vbproj", ".gemspec", ".nuspec", ".jar", ".war", ".whl"} {
		if strings.HasSuffix(base, ext) {
			return "*" + ext
		}
	}
	return ""
}

// Count is "1 input" or "2 inputs": messages say a number with its noun,
// never "input(s)".
func Count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
