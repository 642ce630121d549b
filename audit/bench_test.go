package audit

import (
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/embargo-sbom/embargo/sbom"
	"github.com/embargo-sbom/embargo/vendorlists"
)

// words build synthetic names shaped like real package names.
var benchWords = []string{
	"core", "util", "http", "client", "server", "json", "parser", "log", "crypto", "async",
	"react", "lodash", "commons", "spring", "jackson", "netty", "guava", "libssl", "zlib", "python3",
	"openssl", "curl", "glibc", "apache", "tomcat", "babel", "eslint", "webpack", "kasper", "casper",
}

// syntheticComponents returns n components that match nothing, mixing
// npm, Maven and Debian shapes the way syft and CycloneDX tools emit them.
func syntheticComponents(n int) []sbom.Component {
	cs := make([]sbom.Component, n)
	for i := range cs {
		a, b := benchWords[i%len(benchWords)], benchWords[(i/len(benchWords))%len(benchWords)]
		name := fmt.Sprintf("%s-%s%d", a, b, i%97)
		ver := fmt.Sprintf("%d.%d.%d", i%7, i%13, i%5)
		c := sbom.Component{Ref: fmt.Sprintf("ref-%d", i), Type: "library", Name: name, Version: ver}
		switch i % 3 {
		case 0:
			c.Group = "@" + b
			c.PURL = fmt.Sprintf("pkg:npm/%%40%s/%s@%s", b, name, ver)
			c.Authors = []sbom.Contact{{Name: "Jane Doe", Email: "jane@" + a + ".io"}}
			c.ExternalRefs = []sbom.ExternalRef{{Type: "vcs", URL: "git+https://github.com/" + b + "/" + name + ".git"}}
			c.Description = "A fast " + a + " library for " + b + " applications"
		case 1:
			c.Group = "org." + b + "." + a
			c.PURL = fmt.Sprintf("pkg:maven/org.%s.%s/%s@%s", b, a, name, ver)
			c.Supplier = &sbom.Organization{Name: "The Apache Software Foundation", URLs: []string{"https://www.apache.org/"}}
			c.ExternalRefs = []sbom.ExternalRef{{Type: "website", URL: "https://" + b + ".apache.org/" + name}}
		default:
			c.PURL = fmt.Sprintf("pkg:deb/debian/%s@%s?arch=amd64&distro=debian-12", name, ver)
			c.Publisher = "Debian " + a + " Team <pkg-" + a + "@lists.alioth.debian.org>"
			c.Properties = []sbom.Property{
				{Name: "syft:package:foundBy", Value: "dpkg-db-cataloger"},
				{Name: "syft:location:0:path", Value: "/var/lib/dpkg/status"},
				{Name: "syft:metadata:maintainer", Value: "Debian " + b + " Maintainers <debian-" + b + "@lists.debian.org>"},
			}
		}
		for _, v := range []string{name, a, b} {
			c.CPEs = append(c.CPEs, sbom.CPE{
				Value: fmt.Sprintf("cpe:2.3:a:%s:%s:%s:*:*:*:*:*:*:*", v, name, ver), Generated: true,
			})
		}
		cs[i] = c
	}
	return cs
}

func BenchmarkMatch(b *testing.B) { benchmarkMatch(b, newTestAuditor(b), syntheticComponents(100_000)) }

// BenchmarkMatchTexts is BenchmarkMatch with the further fields the
// decoders now keep (licence names, evidence copyright, a pedigree
// ancestor's maker and name) on every component; compare it with
// BenchmarkMatch in the same run.
func BenchmarkMatchTexts(b *testing.B) {
	cs := syntheticComponents(100_000)
	for i := range cs {
		w := benchWords[i%len(benchWords)]
		cs[i].Texts = []sbom.Text{
			{Kind: sbom.TextLicense, Field: "licenses[0].license.name", Value: "The " + w + " Public License"},
			{Kind: sbom.TextCopyright, Field: "evidence.copyright[0].text", Value: "Copyright (c) 2021 The " + w + " Authors"},
			{Kind: sbom.TextOrg, Lineage: sbom.LineageAncestor, Field: "pedigree.ancestors[0].supplier.name", Value: "The " + w + " Foundation"},
			{Kind: sbom.TextName, Lineage: sbom.LineageAncestor, Field: "pedigree.ancestors[0].name", Value: w + "-upstream"},
		}
	}
	benchmarkMatch(b, newTestAuditor(b), cs)
}

func benchmarkMatch(b *testing.B, a *Auditor, cs []sbom.Component) {
	for i := range cs {
		if fs := a.MatchComponent(&cs[i]); len(fs) != 0 {
			b.Fatalf("synthetic component %q matched: %+v", cs[i].Name, fs[0].Evidence)
		}
	}
	b.ReportAllocs()
	cpu0 := cpuTime(b)
	for b.Loop() {
		for i := range cs {
			a.MatchComponent(&cs[i])
		}
	}
	n := float64(b.N * len(cs))
	b.ReportMetric(n/b.Elapsed().Seconds(), "components/s")
	// CPU time is reported too: on a shared, loaded machine wall time
	// mostly measures the neighbours.
	b.ReportMetric(n/(cpuTime(b)-cpu0).Seconds(), "components/cpu-s")
}

// cpuTime is the user+system CPU time of this process so far.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatalf("getrusage: %v", err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkMatchEmbedded is BenchmarkMatch with the real embedded list,
// whose larger dictionaries let more words through the first gate.
func BenchmarkMatchEmbedded(b *testing.B) {
	l, err := vendorlists.Default()
	if err != nil {
		b.Skipf("embedded list: %v", err)
	}
	a, err := New(Config{Lists: []*vendorlists.List{l}, AsOf: testAsOf})
	if err != nil {
		b.Fatal(err)
	}
	benchmarkMatch(b, a, syntheticComponents(100_000))
}
