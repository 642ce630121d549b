package match

import (
	"slices"
	"strings"
	"testing"

	"github.com/embargo-sbom/embargo/sbom"
	"github.com/embargo-sbom/embargo/vendorlists"
)

// lookAlikeCase pairs a false-positive rule of the embedded Kaspersky list
// with the component it exists for, and the rule's effect (the table of
// package audit's lookalike_test.go, checked here on attributions):
// "needed" (without the rule the component is attributed, or in another
// category), "rationale" (same category either way; the rule only names
// the look-alike), "unreachable" (nothing attributes it even without it).
type lookAlikeCase struct {
	rule   string
	effect string
	c      sbom.Component
}

var lookAlikeCases = []lookAlikeCase{
	{"kasperskytte-github", "unreachable", sbom.Component{Name: "ampvis2", PURL: "pkg:github/KasperSkytte/ampvis2@2.8"}},
	{"kasperskytte-author", "unreachable", sbom.Component{Name: "ampvis2", Authors: []sbom.Contact{{Name: "KasperSkytte", Email: "kasperskytte@gmail.com"}}}},
	{"github-alankaspersky", "unreachable", sbom.Component{Name: "dotfiles", PURL: "pkg:github/AlanKaspersky/dotfiles@1"}},
	{"github-kasperskyy", "unreachable", sbom.Component{Name: "tool", PURL: "pkg:github/Kasperskyy/tool@1"}},
	{"github-kaspersky3550879", "unreachable", sbom.Component{Name: "app", PURL: "pkg:github/kaspersky3550879/app@1"}},
	{"kaspersky-test-task-repos", "needed", sbom.Component{Name: "kaspersky-test-task-2", PURL: "pkg:github/someone/kaspersky-test-task-2@1"}},
	{"pypi-kasper", "unreachable", sbom.Component{Name: "kasper", PURL: "pkg:pypi/kasper@1.0"}},
	{"pypi-kasper-cache", "unreachable", sbom.Component{Name: "kasper-cache", PURL: "pkg:pypi/kasper-cache@0.3"}},
	{"pypi-kasperl", "unreachable", sbom.Component{Name: "kasperl", PURL: "pkg:pypi/kasperl@1.0"}},
	{"pypi-kaspersmicrobit", "unreachable", sbom.Component{Name: "kaspersmicrobit", PURL: "pkg:pypi/kaspersmicrobit@1.0"}},
	{"pypi-kasperskytip", "rationale", sbom.Component{Name: "kasperskytip", PURL: "pkg:pypi/kasperskytip@0.1", Description: "Unofficial client for the Kaspersky OpenTIP API"}},
	{"pypi-opentip-cli", "rationale", sbom.Component{Name: "opentip-cli", PURL: "pkg:pypi/opentip-cli@1.0", Description: "Command line client for Kaspersky OpenTIP"}},
	{"pypi-ioc-triage", "rationale", sbom.Component{Name: "ioc-triage", PURL: "pkg:pypi/ioc-triage@1.0", Description: "Triage IOCs with Kaspersky OpenTIP"}},
	{"pypi-kpm-treatment", "needed", sbom.Component{Name: "kpm-treatment", PURL: "pkg:pypi/kpm-treatment@1.0", Description: "Convert Kaspersky Password Manager exports"}},
	{"pypi-password-converter", "needed", sbom.Component{Name: "password-converter", PURL: "pkg:pypi/password-converter@1.0", Description: "Convert Kaspersky Password Manager exports to CSV"}},
	{"rspamd-kaspersky-av", "rationale", sbom.Component{Name: "kaspersky_av.lua", Type: "file"}},
	{"rspamd-kaspersky-se", "rationale", sbom.Component{Name: "kaspersky_se.lua", Type: "file"}},
	{"wazuh-active-response", "rationale", sbom.Component{Name: "kaspersky.py", Type: "file", Copyright: "Copyright (C) 2015, Wazuh Inc."}},
	{"greenbone-nvt", "needed", sbom.Component{Name: "gb_kaspersky_av_detect.nasl", Type: "file", Description: "Detects Kaspersky Anti-Virus; cpe:/a:kaspersky:kaspersky_anti-virus"}},
	{"siem-exabeam", "rationale", sbom.Component{Name: "content-library-cim2", PURL: "pkg:github/ExabeamLabs/Content-Library-CIM2@1", Description: "Parsers for Kaspersky Security Center events"}},
	{"siem-sekoia", "rationale", sbom.Component{Name: "documentation", PURL: "pkg:github/SEKOIA-IO/documentation@1", Description: "Kaspersky Endpoint Security integration"}},
	{"siem-wazuh-ksc-decoders", "rationale", sbom.Component{Name: "ksc-decoders", PURL: "pkg:github/tread-lightly/ksc_decoders_and_rules_for_wazuh@1", Description: "Decoders for Kaspersky Security Center events"}},
	{"cuckoo-antiav-signature", "unreachable", sbom.Component{Name: "antiav_detectreg.py", Type: "file", Description: `matches Software\KasperskyLab`}},
	{"syzkaller-kos", "needed", sbom.Component{Name: "syzkaller", PURL: "pkg:golang/github.com/google/syzkaller@v0.0.0", Description: "kernel fuzzer with KasperskyOS support"}},
	{"ultraav", "needed", sbom.Component{Name: "UltraAV", Description: "Replaces Kaspersky Anti-Virus for U.S. customers"}},
	{"ultravpn", "needed", sbom.Component{Name: "UltraVPN", Description: "VPN offered to former Kaspersky customers"}},
	{"pango-group", "unreachable", sbom.Component{Name: "UltraAV", Supplier: org("Pango Group"), Description: "Kaspersky's U.S. consumer customers moved here"}},
	{"positive-technologies", "unreachable", sbom.Component{Name: "maxpatrol", Supplier: org("Positive Technologies")}},
	{"positive-technologies-transliterated", "unreachable", sbom.Component{Name: "maxpatrol", Supplier: org("Aktsionernoe Obshchestvo Pozitiv Teknolodzhiz")}},
	{"doctor-web", "unreachable", sbom.Component{Name: "drweb", Supplier: org("Doctor Web")}},
	{"dr-web", "unreachable", sbom.Component{Name: "drweb", Supplier: org("Dr.Web")}},
	{"mwcollectd-copyright", "rationale", sbom.Component{Name: "mwcollectd", Copyright: "(c) 2009 Georg Wicherski, Kaspersky Labs GmbH", Supplier: org("mwcollect")}},
	{"nrpe-acl-copyright", "rationale", sbom.Component{Name: "nagios-nrpe-server", PURL: "pkg:deb/debian/nagios-nrpe-server@4.1.0-1", Copyright: "Copyright 2011 Kaspersky Lab ZAO", Supplier: org("Debian")}},
	{"nrpe-acl-copyright-upstream", "rationale", sbom.Component{Name: "nrpe", PURL: "pkg:github/NagiosEnterprises/nrpe@4.1.0", Copyright: "Copyright (c) 2011 Kaspersky Lab ZAO"}},
}

