package sbom

import (
	"strconv"
	"strings"
)

// SPDX files are kept for auditing when they carry a copyright or
// attribution text, and also when their names are those of binaries,
// libraries or installers: a bundled vendor SDK shows as a file
// (./lib/libhcnetsdk.so, bin/HCNetSDK.dll, dhnetsdk.dll) with no
// copyright, and the file name is what identifies it. The decision is by
// name alone, so that this package knows nothing of the vendor lists;
// the matcher decides what a kept name means.

// maxBinaryFiles bounds how many files are kept for their names alone:
// a kept file costs about 550 bytes of the whole process's peak (measured:
// an SPDX JSON document of a million shared objects peaks at 86 MiB
// against 32 MiB before such files were kept). Files beyond the bound are
// counted and named in a warning, so that nothing is dropped silently.
const maxBinaryFiles = 100_000

// binaryFiles keeps count of the files kept, or left out, for their names.
type binaryFiles struct {
	kept, dropped int
}

// keep reports whether a file with no copyright or attribution text is
// kept for its name.
func (b *binaryFiles) keep(name string) bool {
	if !isBinaryFileName(name) {
		return false
	}
	if b.kept >= maxBinaryFiles {
		b.dropped++
		return false
	}
	b.kept++
	return true
}

// warning says how many binary files were not kept, or "" if none.
func (b *binaryFiles) warning() string {
	if b.dropped == 0 {
		return ""
	}
	return strconv.Itoa(b.dropped) + " files named like binaries or libraries beyond the first " +
		strconv.Itoa(maxBinaryFiles) + " carry no copyright text and were not audited by their names"
}

// binaryExts are the extensions of executables, libraries, drivers,
// archives of code and installers, lower case, without the dot.
var binaryExts = map[string]bool{
	"dll": true, "so": true, "exe": true, "sys": true, "dylib": true, "a": true, "lib": true,
	"ocx": true, "drv": true, "cpl": true, "ko": true, "efi": true, "pyd": true, "node": true,
	"jar": true, "war": true, "ear": true, "aar": true, "apk": true, "ipa": true, "xapk": true,
	"msi": true, "msp": true, "msix": true, "appx": true, "cab": true, "deb": true, "rpm": true,
	"dmg": true, "pkg": true, "nupkg": true, "whl": true, "bin": true, "elf": true, "out": true,
}

// isBinaryFileName reports names of binaries and libraries, by the
// extension of the base name: "HCNetSDK.dll", "./lib/libhcnetsdk.so",
// "libdhnetsdk.so.3.2.1" (a versioned shared object), "kes_win.msi".
func isBinaryFileName(name string) bool {
	base := name[lastSep(name)+1:]
	dot := strings.LastIndexByte(base, '.')
	if dot <= 0 {
		return false
	}
	ext := base[dot+1:]
	if isDigits(ext) {
		// A versioned shared object: libx.so.6, libx.so.1.2.3.
		i := strings.Index(base, ".so.")
		return i > 0 && allVersion(base[i+len(".so."):])
	}
	if len(ext) > 5 {
		return false
	}
	var buf [5]byte
	for i := 0; i < len(ext); i++ {
		c := ext[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return binaryExts[string(buf[:len(ext)])]
}

func lastSep(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '/' || s[i] == '\\' {
			return i
		}
	}
	return -1
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// allVersion reports "6", "1.2.3": digits separated by dots.
func allVersion(s string) bool {
	for _, part := range strings.Split(s, ".") {
		if !isDigits(part) {
			return false
		}
	}
	return true
}
