package reports

import (
	"strings"
	"time"

	"github.com/embargo-sbom/embargo/audit"
	"github.com/embargo-sbom/embargo/vendorlists"
)

// Hostile strings an SBOM can carry; every format must neutralise each.
const (
	hostileFormula = `=HYPERLINK("http://x")`
	hostileScript  = `<script>alert(1)</script>`
	hostileANSI    = "\x1b[31mred"
	hostileLink    = `[link](http://evil)`
	hostileImage   = `![img](http://evil/x.png)`
	hostilePipe    = `a|b`
)

var (
	fixtureGenerated = time.Date(2025, 6, 10, 12, 0, 0, 0, time.UTC)
	fixtureAsOf      = time.Date(2025, 6, 10, 0, 0, 0, 0, time.UTC)
)

func fixtureOptions() Options {
	return Options{ToolName: "embargo", ToolVersion: "0.9.0-test", GeneratedAt: fixtureGenerated, FailOn: "review", Complete: true,
		Basis: fixtureBasis()}
}

// fixtureBasis holds every kind of evidence-basis fact, hostile strings
// included, so that each format shows (and escapes) them.
func fixtureBasis() Basis {
	return Basis{
		Discovered: "2025-06-02", DiscoveredDefaulted: false, AsOfSource: "flag",
		ConfigFiles: []FileDigest{{Path: ".embargo.yaml", SHA256: strings.Repeat("c", 64)}},
		Settings: map[string]Setting{"fail-on": {Source: "file", Detail: ".embargo.yaml"}, "as-of": {Source: "flag", Detail: "--as-of"},
			"profile": {Source: "default"}},
		Options:     map[string]string{"fail-on": "review", "as-of": "2025-06-10", "profile": "eu,us-federal"},
		WaiverFiles: []FileDigest{{Path: "waivers.yaml", SHA256: strings.Repeat("d", 64)}},
		Waivers: []AppliedWaiver{{ID: "WVR-2025-007", Approver: "<b>CISO</b>", Reason: "vendor replaces the engine in 1.9 [link](http://evil)",
			Expires: "2025-09-30", Ticket: "SEC-1234", Source: "waivers.yaml:3", Findings: 1}},
		InputSet: InputSet{SHA256: strings.Repeat("e", 64), Count: 3},
		Notes:    []string{"configuration file .embargo.yaml in the working directory set fail-on"},
	}
}

func fixtureModel() *Model {
	return NewModel(fixtureResult(), fixtureOptions())
}

const vendorAcme = "Acme Devices Ltd"

const (
	inputApp      = "sboms/app.cdx.json"
	inputFirmware = "sboms/firmware.spdx.json"
	inputBroken   = "sboms/broken.json"
)

func kaspersky() audit.EntityRef {
	return audit.EntityRef{ID: "kaspersky-lab", Name: "AO Kaspersky Lab", List: "kaspersky"}
}

func farReport(state string, days int) audit.Obligation {
	return audit.Obligation{
		Regime: "us-far", Title: "FAR 52.204-23", Citation: "48 CFR 52.204-23(d)",
		Action: "Report the covered article to the contracting officer", Effective: "2018-12-12", Due: "2025-06-05",
		Status:  audit.ObligationStatus{State: state, Days: days, Text: "overdue by 5 days"},
		Sources: []string{"https://www.acquisition.gov/far/52.204-23"},
		Citations: []audit.Citation{{ID: "https://www.acquisition.gov/far/52.204-23", Title: "FAR 52.204-23 clause text",
			URL: "https://www.acquisition.gov/far/52.204-23"}},
		Clause: "52.204-23 (DEC 2023)",
		Notes:  []string{"Window applied: 3 business days under clause 52.204-23 (DEC 2023), the default."},
	}
}

func ndaaRemove() audit.Obligation {
	return audit.Obligation{
		Regime: "us-ndaa", Title: "NDAA FY2018 s. 1634", Citation: "Pub. L. 115-91 s. 1634(a)",
		Action: "Remove the product from federal information systems", Effective: "2018-10-01",
		Status:  audit.ObligationStatus{State: "in-force", Days: 2444, Text: "in force for 2444 days"},
		Sources: []string{"https://www.congress.gov/bill/115th-congress/house-bill/2810"},
	}
}

func euReview() audit.Obligation {
	return audit.Obligation{
		Regime: "eu-nis2", Title: "NIS2 supply-chain risk", Citation: "Directive (EU) 2022/2555 Art. 21(2)(d)",
		Action: "Assess the supplier risk and record the decision", Effective: "2024-10-18", Due: "2025-07-01",
		Status:  audit.ObligationStatus{State: "upcoming", Days: 21, Text: "due in 21 days"},
		Sources: []string{"https://eur-lex.europa.eu/eli/dir/2022/2555/oj"},
	}
}

