package audit

import (
	"testing"

	"github.com/embargo-sbom/embargo/sbom"
	"github.com/embargo-sbom/embargo/vendorlists"
)

// TestFactSheetFalsePositives runs the look-alikes of the fact sheet §6:
// none may be attributed to the entity as its code.
func TestFactSheetFalsePositives(t *testing.T) {
	mention := vendorlists.CategoryMention
	cases := []matchCase{
		{name: "KasperSkytte R package", c: sbom.Component{Name: "ampvis2", PURL: "pkg:github/KasperSkytte/ampvis2@2.8",
			Authors: []sbom.Contact{{Name: "KasperSkytte"}}}},
		{name: "KasperSkytte author suppresses a strong signal", c: sbom.Component{Name: "x", Authors: []sbom.Contact{{Name: "KasperSkytte", Email: "k@kaspersky.com"}}}},
		{name: "AlanKaspersky", c: sbom.Component{Name: "dotfiles", PURL: "pkg:github/AlanKaspersky/dotfiles@1"}},
		{name: "Kasperskyy", c: sbom.Component{Name: "tool", PURL: "pkg:github/Kasperskyy/tool@1"}},
		{name: "kaspersky3550879", c: sbom.Component{Name: "app", PURL: "pkg:github/kaspersky3550879/app@1"}},
		{name: "kaspersky-test-task repo", c: sbom.Component{Name: "kaspersky-test-task-2", PURL: "pkg:github/someone/kaspersky-test-task-2@1"}},
		{name: "pypi kasper", c: sbom.Component{Name: "kasper", PURL: "pkg:pypi/kasper@1"}},
		{name: "pypi kasper-cache", c: sbom.Component{Name: "kasper-cache", PURL: "pkg:pypi/kasper-cache@1"}},
		{name: "pypi kasperl", c: sbom.Component{Name: "kasperl", PURL: "pkg:pypi/kasperl@1"}},
		{name: "pypi kaspersmicrobit", c: sbom.Component{Name: "kaspersmicrobit", PURL: "pkg:pypi/kaspersmicrobit@1"}},
		{name: "pypi kasperskytip is a mention", c: sbom.Component{Name: "kasperskytip", PURL: "pkg:pypi/kasperskytip@0.1",
			Description: "Unofficial client for the Kaspersky OpenTIP API"},
			verdict: VerdictInfo, category: mention, confidence: ConfidenceLow},
		{name: "pypi opentip-cli", c: sbom.Component{Name: "opentip-cli", PURL: "pkg:pypi/opentip-cli@1"}},
		{name: "pypi ioc-triage", c: sbom.Component{Name: "ioc-triage", PURL: "pkg:pypi/ioc-triage@1"}},
		{name: "pypi kpm-treatment", c: sbom.Component{Name: "kpm-treatment", PURL: "pkg:pypi/kpm-treatment@1"}},
		{name: "pypi password-converter", c: sbom.Component{Name: "password-converter", PURL: "pkg:pypi/password-converter@1"}},
		{name: "rspamd lua scanner is a mention", c: sbom.Component{Name: "rspamd", PURL: "pkg:deb/debian/rspamd@3.4-1",
			Copyright: "Vsevolod Stakhov", Description: "Rspamd has scanners for Kaspersky Scan Engine", Supplier: org("Debian")},
			verdict: VerdictInfo, category: mention, confidence: ConfidenceLow},
		{name: "rspamd file named after the entity", c: sbom.Component{Name: "kaspersky_av.lua", Type: "file"},
			verdict: VerdictInfo, category: mention, confidence: ConfidenceLow},
		{name: "wazuh active response", c: sbom.Component{Name: "kaspersky.py", Type: "file", Copyright: "Copyright (C) Wazuh Inc."},
			verdict: VerdictInfo, category: mention, confidence: ConfidenceLow},
		{name: "wazuh org downgrades a website link", c: sbom.Component{Name: "wazuh-agent", Supplier: org("Wazuh, Inc."),
			ExternalRefs: []sbom.ExternalRef{{Type: "website", URL: "https://support.kaspersky.com/kesl"}}},
			verdict: VerdictInfo, category: mention, confidence: ConfidenceLow},
		{name: "greenbone nasl", c: sbom.Component{Name: "gb_kaspersky_av_detect.nasl", Type: "file"},
			verdict: VerdictInfo, category: mention, confidence: ConfidenceLow},
		{name: "SIEM parser description", c: sbom.Component{Name: "ksc-decoders", PURL: "pkg:github/tread-lightly/ksc_decoders_and_rules_for_wazuh@1",
			Description: "Decoders for Kaspersky Security Center events"},
			verdict: VerdictInfo, category: mention, confidence: ConfidenceLow},
		{name: "YARA rules by Kaspersky are threat intelligence", c: sbom.Component{Name: "apt-rules", Authors: []sbom.Contact{{Name: "Kaspersky Lab"}},
			ExternalRefs: []sbom.ExternalRef{{Type: "website", URL: "https://securelist.com/"}}},
			// FAR covers threat intelligence; BIS, under us-commercial, does not.
			verdict: VerdictProhibited, category: vendorlists.CategoryThreatIntel, confidence: ConfidenceHigh},
		{name: "cuckoo signature registry string", c: sbom.Component{Name: "antiav_detectreg.py", Description: `matches Software\KasperskyLab`}},
		{name: "syzkaller kos", c: sbom.Component{Name: "syzkaller", PURL: "pkg:golang/github.com/google/syzkaller@v0.0.0", Description: "fuzzer with kos support"}},
		{name: "UltraAV", c: sbom.Component{Name: "UltraAV", Supplier: org("Pango Group")}},
		{name: "mwcollectd copyright holder", c: sbom.Component{Name: "mwcollectd", Copyright: "(c) 2009 Georg Wicherski, Kaspersky Labs GmbH", Supplier: org("mwcollect")},
			verdict: VerdictReview, category: vendorlists.CategoryContribution, confidence: ConfidenceMedium},
		{name: "python3-fakesleep contains kesl", c: sbom.Component{Name: "python3-fakesleep", PURL: "pkg:deb/debian/python3-fakesleep@0.1-1"}},
		{name: "notkaspersky.com", c: sbom.Component{Name: "x", Authors: []sbom.Contact{{Email: "a@notkaspersky.com"}}}},
		{name: "casperjs", c: sbom.Component{Name: "casperjs", PURL: "pkg:npm/casperjs@1.1.4"}},
	}
	runMatchCases(t, newTestAuditor(t, "us-federal-contractor"), cases)
}
