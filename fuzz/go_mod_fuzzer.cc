// libFuzzer target for go.mod and go.sum (load/lockfile/go_mod.cc), each
// given the same bytes. Checks beyond "no crash, no hang": every package has
// a name and a position in the file; go.mod declares exactly its direct
// requirements and gives a version to every package that is no local
// replacement; go.sum has one package per module@version, none direct, each
// with at most one SHA-256; every diagnostic points into the file.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>

#include "load/lockfile/lockfile.h"
#include "lockfile_pygo_check.h"

using namespace fnwarden;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  load::lockfile::LockLimits limits;
  limits.max_packages = 2000;
  {
    util::SourceFile file("go.mod", text);
    util::DiagnosticSink diags;
    model::PackageSet set;
    fuzz::Check(load::lockfile::ReadGoMod(file, limits, &diags, &set));
    fuzz::CheckPackageSet(set, limits, {&file});
    size_t direct = 0;
    for (const model::Package& p : set.packages) {
      direct += p.direct;
      fuzz::Check(p.dependencies.empty() && p.hashes.empty());
      fuzz::Check(p.version.empty() == (p.source == model::PackageSource::kFile));
      fuzz::Check(p.version.empty() || p.version[0] == 'v');
    }
    fuzz::Check(set.declared.size() >= direct);
    fuzz::CheckDiagnostics(diags, {&file});
  }
  {
    util::SourceFile file("go.sum", text);
    util::DiagnosticSink diags;
    model::PackageSet set;
    fuzz::Check(load::lockfile::ReadGoSum(file, limits, &diags, &set));
    fuzz::CheckPackageSet(set, limits, {&file});
    std::set<std::string> seen;
    for (const model::Package& p : set.packages) {
      fuzz::Check(!p.direct && !p.version.empty());
      fuzz::Check(seen.insert(p.name + "@" + p.version).second);
      fuzz::Check(p.hashes.size() <= 1);
    }
    fuzz::CheckDiagnostics(diags, {&file});
  }
  return 0;
}
