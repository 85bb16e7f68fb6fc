// The software bill of materials of a scan as CycloneDX 1.5 JSON: every
// Lambda function, the third-party packages it ships and the advisories
// that affect them.
//
// Like every reporter it reads only its input (the package sets are the
// model's, read-only) and never prints. RenderCycloneDx is a pure function:
// the same input gives the same bytes, and it may run on several threads at
// once.
#ifndef FNWARDEN_REPORT_CYCLONEDX_H_
#define FNWARDEN_REPORT_CYCLONEDX_H_

#include <string>
#include <vector>

#include "model/packages.h"

namespace fnwarden::report {

// One Lambda function and what it ships.
struct SbomFunction {
  std::string
      project;       // display path of the project's main file (template, serverless.yml, folder)
  std::string id;    // the function's logical ID
  std::string name;  // its physical name when known, else ""
  std::string runtime;  // "python3.12", "nodejs20.x"; "" when unknown
  // The package sets it ships; several functions may share one. Not owned:
  // they outlive the call. Null entries are skipped.
  std::vector<const model::PackageSet*> sets;
  // Names (as in model::Package::name, or an npm alias's folder name) of the
  // packages its handler code imports; PyPI names compare normalized.
  std::vector<std::string> imported;
};

struct SbomInput {
  std::string tool_version;  // fnwarden's version: metadata.tools
  // "urn:uuid:…" (lowercase hexadecimal), written as given; "" derives one
  // from the document's content (see RenderCycloneDx).
  std::string serial;
  // RFC 3339 date-time ("2024-05-01T12:00:00Z") for metadata.timestamp; ""
  // leaves it out (tests, reproducible builds).
  std::string timestamp;
  std::string name;  // the scanned application (the scan's first path): metadata.component
  std::vector<SbomFunction> functions;
};

// The document, ending in a newline. What it holds:
//   - metadata: the timestamp when given, fnwarden as the tool (1.5's
//     `tools.components` form) and the application (bom-ref "application");
//   - components, sorted by bom-ref:
//     * one `application` per function, bom-ref "function:<project>#<id>",
//       named by its physical name (else its logical ID), with the
//       properties fnwarden:logical-id, fnwarden:project, fnwarden:runtime;
//     * one `library` per package shipped, bom-ref = its purl (PackageUrl),
//       once however many functions and sets ship it: copies of one purl
//       merge (hashes, lockfiles, edges; scope "required" unless every copy
//       is optional). Development-only copies are left out: they are not
//       shipped. Properties: fnwarden:lockfile (each set's path),
//       fnwarden:direct and fnwarden:imported (written only when "true":
//       some set lists it as direct, some function's handler imports it),
//       fnwarden:source ("git", "url", "file", "workspace") and
//       fnwarden:installed-as (an npm alias) when they apply. npm scoped
//       names are split into `group` ("@scope") and `name`; a git or URL
//       source is an external reference (vcs, distribution). Hashes whose
//       algorithm or digest CycloneDX does not accept are left out.
//   - dependencies, sorted by ref: the application on its functions; each
//     function on the direct packages of each of its sets (on all of the
//     set's packages when the set marks none as direct); each package on
//     what it requires. A package gets an entry only when one of the sets
//     that ship it records requirements at all (a lockfile, not a
//     requirements.txt): an entry without dependsOn claims it has none.
//   - vulnerabilities, sorted by ID: one per advisory ID over every package
//     it affects, with its source and alias references (by ID prefix: GHSA
//     GitHub, CVE NVD, PYSEC PyPA, GO Go vulnerability database, else OSV),
//     a CVSS rating (method from the vector's version) or the database's
//     severity, the summary, "Upgrade to X." when a fix is known, the
//     advisory's page and the affected components with their versions.
// With `in.serial` empty, serialNumber is a version-8 UUID made from a hash
// of the document without its serial number and timestamp: reproducible,
// and different for different content. The hash is not cryptographic.
std::string RenderCycloneDx(const SbomInput& in);

// A package's purl (https://github.com/package-url/purl-spec): "pkg:npm/",
// "pkg:pypi/" or "pkg:golang/", then the name, "@" and the version when it
// is known. Every component is percent-encoded but for letters, digits,
// ".-_~" and ":". npm scopes become a namespace ("pkg:npm/%40scope/name");
// PyPI names are normalized as PEP 503 says (lowercase, runs of "-_."
// become "-"); a Go module path's last segment is the name and the rest
// the namespace. npm and Go names keep their letter case although the
// purl type definitions say to lowercase them: both registries are case
// sensitive (`JSONStream`, `github.com/Azure/...`), so lowercasing would
// name another package. A git source adds the qualifier vcs_url and a URL
// source download_url; registry, file and workspace sources add none.
std::string PackageUrl(model::Ecosystem ecosystem, const model::Package& package);

}  // namespace fnwarden::report

#endif  // FNWARDEN_REPORT_CYCLONEDX_H_
