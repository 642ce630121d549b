// Package sbom reads software bills of materials in every common format into
// one normalised model, so that matching and reporting never look at raw
// SBOM bytes.
//
// # Core types
//
//   - [Document]: one decoded SBOM: its subject, dependency graph, warnings
//     and digest; [Component] is one package of it, with its [Origin] in
//     the source (JSON pointer, line and column).
//   - [Format]: a serialisation; [Formats] lists every one the registry
//     holds.
//   - [Options]: the limits hostile input meets.
//   - [Input] and [ExpandInputs]: the command line's paths, globs and
//     directories as inputs.
//
// # Call chain
//
// [Decode] (and [Read], [ReadFile], which collect what it visits) hashes
// and reads the input ahead on a goroutine (hashingReader), gunzips it,
// bounds its size (limitedReader), transcodes it to clean UTF-8
// (utf8Reader, cleanReader), and detects the format from the first
// 64 KiB: detect parses the prefix once for its syntax into a sniff and
// identify asks the registry's decoders, in order, how surely it is
// theirs. decode then runs that decoder's decode on an input, which gives
// it the stream with long runs of white space shortened (squeezeReader),
// its lines (tag-value), or all of it (the formats decoded in memory).
//
// # The registry
//
// Each format is one decoder (registry.go) defined in its own file:
// cdxjson.go, cdxxml.go, spdx2json.go, spdx2yaml.go, spdx2tv.go,
// spdx2rdf.go, spdx3.go, syftjson.go. The CycloneDX formats share their
// model and checks (cdx.go, cdxcheck.go, cdxtexts.go) and so do the SPDX 2
// formats (spdx2.go); the tests that run over formats (references,
// reproducibility, benchmarks) take their list from [Formats].
//
// # JSON
//
// The JSON formats share one machinery: json.go reads the stream (objects
// member by member, arrays element by element, big arrays read and
// validated ahead on a second core, errors with their position) and
// jsonwalk.go walks one element read whole with field tables that keep
// each member name beside the setter of the field it fills.
//
// # Components on their way out
//
// Every decoder hands its components to an emitter (emitter.go), which
// drops a component listed twice (dedup.go) and calls the caller's visit
// function; warnings.go keeps a document's warnings bounded and ordered.
package sbom
