// Package cli wires embargo's commands, flags and configuration to the
// sbom, audit and reports packages; it holds no audit logic of its own.
//
//	main → cli.Run → audit plan/execute → sbom.Decode → match → assess → policy → reports
//
// [Run] is the whole program behind main: it builds the cobra commands
// (audit, scan, merge, lists, config, version), reads the configuration
// file and the EMBARGO_ environment, and maps the error a command returns
// to the exit code in one place (exitCode). `audit` and `scan` share
// runAudit: planAudit validates every flag before any input is read and
// builds the audit.Plan (auditPlan.run); audit.Plan.Execute runs it; the
// result goes to reports.NewModel and reports.WriteAll; Result.Err is the
// exit code's error. `merge` reads JSON reports back and applies the same
// outcome rule (audit.Outcome).
package cli
