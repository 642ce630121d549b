package vendorlists

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// Parse decodes and validates one list. name labels errors (usually the file
// name): every error says name:line: what is wrong, and with which key.
func Parse(name string, data []byte) (*List, error) {
	root, err := parseOneDocument(name, data)
	if err != nil {
		return nil, err
	}
	if len(root.Content) == 0 {
		return nil, fmt.Errorf("%s: empty list file", name)
	}
	if doc := root.Content[0]; doc.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d: a list file must be a YAML mapping", name, doc.Line)
	}
	// The shape check runs first because the decoder's own errors name
	// neither the key nor, for custom types, always the line; it also
	// refuses unknown keys, so the list is decoded from the same tree
	// rather than parsed a second time with KnownFields (which was half
	// of every run's start).
	c := shapeChecker{file: name, lines: map[string]int{}}
	c.check(root.Content[0], reflect.TypeFor[List](), "", "", "list")
	if err := errors.Join(c.errs...); err != nil {
		return nil, err
	}
	l := new(List)
	if err := root.Decode(l); err != nil {
		return nil, yamlError(name, err)
	}
	sum := sha256.Sum256(data)
	l.SHA256 = hex.EncodeToString(sum[:])
	l.raw = data
	l.Origin = name
	l.lines = c.lines
	if err := l.Validate(); err != nil {
		return nil, err
	}
	return l, nil
}

// Load reads and parses the list file at path.
func Load(path string) (*List, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read vendor list: %w", err)
	}
	return Parse(path, data)
}

// parseOneDocument parses data, which must hold exactly one YAML
// document, into a tree.
func parseOneDocument(name string, data []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var root yaml.Node
	if err := dec.Decode(&root); err != nil {
		if errors.Is(err, io.EOF) {
			return &root, nil // empty: the caller says so
		}
		return nil, yamlError(name, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: want exactly one YAML document", name)
	}
	return &root, nil
}

var yamlLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// yamlError rewrites yaml.v3's "line N: msg" errors as "name:N: msg".
func yamlError(name string, err error) error {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		errs := make([]error, 0, len(te.Errors))
		for _, e := range te.Errors {
			errs = append(errs, lineError(name, e))
		}
		return errors.Join(errs...)
	}
	return lineError(name, err.Error())
}

func lineError(name, msg string) error {
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		return fmt.Errorf("%s:%s: %s", name, m[1], m[2])
	}
	return fmt.Errorf("%s: %s", name, strings.TrimPrefix(msg, "yaml: "))
}
