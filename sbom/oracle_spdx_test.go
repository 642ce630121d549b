package sbom

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The SPDX differential tests compare the streaming decoders with an older
// decoder that shares their agent and reference parsing, so a bug there
// would agree with itself. These expectations are written by hand from the
// fixtures in testdata/oracle (one document in JSON, YAML, tag-value and RDF/XML),
// which carry what the planted fixtures lack: e-mail addresses in both SPDX
// spellings, Person and Tool agents, NOASSERTION and NONE, and CPE 2.2
// beside CPE 2.3.

type agentWant struct{ kind, name, email string }

type spdxWant struct {
	supplier, originator *agentWant
	copyright, purl      string
	cpes                 []string // value, in document order
}

var spdxOracle = map[string]spdxWant{
	"SPDXRef-app": {
		supplier:   &agentWant{"Organization", "Acme Networks Inc.", "security@acme.example"},
		originator: &agentWant{"Person", "Jane Roe", "jane.roe@acme.example"},
		copyright:  "Copyright 2024 Acme Networks Inc.",
		purl:       "pkg:generic/acme/gateway@5.2",
	},
	"SPDXRef-engine": {
		supplier:   &agentWant{"Organization", "Kaspersky Lab ZAO", "oem@kaspersky.example"},
		originator: &agentWant{"Organization", "AO Kaspersky Lab", ""},
		copyright:  "(c) 1997-2024 AO Kaspersky Lab",
		purl:       "pkg:generic/kaspersky/avengine@8.0.3?arch=x86_64",
		cpes: []string{
			"cpe:/a:kaspersky:anti-virus_engine:8.0.3",
			"cpe:2.3:a:kaspersky:anti-virus_engine:8.0.3:*:*:*:*:*:*:*",
		},
	},
	"SPDXRef-tool": {
		supplier: &agentWant{"Tool", "builder-3.1", ""},
	},
	"SPDXRef-person": {
		supplier: &agentWant{"Person", "John Doe", "john@doe.example"},
		cpes:     []string{"cpe:/a:doe:helper:0.9"},
	},
}

func TestSPDXFieldsAgainstHandWrittenOracle(t *testing.T) {
	for _, name := range []string{"agents.spdx.json", "agents.spdx.yaml", "agents.spdx", "agents.spdx.rdf"} {
		t.Run(name, func(t *testing.T) {
			doc, err := ReadFile(filepath.Join("testdata", "oracle", name), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(doc.Components) != len(spdxOracle) {
				t.Fatalf("%d components, want %d", len(doc.Components), len(spdxOracle))
			}
			for _, c := range doc.Components {
				want, ok := spdxOracle[c.Ref]
				if !ok {
					t.Errorf("unexpected component %q", c.Ref)
					continue
				}
				checkAgent(t, c.Ref+" supplier", c.Supplier, want.supplier)
				checkAgent(t, c.Ref+" originator", c.Originator, want.originator)
				if c.Copyright != want.copyright {
					t.Errorf("%s copyright = %q, want %q", c.Ref, c.Copyright, want.copyright)
				}
				if c.PURL != want.purl {
					t.Errorf("%s purl = %q, want %q", c.Ref, c.PURL, want.purl)
				}
				var cpes []string
				for _, x := range c.CPEs {
					cpes = append(cpes, x.Value)
					if x.Generated {
						t.Errorf("%s: a CPE the SBOM states is marked generated: %+v", c.Ref, x)
					}
				}
				if !slices.Equal(cpes, want.cpes) {
					t.Errorf("%s cpes = %q, want %q", c.Ref, cpes, want.cpes)
				}
			}
		})
	}
}

func checkAgent(t *testing.T, what string, got *Organization, want *agentWant) {
	t.Helper()
	switch {
	case want == nil && got == nil:
		return
	case want == nil:
		t.Errorf("%s = %+v, want none (NOASSERTION, NONE or absent)", what, got)
		return
	case got == nil:
		t.Errorf("%s missing, want %+v", what, *want)
		return
	}
	if got.Kind != want.kind || got.Name != want.name {
		t.Errorf("%s = %s %q, want %s %q", what, got.Kind, got.Name, want.kind, want.name)
	}
	emails := strings.Join(got.Emails, ",")
	if emails != want.email {
		t.Errorf("%s e-mails = %q, want %q", what, emails, want.email)
	}
	if want.email != "" && (len(got.Contact) != 1 || got.Contact[0].Email != want.email || got.Contact[0].Name != want.name) {
		t.Errorf("%s contact = %+v, want %s <%s>", what, got.Contact, want.name, want.email)
	}
}
