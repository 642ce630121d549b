package match

import "github.com/embargo-sbom/embargo/sbom"

// Provenance phrases: words that, before an entity's name in free text,
// say the component comes from the entity ("powered by", "licensed from",
// "signatures from"), as opposed to text that only cites or compares
// against it ("according to Kaspersky research", "unlike Kaspersky").

// provenanceCues are word sequences that must end at most cueReach words
// before the entity's name.
var provenanceCues = [][]string{
	{"produced", "by"}, {"supplied", "by"}, {"powered", "by"}, {"developed", "by"},
	{"made", "by"}, {"manufactured", "by"}, {"provided", "by"}, {"built", "by"},
	{"licensed", "from"}, {"licenced", "from"}, {"sourced", "from"}, {"obtained", "from"},
	{"signatures", "from"}, {"signature", "from"}, {"definitions", "from"}, {"databases", "from"},
	{"updates", "from"}, {"engine", "from"}, {"engine", "by"}, {"sdk", "from"}, {"technology", "from"},
	{"bundles"}, {"bundled"}, {"bundling"}, {"embeds"}, {"embedded"}, {"embedding"},
	{"incorporates"}, {"redistributes"},
	{"oem"}, {"white", "label"}, {"white", "labelled"}, {"white", "labeled"}, {"rebranded"},
	{"built", "on"}, {"based", "on"},
	{"delivered", "by"}, {"distributed", "by"}, {"licensed", "by"}, {"virus", "by"}, {"malware", "by"},
	{"protection", "by"}, {"scanning", "by"}, {"uses"}, {"using"}, {"includes"}, {"including"}, {"contains"},
	{"ships"}, {"integrates"}, {"wrapper", "around"}, {"wraps"}, {"interface", "to"},
}

// postCues follow the name: "Kaspersky-powered", "Kaspersky inside".
var postCues = map[string]bool{"powered": true, "based": true, "inside": true, "oem": true}

// needsEngine are the last words of cues that say only how a component
// stands to something: "based on", "built on", "wrapper around", "wraps",
// "interface to". The something must be the entity's engine, SDK or
// code: "a wrapper around Kaspersky's scan engine", not "based on
// Kaspersky research".
var needsEngine = map[string]bool{"on": true, "around": true, "wraps": true, "to": true}

// engineWords must follow the entity's name for the cues that only say
// "based on" or "built on": "based on the Kaspersky engine", not "based
// on Kaspersky research".
var engineWords = map[string]bool{
	"engine": true, "engines": true, "sdk": true, "technology": true, "technologies": true,
	"core": true, "scanner": true, "scanning": true, "antivirus": true, "anti": true,
	"av": true, "library": true, "libraries": true, "signatures": true, "databases": true,
	"code": true, "kernel": true, "os": true, "platform": true,
}

// citeWords say the text only cites or compares against the entity; one
// of them between the cue and the name, or right after it, keeps the
// text a mention.
var citeWords = map[string]bool{
	"research": true, "researchers": true, "report": true, "reports": true, "reported": true,
	"according": true, "blog": true, "analysis": true, "study": true, "paper": true,
	"compared": true, "compare": true, "comparison": true, "versus": true, "vs": true,
	"unlike": true, "than": true, "alternative": true, "replacement": true, "replaces": true,
	"instead": true, "benchmark": true, "benchmarks": true, "securelist": true, "published": true,
	"disclosed": true, "described": true, "documented": true, "found": true, "discovered": true,
	"great": true, "test": true, "tests": true,
	// A name followed by these is a file, an API or a client of the
	// entity's product, not the product: "kaspersky_av.lua", "Kaspersky
	// API client".
	"lua": true, "py": true, "js": true, "sh": true, "rb": true, "pl": true, "ps1": true,
	"api": true, "client": true, "cli": true, "connector": true, "plugin": true, "exporter": true,
	"integration": true, "logs": true, "events": true,
}

// cueReach is how many words may stand between a cue and the name ("powered
// by the award-winning Kaspersky engine").
const cueReach = 4

// provenanceHits finds the entity's names in free text: after a
// provenance phrase they need review, as a possible integration of the
// entity's code; anywhere else they are a mention.
func provenanceHits(ix *index, c *sbom.Component, hits []hit, sig string, fp fieldPath, value string) []hit {
	if value == "" || !ix.first.mayMatch(value) {
		return hits
	}
	toks := Tokens(value)
	for i, t := range toks {
		for _, p := range ix.phrases[t] {
			if !allPhrases.accepts(p) || !hasWordsAt(toks, i, p.toks) {
				continue
			}
			ro, cat := roleMention, integrationCategory
			if hasProvenanceCue(toks, i, i+len(p.toks)) {
				ro = roleProvenance
			}
			if k := hitFor(hits, p.rule, fp); k >= 0 {
				if ro == roleProvenance && hits[k].role == roleMention {
					hits[k].role, hits[k].cat = ro, cat
				}
				continue
			}
			n := len(hits)
			hits = addHits(hits, []*rule{p.rule}, c, sig, fp, value, ro, false)
			if ro == roleProvenance {
				hits[n].cat = cat
			}
		}
	}
	return hits
}

// hitFor returns the index of the hit already made for rule r on field
// fp, or -1: a name found twice in one text counts once, as a provenance
// if either sighting is one.
func hitFor(hits []hit, r *rule, fp fieldPath) int {
	name := fp.String()
	for i := range hits {
		if hits[i].rule == r && hits[i].ev.Field == name {
			return i
		}
	}
	return -1
}

// hasProvenanceCue reports a cue ending at most cueReach words before
// the name at toks[start:end], with no citing word in between or right
// after the name.
func hasProvenanceCue(toks []string, start, end int) bool {
	for j := end; j < len(toks) && j < end+2; j++ {
		if citeWords[toks[j]] {
			return false
		}
	}
	if end < len(toks) && postCues[toks[end]] {
		return true
	}
	for gap := 0; gap <= cueReach; gap++ {
		cueEnd := start - gap // the cue ends just before cueEnd
		if cueEnd <= 0 {
			break
		}
		if citeWords[toks[cueEnd-1]] {
			return false
		}
		for _, cue := range provenanceCues {
			if cueEnd < len(cue) || !hasWordsAt(toks, cueEnd-len(cue), cue) {
				continue
			}
			if needsEngine[cue[len(cue)-1]] && !followedByEngine(toks, end) {
				continue
			}
			return true
		}
	}
	return false
}

// followedByEngine reports an engine word within three words after the
// name: "based on Kaspersky's anti-virus engine".
func followedByEngine(toks []string, end int) bool {
	for j := end; j < len(toks) && j < end+3; j++ {
		if engineWords[toks[j]] {
			return true
		}
	}
	return false
}
