// libFuzzer target for the TOML readers of load/lockfile: poetry.lock
// (poetry_lock.cc), uv.lock (uv_lock.cc), pyproject.toml (pyproject.cc) and
// Pipfile (pipfile.cc), each given the same bytes. Checks beyond "no crash,
// no hang": a reader that returns false has read no package; every package
// has a name and a position in the file; dependency indexes are in range
// and never point at the package itself; hashes are well-formed; uv.lock's
// workspace packages are neither direct, dev nor optional; every declaration
// has a name and a position; every diagnostic points into the file.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "load/lockfile/lockfile.h"
#include "lockfile_pygo_check.h"

using namespace fnwarden;

namespace {

void CheckLockSet(bool ok, const model::PackageSet& set, const load::lockfile::LockLimits& limits,
                  const std::vector<const util::SourceFile*>& files) {
  if (!ok) fuzz::Check(set.packages.empty());
  fuzz::CheckPackageSet(set, limits, files);
  fuzz::Check(set.locked && set.ecosystem == model::Ecosystem::kPyPI);
  for (size_t i = 0; i < set.packages.size(); ++i) {
    for (uint32_t d : set.packages[i].dependencies) fuzz::Check(d != i);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  load::lockfile::LockLimits limits;
  limits.max_packages = 2000;
  {
    util::SourceFile file("poetry.lock", text);
    util::DiagnosticSink diags;
    model::PackageSet set;
    bool ok = load::lockfile::ReadPoetryLock(file, limits, &diags, &set);
    CheckLockSet(ok, set, limits, {&file});
    for (const model::Package& p : set.packages) fuzz::Check(!p.direct);
    fuzz::CheckDiagnostics(diags, {&file});
  }
  {
    util::SourceFile file("uv.lock", text);
    util::DiagnosticSink diags;
    model::PackageSet set;
    bool ok = load::lockfile::ReadUvLock(file, limits, &diags, &set);
    CheckLockSet(ok, set, limits, {&file});
    for (const model::Package& p : set.packages) {
      if (p.source == model::PackageSource::kWorkspace) {
        fuzz::Check(!p.direct && !p.dev && !p.optional);
      }
      fuzz::Check(!(p.dev && p.optional));
    }
    fuzz::CheckDiagnostics(diags, {&file});
  }
  {
    util::SourceFile file("pyproject.toml", text);
    util::DiagnosticSink diags;
    std::vector<model::PackageSet::Declared> declared;
    bool ok = load::lockfile::ReadPyproject(file, &diags, &declared);
    if (!ok) fuzz::Check(declared.empty() && diags.has_errors());
    fuzz::CheckDeclared(declared, {&file});
    fuzz::CheckDiagnostics(diags, {&file});
  }
  {
    util::SourceFile file("Pipfile", text);
    util::DiagnosticSink diags;
    std::vector<model::PackageSet::Declared> declared;
    bool ok = load::lockfile::ReadPipfile(file, &diags, &declared);
    if (!ok) fuzz::Check(declared.empty() && diags.has_errors());
    fuzz::CheckDeclared(declared, {&file});
    fuzz::CheckDiagnostics(diags, {&file});
  }
  return 0;
}
