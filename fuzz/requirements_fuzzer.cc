// libFuzzer target for requirements files (load/lockfile/requirements.cc).
//
// The input is split at its first "\n---\n": before it the file read as
// requirements-dev.txt, after it a second file that any `-r`/`-c` naming
// `b.txt` includes; `a.txt` names the first file again (a cycle), anything
// else cannot be read. Checks beyond "no crash, no hang": every package has a
// name and a position inside the file that lists it, is direct and (by the
// file's name) dev, pinned only with a version of its own; hashes are
// well-formed; caps hold; every diagnostic points into one of the files.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "load/lockfile/lockfile.h"
#include "lockfile_pygo_check.h"

using namespace fnwarden;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t split = input.find("\n---\n");
  std::string_view first = input.substr(0, split);
  std::string_view second =
      split == std::string_view::npos ? std::string_view() : input.substr(split + 5);
  util::SourceFile main_file("requirements-dev.txt", std::string(first));
  util::SourceFile other("b.txt", std::string(second));
  load::lockfile::IncludeReader reader = [&](const util::SourceFile&,
                                             std::string_view path) -> const util::SourceFile* {
    if (path.ends_with("b.txt")) return &other;
    if (path.ends_with("a.txt")) return &main_file;
    return nullptr;
  };
  load::lockfile::LockLimits limits;
  limits.max_packages = 2000;
  limits.max_depth = 8;
  util::DiagnosticSink diags;
  model::PackageSet set;
  fuzz::Check(load::lockfile::ReadRequirements(main_file, reader, limits, &diags, &set));
  std::vector<const util::SourceFile*> files = {&main_file, &other};
  fuzz::CheckPackageSet(set, limits, files);
  fuzz::Check(!set.locked && set.ecosystem == model::Ecosystem::kPyPI);
  for (const model::Package& p : set.packages) {
    fuzz::Check(p.direct && p.dev);
    fuzz::Check(p.dependencies.empty());
    fuzz::Check(p.version.find_first_of(" \t\r\n") == std::string::npos);
    // A version without a requirement comes from a constraints file only.
    if (!p.version.empty()) fuzz::Check(p.source == model::PackageSource::kRegistry);
  }
  fuzz::CheckDiagnostics(diags, files);
  return 0;
}
