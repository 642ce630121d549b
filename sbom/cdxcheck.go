package sbom

import (
	_ "embed"
	"fmt"
	"regexp"
	"strings"

	cdx "github.com/CycloneDX/cyclonedx-go"
)

// The checks here catch what makes a CycloneDX document invalid against
// its schema in ways that matter to an audit, without a full schema
// validation pass over every (possibly huge) input. Each problem becomes a
// warning on the input; decoding goes on.

//go:embed spdx-license-ids.txt
var spdxLicenseIDsText string

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

// cdxChecker collects warnings; licence ids are loaded once per check.
type cdxChecker struct {
	warnings []string
	licenses map[string]bool
}

func (k *cdxChecker) warnf(format string, args ...any) {
	k.warnings = addWarning(k.warnings, fmt.Sprintf(format, args...))
}

func checkCycloneDX(bom *cdx.BOM, specVersion string) []string {
	k := &cdxChecker{}
	if !knownCDXVersions[specVersion] {
		k.warnf("unknown CycloneDX spec version %q (namespace or specVersion); read as the latest", specVersion)
	}
	if bom.SerialNumber != "" && !serialNumberRE.MatchString(bom.SerialNumber) {
		k.warnf("serialNumber %q is not a urn:uuid RFC 4122 UUID", bom.SerialNumber)
	}
	if bom.Dependencies != nil {
		for i, d := range *bom.Dependencies {
			if d.Ref == "" {
				k.warnf("dependencies[%d] has no ref", i)
			}
		}
	}
	if bom.Metadata != nil && bom.Metadata.Component != nil {
		k.component(bom.Metadata.Component, "metadata.component")
	}
	if bom.Components != nil {
		k.components(*bom.Components, "components")
	}
	k.vulnerabilities(bom.Vulnerabilities)
	return k.warnings
}

func (k *cdxChecker) components(list []cdx.Component, path string) {
	for i := range list {
		p := fmt.Sprintf("%s[%d]", path, i)
		k.component(&list[i], p)
		if list[i].Components != nil {
			k.components(*list[i].Components, p+".components")
		}
	}
}

func (k *cdxChecker) component(c *cdx.Component, path string) {
	switch t := string(c.Type); {
	case t == "":
		k.warnf("%s (%s) has no type, which CycloneDX requires", path, c.Name)
	case !componentTypes[t]:
		k.warnf("%s (%s) has unknown type %q", path, c.Name, t)
	}
	if c.Version != "" && c.VersionRange != "" {
		k.warnf("%s (%s) has both version and versionRange", path, c.Name)
	}
	if c.Hashes != nil {
		for _, h := range *c.Hashes {
			if !hashAlgorithms[string(h.Algorithm)] {
				k.warnf("%s (%s) has a hash with unknown algorithm %q", path, c.Name, h.Algorithm)
			}
		}
	}
	k.licenseChoices(c.Licenses, path, c.Name)
}

func (k *cdxChecker) licenseChoices(ls *cdx.Licenses, path, name string) {
	if ls == nil {
		return
	}
	hasExpr, hasLicense := false, false
	for _, l := range *ls {
		hasExpr = hasExpr || l.Expression != ""
		hasLicense = hasLicense || l.License != nil
		if l.License != nil && l.License.ID != "" && !k.knownLicense(l.License.ID) {
			k.warnf("%s (%s) names unknown SPDX license id %q", path, name, l.License.ID)
		}
	}
	if hasExpr && hasLicense {
		k.warnf("%s (%s) mixes a license expression with license objects", path, name)
	}
}

func (k *cdxChecker) knownLicense(id string) bool {
	if k.licenses == nil {
		k.licenses = map[string]bool{}
		for _, line := range strings.Split(spdxLicenseIDsText, "\n") {
			if line != "" && !strings.HasPrefix(line, "#") {
				k.licenses[line] = true
			}
		}
	}
	return k.licenses[id]
}

var (
	analysisStates = map[string]bool{"": true, "resolved": true, "resolved_with_pedigree": true, "exploitable": true, "in_triage": true, "false_positive": true, "not_affected": true}
	justifications = map[string]bool{"": true, "code_not_present": true, "code_not_reachable": true, "requires_configuration": true, "requires_dependency": true, "requires_environment": true, "protected_by_compiler": true, "protected_at_runtime": true, "protected_at_perimeter": true, "protected_by_mitigating_control": true}
)

func (k *cdxChecker) vulnerabilities(vs *[]cdx.Vulnerability) {
	if vs == nil {
		return
	}
	for i, v := range *vs {
		if v.Analysis == nil {
			continue
		}
		if !analysisStates[string(v.Analysis.State)] {
			k.warnf("vulnerabilities[%d] (%s) has unknown analysis state %q", i, v.ID, v.Analysis.State)
		}
		if !justifications[string(v.Analysis.Justification)] {
			k.warnf("vulnerabilities[%d] (%s) has unknown analysis justification %q", i, v.ID, v.Analysis.Justification)
		}
	}
}
