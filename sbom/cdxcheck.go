package sbom

import (
	_ "embed"
	"regexp"
	"strings"
	"sync"
)

// The checks here catch what makes a CycloneDX document invalid against
// its schema in ways that matter to an audit, without a full schema
// validation pass over every (possibly huge) input. Each problem becomes a
// warning on the input; decoding goes on. They run on each component as
// it streams past.

//go:embed spdx-license-ids.txt
var spdxLicenseIDsText string

// spdxLicenseIDs is the immutable set of SPDX licence ids, built on first
// use.
var spdxLicenseIDs = sync.OnceValue(func() map[string]bool {
	ids := map[string]bool{}
	for _, line := range strings.Split(spdxLicenseIDsText, "\n") {
		if line != "" && !strings.HasPrefix(line, "#") {
			ids[line] = true
		}
	}
	return ids
})

// knownCDXVersions are the CycloneDX versions embargo reads.
var knownCDXVersions = map[string]bool{"1.0": true, "1.1": true, "1.2": true, "1.3": true, "1.4": true, "1.5": true, "1.6": true, "1.7": true}

var serialNumberRE = regexp.MustCompile(`^urn:uuid:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\})$`)

var componentTypes = map[string]bool{
	"application": true, "framework": true, "library": true, "container": true, "platform": true,
	"operating-system": true, "device": true, "device-driver": true, "firmware": true, "file": true,
	"machine-learning-model": true, "data": true, "cryptographic-asset": true,
}

var hashAlgorithms = map[string]bool{
	"MD5": true, "SHA-1": true, "SHA-256": true, "SHA-384": true, "SHA-512": true, "SHA3-256": true,
	"SHA3-384": true, "SHA3-512": true, "BLAKE2b-256": true, "BLAKE2b-384": true, "BLAKE2b-512": true,
	"BLAKE3": true, "STREEBOG-256": true, "STREEBOG-512": true,
}

var (
	analysisStates = map[string]bool{"": true, "resolved": true, "resolved_with_pedigree": true, "exploitable": true, "in_triage": true, "false_positive": true, "not_affected": true}
	justifications = map[string]bool{"": true, "code_not_present": true, "code_not_reachable": true, "requires_configuration": true, "requires_dependency": true, "requires_environment": true, "protected_by_compiler": true, "protected_at_runtime": true, "protected_at_perimeter": true, "protected_by_mitigating_control": true}
)

// Warning groups of a CycloneDX document, in the order they are reported.
const (
	cdxWarnVersion = iota
	cdxWarnSerial
	cdxWarnDependencies
	cdxWarnSubject
	cdxWarnComponents
	cdxWarnVulnerabilities
	cdxWarnTimestamp
	cdxWarnDedupMetadata
	cdxWarnDedupComponents
	cdxWarnEmpty
	cdxWarnLate
	cdxWarnGroups
)

// checkComponent checks one component (not its children) at path, e.g.
// "components[3].components[0]", into group g.
func (s *cdxState) checkComponent(c *cdxComp, path string, g int) {
	switch t := c.Type; {
	case t == "":
		s.warn.addf(g, "%s (%s) has no type, which CycloneDX requires", path, c.Name)
	case !componentTypes[t]:
		s.warn.addf(g, "%s (%s) has unknown type %q", path, c.Name, t)
	}
	if c.Version != "" && c.VersionRange != "" {
		s.warn.addf(g, "%s (%s) has both version and versionRange", path, c.Name)
	}
	for _, h := range c.Hashes {
		if !hashAlgorithms[h.Alg] {
			s.warn.addf(g, "%s (%s) has a hash with unknown algorithm %q", path, c.Name, h.Alg)
		}
	}
	if c.Licenses == nil {
		return
	}
	hasExpr, hasLicense := false, false
	for _, l := range c.Licenses {
		hasExpr = hasExpr || l.Expression != ""
		hasLicense = hasLicense || l.License != nil
		if l.License != nil && l.License.ID != "" && !spdxLicenseIDs()[l.License.ID] {
			s.warn.addf(g, "%s (%s) names unknown SPDX license id %q", path, c.Name, l.License.ID)
		}
	}
	if hasExpr && hasLicense {
		s.warn.addf(g, "%s (%s) mixes a license expression with license objects", path, c.Name)
	}
}

func (s *cdxState) checkVulnerability(i int, id, state, justification string) {
	if !analysisStates[state] {
		s.warn.addf(cdxWarnVulnerabilities, "vulnerabilities[%d] (%s) has unknown analysis state %q", i, id, state)
	}
	if !justifications[justification] {
		s.warn.addf(cdxWarnVulnerabilities, "vulnerabilities[%d] (%s) has unknown analysis justification %q", i, id, justification)
	}
}
