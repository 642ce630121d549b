package audit

import (
	"slices"
	"strings"
	"testing"

	"github.com/embargo-sbom/embargo/sbom"
	"github.com/embargo-sbom/embargo/vendorlists"
)

// lookAlikes pairs every false-positive rule of the embedded Kaspersky list
// with a realistic component it exists for. TestEachLookAlikeRuleIsNeeded
// proves, rule by rule, that the component would be attributed to
// Kaspersky without the rule and is not (or only as the rule's category)
// with it: a case that matches nothing either way tests nothing.
// Each case also states the rule's effect today, so that a matcher change
// that makes a rule load-bearing, or idle, shows up here:
//   - needed: without the rule the look-alike gets a finding it must not
//     have (or a stronger verdict or another category);
//   - rationale: without the rule the verdict and category are the same
//     (the component's own signals already make it a mention or a
//     contribution); the rule only names the look-alike in the rationale;
//   - unreachable: nothing the matcher reads attributes the component even
//     without the rule (word boundaries already tell them apart); the rule
//     is defence in depth against a looser matcher.
type lookAlike struct {
	rule   string
	effect string
	c      sbom.Component
}

var lookAlikes = []lookAlike{
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

// withoutRule returns an auditor over a copy of the embedded list with
// the false-positive rule id removed ("" removes none).
func withoutRule(t *testing.T, base *vendorlists.List, id string) *Auditor {
	t.Helper()
	l := *base
	l.Entities = slices.Clone(base.Entities)
	for i := range l.Entities {
		l.Entities[i].FalsePositives = slices.DeleteFunc(slices.Clone(l.Entities[i].FalsePositives),
			func(fp vendorlists.FalsePositive) bool { return fp.ID == id })
	}
	a, err := New(Config{Lists: []*vendorlists.List{&l}, Profiles: []string{"us-federal-contractor"}, AsOf: testAsOf})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestEachLookAlikeRule(t *testing.T) {
	base, err := vendorlists.Default()
	if err != nil {
		t.Fatal(err)
	}
	full := withoutRule(t, base, "")
	for _, tt := range lookAlikes {
		t.Run(tt.rule, func(t *testing.T) {
			fp := ruleByID(base, tt.rule)
			if fp == nil {
				t.Fatalf("the list has no false-positive rule %q", tt.rule)
			}
			with := findingFor(full.MatchComponent(&tt.c), "kaspersky")
			without := findingFor(withoutRule(t, base, tt.rule).MatchComponent(&tt.c), "kaspersky")
			checkRuleHeld(t, fp, with)
			if got := ruleEffect(fp, with, without); got != tt.effect {
				t.Errorf("rule %s: effect %s, the case says %s\nwith the rule: %s\nwithout: %s",
					tt.rule, got, tt.effect, describeFinding(with), describeFinding(without))
			}
		})
	}
}

// checkRuleHeld: with its rule, a look-alike is either not attributed at
// all or attributed only as the rule's category, naming the rule.
func checkRuleHeld(t *testing.T, fp *vendorlists.FalsePositive, with *Finding) {
	t.Helper()
	switch {
	case fp.Category == "" && with != nil:
		t.Errorf("with rule %s the look-alike is still attributed: %s", fp.ID, describeFinding(with))
	case fp.Category != "" && (with == nil || with.Category != fp.Category):
		t.Errorf("with rule %s want category %s, got %s", fp.ID, fp.Category, describeFinding(with))
	case fp.Category != "" && !strings.Contains(with.Rationale, fp.ID):
		t.Errorf("the rationale does not name rule %s: %s", fp.ID, with.Rationale)
	}
}

func ruleEffect(fp *vendorlists.FalsePositive, with, without *Finding) string {
	switch {
	case without == nil:
		return "unreachable"
	case with == nil, with.Verdict != without.Verdict, with.Category != without.Category:
		return "needed"
	}
	return "rationale"
}

// TestEveryLookAlikeRuleHasACase: a rule added to the list without a case
// above is untested.
func TestEveryLookAlikeRuleHasACase(t *testing.T) {
	base, err := vendorlists.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range base.Entities {
		for _, fp := range e.FalsePositives {
			if !slices.ContainsFunc(lookAlikes, func(c lookAlike) bool { return c.rule == fp.ID }) {
				t.Errorf("false-positive rule %s/%s has no case in lookAlikes", e.ID, fp.ID)
			}
		}
	}
}

func ruleByID(l *vendorlists.List, id string) *vendorlists.FalsePositive {
	for i := range l.Entities {
		for j := range l.Entities[i].FalsePositives {
			if l.Entities[i].FalsePositives[j].ID == id {
				return &l.Entities[i].FalsePositives[j]
			}
		}
	}
	return nil
}

func describeFinding(f *Finding) string {
	if f == nil {
		return "no finding"
	}
	return string(f.Verdict) + "/" + string(f.Category) + " (" + f.Rationale + ")"
}
