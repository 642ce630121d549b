// Package policy applies a team's reviewed decisions to audit findings:
// waivers that name who approved them and expire, and baselines that let
// a pull request fail only on what it adds. Suppressed findings stay in
// every report, marked, and never trip --fail-on.
package policy

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Match selects findings; every field that is set must match.
type Match struct {
	// PURL is a package URL, exact, or a prefix ending in "*".
	PURL    string `yaml:"purl,omitempty" json:"purl,omitempty"`
	Name    string `yaml:"name,omitempty" json:"name,omitempty"`
	Version string `yaml:"version,omitempty" json:"version,omitempty"`
	// Entity is a listed entity id, e.g. "kaspersky".
	Entity string `yaml:"entity,omitempty" json:"entity,omitempty"`
	// SHA256 is the digest of the input SBOM.
	SHA256 string `yaml:"sha256,omitempty" json:"sha256,omitempty"`
	// Vendor and Product come from the --manifest.
	Vendor  string `yaml:"vendor,omitempty" json:"vendor,omitempty"`
	Product string `yaml:"product,omitempty" json:"product,omitempty"`
}

func (m Match) empty() bool { return m == Match{} }

// Waiver is one accountable exception.
type Waiver struct {
	ID       string `yaml:"id" json:"id"`
	Match    Match  `yaml:"match" json:"match"`
	Reason   string `yaml:"reason" json:"reason"`
	Approver string `yaml:"approver" json:"approver"`
	// Expires is the last day the waiver applies (YYYY-MM-DD).
	Expires string `yaml:"expires" json:"expires"`
	Ticket  string `yaml:"ticket,omitempty" json:"ticket,omitempty"`

	expires time.Time
	line    int
	source  string
}

// Where says where the waiver was defined, for messages.
func (w *Waiver) Where() string {
	if w.line > 0 {
		return fmt.Sprintf("%s:%d", w.source, w.line)
	}
	return w.source
}

// waiverFile is the top level of a waiver file.
type waiverFile struct {
	Waivers []yaml.Node `yaml:"waivers"`
}

// LoadWaivers reads a waiver file: a mapping with a "waivers" list.
func LoadWaivers(path string) ([]Waiver, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read waivers: %w", err)
	}
	return ParseWaivers(path, data)
}

// ParseWaivers decodes waivers strictly: an unknown key, a missing
// required field or a bad date is an error naming the file and the line.
func ParseWaivers(name string, data []byte) ([]Waiver, error) {
	var f waiverFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil // an empty file waives nothing
		}
		return nil, fmt.Errorf("waivers %s: %w", name, err)
	}
	return DecodeWaivers(name, f.Waivers)
}

// DecodeWaivers decodes waiver nodes (from a waiver file or the waivers:
// key of a configuration file) and validates each.
func DecodeWaivers(name string, nodes []yaml.Node) ([]Waiver, error) {
	var out []Waiver
	var errs []error
	seen := map[string]int{}
	for i := range nodes {
		w, err := decodeWaiver(name, &nodes[i])
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if prev, dup := seen[w.ID]; dup {
			errs = append(errs, fmt.Errorf("%s:%d: waiver id %q already used at line %d", name, w.line, w.ID, prev))
			continue
		}
		seen[w.ID] = w.line
		out = append(out, w)
	}
	return out, errors.Join(errs...)
}

func decodeWaiver(name string, n *yaml.Node) (Waiver, error) {
	var w Waiver
	if line, err := decodeKnown(n, &w); err != nil {
		return w, fmt.Errorf("%s:%d: waiver: %w", name, line, err)
	}
	w.line, w.source = n.Line, name
	var missing []string
	for field, v := range map[string]string{"id": w.ID, "reason": w.Reason, "approver": w.Approver, "expires": w.Expires} {
		if strings.TrimSpace(v) == "" {
			missing = append(missing, field)
		}
	}
	if len(missing) > 0 {
		return w, fmt.Errorf("%s:%d: waiver %q: missing required %s", name, n.Line, w.ID, strings.Join(sorted(missing), ", "))
	}
	if w.Match == (Match{PURL: "*"}) {
		return w, fmt.Errorf("%s:%d: waiver %q: match purl \"*\" alone covers every finding; name what the waiver covers (an entity, a purl prefix, a name...)", name, n.Line, w.ID)
	}
	if w.Match.empty() {
		return w, fmt.Errorf("%s:%d: waiver %q: match must set at least one of purl, name, version, entity, sha256, vendor, product", name, n.Line, w.ID)
	}
	t, err := time.Parse(time.DateOnly, w.Expires)
	if err != nil {
		return w, fmt.Errorf("%s:%d: waiver %q: expires %q is not a YYYY-MM-DD date", name, n.Line, w.ID, w.Expires)
	}
	w.expires = t
	return w, nil
}

// decodeKnown decodes a node refusing unknown keys (yaml.v3 checks known
// fields only through a Decoder, so the node is re-encoded). On error it
// returns the line in the original file the error is about.
func decodeKnown(n *yaml.Node, v any) (int, error) {
	data, err := yaml.Marshal(n)
	if err != nil {
		return n.Line, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		return reline(err, n.Line)
	}
	return 0, nil
}

// reline maps "line N: msg" in a re-encoded node's error to the line in
// the original file (the node starts at base; the copy at line 1).
func reline(err error, base int) (int, error) {
	msg := strings.TrimPrefix(err.Error(), "yaml: unmarshal errors:\n  ")
	var line int
	if _, scanErr := fmt.Sscanf(msg, "line %d:", &line); scanErr == nil {
		_, rest, _ := strings.Cut(msg, ":")
		return base + line - 1, errors.New(strings.TrimSpace(rest))
	}
	return base, errors.New(msg)
}

func sorted(s []string) []string {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
	return s
}