// fixtureResult covers two audited inputs and a failed one, every verdict
// (the waived and baseline findings with their original verdicts),
// multiple evidence, dated obligations, a dependency path, a manifest's
// vendors and products (one vendor with two products, one whose only input
// failed) and hostile strings. Slices are deliberately out of order: NewModel must sort them.
func fixtureResult() *audit.Result {
	return withCases(&audit.Result{
		AsOf:       fixtureAsOf,
		Discovered: fixtureAsOf,
		Profiles:   []string{"us-federal", "eu"},
		Lists: []audit.ListInfo{{
			ID: "kaspersky", Title: "Kaspersky Lab and affiliates", Version: "2025.06.01", Published: "2025-06-01",
			SHA256: "3f1c5a2b9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b", Origin: "embedded",
		}},
		Inputs: []audit.InputResult{
			{Path: inputFirmware, Status: audit.StatusAudited, Warnings: []string{"3 packages have no supplier"},
				Format: "spdx-json", SpecVersion: "SPDX-2.3", Components: 40, Name: "router-firmware",
				Vendor: vendorAcme, Product: hostileLink, Version: "1.8.0",
				SHA256: "b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1"},
			{Path: inputBroken, Status: audit.StatusFailed, Error: "decode: unexpected end of JSON input at line 12",
				Vendor: hostileScript, Product: hostilePipe,
				SHA256: "0000000000000000000000000000000000000000000000000000000000000001"},
			{Path: inputApp, Status: audit.StatusAudited, Format: "cyclonedx-json", SpecVersion: "1.6", Components: 120,
				Name: "payments-app", Vendor: vendorAcme, Product: "payments-app", Version: "4.2.0", SHA256: "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90"},
		},
		Findings: []audit.Finding{
			{
				ID: "EMB-5c1d0e2f3a4b5c6d", Input: inputApp,
				Component: audit.ComponentRef{Name: hostilePipe, Version: "1.0", Ref: "pkg-pipe", Type: "library"},
				Entity:    kaspersky(), Verdict: audit.VerdictBaseline, Confidence: audit.ConfidenceLow,
				Category: vendorlists.CategoryContribution, Rationale: "present in the baseline report", Original: audit.VerdictReview,
				Evidence: []audit.Evidence{{Signal: "copyright", Field: "copyright", Value: "(c) Kaspersky Lab", Matched: "kaspersky lab",
					Location: "/components/7", Line: 88, Rule: "kaspersky/copyright", Strength: "weak"}},
				Obligations: []audit.Obligation{},
				Path:        []string{"payments-app", hostilePipe},
			},
			{
				ID: "EMB-9a8b7c6d5e4f3a2b", Input: inputFirmware,
				Component: audit.ComponentRef{Name: hostileANSI, Version: "2.0.1", Supplier: hostileLink,
					PURL: "pkg:generic/red@2.0.1", Ref: "SPDXRef-Package-red", Type: "library"},
				Entity: kaspersky(), Verdict: audit.VerdictInfo, Confidence: audit.ConfidenceLow,
				Category: vendorlists.CategoryMention, Rationale: "the package only names the entity",
				Evidence: []audit.Evidence{{Signal: "package-name", Field: "name", Value: hostileANSI, Matched: "kaspersky",
					Location: "/packages/3", Rule: "kaspersky/mention/name", Strength: "weak"}},
				Path: []string{"router-firmware", hostileANSI},
			},
			{
				ID: "EMB-1f2e3d4c5b6a7980", Input: inputApp,
				Component: audit.ComponentRef{Name: "kav-sdk", Group: "com.kaspersky", Version: "21.3.10",
					PURL: "pkg:maven/com.kaspersky/kav-sdk@21.3.10", CPEs: []string{"cpe:2.3:a:kaspersky:kav_sdk:21.3.10:*:*:*:*:*:*:*", "cpe:2.3:a:kaspersky:anti-virus_sdk:21.3:*:*:*:*:*:*:*"},
					Supplier: "AO Kaspersky Lab", Ref: "pkg:maven/com.kaspersky/kav-sdk@21.3.10", Type: "library"},
				Entity: kaspersky(), Verdict: audit.VerdictProhibited, Confidence: audit.ConfidenceHigh,
				Category: vendorlists.CategoryProduct, Rationale: "the entity's own anti-virus engine",
				Evidence: []audit.Evidence{
					{Signal: "purl", Field: "purl", Value: "pkg:maven/com.kaspersky/kav-sdk@21.3.10", Matched: "pkg:maven/com.kaspersky/*",
						Location: "/components/2", Line: 41, Rule: "kaspersky/purl/maven-com.kaspersky", Strength: "strong"},
					{Signal: "domain", Field: "externalReferences[0].url", Value: "https://www.kaspersky.com/sdk", Matched: "kaspersky.com",
						Location: "/components/2", Line: 47, Rule: "kaspersky/domain/kaspersky.com", Strength: "weak"},
					{Signal: "supplier", Field: "supplier.name", Value: "AO Kaspersky Lab", Matched: "ao kaspersky lab",
						Location: "/components/2", Line: 43, Rule: "kaspersky/name/ao-kaspersky-lab", Strength: "strong"},
				},
				Obligations: []audit.Obligation{ndaaRemove(), farReport("overdue", 5)},
				Path:        []string{"payments-app", "scanner-plugin@3.2.0", "kav-sdk@21.3.10"},
			},
			{
				ID: "EMB-77aa88bb99cc0011", Input: inputFirmware,
				Component: audit.ComponentRef{Name: hostileImage, Version: "4.4", Supplier: "Kaspersky Lab", Ref: "SPDXRef-Package-img"},
				Entity:    kaspersky(), Verdict: audit.VerdictWaived, Confidence: audit.ConfidenceMedium,
				Category: vendorlists.CategoryIntegration, Rationale: "white-labelled engine", WaiverID: "WVR-2025-007",
				Original: audit.VerdictProhibited,
				Evidence: []audit.Evidence{{Signal: "supplier", Field: "supplier", Value: "Organization: Kaspersky Lab", Matched: "kaspersky lab",
					Location: "/packages/9", Rule: "kaspersky/name/kaspersky-lab", Strength: "strong"}},
				Obligations: []audit.Obligation{euReview()},
				Path:        []string{"router-firmware", hostileImage},
			},
			{
				ID: "EMB-0b1c2d3e4f5a6b7c", Input: inputApp,
				Component: audit.ComponentRef{Name: hostileFormula, Version: "0.3.0", Supplier: hostileScript,
					PURL: "pkg:npm/hyperlink@0.3.0", Ref: "pkg:npm/hyperlink@0.3.0", Type: "library"},
				Entity: kaspersky(), Verdict: audit.VerdictReview, Confidence: audit.ConfidenceMedium,
				Category: vendorlists.CategoryNonSecurity, Rationale: "published from the entity's domain",
				Evidence: []audit.Evidence{
					{Signal: "domain", Field: "externalReferences[1].url", Value: "https://github.com/KasperskyLab/hyperlink", Matched: "github.com/KasperskyLab",
						Location: "/components/5", Line: 70, Rule: "kaspersky/domain/github-kasperskylab", Strength: "strong"},
					{Signal: "supplier", Field: "supplier.name", Value: hostileScript, Matched: "",
						Location: "/components/5", Line: 66, Rule: "kaspersky/name/unknown", Strength: "weak"},
				},
				Obligations: []audit.Obligation{euReview(), ndaaRemove()},
				Path:        []string{"payments-app", hostileFormula},
			},
		},
		Warnings:  []string{"list kaspersky: 2 entries have no primary source"},
		FARClause: "2023-12",
		Caveats: []audit.Caveat{
			{Regime: "us-ndaa", Text: "INTERPRETATION, to be reviewed by counsel: whether a copyright line is development in part."},
			{Regime: "us-far", Obligation: "report", Text: "Window applied: 3 business days under clause 52.204-23 (DEC 2023), the default."},
		},
	})
}

