package sbom

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// ErrInvalidSBOM is returned for content that declares itself an SBOM (a
// bomFormat or spdxVersion key, a CycloneDX <bom> root) whose declaration
// is broken: a wrong value or type. Unlike ErrNotSBOM it is never skipped
// by a directory walk: it was meant to be audited, so it fails.
var ErrInvalidSBOM = errors.New("invalid SBOM")

var (
	cdxSpecVersionRE  = regexp.MustCompile(`^1\.[0-9]+$`)
	spdxVersionWantRE = regexp.MustCompile(`^SPDX-[0-9]+\.[0-9]+$`)
)

// invalid checks the keys by which a JSON document declares its format:
// nil when there is no declaration or it is well formed.
func (k *jsonKeys) invalid() error {
	if k.rawBOMFormat != "" {
		if !strings.EqualFold(k.bomFormat, "CycloneDX") {
			return declaredErr("bomFormat", k.rawBOMFormat, `"CycloneDX"`)
		}
		if k.rawSpecVersion != "" && !cdxSpecVersionRE.MatchString(k.specVersionString()) {
			return declaredErr("specVersion", k.rawSpecVersion, `a CycloneDX version such as "1.6"`)
		}
	}
	if k.rawSPDXVersion != "" && !spdxVersionWantRE.MatchString(k.spdxVersion) {
		return declaredErr("spdxVersion", k.rawSPDXVersion, `an SPDX version such as "SPDX-2.3"`)
	}
	return nil
}

// specVersionString is the specVersion when it is a JSON string, else "".
func (k *jsonKeys) specVersionString() string {
	raw := k.rawSpecVersion
	if len(raw) >= 2 && raw[0] == '"' && raw[len(raw)-1] == '"' && !strings.Contains(raw, `\`) {
		return raw[1 : len(raw)-1]
	}
	return ""
}

// declaredErr says what a declaring field holds and what it should.
func declaredErr(field, raw, want string) error {
	return fmt.Errorf("%w: %s holds %s (%s), want %s", ErrInvalidSBOM, field, shortRaw(raw), jsonKind(raw), want)
}

func jsonKind(raw string) string {
	switch {
	case raw == "":
		return "nothing"
	case raw[0] == '"':
		return "a string"
	case raw[0] == '{':
		return "an object"
	case raw[0] == '[':
		return "an array"
	case raw == "true" || raw == "false":
		return "a boolean"
	case raw == "null":
		return "null"
	}
	return "a number"
}

func shortRaw(raw string) string {
	const max = 80
	if len(raw) > max {
		return raw[:max] + "..."
	}
	return raw
}
