package vendorlists

import _ "embed"

//go:embed schema/vendorlist.schema.json
var schemaJSON []byte

// Schema returns the JSON Schema (draft 2020-12) of the list format, for
// editors and for validating lists written by hand.
func Schema() []byte {
	return append([]byte(nil), schemaJSON...)
}
