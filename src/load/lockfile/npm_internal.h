// Helpers shared by the readers of the npm family (package-lock.json,
// yarn.lock, pnpm-lock.yaml, package.json). Internal to load/lockfile.
#ifndef FNWARDEN_LOAD_LOCKFILE_NPM_INTERNAL_H_
#define FNWARDEN_LOAD_LOCKFILE_NPM_INTERNAL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "load/lockfile/lockfile.h"
#include "load/syntax/node.h"
#include "model/packages.h"
#include "util/diagnostic.h"
#include "util/source.h"

namespace fnwarden::load::lockfile::npm {

// Reports one file's problems to a sink, at most kMaxReported of them (a
// hostile file could otherwise make one per package), then one warning that
// the rest are not shown. Also remembers the one-time errors of a read.
class Reporter {
 public:
  static constexpr size_t kMaxReported = 200;
  explicit Reporter(util::DiagnosticSink* sink) : sink_(sink) {}
  void Error(util::Loc loc, std::string message);
  void Warning(util::Loc loc, std::string message);
  bool too_many_packages_reported = false;

 private:
  void Add(util::DiagLevel level, util::Loc loc, std::string message);
  util::DiagnosticSink* sink_;
  size_t reported_ = 0;
};

// The parse limits of lockfiles: the syntax defaults (a 4M-node tree holds a
// lockfile of about 60 MB), with room for `limits.max_depth` levels of npm v1
// nesting (two JSON levels each).
syntax::ParseLimits SyntaxLimits(const LockLimits& limits);

// `text` quoted for a message, cut to 80 bytes.
std::string Quoted(std::string_view text);

// The text of a scalar node; "" for anything else (a map, a null, nullptr).
std::string_view ScalarText(const syntax::Node* node);
// True when `node` is a plain `true` (JSON true, YAML true).
bool IsTrue(const syntax::Node* node);

// Splits "name@rest" at the first '@' after the first byte, so that scoped
// names ("@types/node@^20") keep their '@'. False when there is none.
bool SplitNameAt(std::string_view spec, std::string_view* name, std::string_view* rest);

// The real package and its range of an npm alias spec "npm:bar@^1.0.0"
// (name "bar", range "^1.0.0"; "npm:bar" gives range ""). False when `spec`
// is not an alias.
bool ParseNpmAlias(std::string_view spec, std::string_view* name, std::string_view* range);

// Where a dependency spec as package.json writes it points ("^1.2.0" the
// registry; "github:u/r", "u/r", "git+ssh://…" git; "file:../x", "link:x",
// "./x" a path; "https://…/x.tgz" a URL; "workspace:*" a workspace).
model::PackageSource SourceOfSpec(std::string_view spec);
// Where a lockfile's `resolved` URL points: registry tarballs (".../-/x.tgz")
// and "" are the registry; git URLs and codeload.github.com archives are git;
// "file:" is a path; other URLs are kUrl.
model::PackageSource SourceOfResolved(std::string_view resolved);
// `spec` without a "file:"/"link:"/"portal:" prefix, for source_ref.
std::string_view StripPathProtocol(std::string_view spec);

// Appends the hashes of an SRI `integrity` ("sha512-<base64> sha1-<base64>")
// as CycloneDX algorithm names and lowercase hex, skipping duplicates. A
// token that is not valid SRI for SHA-1/256/384/512 is reported as a warning
// at `loc` and skipped.
void AppendIntegrity(std::string_view integrity, util::Loc loc, Reporter* report,
                     std::vector<model::PackageHash>* out);


// Adds `to` to `from`'s dependencies unless already there.
void AddEdge(model::Package* from, uint32_t to);

// Marks as direct every package that no other package requires: the
// approximation of readers whose file does not record the project's own
// requirements (npm v1 marks only top-level `candidates`; yarn v1). Packages
// that are also required by another package are missed: the caller, which
// has package.json, knows better.
void MarkUnrequiredDirect(const std::vector<bool>& candidates, model::PackageSet* set);

// Sets `dev` on every package not reachable from `prod_roots` but reachable
// from `dev_roots` through dependencies: what only development needs. A
// package reachable from neither stays as it is.
void MarkDevByReachability(const std::vector<uint32_t>& prod_roots,
                           const std::vector<uint32_t>& dev_roots, model::PackageSet* set);

// Whether one more package may be added under `limits`; reports the error
// at `loc` the first time it may not.
bool RoomForPackage(const LockLimits& limits, util::Loc loc, Reporter* report,
                    const model::PackageSet& set);

// The base name of a display path ("a/b/npm-shrinkwrap.json" → the last part).
std::string_view BaseName(std::string_view path);

}  // namespace fnwarden::load::lockfile::npm

#endif  // FNWARDEN_LOAD_LOCKFILE_NPM_INTERNAL_H_
