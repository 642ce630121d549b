#!/usr/bin/env python3
"""Writes testdata/lists/: one hand-labelled vendor SBOM in every format the
decoders read, holding a component for each entity of the section-889,
fcc-covered-list and bytedance lists, each row of the fact sheet's judgement
table, and decoys. The cases and their expected verdicts per profile are in
testdata/lists/cases.json; this script only renders them.

Run: python3 scripts/gen-list-fixtures.py   (from the repository root)
"""
import json, os
from xml.sax.saxutils import escape as x

OUT = "testdata/lists"
cases = json.load(open(os.path.join(OUT, "cases.json")))["cases"]
DOC = "acme-vms-3.1.0"
NS = "https://acme-vms.example/spdx/" + DOC

def cdx_json(cs):
    comps = []
    for c in cs:
        d = {"type": c.get("type", "library"), "bom-ref": c["name"], "name": c["name"], "version": c["version"]}
        if c.get("supplier"): d["supplier"] = {"name": c["supplier"]}
        if c.get("purl"): d["purl"] = c["purl"]
        if c.get("cpe"): d["cpe"] = c["cpe"]
        comps.append(d)
    return json.dumps({"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
        "metadata": {"component": {"type": "application", "bom-ref": "acme-vms", "name": "acme-vms", "version": "3.1.0",
                                   "supplier": {"name": "ACME Video Inc."}}},
        "components": comps,
        "dependencies": [{"ref": "acme-vms", "dependsOn": [c["name"] for c in cs]}]}, indent=1, ensure_ascii=False) + "\n"

def cdx_xml(cs):
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1">',
           '  <metadata><component type="application" bom-ref="acme-vms"><supplier><name>ACME Video Inc.</name></supplier><name>acme-vms</name><version>3.1.0</version></component></metadata>',
           '  <components>']
    for c in cs:
        out.append(f'    <component type="{c.get("type","library")}" bom-ref="{x(c["name"])}">')
        if c.get("supplier"): out.append(f'      <supplier><name>{x(c["supplier"])}</name></supplier>')
        out.append(f'      <name>{x(c["name"])}</name><version>{x(c["version"])}</version>')
        if c.get("cpe"): out.append(f'      <cpe>{x(c["cpe"])}</cpe>')
        if c.get("purl"): out.append(f'      <purl>{x(c["purl"])}</purl>')
        out.append('    </component>')
    out += ['  </components>', '</bom>', '']
    return "\n".join(out)

def spdx_id(c): return "SPDXRef-" + "".join(ch if ch.isalnum() or ch in ".-" else "-" for ch in c["name"])
PURPOSE = {"firmware": "FIRMWARE", "device": "DEVICE", "application": "APPLICATION", "library": "LIBRARY", "file": "FILE", "operating-system": "OPERATING-SYSTEM"}

def cpe_type(cpe): return "cpe23Type" if cpe.startswith("cpe:2.3:") else "cpe22Type"

def spdx_pkgs(cs):
    pkgs = [{"SPDXID": "SPDXRef-acme-vms", "name": "acme-vms", "versionInfo": "3.1.0", "supplier": "Organization: ACME Video Inc.",
             "downloadLocation": "NOASSERTION", "filesAnalyzed": False, "primaryPackagePurpose": "APPLICATION"}]
    for c in cs:
        p = {"SPDXID": spdx_id(c), "name": c["name"], "versionInfo": c["version"], "downloadLocation": "NOASSERTION", "filesAnalyzed": False}
        if c.get("supplier"): p["supplier"] = "Organization: " + c["supplier"]
        p["primaryPackagePurpose"] = PURPOSE[c.get("type", "library")]
        refs = []
        if c.get("purl"): refs.append({"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": c["purl"]})
        if c.get("cpe"): refs.append({"referenceCategory": "SECURITY", "referenceType": cpe_type(c["cpe"]), "referenceLocator": c["cpe"]})
        if refs: p["externalRefs"] = refs
        pkgs.append(p)
    rels = [{"spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES", "relatedSpdxElement": "SPDXRef-acme-vms"}]
    rels += [{"spdxElementId": "SPDXRef-acme-vms", "relationshipType": "CONTAINS", "relatedSpdxElement": spdx_id(c)} for c in cs]
    return {"spdxVersion": "SPDX-2.3", "dataLicense": "CC0-1.0", "SPDXID": "SPDXRef-DOCUMENT", "name": DOC,
            "documentNamespace": NS, "creationInfo": {"created": "2026-11-20T10:00:00Z", "creators": ["Organization: ACME Video Inc.", "Tool: handwritten-fixture-1"]},
            "packages": pkgs, "relationships": rels}

def spdx_json(cs): return json.dumps(spdx_pkgs(cs), indent=1, ensure_ascii=False) + "\n"

def yq(s): return json.dumps(s, ensure_ascii=False)  # JSON strings are YAML strings

