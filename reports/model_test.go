package reports

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/embargo-sbom/embargo/audit"
)

func TestNewModelSortsDeterministically(t *testing.T) {
	m := fixtureModel()
	var verdicts, inputs []string
	for _, f := range m.Findings {
		verdicts = append(verdicts, string(f.Verdict))
	}
	for _, in := range m.Inputs {
		inputs = append(inputs, in.Path)
	}
	if want := []string{"prohibited", "review", "info", "waived", "baseline"}; !slices.Equal(verdicts, want) {
		t.Errorf("verdict order %v, want %v", verdicts, want)
	}
	if !slices.IsSorted(inputs) || !slices.IsSorted(m.Profiles) {
		t.Errorf("inputs %v or profiles %v not sorted", inputs, m.Profiles)
	}
	kav := m.Findings[0]
	if kav.Evidence[0].Strength != "strong" || kav.Evidence[len(kav.Evidence)-1].Strength != "weak" {
		t.Errorf("evidence not strongest first: %+v", kav.Evidence)
	}
	if o, ok := kav.NextDue(); !ok || o.Due != "2025-06-05" {
		t.Errorf("next due %+v, %v", o, ok)
	}
	// Obligations without a due date come after those with one.
	if last := kav.Obligations[len(kav.Obligations)-1]; last.Due != "" {
		t.Errorf("undated obligation not last: %+v", kav.Obligations)
	}
	// The dependency path is a chain and keeps its order.
	if got := strings.Join(kav.Path, " > "); got != "payments-app > scanner-plugin@3.2.0 > kav-sdk@21.3.10" {
		t.Errorf("path %q", got)
	}

	// Shuffling the input does not change the model.
	res := fixtureResult()
	slices.Reverse(res.Findings)
	slices.Reverse(res.Inputs)
	for i := range res.Findings {
		slices.Reverse(res.Findings[i].Evidence)
		slices.Reverse(res.Findings[i].Obligations)
	}
	if a, b := render(t, FormatJSON, m, RenderOptions{}), render(t, FormatJSON, NewModel(res, fixtureOptions()), RenderOptions{}); string(a) != string(b) {
		t.Error("the model depends on the order of the audit result")
	}
}

func TestSummaryCounts(t *testing.T) {
	s := fixtureModel().Summary
	want := Summary{Inputs: 3, Audited: 2, Failed: 1, Components: 160,
		Findings: Counts{Prohibited: 1, Review: 1, Info: 1, Waived: 1, Baseline: 1}, Failing: 2, Outcome: OutcomeFail,
		Gaps: []string{"1 input failed"}}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("summary %+v, want %+v", s, want)
	}
}

func TestFailOn(t *testing.T) {
	for failOn, want := range map[string]struct {
		norm    string
		failing int
	}{
		"prohibited": {"prohibited", 1}, "review": {"review", 2}, "info": {"info", 3},
		"never": {"never", 0}, "": {"never", 0}, "waived": {"never", 0}, "baseline": {"never", 0},
	} {
		o := fixtureOptions()
		o.FailOn = failOn
		m := NewModel(fixtureResult(), o)
		if m.FailOn != want.norm || m.Summary.Failing != want.failing {
			t.Errorf("fail-on %q: %q with %d failing, want %q with %d", failOn, m.FailOn, m.Summary.Failing, want.norm, want.failing)
		}
	}
}

func TestNewModelCopies(t *testing.T) {
	res := fixtureResult()
	m := NewModel(res, fixtureOptions())
	res.Findings[2].Component.CPEs[0] = "changed"
	res.Findings[2].Evidence[0].Value = "changed"
	res.Profiles[0] = "changed"
	for _, f := range m.Findings {
		if slices.Contains(f.Component.CPEs, "changed") || f.Evidence[0].Value == "changed" {
			t.Fatal("the model shares slices with the audit result")
		}
	}
	if slices.Contains(m.Profiles, "changed") {
		t.Fatal("the model shares profiles with the audit result")
	}
}

