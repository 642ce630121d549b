package reports

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// checkShards refuses reports that are not shards of one run, and an
// incomplete set of shards unless allowPartial; it returns the missing
// shards ("2/4"). Reports without a shard (not sharded) merge as before.
func checkShards(names []string, models []*Model, allowPartial bool) ([]string, error) {
	first := models[0].Basis
	var errs []error
	for i, m := range models {
		b := m.Basis
		if (b.Shard.Count > 0) != (first.Shard.Count > 0) {
			errs = append(errs, fmt.Errorf("cannot merge %s and %s: one is a shard of a sharded run, the other is not (%s)", names[0], names[i], shardLabel(b)))
			continue
		}
		if b.Shard.Count > 0 && (b.Shard.Count != first.Shard.Count || b.InputSet != first.InputSet) {
			errs = append(errs, fmt.Errorf("cannot merge %s and %s: shards of different runs (%s is shard %s of %d inputs, sha256:%s; %s is shard %s of %d inputs, sha256:%s)",
				names[0], names[i], names[0], first.Shard.Label(), first.InputSet.Count, orDash(first.InputSet.SHA256),
				names[i], b.Shard.Label(), b.InputSet.Count, orDash(b.InputSet.SHA256)))
		}
	}
	if err := errors.Join(errs...); err != nil || first.Shard.Count == 0 {
		return nil, err
	}
	have := map[int]string{}
	for i, m := range models {
		idx := m.Basis.Shard.Index
		if prev, dup := have[idx]; dup {
			errs = append(errs, fmt.Errorf("cannot merge %s and %s: both are shard %s", prev, names[i], m.Basis.Shard.Label()))
		}
		have[idx] = names[i]
	}
	var missing []string
	for i := 1; i <= first.Shard.Count; i++ {
		if _, ok := have[i]; !ok {
			missing = append(missing, fmt.Sprintf("%d/%d", i, first.Shard.Count))
		}
	}
	if len(missing) > 0 && !allowPartial {
		errs = append(errs, fmt.Errorf("incomplete set of shards: %d of %d given, missing %s (merge every shard, or use --allow-partial to merge these, marked incomplete)",
			len(have), first.Shard.Count, strings.Join(missing, ", ")))
	}
	return missing, errors.Join(errs...)
}

func shardLabel(b Basis) string {
	if b.Shard.Count == 0 {
		return "not sharded"
	}
	return "shard " + b.Shard.Label()
}

// mergedBasis is the first report's basis with the shard replaced by the
// list of shards merged.
func mergedBasis(names []string, models []*Model, missing []string) Basis {
	b := models[0].Basis.clone()
	b.Shard = ShardBasis{}
	b.Merged = nil
	for i, m := range models {
		// Reports of unsharded runs merge into what one run would give.
		if m.Basis.Shard.Count > 0 {
			b.Merged = append(b.Merged, MergedShard{Report: names[i], Shard: m.Basis.Shard.Label(), FailOn: m.Basis.Shard.FailOn})
		}
	}
	b.MissingShards = missing
	delete(b.Options, "shard")
	slices.SortFunc(b.Merged, func(x, y MergedShard) int {
		return cmp.Or(cmp.Compare(x.Shard, y.Shard), cmp.Compare(x.Report, y.Report))
	})
	return b
}
