package vendorlists

import (
	"testing"
	"time"
)

func TestParseDueRule(t *testing.T) {
	tests := []struct {
		in      string
		want    DueRule
		wantErr bool
	}{
		{in: "business-days:3", want: DueRule{Kind: DueBusinessDays, Days: 3}},
		{in: "business-days:13", want: DueRule{Kind: DueBusinessDays, Days: 13}},
		{in: "annual:03-31", want: DueRule{Kind: DueAnnual, Month: time.March, Day: 31}},
		{in: "annual:02-29", want: DueRule{Kind: DueAnnual, Month: time.February, Day: 29}},
		{in: "business-days:0", wantErr: true},
		{in: "business-days:-2", wantErr: true},
		{in: "business-days:x", wantErr: true},
		{in: "annual:04-31", wantErr: true},
		{in: "annual:3-31", wantErr: true},
		{in: "weeks:2", wantErr: true},
		{in: "", wantErr: true},
	}
	for _, tt := range tests {
		got, err := ParseDueRule(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseDueRule(%q) = %+v, %v; want %+v, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestTypeLabel(t *testing.T) {
	tests := map[string]string{
		"List": "list", "PURLRule": "purl rule", "FalsePositive": "false positive",
		"PackageRule": "package rule", "Entity": "entity",
	}
	for in, want := range tests {
		if got := typeLabel(in); got != want {
			t.Errorf("typeLabel(%q) = %q, want %q", in, got, want)
		}
	}
}
