// What the tests of the npm-family readers share: reading a text or a file
// of tests/data/lockfiles, and a compact dump of the packages read.
#ifndef FNWARDEN_LOAD_LOCKFILE_NPM_TEST_UTIL_H_
#define FNWARDEN_LOAD_LOCKFILE_NPM_TEST_UTIL_H_

#include <memory>
#include <string>
#include <vector>

#include "load/lockfile/lockfile.h"
#include "model/packages.h"
#include "test_util.h"
#include "util/diagnostic.h"
#include "util/source.h"

namespace fnwarden::load::lockfile::testing {

using Reader = bool (*)(const util::SourceFile&, const LockLimits&, util::DiagnosticSink*,
                        model::PackageSet*);

struct ReadResult {
  std::unique_ptr<util::SourceFile> file;
  model::PackageSet set;
  bool ok = false;
  std::vector<std::string> diags;  // "path:line:col: level: message", sorted
};

inline ReadResult Read(Reader reader, const std::string& path, std::string text,
                       const LockLimits& limits = {}) {
  ReadResult r;
  r.file = std::make_unique<util::SourceFile>(path, std::move(text));
  util::DiagnosticSink sink;
  r.ok = reader(*r.file, limits, &sink, &r.set);
  for (const util::Diagnostic& d : sink.Sorted()) r.diags.push_back(util::RenderHeadline(d));
  return r;
}

// Reads tests/data/lockfiles/<rel>, shown as <rel>.
inline ReadResult ReadData(Reader reader, const std::string& rel) {
  return Read(reader, rel,
              fnwarden::testing::ReadFileOrDie(fnwarden::testing::SourceDir() +
                                               "/tests/data/lockfiles/" + rel));
}

inline const char* SourceName(model::PackageSource s) {
  switch (s) {
    case model::PackageSource::kRegistry:
      return "registry";
    case model::PackageSource::kGit:
      return "git";
    case model::PackageSource::kFile:
      return "file";
    case model::PackageSource::kUrl:
      return "url";
    case model::PackageSource::kWorkspace:
      return "workspace";
  }
  return "?";
}

// One line a package: "line name@version [as folder] [direct] [dev]
// [optional] [req=…] [source:ref] [#ALG…] [-> name@version, …]", with a
// dependency written as the name@version of the package it points to.
inline std::string DumpPackage(const model::PackageSet& set, const model::Package& p) {
  std::string out = std::to_string(p.loc.line) + " " + p.name + "@" + p.version;
  if (!p.installed_as.empty()) out += " as " + p.installed_as;
  if (p.direct) out += " direct";
  if (p.dev) out += " dev";
  if (p.optional) out += " optional";
  if (!p.requirement.empty()) out += " req=" + p.requirement;
  if (p.source != model::PackageSource::kRegistry || !p.source_ref.empty()) {
    out += std::string(" ") + SourceName(p.source) + ":" + p.source_ref;
  }
  for (const model::PackageHash& h : p.hashes) out += " #" + h.algorithm;
  for (size_t i = 0; i < p.dependencies.size(); ++i) {
    uint32_t d = p.dependencies[i];
    out += i == 0 ? " -> " : ", ";
    out += d < set.packages.size() ? set.packages[d].name + "@" + set.packages[d].version
                                   : "<out of range>";
  }
  return out;
}

inline std::vector<std::string> Dump(const model::PackageSet& set) {
  std::vector<std::string> out;
  for (const model::Package& p : set.packages) out.push_back(DumpPackage(set, p));
  return out;
}

}  // namespace fnwarden::load::lockfile::testing

#endif  // FNWARDEN_LOAD_LOCKFILE_NPM_TEST_UTIL_H_
