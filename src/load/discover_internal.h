// Helpers shared by discover.cc and project.cc; not part of the load
// layer's interface (see load/project.h for that).
#ifndef FNWARDEN_LOAD_DISCOVER_INTERNAL_H_
#define FNWARDEN_LOAD_DISCOVER_INTERNAL_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "load/project.h"
#include "util/diagnostic.h"
#include "util/fs.h"

namespace fnwarden::load::internal {

// True when a file's base name says it is meant to be a template
// ("template.yaml", "sam-template.yml", "app.template.json", "stack.template",
// and a Serverless Framework service's "serverless.yml"):
// problems with such a file are always reported, while other YAML/JSON files
// that turn out unreadable, binary or too large are skipped quietly unless the
// user named them.
bool IsTemplateName(std::string_view path);

// True when the first 8 KiB hold a NUL byte (how git and grep tell binaries).
bool LooksBinary(std::string_view contents);

// True when the text could hold a CloudFormation template at all: templates
// need "AWSTemplateFormatVersion" or an "AWS::" (or "Custom::") resource type
// (cfn::LooksLikeTemplate), so a file with none of them (package-lock.json, a
// GitHub workflow) is never parsed.
bool MayBeTemplate(std::string_view contents);

// True when the text is clearly meant as a template (it names the template
// format version, or has both "Resources" and "AWS::"), so its parse errors
// are worth reporting even when it does not parse far enough to tell.
bool ClaimsToBeTemplate(std::string_view contents);

// `path` as users should see it: relative to `cwd` when it is under it
// (absolute paths), without leading "./", otherwise as given.
std::string DisplayPath(std::string_view path, std::string_view cwd);

// Joins a folder and a relative path with one '/'.
std::string JoinPath(std::string_view dir, std::string_view name);
// The folder part of a path ("" for a bare name), without a trailing '/'.
std::string DirName(std::string_view path);

// Discover() within `roots`, built once by the caller from the same `paths`
// (the loader checks the paths that files name against the same roots).
// Adds every folder listed to `folders` when it is not null.
void DiscoverWithin(const util::FileSystem& fs, const std::vector<std::string>& paths,
                    const util::ScanRoots& roots, const LoadOptions& options,
                    util::DiagnosticSink* diags, const std::function<void(DiscoveredFile)>& found,
                    util::FolderIndex* folders);

}  // namespace fnwarden::load::internal

#endif  // FNWARDEN_LOAD_DISCOVER_INTERNAL_H_
