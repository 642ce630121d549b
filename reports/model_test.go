package reports

import (
	"slices"
	"strings"
	"testing"
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
		Findings: Counts{Prohibited: 1, Review: 1, Info: 1, Waived: 1, Baseline: 1}, Failing: 2, Outcome: OutcomeFail}
	if s != want {
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
	if m.FailOn != FailOnNever || m.Summary.Outcome != OutcomePass {
		t.Errorf("fail-on %q outcome %q", m.FailOn, m.Summary.Outcome)
	}
}
