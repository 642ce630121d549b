package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"
	"gopkg.in/yaml.v3"

	"github.com/embargo-sbom/embargo/reports"
	"github.com/embargo-sbom/embargo/sbom"
)

// envPrefix prefixes every environment variable: EMBARGO_FAIL_ON sets
// fail-on ("." and "-" become "_").
const envPrefix = "EMBARGO"

// source says where an effective setting came from, for `embargo config`.
type source struct {
	Kind   string // "flag", "env", "file" or "default"
	Detail string // the flag, variable or file
}

// settings resolves every flag of a command with the precedence
// flag > environment > configuration file > default, and remembers where
// each value came from.
type settings struct {
	file string
	// data and doc are the configuration file as read, once: every key,
	// inline list, line number and digest comes from these bytes.
	data    []byte
	doc     *yaml.Node
	sources map[string]source
	// explicit is true when the file was named (-c or EMBARGO_CONFIG).
	explicit bool
	// values are the effective values of every setting, as text.
	values map[string]string
}

// configCandidates lists the files looked for when -c is not given, in
// order: the first that exists is used.
func configCandidates(env *environment) []string {
	c := []string{".embargo.yaml", filepath.Join(".embargo", "config.yaml")}
	if home := env.getenv("HOME"); home != "" {
		c = append(c, filepath.Join(home, ".embargo.yaml"))
	}
	xdg := env.getenv("XDG_CONFIG_HOME")
	if xdg == "" && env.getenv("HOME") != "" {
		xdg = filepath.Join(env.getenv("HOME"), ".config")
	}
	if xdg != "" {
		c = append(c, filepath.Join(xdg, "embargo", "config.yaml"))
	}
	return c
}

// findConfig returns the explicit file (which must exist) or the first
// candidate that exists, or "" for none.
func findConfig(env *environment, explicit string) (string, error) {
	if explicit == "" {
		explicit = env.getenv(envPrefix + "_CONFIG")
	}
	if explicit != "" {
		if _, err := os.Stat(explicit); err != nil {
			return "", &usageError{msg: fmt.Sprintf("config %s: %v", explicit, sbom.UnwrapPathError(err))}
		}
		return explicit, nil
	}
	for _, c := range configCandidates(env) {
		if info, err := os.Stat(c); err == nil && !info.IsDir() {
			return c, nil
		}
	}
	return "", nil
}

// envName is the environment variable for a key.
func envName(key string) string {
	return envPrefix + "_" + strings.ToUpper(strings.NewReplacer(".", "_", "-", "_").Replace(key))
}

// loadSettings applies the environment and the configuration file to the
// flags the user did not set. extraKeys are file-only keys (not flags).
func loadSettings(env *environment, flags *pflag.FlagSet, explicit string, extraKeys ...string) (*settings, *viper.Viper, error) {
	file, err := findConfig(env, explicit)
	if err != nil {
		return nil, nil, err
	}
	v := viper.New()
	s := &settings{file: file, sources: map[string]source{}, explicit: explicit != "" || env.getenv(envPrefix+"_CONFIG") != ""}
	if file != "" {
		if s.data, s.doc, err = readConfig(file); err != nil {
			return nil, nil, err
		}
		if err := checkConfigKeys(file, s.doc, knownKeys(flags, extraKeys)); err != nil {
			return nil, nil, err
		}
		v.SetConfigType("yaml")
		if err := v.ReadConfig(bytes.NewReader(s.data)); err != nil {
			return nil, nil, &usageError{msg: fmt.Sprintf("config %s: %v", file, err)}
		}
	}
	var errs []error
	flags.VisitAll(func(f *pflag.Flag) {
		if f.Name == "config" || f.Name == "help" {
			return
		}
		if err := s.resolve(env, v, flags, f); err != nil {
			errs = append(errs, err)
		}
	})
	s.values = flagValues(flags)
	return s, v, errors.Join(errs...)
}

func (s *settings) resolve(env *environment, v *viper.Viper, flags *pflag.FlagSet, f *pflag.Flag) error {
	name := f.Name
	if f.Changed {
		s.sources[name] = source{"flag", "--" + name}
		return nil
	}
	if val, ok := env.lookupEnv(envName(name)); ok {
		s.sources[name] = source{"env", envName(name)}
		return setFlag(flags, f, splitEnvList(f, val), "environment "+envName(name))
	}
	if v.InConfig(name) {
		s.sources[name] = source{"file", s.file}
		if _, inline := v.Get(name).([]any); inline && !isList(f) {
			return nil // e.g. waivers: given inline as a list, read by its command
		}
		return setFlag(flags, f, configValues(v, f), "config "+s.file+" key "+name)
	}
	s.sources[name] = source{"default", ""}
	return nil
}

