// libFuzzer target for package-lock.json and npm-shrinkwrap.json
// (load/lockfile/npm_lock.cc) and package.json (package_json.cc): checks in
// npm_fuzz_checks.h; npm keeps one package per installed folder, so the same
// resolution may repeat. The declared requirements of package.json must
// have names and point into the file.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "load/lockfile/lockfile.h"
#include "npm_fuzz_checks.h"

using namespace fnwarden;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The first byte picks the name, which picks the format's label.
  const char* name = size > 0 && (data[0] & 1) ? "npm-shrinkwrap.json" : "package-lock.json";
  util::SourceFile file(name, std::string(reinterpret_cast<const char*>(data), size));
  load::lockfile::LockLimits limits = fuzz::LockFuzzLimits();
  util::DiagnosticSink diags;
  model::PackageSet set;
  bool ok = load::lockfile::ReadNpmLock(file, limits, &diags, &set);
  fuzz::CheckPackageSet(file, diags, ok, set, limits, /*unique_resolutions=*/false);
  if (ok) fuzz::Check(set.format.rfind(name, 0) == 0);

  util::DiagnosticSink manifest_diags;
  std::vector<model::PackageSet::Declared> declared;
  ok = load::lockfile::ReadPackageJson(file, &manifest_diags, &declared);
  if (!ok) fuzz::Check(manifest_diags.has_errors() && declared.empty());
  for (const model::PackageSet::Declared& d : declared) {
    fuzz::Check(!d.name.empty());
    fuzz::CheckLoc(file, d.loc);
  }
  return 0;
}
