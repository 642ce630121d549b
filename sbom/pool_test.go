package sbom

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"
)

// TestConcurrentDecodesKeepApart: documents decoded at the same time, on
// buffers pooled across documents (raw element batches, hand-over
// batches), each see their own components, complete and in order, and
// a document's components stay intact after the next one reused the
// buffers.
func TestConcurrentDecodesKeepApart(t *testing.T) {
	docs := map[string][]byte{}
	for d := range 6 {
		var b bytes.Buffer
		name := fmt.Sprintf("doc%d", d)
		n := 200 + 700*d // some documents span several batches
		if d%2 == 0 {
			b.WriteString(`{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[`)
			for i := range n {
				if i > 0 {
					b.WriteByte(',')
				}
				fmt.Fprintf(&b, `{"type":"library","bom-ref":"r%d","name":"%s-c%d","version":"1","licenses":[{"license":{"id":"MIT"}}],"description":%q}`, i, name, i, strings.Repeat("d", i%300))
			}
			b.WriteString(`]}`)
		} else {
			b.WriteString(`{"spdxVersion":"SPDX-2.3","SPDXID":"SPDXRef-DOCUMENT","name":"x","packages":[`)
			for i := range n {
				if i > 0 {
					b.WriteByte(',')
				}
				fmt.Fprintf(&b, `{"SPDXID":"SPDXRef-p%d","name":"%s-c%d","licenseDeclared":"MIT","externalRefs":[{"referenceCategory":"PACKAGE-MANAGER","referenceType":"purl","referenceLocator":"pkg:npm/%s-c%d@1"},{"referenceCategory":"SECURITY","referenceType":"cpe23Type","referenceLocator":"cpe:2.3:a:%s:c%d:1:*:*:*:*:*:*:*"}]}`, i, name, i, name, i, name, i)
			}
			b.WriteString(`]}`)
		}
		docs[name] = b.Bytes()
	}
	var wg sync.WaitGroup
	for name, data := range docs {
		for range 3 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 5 {
					doc, err := Read(name, bytes.NewReader(data), Options{})
					if err != nil {
						t.Error(err)
						return
					}
					for i, c := range doc.Components {
						if want := fmt.Sprintf("%s-c%d", name, i); c.Name != want {
							t.Errorf("%s: component %d is %q, want %q", name, i, c.Name, want)
							return
						}
						if len(c.Licenses) != 1 || c.Licenses[0] != "MIT" {
							t.Errorf("%s: component %d has licences %q", name, i, c.Licenses)
							return
						}
						if strings.HasPrefix(string(doc.Format), "spdx") && (c.PURL != fmt.Sprintf("pkg:npm/%s-c%d@1", name, i) || len(c.CPEs) != 1 || !strings.Contains(c.CPEs[0].Value, fmt.Sprintf(":%s:c%d:", name, i))) {
							t.Errorf("%s: component %d has purl %q and CPEs %v", name, i, c.PURL, c.CPEs)
							return
						}
					}
				}
			}()
		}
	}
	wg.Wait()
}
