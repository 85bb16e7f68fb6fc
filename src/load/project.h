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
#include <utility>
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
  uint64_t max_file_bytes = 10 << 20;     // larger files are skipped with a diagnostic
  unsigned jobs = 0;                      // 0: all hardware threads
  std::vector<std::string> exclude_dirs;  // extra folder names to skip
  // Globs of files and folders that discovery skips without reading them
  // (--exclude). Each is matched against the display path and against the
  // path relative to the scan root it was found under: `**` crosses folders,
  // `*` and `?` stay within one name, a pattern ending in '/' is a folder and
  // everything in it, and a pattern without '/' also matches a base name
  // (util::PathGlobMatch). Paths named in the scan's arguments are read
  // anyway; files that a template or manifest names are read with it.
  std::vector<std::string> exclude;
  // Follow symbolic links whose targets leave the scan roots
  // (--follow-symlinks). Off, such a link is not followed, and a warning
  // names it (never its target). Links that stay inside the roots are
  // always followed. Either way a path that a file names and that climbs
  // out of the roots with "../" is refused.
  bool follow_symlinks = false;

  // Serverless Framework services. `stage` is --stage (`${opt:stage}`,
  // `${sls:stage}`); empty: the service's provider.stage, else "dev".
  // `${env:…}` reads the environment only with `resolve_env`
  // (--resolve-env), and `${file(…)}` reads files (inside the scan roots)
  // only with `resolve_files` (--resolve-files); otherwise both stay
  // unknown: scanning an untrusted pull request never reads the runner's
  // secrets. `${param:…}` takes `parameters` first.
  std::string stage;
  bool resolve_env = false;
  bool resolve_files = false;

  // Terraform root modules' variables: --var NAME=VALUE (strings, applied
  // last, in order) and --var-file FILE (`.tfvars` files read after the
  // module's own terraform.tfvars and *.auto.tfvars). `TF_VAR_` environment
  // variables are read only with `resolve_env`.
  std::vector<std::pair<std::string, std::string>> tf_vars;
  std::vector<std::string> tf_var_files;
};

enum class FileKind : uint8_t {
  kTemplateYaml,       // a CloudFormation/SAM template in YAML
  kTemplateJson,       // ... in JSON
  kCdkManifest,        // cdk.out/manifest.json
  kServerlessScript,   // serverless.ts / serverless.js: a program, never run nor read
  kServerlessCompose,  // serverless-compose.yml named by the user: read for the services it lists
  kTerraform,          // a Terraform `.tf` file: part of its folder's module
  kTerraformVars,      // a `.tfvars` file: variable values for its folder's root module
  kOther,              // read but not a kind fnwarden scans
};

struct DiscoveredFile {
  std::string path;          // path to open
  std::string display_path;  // path shown to users (relative to the scan root's parent dir)
  FileKind kind = FileKind::kOther;
  // A folder listing showed a regular file here (not a link), so it is
  // opened without following a link (O_NOFOLLOW) should one appear.
  bool regular_entry = false;
};

struct LoadResult {
  LoadResult() = default;
  // Frees the models on `jobs` threads: a large scan holds thousands of
  // them, and freeing them one by one is a serial tail.
  ~LoadResult();
  LoadResult(const LoadResult&) = delete;  // Locs point into `sources`
  LoadResult& operator=(const LoadResult&) = delete;

  util::SourceSet sources;           // owns every file's text; Locs in models point here
  std::vector<model::Model> models;  // sorted by root path
  // Candidate files discovered or named by a template or manifest; 0 means
  // the scan found nothing fnwarden reads (no YAML, JSON or .template file
  // outside skipped and excluded folders, no cdk.out manifest), which the
  // CLI reports as such. Files that were read but hold no template count
  // here and add no model: `models.empty()` tells that case.
  size_t files_seen = 0;
  size_t files_parsed = 0;  // files parsed without a fatal error
  uint64_t bytes_parsed = 0;
  unsigned jobs = 1;  // LoadOptions::jobs of the load (0: all cores)
};

// Walks `paths` (files or folders), the scan roots. Skips vendored and
// generated folders (node_modules, .venv, .aws-sam, .serverless, .terraform,
// dist, build, .git, ...), excluded paths, symlink loops and links whose
// targets leave the roots (unless LoadOptions::follow_symlinks), each with a
// diagnostic where the user named them or they look like templates. Binary
// and oversized files are found here and refused where they are read. Never
// opens a file and never executes anything.
std::vector<DiscoveredFile> Discover(const util::FileSystem& fs,
                                     const std::vector<std::string>& paths,
                                     const LoadOptions& options, util::DiagnosticSink* diags);
// The same walk, handing each file to `found` as soon as it is found (in the
// same order), so that reading can start while the walk goes on.
void Discover(const util::FileSystem& fs, const std::vector<std::string>& paths,
              const LoadOptions& options, util::DiagnosticSink* diags,
              const std::function<void(DiscoveredFile)>& found);

// Discovers, parses and adapts. Problems become diagnostics; the rest of the
// input is still loaded. Nothing outside the scan roots (`paths`, their links
// resolved) is read: a nested stack, a CDK stack or nested assembly, or a
// function's code folder that resolves outside them is refused with a
// diagnostic at the value that names it (a function keeps an empty
// `code_dir`). Files are opened without blocking and read only when they
// are regular files. Templates in UTF-16 or UTF-32 with a byte order mark
// are decoded to UTF-8 first (util::DecodeToUtf8). A nested template read
// from a local path is part of the model of the template that deploys it,
// its parameters bound to the values passed (a nested template that reuses
// one of its parent's logical IDs stays a model of its own, with a warning).
void LoadProjects(const util::FileSystem& fs, const std::vector<std::string>& paths,
                  const LoadOptions& options, util::DiagnosticSink* diags, LoadResult* out);

// Builds the model of one template document (used by LoadProjects, tests and
// fuzzers). Relative paths in the template (CodeUri) resolve against the
// folder of `doc.file()`.
// `inputs`: for a nested template, what its parent stack passes to its
// parameters (cfn::EvalOptions::inputs). `stack_outputs`: for a parent, the
// outputs of its nested stacks (cfn::EvalOptions::stack_outputs).
// The outputs of nested stacks, by the stack's logical ID and then the
// output's name.
using StackOutputs = std::map<std::string, std::map<std::string, model::String>>;

bool BuildTemplateModel(const syntax::Document& doc, const LoadOptions& options,
                        util::DiagnosticSink* diags, model::Model* out,
                        const std::map<std::string, model::String>* inputs = nullptr,
                        const StackOutputs* stack_outputs = nullptr);

}  // namespace fnwarden::load

#endif  // FNWARDEN_LOAD_PROJECT_H_
