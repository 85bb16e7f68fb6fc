// Invariants of the package sets the Python and Go lockfile readers
// (load/lockfile) give, checked by their fuzz targets: no package without a
// name, every position inside the file that was read, dependency indexes in
// range, hashes in their CycloneDX form, caps kept.
#ifndef FNWARDEN_FUZZ_LOCKFILE_PYGO_CHECK_H_
#define FNWARDEN_FUZZ_LOCKFILE_PYGO_CHECK_H_

#include <cstdlib>
#include <string>
#include <vector>

#include "load/lockfile/lockfile.h"
#include "model/packages.h"
#include "util/diagnostic.h"
#include "util/source.h"

namespace fnwarden::fuzz {

inline void Check(bool ok) {
  if (!ok) std::abort();
}

// A known position inside one of `files`, on an existing line and at most
// one column past its end.
inline void CheckLoc(const util::Loc& loc, const std::vector<const util::SourceFile*>& files) {
  Check(loc.known());
  bool ours = false;
  for (const util::SourceFile* f : files) ours = ours || f == loc.file;
  Check(ours);
  Check(loc.line <= loc.file->line_count());
  Check(loc.col >= 1 && loc.col <= loc.file->Line(loc.line).size() + 1);
}

inline void CheckHash(const model::PackageHash& h) {
  size_t digits = h.algorithm == "MD5"       ? 32
                  : h.algorithm == "SHA-1"   ? 40
                  : h.algorithm == "SHA-256" ? 64
                  : h.algorithm == "SHA-384" ? 96
                  : h.algorithm == "SHA-512" ? 128
                                             : 0;
  Check(digits != 0 && h.hex.size() == digits);
  for (char c : h.hex) Check((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
}

inline void CheckDeclared(const std::vector<model::PackageSet::Declared>& declared,
                          const std::vector<const util::SourceFile*>& files) {
  for (const model::PackageSet::Declared& d : declared) {
    Check(!d.name.empty());
    CheckLoc(d.loc, files);
  }
}

inline void CheckPackageSet(const model::PackageSet& set, const load::lockfile::LockLimits& limits,
                            const std::vector<const util::SourceFile*>& files) {
  Check(set.packages.size() <= limits.max_packages);
  Check(!set.format.empty());
  for (const model::Package& p : set.packages) {
    Check(!p.name.empty());
    CheckLoc(p.loc, files);
    for (uint32_t d : p.dependencies) Check(d < set.packages.size());
    for (const model::PackageHash& h : p.hashes) CheckHash(h);
    // Only what is not from the registry says where it comes from.
    Check(p.source != model::PackageSource::kRegistry || p.source_ref.empty());
    Check(p.advisories.empty());
  }
  CheckDeclared(set.declared, files);
}

// Every diagnostic has a message and, when it has a position, a valid one.
inline void CheckDiagnostics(const util::DiagnosticSink& diags,
                             const std::vector<const util::SourceFile*>& files) {
  for (const util::Diagnostic& d : diags.Sorted()) {
    Check(!d.message.empty() && d.message.back() != '.' && d.message.back() != '\n');
    if (d.loc.file != nullptr) CheckLoc(d.loc, files);
    (void)util::Render(d);
  }
}

}  // namespace fnwarden::fuzz

#endif  // FNWARDEN_FUZZ_LOCKFILE_PYGO_CHECK_H_
