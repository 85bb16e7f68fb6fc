// Compact dumps of package sets and diagnostics for the tests of the Python
// and Go lockfile readers.
#ifndef FNWARDEN_LOAD_LOCKFILE_PYTHON_GO_TEST_UTIL_H_
#define FNWARDEN_LOAD_LOCKFILE_PYTHON_GO_TEST_UTIL_H_

#include <cstddef>
#include <string>
#include <vector>

#include "load/lockfile/lockfile.h"
#include "model/packages.h"
#include "util/diagnostic.h"
#include "util/source.h"

namespace fnwarden::load::lockfile::pygo_testing {

// One line a package: `name@version`, then what is set of
// `req=<requirement>`, `direct`, `dev`, `optional`, `git=`/`file=`/`url=`/
// `workspace=<source_ref>`, `hashes=<ALG>:<first 8 digits>,…`,
// `deps=[name,…]`, and the position `line:col` (`path:line:col` when the
// package is listed in another file than the set's).
inline std::vector<std::string> Dump(const model::PackageSet& set) {
  std::vector<std::string> out;
  for (const model::Package& p : set.packages) {
    std::string s = p.name + "@" + p.version;
    if (!p.requirement.empty()) s += " req=" + p.requirement;
    if (p.direct) s += " direct";
    if (p.dev) s += " dev";
    if (p.optional) s += " optional";
    switch (p.source) {
      case model::PackageSource::kRegistry:
        break;
      case model::PackageSource::kGit:
        s += " git=" + p.source_ref;
        break;
      case model::PackageSource::kFile:
        s += " file=" + p.source_ref;
        break;
      case model::PackageSource::kUrl:
        s += " url=" + p.source_ref;
        break;
      case model::PackageSource::kWorkspace:
        s += " workspace=" + p.source_ref;
        break;
    }
    if (!p.hashes.empty()) {
      s += " hashes=";
      for (size_t i = 0; i < p.hashes.size(); ++i) {
        if (i > 0) s += ",";
        s += p.hashes[i].algorithm + ":" + p.hashes[i].hex.substr(0, 8);
      }
    }
    if (!p.dependencies.empty()) {
      s += " deps=[";
      for (size_t i = 0; i < p.dependencies.size(); ++i) {
        if (i > 0) s += ",";
        uint32_t d = p.dependencies[i];
        s += d < set.packages.size() ? set.packages[d].name : "<out of range>";
      }
      s += "]";
    }
    s += " ";
    if (p.loc.file != nullptr && p.loc.path() != set.path) s += std::string(p.loc.path()) + ":";
    s += std::to_string(p.loc.line) + ":" + std::to_string(p.loc.col);
    out.push_back(std::move(s));
  }
  return out;
}

// One line a declaration: `name req=<requirement> dev line:col`.
inline std::vector<std::string> DumpDeclared(const std::vector<model::PackageSet::Declared>& ds) {
  std::vector<std::string> out;
  for (const model::PackageSet::Declared& d : ds) {
    std::string s = d.name;
    if (!d.requirement.empty()) s += " req=" + d.requirement;
    if (d.dev) s += " dev";
    s += " " + std::to_string(d.loc.line) + ":" + std::to_string(d.loc.col);
    out.push_back(std::move(s));
  }
  return out;
}

// "path:line:col: error: message" for each diagnostic, sorted.
inline std::vector<std::string> Diags(const util::DiagnosticSink& diags) {
  std::vector<std::string> out;
  for (const util::Diagnostic& d : diags.Sorted()) out.push_back(util::RenderHeadline(d));
  return out;
}

// What a reader made of a text: its result, the set, and the dumps of
// its packages, declarations and diagnostics.
struct ReadResult {
  bool ok = false;
  model::PackageSet set;
  std::vector<std::string> packages;
  std::vector<std::string> declared;
  std::vector<std::string> diags;
};

using LockReader = bool (*)(const util::SourceFile&, const LockLimits&, util::DiagnosticSink*,
                            model::PackageSet*);

// Runs `read` over `text` as the file `name`.
inline ReadResult ReadText(LockReader read, const char* name, const std::string& text,
                           const LockLimits& limits = {}) {
  util::SourceFile file(name, text);
  util::DiagnosticSink diags;
  ReadResult r;
  r.ok = read(file, limits, &diags, &r.set);
  r.packages = Dump(r.set);
  r.declared = DumpDeclared(r.set.declared);
  r.diags = Diags(diags);
  return r;
}

}  // namespace fnwarden::load::lockfile::pygo_testing

#endif  // FNWARDEN_LOAD_LOCKFILE_PYTHON_GO_TEST_UTIL_H_
