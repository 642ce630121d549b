// Command decodebench decodes SBOM files with sbom.Decode, counting the
// components, and prints one line per file: path, format, components,
// bytes and seconds. scripts/bench-decode.sh times it against jq. With
// -xmlscan it runs a plain encoding/xml token scan instead, the floor for
// CycloneDX XML.
package main

import (
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"time"

	"github.com/embargo-sbom/embargo/sbom"
)

func main() {
	xmlScan := flag.Bool("xmlscan", false, "only scan XML tokens with encoding/xml")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile to this file")
	flag.Parse()
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "decodebench:", err)
			os.Exit(1)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(os.Stderr, "decodebench:", err)
			os.Exit(1)
		}
		defer pprof.StopCPUProfile()
	}
	status := 0
	for _, path := range flag.Args() {
		if err := run(path, *xmlScan); err != nil {
			fmt.Fprintf(os.Stderr, "decodebench: %s: %v\n", path, err)
			status = 1
		}
	}
	if status != 0 {
		pprof.StopCPUProfile()
		os.Exit(status)
	}
}

func run(path string, xmlScan bool) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	start := time.Now()
	if xmlScan {
		n, err := scanXML(f)
		if err != nil {
			return err
		}
		fmt.Printf("%s\txml-token-scan\t%d\t%d\t%.3f\n", path, n, info.Size(), time.Since(start).Seconds())
		return nil
	}
	count := 0
	doc, err := sbom.Decode(path, f, sbom.Options{}, func(c *sbom.Component) error {
		count++
		return nil
	})
	if err != nil {
		return err
	}
	fmt.Printf("%s\t%s\t%d\t%d\t%.3f\n", path, doc.Format, count, info.Size(), time.Since(start).Seconds())
	return nil
}

// scanXML counts <component> start elements with the standard decoder.
func scanXML(r io.Reader) (int, error) {
	dec := xml.NewDecoder(r)
	n := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "component" {
			n++
		}
	}
}