// withCases gives each finding its case, in every status a ledger gives
// (the first stays untracked, as without a ledger).
func withCases(res *audit.Result) *audit.Result {
	day := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }
	meta := map[string]audit.InputMeta{}
	for _, in := range res.Inputs {
		meta[in.Path] = audit.InputMeta{Vendor: in.Vendor, Product: in.Product, Version: in.Version}
	}
	for i := range res.Findings {
		f := &res.Findings[i]
		key := audit.NewCaseKey(audit.Subject(f.Input, meta[f.Input]), f.Component, f.Entity)
		f.CaseKey = key
		f.Case = audit.Case{ID: key.ID(), Status: audit.CaseUntracked, Identified: res.Discovered}
		switch i % 5 {
		case 1:
			f.Case.Status, f.Case.Identified = audit.CaseOpen, day("2025-05-28")
		case 2:
			f.Case.Status, f.Case.Identified, f.Case.Reported = audit.CaseReported, day("2025-05-20"), day("2025-05-23")
		case 3:
			f.Case.Status, f.Case.Identified, f.Case.Resolved = audit.CaseWaived, day("2025-04-01"), time.Time{}
		case 4:
			f.Case.Status, f.Case.Identified, f.Case.Resolved = audit.CaseResolved, day("2025-03-03"), day("2025-05-30")
		}
	}
	return res
}

// hostileVendorResult is the fixture with hostile strings in every
// manifest field too: vendor, product and version reach every format.
func hostileVendorResult() *audit.Result {
	res := fixtureResult()
	meta := map[string][3]string{
		inputApp:      {hostileFormula, hostileScript, hostileANSI},
		inputFirmware: {hostileANSI, hostileImage, hostilePipe},
		inputBroken:   {hostileLink, hostilePipe, hostileFormula},
	}
	for i, in := range res.Inputs {
		m := meta[in.Path]
		res.Inputs[i].Vendor, res.Inputs[i].Product, res.Inputs[i].Version = m[0], m[1], m[2]
	}
	return res
}

// safetyModels are the models every hostile-string test renders.
func safetyModels() map[string]*Model {
	return map[string]*Model{
		"fixture":         fixtureModel(),
		"hostile vendors": NewModel(hostileVendorResult(), fixtureOptions()),
	}
}
