// libFuzzer target for pnpm-lock.yaml (load/lockfile/pnpm_lock.cc): checks
// in npm_fuzz_checks.h; workspace packages are named and point at their
// importer.
#include <cstddef>
#include <cstdint>
#include <string>

#include "load/lockfile/lockfile.h"
#include "npm_fuzz_checks.h"

using namespace fnwarden;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  util::SourceFile file("pnpm-lock.yaml", std::string(reinterpret_cast<const char*>(data), size));
  load::lockfile::LockLimits limits = fuzz::LockFuzzLimits();
  util::DiagnosticSink diags;
  model::PackageSet set;
  bool ok = load::lockfile::ReadPnpmLock(file, limits, &diags, &set);
  // Two ids may name the same package at the same version through their
  // `name`/`version` fields, so resolutions are not checked for uniqueness.
  fuzz::CheckPackageSet(file, diags, ok, set, limits, /*unique_resolutions=*/false);
  if (ok) fuzz::Check(set.format.rfind("pnpm-lock.yaml v", 0) == 0);
  for (const model::Package& p : set.packages) {
    if (p.source == model::PackageSource::kWorkspace) fuzz::Check(!p.source_ref.empty());
  }
  return 0;
}