func isList(f *pflag.Flag) bool {
	return strings.HasSuffix(f.Value.Type(), "Array") || strings.HasSuffix(f.Value.Type(), "Slice")
}

// splitEnvList splits a list from the environment on commas.
func splitEnvList(f *pflag.Flag, val string) []string {
	if !isList(f) {
		return []string{val}
	}
	var out []string
	for _, p := range strings.Split(val, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func configValues(v *viper.Viper, f *pflag.Flag) []string {
	if isList(f) {
		return v.GetStringSlice(f.Name)
	}
	if t, ok := v.Get(f.Name).(time.Time); ok {
		return []string{t.Format(time.DateOnly)} // YAML reads a bare date as a timestamp
	}
	return []string{v.GetString(f.Name)}
}

func setFlag(flags *pflag.FlagSet, f *pflag.Flag, values []string, from string) error {
	if isList(f) && len(values) == 0 {
		if r, ok := f.Value.(pflag.SliceValue); ok {
			return r.Replace(nil)
		}
	}
	for _, val := range values {
		if err := flags.Set(f.Name, val); err != nil {
			return &usageError{msg: fmt.Sprintf("%s: %v", from, err)}
		}
	}
	return nil
}

func knownKeys(flags *pflag.FlagSet, extra []string) map[string]bool {
	keys := map[string]bool{}
	flags.VisitAll(func(f *pflag.Flag) { keys[f.Name] = true })
	delete(keys, "config")
	delete(keys, "help")
	for _, k := range extra {
		keys[k] = true
	}
	return keys
}

// readConfig reads and parses the configuration file, once.
func readConfig(file string) ([]byte, *yaml.Node, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, nil, &usageError{msg: fmt.Sprintf("config %s: %v", file, sbom.UnwrapPathError(err))}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, nil, &usageError{msg: fmt.Sprintf("config %s: %v", file, err)}
	}
	return data, &doc, nil
}

// checkConfigKeys refuses a configuration file with a key embargo does
// not know, naming the key and its line: a typo must not silently drop a
// policy setting.
func checkConfigKeys(file string, doc *yaml.Node, known map[string]bool) error {
	if len(doc.Content) == 0 {
		return nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return &usageError{msg: fmt.Sprintf("config %s:%d: the top level must be a mapping of settings", file, root.Line)}
	}
	var unknown []string
	for i := 0; i+1 < len(root.Content); i += 2 {
		k := root.Content[i]
		if !known[k.Value] {
			unknown = append(unknown, fmt.Sprintf("%s:%d: unknown key %q", file, k.Line, k.Value))
		}
	}
	if len(unknown) > 0 {
		names := make([]string, 0, len(known))
		for k := range known {
			names = append(names, k)
		}
		sort.Strings(names)
		return &usageError{msg: fmt.Sprintf("config %s (known keys: %s)", strings.Join(unknown, "; "), strings.Join(names, ", "))}
	}
	return nil
}

// inlineList returns the YAML nodes of a top-level key of the config file
// whose value is a list (e.g. inline waivers), or nil.
func (s *settings) inlineList(key string) []yaml.Node {
	n := s.topLevel(key)
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	out := make([]yaml.Node, len(n.Content))
	for i, c := range n.Content {
		out[i] = *c
	}
	return out
}

// topLevel is the value of a top-level key of the configuration file, nil
// when absent; keyLine is the key's line, 0 when absent.
func (s *settings) topLevel(key string) *yaml.Node {
	_, v := s.topLevelKey(key)
	return v
}

func (s *settings) keyLine(key string) int {
	if k, _ := s.topLevelKey(key); k != nil {
		return k.Line
	}
	return 0
}

func (s *settings) topLevelKey(key string) (*yaml.Node, *yaml.Node) {
	if s.doc == nil || len(s.doc.Content) == 0 || s.doc.Content[0].Kind != yaml.MappingNode {
		return nil, nil
	}
	root := s.doc.Content[0]
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == key {
			return root.Content[i], root.Content[i+1]
		}
	}
	return nil, nil
}

// fileDigest is the digest of the configuration file's bytes as read.
func (s *settings) fileDigest() reports.FileDigest {
	return reports.FileDigest{Path: s.file, SHA256: sha256Hex(s.data)}
}
