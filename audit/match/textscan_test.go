package match

import (
	"strings"
	"testing"
)

func TestURLHost(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://products.s.kaspersky-labs.com/x.tgz", "products.s.kaspersky-labs.com"},
		{"https://user:pw@Example.COM:8443/a?b#c", "Example.COM"},
		{"git+https://github.com/KasperskyLab/klogga.git", "github.com"},
		{"git@github.com:KasperskyLab/klogga.git", "github.com"},
		{"github.com/foo/bar", "github.com"},
		{"kaspersky.com", "kaspersky.com"},
		{"pkg:deb/debian/kesl@1", ""},
		{"NOASSERTION", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := urlHost(tt.in); got != tt.want {
			t.Errorf("urlHost(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEmailDomain(t *testing.T) {
	tests := []struct{ in, want string }{
		{"opentip_py@kaspersky.com", "kaspersky.com"},
		{"Debian Games Team <pkg-games-devel@lists.alioth.debian.org>", "lists.alioth.debian.org"},
		{"Kaspersky Lab (ktlsupport@Kaspersky.com)", "Kaspersky.com"},
		{"no e-mail here", ""},
		{"user@localhost", ""},
	}
	for _, tt := range tests {
		if got := emailDomain(tt.in); got != tt.want {
			t.Errorf("emailDomain(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSplitPURL(t *testing.T) {
	tests := []struct {
		in   string
		want purlParts
		ok   bool
	}{
		{"pkg:maven/com.kaspersky.android-components/kaspresso@1.5.4", purlParts{"maven", "com.kaspersky.android-components", "kaspresso"}, true},
		{"pkg:npm/%40kaspersky/hexa-ui@6.198.2", purlParts{"npm", "%40kaspersky", "hexa-ui"}, true},
		{"pkg:npm/@kaspersky/hexa-ui", purlParts{"npm", "@kaspersky", "hexa-ui"}, true},
		{"pkg:deb/debian/kesl@12.0?arch=amd64#sub", purlParts{"deb", "debian", "kesl"}, true},
		{"pkg:pypi/opentip@1.2", purlParts{"pypi", "", "opentip"}, true},
		{"PKG://github/KasperskyLab/klogga", purlParts{"github", "KasperskyLab", "klogga"}, true},
		{"pkg:npm", purlParts{}, false},
		{"https://example.org", purlParts{}, false},
	}
	for _, tt := range tests {
		got, ok := splitPURL(tt.in)
		if ok != tt.ok || ok && got != tt.want {
			t.Errorf("splitPURL(%q) = %+v, %v; want %+v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestCPEVendor(t *testing.T) {
	tests := []struct{ in, want string }{
		{"cpe:/a:kaspersky:kaspersky_total_security", "kaspersky"},
		{"cpe:/a:kaspersky_lab:kaspersky_anti-virus:6.0::workstations", "kaspersky_lab"},
		{"cpe:2.3:a:kaspersky:secure_mail_gateway:*:*:*:*:*:*:*:*", "kaspersky"},
		{`cpe:2.3:a:\@algolia\/client:\@algolia\/client:5.48.1:*:*:*:*:*:*:*`, `\@algolia\/client`},
		{`cpe:2.3:a:foo\:bar:baz:1`, `foo\:bar`},
		{`cpe:2.3:a:foo\\:bar:1`, `foo\\`},
		{`cpe:2.3:a:foo\\\:bar:baz:1`, `foo\\\:bar`},
		{"cpe:2.3:ab:vendor:x", "vendor"},
		{"cpe:2.3::vendor:x", "vendor"},
		{`cpe:2.3:a:vendor\`, `vendor\`},
		{"cpe:2.3:a:*:name:1", ""},
		{"cpe:2.3:a", ""},
		{"not a cpe", ""},
	}
	for _, tt := range tests {
		if got := cpeVendor(tt.in); got != tt.want {
			t.Errorf("cpeVendor(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMayMatch(t *testing.T) {
	var f firstTokens
	for _, w := range []string{"kaspersky", "kesl", "k"} {
		f.add(w)
	}
	tests := []struct {
		in   string
		want bool
	}{
		{"AO Kaspersky Lab", true},
		{"kaspersky_av.lua", true},
		{"Kasper'sky", true}, // apostrophes join, as in Tokens
		{"a k b", true},
		{"KasperSkytte", false},
		{"notkaspersky", false},
		{"python3-fakesleep", false},
		{"The Apache Software Foundation", false},
		{"Лаборатория", true}, // not ASCII: the slow path decides
		{"", false},
	}
	for _, tt := range tests {
		if got := f.mayMatch(tt.in); got != tt.want {
			t.Errorf("mayMatch(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { f.mayMatch("The Apache Software Foundation kaspersky") }); n != 0 {
		t.Errorf("mayMatch allocates %v times", n)
	}
}

// TestMatchDomain: every label suffix of a host is looked up, in any
// case; a look-alike suffix that is not a whole label is not.
func TestMatchDomain(t *testing.T) {
	ix := embeddedMatcher(t).ix
	for _, tt := range []struct {
		host string
		want bool
	}{
		{"kaspersky.com", true},
		{"Products.S.KASPERSKY.com", true},
		{"a..kaspersky.com", true},
		{"notkaspersky.com", false},
		{"kaspersky.com.evil.example", false},
		{"kaspersky.co", false},
		{"", false},
		{".", false},
		{strings.Repeat("a.", 130) + "kaspersky.com", false}, // longer than any host: not read
	} {
		if got := ix.matchDomain(tt.host) != nil; got != tt.want {
			t.Errorf("matchDomain(%q) = %v, want %v", tt.host, got, tt.want)
		}
	}
}
