package match

import (
	"strings"
	"testing"
)

func TestPackageFileBase(t *testing.T) {
	for _, tc := range []struct{ in, name, eco string }{
		{"kesl-12.1.0-1234.x86_64.rpm", "kesl", "rpm"},
		{"vendor-product-1.2-3.x86_64.rpm", "vendor-product", "rpm"},
		{"klnagent64_14.2.0-35148_amd64.deb", "klnagent64", "deb"},
		{"/opt/dist/kess-gui-3.3.0.71.noarch.rpm", "kess-gui", "rpm"},
		{"kaspa-0.16.1.tar.gz", "kaspa", ""},
		{"setup.exe", "setup", ""},
		{"noversion", "noversion", ""},
	} {
		name, eco := packageFileBase(tc.in)
		if name != tc.name || eco != tc.eco {
			t.Errorf("packageFileBase(%q) = %q, %q; want %q, %q", tc.in, name, eco, tc.name, tc.eco)
		}
	}
}

func TestRegidDomain(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"regid.1997-06.com.kaspersky_kes-12.1", "kaspersky.com"},
		{"regid.2008-11.com.kaspersky.kes", "kes.kaspersky.com"},
		{"com.kaspersky.kes_12", "kes.kaspersky.com"},
		{"ru.kaspersky", "kaspersky.ru"},
		{"4A0C3C0D-1234-4E5F-9A8B-0C1D2E3F4A5B", ""},
		{"kaspersky", ""},
		{"", ""},
	} {
		if got := regidDomain(tc.in); got != tc.want {
			t.Errorf("regidDomain(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSkeletonSubstitutions(t *testing.T) {
	for _, tc := range []struct{ in, sk, subs string }{
		{"Kaspersky Lab", "", ""},
		{"K\u0430spersky Lab", "Kaspersky Lab", "U+0430 CYRILLIC SMALL LETTER A"},
		{"Kasp\u0435rsky", "Kaspersky", "U+0435 CYRILLIC SMALL LETTER IE"},
		{"Лаборатория", "", ""}, // whole Cyrillic words stay as they are when nothing is ASCII-like
	} {
		sk, subs := skeleton(tc.in)
		if tc.subs == "" {
			if subs != "" && strings.Contains(sk, "Kaspersky") {
				t.Errorf("skeleton(%q) = %q (%s): a genuine name turned into a listed one", tc.in, sk, subs)
			}
			continue
		}
		if sk != tc.sk || !strings.Contains(subs, tc.subs) {
			t.Errorf("skeleton(%q) = %q, %q; want %q with %q", tc.in, sk, subs, tc.sk, tc.subs)
		}
	}
}

func TestProvenanceCue(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"Anti-malware scanning powered by the Kaspersky engine", true},
		{"Engine licensed from Kaspersky Lab under an OEM agreement", true},
		{"Ships signatures from Kaspersky", true},
		{"Scanning based on the Kaspersky anti-virus engine", true},
		{"Detection content based on Kaspersky research published on Securelist", false},
		{"Rules compiled from Kaspersky threat reports", false},
		{"Faster than Kaspersky and ESET in our benchmarks", false},
		{"A client that talks to Kaspersky Scan Engine over ICAP", false},
		{"Includes active-response/kaspersky.py", false},
		{"Thin wrapper around Kaspersky's scan engine", true},
		{"Wrapper around Kaspersky's threat research feed", false},
		{"Uses Kaspersky's scan engine for on-access scanning", true},
		{"Anti-virus by Kaspersky", true},
		{"Kaspersky-powered malware scanning", true},
		{"Signatures chosen and delivered by Kaspersky", true},
		{"Uses Kaspersky research to tune the rules", false},
	} {
		toks := Tokens(tc.text)
		at := -1
		for i, w := range toks {
			if w == "kaspersky" {
				at = i
				break
			}
		}
		if got := at >= 0 && hasProvenanceCue(toks, at, at+1); got != tc.want {
			t.Errorf("%q: provenance %v, want %v", tc.text, got, tc.want)
		}
	}
}

func TestNormalizeOrgInvisibleAndCJK(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Kasper\u00adsky Lab", "kaspersky lab"},
		{"Kaspersky\u200b Lab", "kaspersky lab"},
		{"\ufeffKaspersky Lab", "kaspersky lab"},
		{"Kas\u2060persky", "kaspersky"},
		{"株式会社カスペルスキー", "カスペルスキー"},
		{"卡巴斯基有限公司", "卡巴斯基"},
		{"ТОВ Лабораторія Касперського", "лабораторія касперського"},
		{"Kaspersky Lab's", "kaspersky lab"},
		{"Kaspersky Lab’s", "kaspersky lab"},
		{"O'Reilly Media", "oreilly media"},
		{"Kaspersky's's", "kasperskys"},
	} {
		if got := NormalizeOrg(tc.in); got != tc.want {
			t.Errorf("NormalizeOrg(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if d := describeInvisible("Kasper\u00adsky"); !strings.Contains(d, "U+00AD SOFT HYPHEN at character 7") {
		t.Errorf("describeInvisible: %q", d)
	}
}

func TestIntegrationName(t *testing.T) {
	for _, tc := range []struct {
		name        string
		product     string
		integration bool
	}{
		{"Kaspersky Endpoint Security for Linux", "kaspersky endpoint security", false},
		{"Splunk Add-on for Kaspersky Endpoint Security", "kaspersky endpoint security", true},
		{"kaspersky-security-center-exporter", "kaspersky security center", true},
		{"Kaspersky Security Center", "kaspersky security center", false},
		{"logs-to-kaspersky-security-center", "kaspersky security center", true},
		{"Kaspersky Security Center content pack", "kaspersky security center", true},
		{"Unofficial Kaspersky Security Center automation", "kaspersky security center", true},
		{"kaspersky-security-center-scraper", "kaspersky security center", true},
	} {
		toks := Tokens(tc.name)
		p := strings.Fields(tc.product)
		at := -1
		for i := range toks {
			if hasWordsAt(toks, i, p) {
				at = i
				break
			}
		}
		if at < 0 {
			t.Fatalf("%q: product not found", tc.name)
		}
		if got := integrationName(toks, at, at+len(p)); got != tc.integration {
			t.Errorf("%q: integration %v, want %v", tc.name, got, tc.integration)
		}
	}
}

func TestHolderBrand(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Copyright (c) 2022 Kaspersky OEM Technologies. All rights reserved.", "kaspersky"},
		{"Copyright 2020 Alan Kaspersky", "alan"},
		{"(C) 1997-2024 Kaspersky. All rights reserved.", ""},
		{"Portions copyright Kaspersky", ""},
		{"© 2011 Kaspersky Labs GmbH", "kaspersky"},
	} {
		if got := holderBrand(Tokens(tc.in)); got != tc.want {
			t.Errorf("holderBrand(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