// matcherWithout compiles a copy of the list without false-positive rule
// id ("" removes none).
func matcherWithout(t *testing.T, base *vendorlists.List, id string) *Matcher {
	t.Helper()
	l := *base
	l.Entities = slices.Clone(base.Entities)
	for i := range l.Entities {
		l.Entities[i].FalsePositives = slices.DeleteFunc(slices.Clone(l.Entities[i].FalsePositives),
			func(fp vendorlists.FalsePositive) bool { return fp.ID == id })
	}
	m, err := New([]*vendorlists.List{&l})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestLookAlikeRules(t *testing.T) {
	base, err := vendorlists.Default()
	if err != nil {
		t.Fatal(err)
	}
	full := matcherWithout(t, base, "")
	rules := map[string]*vendorlists.FalsePositive{}
	for i := range base.Entities {
		for j := range base.Entities[i].FalsePositives {
			fp := &base.Entities[i].FalsePositives[j]
			rules[fp.ID] = fp
		}
	}
	for _, tt := range lookAlikeCases {
		t.Run(tt.rule, func(t *testing.T) {
			fp := rules[tt.rule]
			if fp == nil {
				t.Fatalf("the list has no false-positive rule %q", tt.rule)
			}
			with := attributionFor(full.Attribute(&tt.c), "kaspersky")
			without := attributionFor(matcherWithout(t, base, tt.rule).Attribute(&tt.c), "kaspersky")
			switch {
			case fp.Category == "" && with != nil:
				t.Errorf("with the rule the look-alike is still attributed: %s (%s)", with.Category, with.Reason)
			case fp.Category != "" && (with == nil || with.Category != fp.Category):
				t.Errorf("with the rule want category %s, got %v", fp.Category, with)
			case fp.Category != "" && !strings.Contains(with.Reason, "it is the known look-alike "+fp.ID+" ("):
				t.Errorf("the reason does not name rule %s: %s", fp.ID, with.Reason)
			}
			effect := "rationale"
			switch {
			case without == nil:
				effect = "unreachable"
			case with == nil, with.Category != without.Category:
				effect = "needed"
			}
			if effect != tt.effect {
				t.Errorf("effect %s, the case says %s (without the rule: %+v)", effect, tt.effect, without)
			}
		})
	}
	if len(lookAlikeCases) != len(rules) {
		t.Errorf("%d cases for %d rules", len(lookAlikeCases), len(rules))
	}
}
