// libFuzzer target for Pipfile.lock (load/lockfile/pipfile.cc). Checks
// beyond "no crash, no hang": every package has a name and a position in
// the file, no package is direct or has dependencies (the lock records
// neither), hashes are well-formed, a package of `develop` is never also
// shipped at the same version, and every diagnostic points into the file.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>

#include "load/lockfile/lockfile.h"
#include "lockfile_pygo_check.h"

using namespace fnwarden;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  util::SourceFile file("Pipfile.lock", std::string(reinterpret_cast<const char*>(data), size));
  load::lockfile::LockLimits limits;
  limits.max_packages = 2000;
  util::DiagnosticSink diags;
  model::PackageSet set;
  bool ok = load::lockfile::ReadPipfileLock(file, limits, &diags, &set);
  if (!ok) fuzz::Check(set.packages.empty());
  fuzz::CheckPackageSet(set, limits, {&file});
  std::set<std::string> shipped;
  for (const model::Package& p : set.packages) {
    fuzz::Check(!p.direct && p.dependencies.empty());
    if (!p.dev) shipped.insert(p.name + "@" + p.version);
  }
  for (const model::Package& p : set.packages) {
    if (p.dev) fuzz::Check(shipped.count(p.name + "@" + p.version) == 0);
  }
  fuzz::CheckDiagnostics(diags, {&file});
  return 0;
}
