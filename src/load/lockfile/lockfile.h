// Readers of dependency lockfiles and manifests. Each reads one file's text
// into a model::PackageSet (model/packages.h): every package with its exact
// version, where the file lists it, whether it is a direct dependency,
// development-only or optional, its hashes and what it requires. A reader
// never executes, fetches or opens anything; what it cannot read becomes a
// diagnostic pointing into the file, and the rest of the file is still read.
#ifndef FNWARDEN_LOAD_LOCKFILE_LOCKFILE_H_
#define FNWARDEN_LOAD_LOCKFILE_LOCKFILE_H_

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/packages.h"
#include "util/diagnostic.h"
#include "util/source.h"

namespace fnwarden::load::lockfile {

enum class LockKind : uint8_t {
  kNpmLock,        // package-lock.json (lockfileVersion 1, 2, 3)
  kNpmShrinkwrap,  // npm-shrinkwrap.json (same format)
  kYarnLock,       // yarn.lock (v1, and Berry's YAML)
  kPnpmLock,       // pnpm-lock.yaml
  kRequirements,   // requirements*.txt (also *.in-free names such as requirements/prod.txt)
  kPipfileLock,    // Pipfile.lock
  kPoetryLock,     // poetry.lock
  kUvLock,         // uv.lock
  kGoMod,          // go.mod
  kGoSum,          // go.sum
};

// The kind of lockfile a file's base name is, or nullopt (`requirements.txt`,
// `requirements-prod.txt`, `requirements_dev.txt`, `package-lock.json`, …).
std::optional<LockKind> KindOfName(std::string_view base_name);

// Caps that keep a hostile file from exhausting memory or time.
struct LockLimits {
  size_t max_packages = 500'000;
  size_t max_depth = 64;  // nesting of npm v1 `dependencies`, includes (-r) of requirements
};

// Reads another file named by the one being read (a requirements file's
// `-r other.txt` or `-c constraints.txt`), resolved against the including
// file's folder by the caller, who keeps it inside the scan roots. Returns
// nullptr when it cannot (outside the roots, missing, too large); the
// reader then reports a diagnostic at the include line.
using IncludeReader = std::function<const util::SourceFile*(const util::SourceFile& from,
                                                            std::string_view relative_path)>;

// Each returns false when the file is not that format at all (not JSON, not
// a lockfile of that tool); true otherwise, even with diagnostics.
bool ReadNpmLock(const util::SourceFile& file, const LockLimits& limits,
                 util::DiagnosticSink* diags, model::PackageSet* out);
bool ReadYarnLock(const util::SourceFile& file, const LockLimits& limits,
                  util::DiagnosticSink* diags, model::PackageSet* out);
bool ReadPnpmLock(const util::SourceFile& file, const LockLimits& limits,
                  util::DiagnosticSink* diags, model::PackageSet* out);
bool ReadRequirements(const util::SourceFile& file, const IncludeReader& include,
                      const LockLimits& limits, util::DiagnosticSink* diags,
                      model::PackageSet* out);
bool ReadPipfileLock(const util::SourceFile& file, const LockLimits& limits,
                     util::DiagnosticSink* diags, model::PackageSet* out);
bool ReadPoetryLock(const util::SourceFile& file, const LockLimits& limits,
                    util::DiagnosticSink* diags, model::PackageSet* out);
bool ReadUvLock(const util::SourceFile& file, const LockLimits& limits,
                util::DiagnosticSink* diags, model::PackageSet* out);
bool ReadGoMod(const util::SourceFile& file, const LockLimits& limits,
               util::DiagnosticSink* diags, model::PackageSet* out);
bool ReadGoSum(const util::SourceFile& file, const LockLimits& limits,
               util::DiagnosticSink* diags, model::PackageSet* out);

// Manifests: what the project declares directly (package.json's
// dependencies/devDependencies/optionalDependencies, pyproject.toml's PEP 621
// and Poetry tables with their groups, Pipfile's [packages]/[dev-packages]).
// go.mod is both: ReadGoMod fills `declared` too.
bool ReadPackageJson(const util::SourceFile& file, util::DiagnosticSink* diags,
                     std::vector<model::PackageSet::Declared>* out);
bool ReadPyproject(const util::SourceFile& file, util::DiagnosticSink* diags,
                   std::vector<model::PackageSet::Declared>* out);
bool ReadPipfile(const util::SourceFile& file, util::DiagnosticSink* diags,
                 std::vector<model::PackageSet::Declared>* out);

}  // namespace fnwarden::load::lockfile

#endif  // FNWARDEN_LOAD_LOCKFILE_LOCKFILE_H_
