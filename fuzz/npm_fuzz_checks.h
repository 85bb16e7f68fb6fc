// The checks the npm-family lockfile fuzzers share (npm_lock_fuzzer.cc,
// yarn_lock_fuzzer.cc, pnpm_lock_fuzzer.cc): any bytes must give a package
// set or diagnostics, never a crash, a hang or unbounded memory, and what
// is read must be well formed.
#ifndef FNWARDEN_FUZZ_NPM_FUZZ_CHECKS_H_
#define FNWARDEN_FUZZ_NPM_FUZZ_CHECKS_H_

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <tuple>
#include <utility>

#include "load/lockfile/lockfile.h"
#include "model/packages.h"
#include "util/diagnostic.h"
#include "util/source.h"

namespace fnwarden::fuzz {

inline void Check(bool ok) {
  if (!ok) std::abort();
}

// Small enough caps that one run stays fast, while deep and wide inputs
// still reach them.
inline load::lockfile::LockLimits LockFuzzLimits() {
  load::lockfile::LockLimits limits;
  limits.max_packages = 5'000;
  limits.max_depth = 16;
  return limits;
}

inline void CheckLoc(const util::SourceFile& file, const util::Loc& loc) {
  Check(loc.file == &file && loc.line >= 1 && loc.line <= file.line_count() && loc.col >= 1);
}

// Every package has a name and a position in the file; dependencies are
// indexes in range without duplicates; hashes are CycloneDX names with
// lowercase hex of their length; no two come from one key; a read that
// fails says why. With `unique_resolutions` (yarn), no two packages are the
// same resolution.
inline void CheckPackageSet(const util::SourceFile& file, const util::DiagnosticSink& diags,
                            bool ok, const model::PackageSet& set,
                            const load::lockfile::LockLimits& limits, bool unique_resolutions) {
  if (!ok) Check(diags.has_errors());
  if (ok) Check(!set.format.empty() && set.path == file.path());
  Check(set.ecosystem == model::Ecosystem::kNpm);
  Check(set.packages.size() <= limits.max_packages);
  std::set<std::tuple<std::string, std::string, int, std::string>> resolutions;
  std::set<std::pair<uint32_t, uint32_t>> keys;
  for (const model::Package& p : set.packages) {
    Check(!p.name.empty());
    CheckLoc(file, p.loc);
    // Each package comes from its own key: an npm folder, a yarn entry, a
    // pnpm id or importer; a duplicate key is one package, not two.
    Check(keys.emplace(p.loc.line, p.loc.col).second);
    Check(p.installed_as != p.name);
    std::set<uint32_t> deps;
    for (uint32_t d : p.dependencies) {
      Check(d < set.packages.size());
      Check(deps.insert(d).second);
    }
    for (const model::PackageHash& h : p.hashes) {
      size_t bytes = h.algorithm == "SHA-1"     ? 20
                     : h.algorithm == "SHA-256" ? 32
                     : h.algorithm == "SHA-384" ? 48
                     : h.algorithm == "SHA-512" ? 64
                                                : 0;
      Check(bytes != 0 && h.hex.size() == 2 * bytes);
      Check(h.hex.find_first_not_of("0123456789abcdef") == std::string::npos);
    }
    Check(p.advisories.empty());
    if (unique_resolutions) {
      Check(
          resolutions.emplace(p.name, p.version, static_cast<int>(p.source), p.source_ref).second);
    }
  }
  for (const util::Diagnostic& d : diags.Sorted()) {
    Check(!d.message.empty() && d.message.back() != '.');
    if (d.loc.file != nullptr) CheckLoc(file, d.loc);
  }
}

}  // namespace fnwarden::fuzz

#endif  // FNWARDEN_FUZZ_NPM_FUZZ_CHECKS_H_
