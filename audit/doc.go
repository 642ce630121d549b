// Package audit is an audit run: SBOMs in, findings with what the law
// requires out.
//
// The call chain of `embargo audit` (and `scan`):
//
//	main → cli.Run → audit plan/execute → sbom.Decode → match → assess → policy → reports
//
// cmd/embargo/cli builds a [Plan] (inputs expanded with sbom.ExpandInputs
// or a --manifest, sharded with [Shard], lists from [LoadLists], an
// [Auditor] from [New]) and calls [Plan.Execute]. Execute decodes the
// inputs in parallel, each once however often it is named (sbom.Decode
// streams the components), and audit/match attributes each component to
// the listed entities ([Attribution]: component, entity, evidence,
// category, confidence — true on any date and for any profile). A
// [Memory] (an audit ledger) is asked what it knows of each case
// ([CaseKey]: subject, component without version, entity); audit/assess
// then gives each attribution its verdict on the as-of date and its
// obligations dated from the case's identification, making a [Finding].
// The [Policy] (audit/policy: waivers, baseline) suppresses what a team
// decided; the Memory records the run; [Decide] is the one rule for
// pass, fail and incomplete. The [Result] goes to reports.NewModel.
//
// Core types: [Plan], [Result] (inputs as [InputResult], findings as
// [Finding] with their [Case]), [Auditor], [Memory] and [CaseState].
// Evidence, ComponentRef, EntityRef and Confidence are audit/match's;
// Verdict, Obligation and Citation are audit/assess's, re-exported here.
package audit
