// The configuration file `.fnwarden.yml`: defaults for `fnwarden scan` and
// ignores. Read from the first scanned folder, or named with --config.
//
//   fail-on: high                 # default for --fail-on
//   only: [IAM, FNW-CFG-003]      # default for --only
//   skip: [FNW-LOG-001]           # added to --skip
//   ignore:
//     - id: FNW-CFG-003
//       paths: ["legacy/**"]      # optional globs, relative to this file's folder
//       resources: [PublicFn]     # optional logical IDs (wildcards * and ?)
//       reason: the demo endpoint is public by design   # required
#ifndef FNWARDEN_CLI_CONFIG_H_
#define FNWARDEN_CLI_CONFIG_H_

#include <optional>
#include <string>
#include <vector>

#include "rules/suppress.h"
#include "util/diagnostic.h"
#include "util/source.h"

namespace fnwarden::cli {

inline constexpr const char* kConfigFileName = ".fnwarden.yml";

struct Config {
  std::optional<std::string> fail_on;  // a severity name or "none", validated
  std::vector<std::string> only;
  std::vector<std::string> skip;
  std::vector<rules::ConfigIgnore> ignores;  // locs point into the parsed file
};

// Parses `file` (which must outlive `out`). Problems go to `diags`: errors
// for what makes the file unusable (not YAML, wrong shapes, a bad fail-on),
// warnings for unknown keys. Returns false when there was an error.
bool ParseConfig(const util::SourceFile* file, util::DiagnosticSink* diags, Config* out);

}  // namespace fnwarden::cli

#endif  // FNWARDEN_CLI_CONFIG_H_
