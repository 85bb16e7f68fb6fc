// libFuzzer target for yarn.lock, Yarn 1's format and Berry's YAML
// (load/lockfile/yarn_lock.cc): checks in npm_fuzz_checks.h; each
// resolution is one package.
#include <cstddef>
#include <cstdint>
#include <string>

#include "load/lockfile/lockfile.h"
#include "npm_fuzz_checks.h"

using namespace fnwarden;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  util::SourceFile file("yarn.lock", std::string(reinterpret_cast<const char*>(data), size));
  load::lockfile::LockLimits limits = fuzz::LockFuzzLimits();
  util::DiagnosticSink diags;
  model::PackageSet set;
  bool ok = load::lockfile::ReadYarnLock(file, limits, &diags, &set);
  fuzz::CheckPackageSet(file, diags, ok, set, limits, /*unique_resolutions=*/true);
  if (ok) fuzz::Check(set.format.rfind("yarn.lock ", 0) == 0);
  // Neither format records development-only packages.
  for (const model::Package& p : set.packages) fuzz::Check(!p.dev);
  return 0;
}
