// Package reports renders an audit: the last step of
//
//	main → cli.Run → audit plan/execute → sbom.Decode → match → assess → policy → reports
//
// [NewModel] turns an audit.Result into one presentation [Model] — the
// exact shape of the JSON report (schema/report.schema.json), every list
// sorted, the derived summary, vendor view and "what is due when"
// deadlines computed once — and [WriteAll] renders it in each format the
// user asked for ([Formats] is the registry: table, JSON, SARIF, JUnit,
// CSV, Markdown, HTML, XLSX, GitHub and GitLab annotations). Renderers read
// the Model only: never SBOM bytes, never list data. [ReadJSON] reads a
// JSON report back (merge, --baseline) and [MergeWith] combines the
// reports of shards. The sentences several formats share are in
// wording.go.
//
// Core types: [Model], [Finding] (with its [Case]), [Summary], [Vendor],
// [Deadline], [Spec] (one -o FORMAT[=FILE]). A finding's component,
// entity, evidence and obligations are audit's own types.
package reports