func TestFallbackID(t *testing.T) {
	res := fixtureResult()
	for i := range res.Findings {
		res.Findings[i].ID = ""
	}
	a, b := NewModel(res, fixtureOptions()), NewModel(fixtureResult(), fixtureOptions())
	seen := map[string]bool{}
	for _, f := range a.Findings {
		if !strings.HasPrefix(f.ID, "EMB-") || seen[f.ID] {
			t.Errorf("fallback id %q is empty or not unique", f.ID)
		}
		seen[f.ID] = true
	}
	if c := NewModel(res, fixtureOptions()); c.Findings[0].ID != a.Findings[0].ID {
		t.Error("fallback id is not stable")
	}
	if a.Findings[0].ID == b.Findings[0].ID {
		t.Error("an id set by the audit was replaced")
	}
}

func TestNilResult(t *testing.T) {
	m := NewModel(nil, Options{})
	if m.Findings == nil || m.Inputs == nil || m.Lists == nil || m.Profiles == nil || m.Warnings == nil {
		t.Fatalf("nil slice in %+v", m)
	}
	// Nothing was audited, so the run cannot pass.
	if m.FailOn != audit.FailOnNever || m.Summary.Outcome != OutcomeIncomplete {
		t.Errorf("fail-on %q outcome %q", m.FailOn, m.Summary.Outcome)
	}
}

func TestVendors(t *testing.T) {
	m := fixtureModel()
	want := []Vendor{
		{Vendor: hostileScript, Inputs: 1, Outcome: OutcomeIncomplete, Products: []Product{
			{Product: hostilePipe, Inputs: 1, Outcome: OutcomeIncomplete},
		}},
		{Vendor: vendorAcme, Inputs: 2, Components: 160, Failing: 2, Outcome: OutcomeFail,
			Findings: Counts{Prohibited: 1, Review: 1, Info: 1, Waived: 1, Baseline: 1},
			Products: []Product{
				{Product: hostileLink, Version: "1.8.0", Inputs: 1, Components: 40, Outcome: OutcomePass, Findings: Counts{Info: 1, Waived: 1}},
				{Product: "payments-app", Version: "4.2.0", Inputs: 1, Components: 120, Failing: 2, Outcome: OutcomeFail,
					Findings: Counts{Prohibited: 1, Review: 1, Baseline: 1}},
			}},
	}
	if !reflect.DeepEqual(m.Vendors, want) {
		t.Errorf("vendors\n got %+v\nwant %+v", m.Vendors, want)
	}
	for _, f := range m.Findings {
		in := m.Inputs[slices.IndexFunc(m.Inputs, func(in Input) bool { return in.Path == f.Input })]
		if f.Vendor != in.Vendor || f.Product != in.Product {
			t.Errorf("%s: vendor %q product %q, want the input's %q %q", f.ID, f.Vendor, f.Product, in.Vendor, in.Product)
		}
	}
}

// TestVendorGrouping covers what the fixture does not: inputs without a
// vendor, products sorted by product then version, several inputs of one
// product, an empty audited input, and fail-on never.
func TestVendorGrouping(t *testing.T) {
	res := &audit.Result{
		Inputs: []audit.InputResult{
			{Path: "z.json", Status: audit.StatusAudited, Components: 5, Vendor: "Beta", Product: "b", Version: "2"},
			{Path: "y.json", Status: audit.StatusAudited, Components: 3, Vendor: "Beta", Product: "b", Version: "10"},
			{Path: "x.json", Status: audit.StatusAudited, Components: 1, Vendor: "Beta", Product: "a", Version: "9"},
			{Path: "w.json", Status: audit.StatusAudited, Components: 7, Vendor: "Beta", Product: "a", Version: "9"},
			{Path: "v.json", Status: audit.StatusAudited, Components: 0, Vendor: "Alpha", Product: "empty"},
			{Path: "u.json", Status: audit.StatusSkipped, Vendor: "Alpha", Product: "skipped"},
			{Path: "t.json", Status: audit.StatusAudited, Components: 9},
		},
		Findings: []audit.Finding{
			{ID: "F1", Input: "x.json", Verdict: audit.VerdictReview},
			{ID: "F2", Input: "t.json", Verdict: audit.VerdictProhibited},
			{ID: "F3", Input: "z.json", Verdict: audit.VerdictWaived, Original: audit.VerdictProhibited, WaiverID: "W-1"},
		},
	}
	m := NewModel(res, Options{FailOn: "review"})
	var got []string
	for _, v := range m.Vendors {
		got = append(got, fmt.Sprintf("%s %d/%d %s %d", v.Vendor, v.Inputs, v.Components, v.Outcome, v.Failing))
		for _, p := range v.Products {
			got = append(got, fmt.Sprintf("  %s@%s %d/%d %s %s", p.Product, p.Version, p.Inputs, p.Components, p.Outcome, countsText(p.Findings)))
		}
	}
	want := []string{
		"Alpha 2/0 incomplete 0",
		"  empty@ 1/0 incomplete none",
		"  skipped@ 1/0 pass none",
		"Beta 4/16 fail 1",
		"  a@9 2/8 fail 1 review",
		"  b@10 1/3 pass none",
		"  b@2 1/5 pass 1 waived",
	}
	if !slices.Equal(got, want) {
		t.Errorf("vendors\n got %q\nwant %q", got, want)
	}
	// The run fails on t.json, which no vendor owns.
	if m.Summary.Outcome != OutcomeFail || m.Summary.Failing != 2 {
		t.Errorf("summary %+v", m.Summary)
	}

	m = NewModel(res, Options{FailOn: "never"})
	if m.Vendors[1].Outcome != OutcomePass || m.Vendors[1].Failing != 0 {
		t.Errorf("fail-on never: %+v", m.Vendors[1])
	}
}