def spdx_yaml(cs):
    d = spdx_pkgs(cs)
    out = [f"spdxVersion: {d['spdxVersion']}", "dataLicense: CC0-1.0", "SPDXID: SPDXRef-DOCUMENT", f"name: {yq(DOC)}",
           f"documentNamespace: {yq(NS)}", "creationInfo:", "  created: \"2026-11-20T10:00:00Z\"", "  creators:",
           "    - \"Organization: ACME Video Inc.\"", "    - \"Tool: handwritten-fixture-1\"", "packages:"]
    for p in d["packages"]:
        out.append(f"  - SPDXID: {yq(p['SPDXID'])}")
        for k in ("name", "versionInfo", "supplier", "downloadLocation", "primaryPackagePurpose"):
            if k in p: out.append(f"    {k}: {yq(p[k])}")
        out.append("    filesAnalyzed: false")
        if p.get("externalRefs"):
            out.append("    externalRefs:")
            for r in p["externalRefs"]:
                out.append(f"      - referenceCategory: {r['referenceCategory']}")
                out.append(f"        referenceType: {r['referenceType']}")
                out.append(f"        referenceLocator: {yq(r['referenceLocator'])}")
    out.append("relationships:")
    for r in d["relationships"]:
        out += [f"  - spdxElementId: {r['spdxElementId']}", f"    relationshipType: {r['relationshipType']}", f"    relatedSpdxElement: {yq(r['relatedSpdxElement'])}"]
    return "\n".join(out) + "\n"

def spdx_tv(cs):
    d = spdx_pkgs(cs)
    out = ["SPDXVersion: SPDX-2.3", "DataLicense: CC0-1.0", "SPDXID: SPDXRef-DOCUMENT", f"DocumentName: {DOC}",
           f"DocumentNamespace: {NS}", "Creator: Organization: ACME Video Inc.", "Creator: Tool: handwritten-fixture-1",
           "Created: 2026-11-20T10:00:00Z", ""]
    for p in d["packages"]:
        out += [f"PackageName: {p['name']}", f"SPDXID: {p['SPDXID']}", f"PackageVersion: {p['versionInfo']}"]
        if "supplier" in p: out.append(f"PackageSupplier: {p['supplier']}")
        out += ["PackageDownloadLocation: NOASSERTION", "FilesAnalyzed: false", f"PrimaryPackagePurpose: {p['primaryPackagePurpose']}"]
        for r in p.get("externalRefs", []):
            out.append(f"ExternalRef: {r['referenceCategory']} {r['referenceType']} {r['referenceLocator']}")
        out.append("")
    for r in d["relationships"]:
        out.append(f"Relationship: {r['spdxElementId']} {r['relationshipType']} {r['relatedSpdxElement']}")
    return "\n".join(out) + "\n"

def spdx_rdf(cs):
    d = spdx_pkgs(cs)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<rdf:RDF xmlns:spdx="http://spdx.org/rdf/terms#" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
           f'  <spdx:SpdxDocument rdf:about="{NS}#SPDXRef-DOCUMENT">', '    <spdx:specVersion>SPDX-2.3</spdx:specVersion>',
           f'    <spdx:name>{DOC}</spdx:name>', '    <spdx:dataLicense rdf:resource="http://spdx.org/licenses/CC0-1.0"/>',
           '    <spdx:creationInfo><spdx:CreationInfo><spdx:created>2026-11-20T10:00:00Z</spdx:created><spdx:creator>Organization: ACME Video Inc.</spdx:creator></spdx:CreationInfo></spdx:creationInfo>',
           '    <spdx:relationship><spdx:Relationship><spdx:relationshipType rdf:resource="http://spdx.org/rdf/terms#relationshipType_describes"/>',
           f'      <spdx:relatedSpdxElement rdf:resource="{NS}#SPDXRef-acme-vms"/></spdx:Relationship></spdx:relationship>', '  </spdx:SpdxDocument>']
    for p in d["packages"]:
        out.append(f'  <spdx:Package rdf:about="{NS}#{p["SPDXID"]}">')
        out.append(f'    <spdx:name>{x(p["name"])}</spdx:name><spdx:versionInfo>{x(p["versionInfo"])}</spdx:versionInfo>')
        if "supplier" in p: out.append(f'    <spdx:supplier>{x(p["supplier"])}</spdx:supplier>')
        out.append('    <spdx:downloadLocation rdf:resource="http://spdx.org/rdf/terms#noassertion"/>')
        out.append(f'    <spdx:primaryPackagePurpose rdf:resource="http://spdx.org/rdf/terms#purpose_{p["primaryPackagePurpose"].lower().replace("-", "_")}"/>')
        for r in p.get("externalRefs", []):
            cat = r["referenceCategory"].lower().replace("-", "_")
            out.append(f'    <spdx:externalRef><spdx:ExternalRef><spdx:referenceCategory rdf:resource="http://spdx.org/rdf/terms#referenceCategory_{cat}"/>'
                       f'<spdx:referenceType rdf:resource="http://spdx.org/rdf/references/{r["referenceType"]}"/>'
                       f'<spdx:referenceLocator>{x(r["referenceLocator"])}</spdx:referenceLocator></spdx:ExternalRef></spdx:externalRef>')
        if p["SPDXID"] == "SPDXRef-acme-vms":
            for c in cs:
                out.append(f'    <spdx:relationship><spdx:Relationship><spdx:relationshipType rdf:resource="http://spdx.org/rdf/terms#relationshipType_contains"/><spdx:relatedSpdxElement rdf:resource="{NS}#{spdx_id(c)}"/></spdx:Relationship></spdx:relationship>')
        out.append('  </spdx:Package>')
    out += ['</rdf:RDF>', '']
    return "\n".join(out)

