// Loading a scan's inputs: discover files under the given paths, parse them
// in parallel, and build one model per deployable unit (a template with the
// nested stacks it references locally, a cdk.out assembly stack).
#ifndef FNWARDEN_LOAD_PROJECT_H_
#define FNWARDEN_LOAD_PROJECT_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "load/syntax/node.h"
#include "model/model.h"
#include "util/diagnostic.h"
#include "util/fs.h"
#include "util/source.h"

namespace fnwarden::load {

struct LoadOptions {
  std::map<std::string, std::string> parameters;  // --param Name=Value
  syntax::ParseLimits limits;
  uint64_t max_file_bytes = 10 << 20;  // larger files are skipped with a diagnostic
  unsigned jobs = 0;                   // 0: all hardware threads
  std::vector<std::string> exclude_dirs;  // extra folder names to skip
};

enum class FileKind : uint8_t {
  kTemplateYaml,   // a CloudFormation/SAM template in YAML
  kTemplateJson,   // ... in JSON
  kCdkManifest,    // cdk.out/manifest.json
  kOther,          // read but not a kind fnwarden scans
};

struct DiscoveredFile {
  std::string path;          // path to open
  std::string display_path;  // path shown to users (relative to the scan root's parent dir)
  FileKind kind = FileKind::kOther;
};

struct LoadResult {
  LoadResult() = default;
  // Frees the models on `jobs` threads: a large scan holds thousands of
  // them, and freeing them one by one is a serial tail.
  ~LoadResult();
  LoadResult(const LoadResult&) = delete;  // Locs point into `sources`
  LoadResult& operator=(const LoadResult&) = delete;

  util::SourceSet sources;   // owns every file's text; Locs in models point here
  std::vector<model::Model> models;  // sorted by root path
  size_t files_seen = 0;     // candidate files discovered
  size_t files_parsed = 0;   // files parsed without a fatal error
  uint64_t bytes_parsed = 0;
  unsigned jobs = 1;         // LoadOptions::jobs of the load (0: all cores)
};

// Walks `paths` (files or folders). Skips vendored and generated folders
// (node_modules, .venv, .aws-sam, .serverless, .terraform, dist, build, .git,
// ...), binary files, symlink loops and files over the size cap, each with a
// diagnostic where the user named them or they look like templates. Never
// executes anything.
std::vector<DiscoveredFile> Discover(const util::FileSystem& fs,
                                     const std::vector<std::string>& paths,
                                     const LoadOptions& options, util::DiagnosticSink* diags);
// The same walk, handing each file to `found` as soon as it is found (in the
// same order), so that reading can start while the walk goes on.
void Discover(const util::FileSystem& fs, const std::vector<std::string>& paths,
              const LoadOptions& options, util::DiagnosticSink* diags,
              const std::function<void(DiscoveredFile)>& found);

// Discovers, parses and adapts. Problems become diagnostics; the rest of the
// input is still loaded.
void LoadProjects(const util::FileSystem& fs, const std::vector<std::string>& paths,
                  const LoadOptions& options, util::DiagnosticSink* diags, LoadResult* out);

// Builds the model of one template document (used by LoadProjects, tests and
// fuzzers). Relative paths in the template (CodeUri) resolve against the
// folder of `doc.file()`.
bool BuildTemplateModel(const syntax::Document& doc, const LoadOptions& options,
                        util::DiagnosticSink* diags, model::Model* out);

}  // namespace fnwarden::load

#endif  // FNWARDEN_LOAD_PROJECT_H_
