// Finds the third-party packages each function ships and records them in
// the model (model::Model::package_sets, model::Function::package_sets).
//
// A function's packages come from the lockfiles of its code folder or, when
// that folder has none for the function's language, of the nearest folder
// above it that still belongs to the project (a monorepo's root
// package-lock.json, a service's requirements.txt), from a `.zip`
// deployment package its CodeUri names or the packages installed in its
// folder when no lockfile says, and from the layers of the application it
// lists (their lockfiles, or what is installed in them). The manifest beside a lockfile
// (package.json, pyproject.toml, Pipfile) says which packages are direct and
// which only serve development. Each file is read once per scan, however
// many functions share it; every file is read inside the scan roots only.
#ifndef FNWARDEN_LOAD_LOCKFILE_ATTACH_H_
#define FNWARDEN_LOAD_LOCKFILE_ATTACH_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "load/lockfile/lockfile.h"
#include "model/model.h"
#include "util/diagnostic.h"
#include "util/fs.h"
#include "util/source.h"

namespace fnwarden::load::lockfile {

struct AttachOptions {
  // Larger lockfiles and manifests are skipped with a diagnostic.
  uint64_t max_file_bytes = 64 << 20;
  // How many folders above a function's code folder are searched for its
  // lockfiles (never above the folder of the project's main file, and never
  // out of a cdk.out assembly's asset folder: the CDK app's own
  // package.json is not what the bundle ships).
  int max_levels_up = 4;
  LockLimits limits;
  unsigned jobs = 1;
};

// The package ecosystem of a Lambda runtime ("nodejs20.x" → npm,
// "python3.12" → PyPI, "go1.x" → Go); false for others (provided.*,
// container images), whose functions take whichever lockfiles they have.
bool EcosystemOfRuntime(std::string_view runtime, model::Ecosystem* out);

// Fills the package sets of every function of `models` with a code folder.
// `display` turns a path as opened into the path users see. Files are read
// through `fs` inside `roots` and kept in `sources`; problems are reported
// once to `diags`.
void AttachDependencies(const util::FileSystem& fs, const util::ScanRoots& roots,
                        const util::FolderIndex* known,
                        const std::function<std::string(const std::string&)>& display,
                        const AttachOptions& options, util::SourceSet* sources,
                        util::DiagnosticSink* diags, std::vector<model::Model>* models);

}  // namespace fnwarden::load::lockfile

#endif  // FNWARDEN_LOAD_LOCKFILE_ATTACH_H_