def spdx3(cs):
    base = "https://acme-vms.example/spdx3/" + DOC
    g = [{"type": "CreationInfo", "@id": "_:ci", "createdBy": [base + "/Agent/acme"], "specVersion": "3.0.1", "created": "2026-11-20T10:00:00Z"},
         {"type": "Organization", "spdxId": base + "/Agent/acme", "creationInfo": "_:ci", "name": "ACME Video Inc."}]
    agents = {}
    pkgs = [{"type": "software_Package", "spdxId": base + "/Package/acme-vms", "creationInfo": "_:ci", "name": "acme-vms",
             "software_packageVersion": "3.1.0", "suppliedBy": base + "/Agent/acme", "software_primaryPurpose": "application"}]
    for c in cs:
        p = {"type": "software_Package", "spdxId": base + "/Package/" + spdx_id(c)[8:], "creationInfo": "_:ci", "name": c["name"],
             "software_packageVersion": c["version"], "software_primaryPurpose": c.get("type", "library").replace("-", "")}
        if p["software_primaryPurpose"] == "operatingsystem": p["software_primaryPurpose"] = "operatingSystem"
        if c.get("supplier"):
            aid = base + "/Agent/" + str(len(agents) + 1)
            aid = agents.setdefault(c["supplier"], aid)
            p["suppliedBy"] = aid
        if c.get("purl"): p["software_packageUrl"] = c["purl"]
        if c.get("cpe"):
            p["externalIdentifier"] = [{"type": "ExternalIdentifier", "externalIdentifierType": "cpe23" if c["cpe"].startswith("cpe:2.3") else "cpe22", "identifier": c["cpe"]}]
        pkgs.append(p)
    for name, aid in agents.items():
        g.append({"type": "Organization", "spdxId": aid, "creationInfo": "_:ci", "name": name})
    ids = [p["spdxId"] for p in pkgs]
    g.append({"type": "SpdxDocument", "spdxId": base + "/Document", "creationInfo": "_:ci", "name": DOC, "rootElement": [base + "/BOM"], "element": [base + "/BOM"] + ids})
    g.append({"type": "software_Sbom", "spdxId": base + "/BOM", "creationInfo": "_:ci", "rootElement": [ids[0]], "element": ids, "software_sbomType": ["build"]})
    g += pkgs
    g.append({"type": "Relationship", "spdxId": base + "/Relationship/1", "creationInfo": "_:ci", "from": ids[0], "relationshipType": "contains", "to": ids[1:], "completeness": "complete"})
    return json.dumps({"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": g}, indent=1, ensure_ascii=False) + "\n"

def syft(cs):
    arts = []
    for i, c in enumerate(cs):
        if c.get("supplier") or c.get("type", "library") not in ("library", "file"):
            continue  # syft's JSON has no supplier or component type
        a = {"id": f"{i:016x}", "name": c["name"], "version": c["version"], "type": "binary", "foundBy": "handwritten-fixture",
             "locations": [], "licenses": [], "language": "", "cpes": [], "purl": c.get("purl", "")}
        if c.get("cpe"): a["cpes"] = [{"cpe": c["cpe"], "source": "nvd-cpe-dictionary"}]
        arts.append(a)
    return json.dumps({"artifacts": arts, "artifactRelationships": [],
        "source": {"id": "fixture", "name": "acme-vms", "version": "3.1.0", "type": "directory", "metadata": {"path": "/opt/acme-vms"}},
        "distro": {}, "descriptor": {"name": "syft", "version": "1.18.1"},
        "schema": {"version": "16.0.24", "url": "https://raw.githubusercontent.com/anchore/syft/main/schema/json/schema-16.0.24.json"}}, indent=1) + "\n"

for name, fn in [("lists.cdx.json", cdx_json), ("lists.cdx.xml", cdx_xml), ("lists.spdx.json", spdx_json),
                 ("lists.spdx", spdx_tv), ("lists.spdx.yaml", spdx_yaml), ("lists.spdx.rdf", spdx_rdf),
                 ("lists.spdx3.json", spdx3), ("lists.syft.json", syft)]:
    with open(os.path.join(OUT, name), "w") as f:
        f.write(fn(cases))
