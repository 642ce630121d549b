package reports

import (
	"strings"
	"testing"
)

// shardOf is the fixture model cut to the inputs keep accepts, recorded
// as shard i of n run with failOn.
func shardOf(t *testing.T, i, n int, failOn string, keep func(string) bool) *Model {
	t.Helper()
	m := shard(t, fixtureModel(), keep)
	m.FailOn = failOn
	m.Basis.Shard = ShardBasis{Index: i, Count: n, FailOn: failOn}
	return m
}

func TestMergeWithShards(t *testing.T) {
	app := func(p string) bool { return p == inputApp }
	rest := func(p string) bool { return p != inputApp }
	a, b := shardOf(t, 1, 2, "never", app), shardOf(t, 2, 2, "never", rest)
	got, err := MergeWith([]string{"a.json", "b.json"}, []*Model{a, b}, MergeOptions{FailOn: "prohibited"})
	if err != nil {
		t.Fatal(err)
	}
	if got.FailOn != "prohibited" || got.Summary.Failing != 1 || got.Summary.Outcome != OutcomeFail || !got.Complete {
		t.Errorf("merge --fail-on prohibited over never shards: failOn %s summary %+v", got.FailOn, got.Summary)
	}
	if len(got.Basis.Merged) != 2 || got.Basis.Merged[0] != (MergedShard{Report: "a.json", Shard: "1/2", FailOn: "never"}) || got.Basis.Shard.Count != 0 {
		t.Errorf("merged basis %+v", got.Basis)
	}
	if err := validateReport(render(t, FormatJSON, got, RenderOptions{})); err != nil {
		t.Fatal(err)
	}

	_, err = MergeWith([]string{"a.json"}, []*Model{a}, MergeOptions{FailOn: "prohibited"})
	if err == nil || !strings.Contains(err.Error(), "1 of 2 given, missing 2/2") {
		t.Errorf("one of two shards: %v", err)
	}
	part, err := MergeWith([]string{"a.json"}, []*Model{a}, MergeOptions{FailOn: "never", AllowPartial: true})
	if err != nil || part.Complete || part.Summary.Outcome != OutcomeIncomplete || !strings.Contains(strings.Join(part.Summary.Gaps, ";"), "shard 2/2 missing") {
		t.Errorf("--allow-partial: %v %+v", err, part)
	}

	c := shardOf(t, 2, 3, "never", rest)
	if _, err := MergeWith([]string{"a.json", "c.json"}, []*Model{a, c}, MergeOptions{}); err == nil || !strings.Contains(err.Error(), "shards of different runs") {
		t.Errorf("shards of different counts: %v", err)
	}
	d := shardOf(t, 2, 2, "never", rest)
	d.Basis.InputSet = InputSet{SHA256: strings.Repeat("f", 64), Count: 9}
	if _, err := MergeWith([]string{"a.json", "d.json"}, []*Model{a, d}, MergeOptions{}); err == nil || !strings.Contains(err.Error(), "shards of different runs") {
		t.Errorf("shards of different input sets: %v", err)
	}
	e := shardOf(t, 1, 2, "never", rest)
	if _, err := MergeWith([]string{"a.json", "e.json"}, []*Model{a, e}, MergeOptions{}); err == nil || !strings.Contains(err.Error(), "both are shard 1/2") {
		t.Errorf("the same shard twice: %v", err)
	}
	u := shard(t, fixtureModel(), rest)
	if _, err := MergeWith([]string{"a.json", "u.json"}, []*Model{a, u}, MergeOptions{}); err == nil || !strings.Contains(err.Error(), "the other is not") {
		t.Errorf("a shard and an unsharded report: %v", err)
	}
}
