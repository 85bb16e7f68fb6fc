// The configuration file `.fnwarden.yml`: defaults for `fnwarden scan`,
// folders to leave out, and ignores.
//
//   fail-on: high                 # default for --fail-on
//   fail-on-hardening: medium     # default for --fail-on-hardening
//   only: [IAM, FNW-CFG-003]      # default for --only
//   skip: [FNW-LOG-001]           # added to --skip
//   exclude: ["legacy/**"]        # added to --exclude; globs relative to this file's folder
//   ignore:
//     - id: FNW-CFG-003
//       paths: ["legacy/**"]      # optional globs, relative to this file's folder
//       resources: [PublicFn]     # optional logical IDs (wildcards * and ?)
//       reason: the demo endpoint is public by design   # required
//
// The schema is strict: an unknown or misspelt key, a value of the wrong
// type, an ignore entry without an id, an empty `paths` or `resources` (which
// would widen the ignore to everything) and a duplicate key are errors at
// their position, and the scan stops with exit code 2. An entry without a
// reason is kept but suppresses nothing (the engine warns about it).
//
// Where it is found (LoadConfigs): from each scanned path upward. See
// docs/suppressions.md.
#ifndef FNWARDEN_CLI_CONFIG_H_
#define FNWARDEN_CLI_CONFIG_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "rules/suppress.h"
#include "util/diagnostic.h"
#include "util/fs.h"
#include "util/source.h"

namespace fnwarden::cli {

inline constexpr const char* kConfigFileName = ".fnwarden.yml";

// One configuration file.
struct Config {
  std::optional<std::string> fail_on;            // a severity name or "none", lower case
  std::optional<std::string> fail_on_hardening;  // likewise
  std::vector<std::string> only;
  std::vector<std::string> skip;
  std::vector<std::string> exclude;          // globs as written, relative to the file's folder
  std::vector<rules::ConfigIgnore> ignores;  // locs point into the parsed file
  // The scan-wide keys present (fail-on, fail-on-hardening, only, skip),
  // with the position of each key.
  std::map<std::string, util::Loc> scan_wide_keys;
};

// Parses `file` (which must outlive `out`). Problems go to `diags` as errors
// (see above). Returns false when there was an error.
bool ParseConfig(const util::SourceFile* file, util::DiagnosticSink* diags, Config* out);

// Where to look for configurations.
struct ConfigSearch {
  std::vector<std::string> paths;  // the scanned paths, as given
  std::string named;               // --config FILE; "": search from each path
  std::string cwd;                 // the absolute current folder
  uint64_t max_bytes = 10 << 20;   // larger configuration files are an error
};

// What the configurations of one scan ask for.
struct ScanConfig {
  // The scan-wide settings: those of the configuration of the first scanned
  // path that has one (or of --config). Its exclude and ignores are in the
  // fields below, with those of the other configurations.
  Config settings;
  // Each configuration's ignores with the folder they apply to.
  std::vector<rules::ConfigScope> scopes;
  // Each configuration's exclude globs, rewritten as globs on display paths
  // (relative to `cwd`, as the loader shows paths).
  std::vector<std::string> exclude;
  // Display paths of the configuration files read, in order.
  std::vector<std::string> files;
};

// Finds and parses the configurations of a scan. With `named`, that file
// applies to every scanned file. Otherwise each scanned path looks for
// `.fnwarden.yml` in its folder (a file's folder for a file), then in each
// folder above, and stops at the first found, at the repository root (the
// nearest folder with a `.git`) or at the filesystem root; a configuration
// applies to the files under its folder, where no nearer one does. A
// configuration must be a regular file and, once links are resolved, lie
// inside its repository (or, without one, inside its own folder): a link to
// anywhere else is refused without being read, so its target's content is
// never shown. Scan-wide keys of later configurations that differ from the
// settings are warnings: they do not apply. Returns false, with errors in
// `diags`, when a configuration is unusable; files read are added to
// `sources` (diagnostics point into them).
bool LoadConfigs(const util::FileSystem& fs, const ConfigSearch& search, util::SourceSet* sources,
                 util::DiagnosticSink* diags, ScanConfig* out);

// `glob`, relative to the absolute folder `folder`, as globs on display
// paths: paths relative to the absolute `cwd` ("app/x.yaml",
// "../other/x.yaml"), or absolute outside it. A glob without '/' matches a
// file name at any depth under `folder`. For a folder above `cwd`, a glob
// whose folders lead elsewhere than to `cwd` gives nothing for the files under
// `cwd` (wildcards in those folders are not followed).
std::vector<std::string> RebaseGlob(const std::string& glob, const std::string& folder,
                                    const std::string& cwd);

}  // namespace fnwarden::cli

#endif  // FNWARDEN_CLI_CONFIG_H_
