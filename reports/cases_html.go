package reports

import (
	"html/template"
	"io"
)

var casesHTML = template.Must(template.New("cases").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Compliance register as of {{.AsOf}}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#1b1b1b}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#f2f2f2}tr.overdue td.status{color:#a00;font-weight:bold}
td.ob{font-size:90%}@media print{body{margin:0}}
</style></head><body>
<h1>Compliance register</h1>
<p>Ledger {{.Ledger}} · {{.Filter}} · as of {{.AsOf}} · {{.Tool.Name}} {{.Tool.Version}}</p>
<p>{{len .Cases}} cases: {{.Counts.Open}} open, {{.Counts.Reported}} reported, {{.Counts.Resolved}} resolved, {{.Counts.Waived}} waived; <strong>{{.Counts.Overdue}} overdue</strong>.</p>
{{range .Warnings}}<p class="warning">Warning: {{.}}</p>{{end}}
{{if .Cases}}<table><thead><tr><th>Case</th><th>Status</th><th>Identified</th><th>Reported</th><th>Resolved</th><th>Subject</th><th>Entity</th><th>Component</th><th>Obligations</th></tr></thead><tbody>
{{range .Cases}}<tr{{if .Overdue}} class="overdue"{{end}}><td>{{.ID}}</td><td class="status">{{.StatusLabel}}</td><td>{{.Identified}}</td>
<td>{{.Reported}}{{if .ReportRef}}<br>{{.ReportRef}}{{end}}{{if .ReportedBy}}<br>by {{.ReportedBy}}{{end}}</td><td>{{.Resolved}}</td>
<td>{{.Subject}}</td><td>{{.Entity}}{{if .EntityName}}<br>{{.EntityName}}{{end}}</td><td>{{.Component}} {{.Version}}</td>
<td class="ob">{{range .Obligations}}<div>{{.Citation}}: {{.Action}}{{if .Due}} — due {{.Due}}{{end}}{{if .Status.Text}} ({{.Status.Text}}){{end}}</div>{{end}}</td></tr>
{{end}}</tbody></table>{{end}}
<p><em>{{.Disclaimer}}</em></p>
</body></html>
`))

func renderCasesHTML(w io.Writer, r *CaseRegister, _ RenderOptions) error {
	return casesHTML.Execute(w, r)
}
