package reports

import (
	"fmt"
	"html/template"
	"io"
)

var casesHTML = template.Must(template.New("cases").Funcs(template.FuncMap{"inForce": inForceLine}).Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Compliance register as of {{.AsOf}}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#1b1b1b}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#f2f2f2}tr.overdue td.status{color:#a00;font-weight:bold}
td.ob{font-size:90%}.n{white-space:nowrap}.late{color:#a00;font-weight:bold}
@media print{body{margin:0}}
</style></head><body>
<h1>Compliance register</h1>
<p>Ledger {{.Ledger}} · {{.Filter}} · as of {{.AsOf}} · {{.Tool.Name}} {{.Tool.Version}}</p>
<p>{{len .Cases}} cases: {{.Counts.Open}} open, {{.Counts.Reported}} reported, {{.Counts.Resolved}} resolved, {{.Counts.Waived}} waived; <strong>{{.Counts.Overdue}} overdue</strong>.</p>
{{range .Warnings}}<p class="warning">Warning: {{.}}</p>{{end}}
{{if .Cases}}<table><thead><tr><th>Case</th><th>Status</th><th>Identified</th><th>Reported</th><th>Resolved</th><th>Subject</th><th>Entity</th><th>Component</th><th>Profiles</th><th>Obligations</th></tr></thead><tbody>
{{range .Cases}}<tr{{if .Overdue}} class="overdue"{{end}}><td class="n">{{.ID}}</td><td class="status n">{{.StatusLabel}}</td><td class="n">{{.Identified}}</td>
<td><span class="n">{{.Reported}}</span>{{if .ReportRef}}<br>{{.ReportRef}}{{end}}{{if .ReportedBy}}<br>by {{.ReportedBy}}{{end}}</td><td class="n">{{.Resolved}}</td>
<td>{{.Subject}}</td><td>{{.Entity}}{{if .EntityName}}<br>{{.EntityName}}{{end}}</td><td>{{.Component}} {{.Version}}</td><td>{{.ProfilesText}}</td>
<td class="ob">{{range .Obligations}}{{if .Due}}<div{{if or (eq .Status.State "passed") (eq .Status.State "overdue")}} class="late"{{end}} title="{{.Action}}">{{.Title}} {{.ID}}: due {{.Due}} ({{.Status.Text}})</div>{{end}}{{end}}{{with inForce .Obligations}}<div>{{.}}</div>{{end}}</td></tr>
{{end}}</tbody></table>
<p>Obligations with a due date are listed; prohibitions in force without one are counted. The JSON, CSV and XLSX registers give every obligation's action and citation.</p>{{end}}
<p><em>{{.Disclaimer}}</em></p>
</body></html>
`))

func renderCasesHTML(w io.Writer, r *CaseRegister, _ RenderOptions) error {
	return casesHTML.Execute(w, r)
}

// inForceLine counts the undated obligations in force (prohibitions), so
// that a row stays readable: "2 prohibitions in force".
func inForceLine(obs []Obligation) string {
	n := 0
	for _, o := range obs {
		if o.Due == "" && o.Status.State == "in-force" {
			n++
		}
	}
	switch n {
	case 0:
		return ""
	case 1:
		return "1 prohibition in force"
	}
	return fmt.Sprintf("%d prohibitions in force", n)
}
