package match

// fileNameSignal matches the base name of a component named by a path
// ("/opt/vms/lib/libhcnetsdk.so", "C:\VMS\HCNetSDK.dll") against the
// package rules, as an unknown ecosystem: tools list bundled SDK files by
// path, and the file name is what identifies the vendor's SDK.
type fileNameSignal struct{}

func (fileNameSignal) match(ix *index, t *target, hits []hit) []hit {
	c := t.Component
	if len(ix.anyPkg) == 0 {
		return hits
	}
	i := lastSlash(c.Name)
	if i < 0 || i == len(c.Name)-1 {
		return hits
	}
	rules := ix.appendPackages(nil, "", c.Name[i+1:], "", "")
	return packageHits(hits, rules, c, field("name"), c.Name)
}

// lastSlash is the index of the last slash or backslash in s, or -1: a byte loop,
// as strings.LastIndexAny builds a set on every call.
func lastSlash(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '/' || s[i] == '\\' {
			return i
		}
	}
	return -1
}