func TestNoVendorsIsEmptyNotNull(t *testing.T) {
	res := fixtureResult()
	for i := range res.Inputs {
		res.Inputs[i].Vendor, res.Inputs[i].Product, res.Inputs[i].Version = "", "", ""
	}
	m := NewModel(res, fixtureOptions())
	if m.Vendors == nil || len(m.Vendors) != 0 {
		t.Fatalf("vendors %#v, want []", m.Vendors)
	}
	if !strings.Contains(string(render(t, FormatJSON, m, RenderOptions{})), `"vendors": [],`) {
		t.Error(`JSON lacks "vendors": []`)
	}
	for _, f := range []Format{FormatTable, FormatMarkdown, FormatHTML} {
		if out := string(render(t, f, m, RenderOptions{})); strings.Contains(out, "VENDORS") || strings.Contains(out, "Vendors</h2>") || strings.Contains(out, "### Vendors") {
			t.Errorf("%s shows a vendor section without vendors", f)
		}
	}
}

func TestSuppressedFindings(t *testing.T) {
	byID := map[string]Finding{}
	for _, f := range fixtureModel().Findings {
		byID[f.ID] = f
	}
	for id, want := range map[string]struct {
		original audit.Verdict
		label    string
	}{
		"EMB-77aa88bb99cc0011": {audit.VerdictProhibited, "waived (was prohibited; WVR-2025-007)"},
		"EMB-5c1d0e2f3a4b5c6d": {audit.VerdictReview, "baseline (was review)"},
		"EMB-1f2e3d4c5b6a7980": {"", "prohibited"},
	} {
		f := byID[id]
		if f.OriginalVerdict != want.original || f.VerdictLabel() != want.label {
			t.Errorf("%s: original %q label %q, want %q %q", id, f.OriginalVerdict, f.VerdictLabel(), want.original, want.label)
		}
	}
	// An original verdict on a finding that is not suppressed means
	// nothing and is dropped.
	res := fixtureResult()
	for i := range res.Findings {
		res.Findings[i].Original = audit.VerdictInfo
	}
	for _, f := range NewModel(res, fixtureOptions()).Findings {
		if f.Suppressed() != (f.OriginalVerdict != "") {
			t.Errorf("%s (%s): original verdict %q", f.ID, f.Verdict, f.OriginalVerdict)
		}
	}
	// Each format shows the original verdict next to the suppressed one.
	m := fixtureModel()
	for f, want := range map[Format]string{
		FormatTable: "waived (was prohibited; WVR-2025-007)", FormatMarkdown: "waived (was prohibited; WVR-2025-007)",
		FormatHTML: `<span class="was">was prohibited; WVR-2025-007</span>`, FormatJUnit: `<skipped message="waived (was prohibited; WVR-2025-007)">`,
		FormatSARIF: `"justification": "waived by WVR-2025-007 (was prohibited)"`, FormatCSV: ",waived,prohibited,",
	} {
		if out := string(render(t, f, m, RenderOptions{})); !strings.Contains(out, want) {
			t.Errorf("%s lacks %q", f, want)
		}
	}
}
