// Discover: one walk over the scan's paths, choosing the files worth reading.
//
// Discovery only looks at names and directory entries; it never opens a
// file, and stats only folders and links. Content checks (size, binary, "is
// this a template") happen where each file is read for parsing (project.cc),
// so no file is read twice. Of the entries, only symbolic links are resolved:
// the walk starts inside the scan roots, so a link is the only way out.

#include <algorithm>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "load/discover_internal.h"
#include "load/project.h"
#include "util/strings.h"

namespace fnwarden::load {
namespace internal {

namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string_view BaseName(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace

bool IsTemplateName(std::string_view path) {
  std::string name = util::ToLower(BaseName(path));
  if (EndsWith(name, ".template")) return true;
  if (name == "serverless.yml" || name == "serverless.yaml" || name == "serverless.json") {
    return true;
  }
  bool yaml_or_json = EndsWith(name, ".yaml") || EndsWith(name, ".yml") || EndsWith(name, ".json");
  return yaml_or_json && name.find("template") != std::string::npos;
}

bool LooksBinary(std::string_view contents) {
  size_t n = std::min<size_t>(contents.size(), 8192);
  return n > 0 && std::memchr(contents.data(), 0, n) != nullptr;
}

bool MayBeTemplate(std::string_view contents) {
  return contents.find("AWS::") != std::string_view::npos ||
         contents.find("AWSTemplateFormatVersion") != std::string_view::npos ||
         contents.find("Custom::") != std::string_view::npos;
}

bool ClaimsToBeTemplate(std::string_view contents) {
  if (contents.find("AWSTemplateFormatVersion") != std::string_view::npos) return true;
  return contents.find("Resources") != std::string_view::npos &&
         contents.find("AWS::") != std::string_view::npos;
}

std::string DisplayPath(std::string_view path, std::string_view cwd) {
  if (!path.empty() && path[0] == '/' && !cwd.empty() && cwd != "/") {
    if (path == cwd) return ".";
    if (path.size() > cwd.size() && path.compare(0, cwd.size(), cwd) == 0 &&
        path[cwd.size()] == '/') {
      path.remove_prefix(cwd.size() + 1);
    }
  }
  while (path.size() > 2 && path.substr(0, 2) == "./") {
    path.remove_prefix(2);
    while (!path.empty() && path[0] == '/') path.remove_prefix(1);
  }
  std::string out;
  out.reserve(path.size());
  for (char c : path) {
    if (c == '/' && !out.empty() && out.back() == '/') continue;
    out += c;
  }
  return out;
}

std::string JoinPath(std::string_view dir, std::string_view name) {
  if (dir.empty()) return std::string(name);
  std::string out(dir);
  if (out.back() != '/') out += '/';
  out += name;
  return out;
}

std::string DirName(std::string_view path) {
  size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) return "";
  if (slash == 0) return "/";
  return std::string(path.substr(0, slash));
}

}  // namespace internal

namespace {

using internal::JoinPath;

// Vendored, generated and tool folders: never the user's own templates.
// cdk.out is deliberately absent: it is a CDK cloud assembly, read through
// its manifest.json (FileKind::kCdkManifest).
constexpr std::string_view kSkippedDirs[] = {
    "node_modules", ".venv",         "venv",   "__pycache__", ".aws-sam",
    ".serverless",  ".terraform",    "dist",   "build",       ".git",
    ".hg",          ".svn",          "target", "vendor",      ".tox",
    ".mypy_cache",  ".pytest_cache", ".idea",  ".vscode",
};

// YAML/JSON files that are known to be neither CloudFormation templates nor
// Serverless Framework services (a compose file lists services, which the
// walk finds in their own folders). Content
// classification would reject them too; skipping them by name saves reading
// large lockfiles.
constexpr std::string_view kNeverTemplates[] = {
    "package.json",
    "package-lock.json",
    "npm-shrinkwrap.json",
    "jsconfig.json",
    "cdk.json",
    "cdk.context.json",
    "composer.json",
    "pnpm-lock.yaml",
    ".fnwarden.yml",
    ".fnwarden.yaml",
    ".eslintrc.json",
    ".prettierrc.json",
    ".pre-commit-config.yaml",
    "docker-compose.yml",
    "docker-compose.yaml",
    "buildspec.yml",
    "buildspec.yaml",
    "serverless-compose.yml",
    "serverless-compose.yaml",
};

bool HasExtension(std::string_view lname, std::string_view ext) {
  return lname.size() > ext.size() &&
         lname.compare(lname.size() - ext.size(), ext.size(), ext) == 0;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

std::string_view BaseName(std::string_view path) {
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

class Walker {
 public:
  Walker(const util::FileSystem& fs, const util::ScanRoots& roots, const LoadOptions& options,
         util::DiagnosticSink* diags, const std::function<void(DiscoveredFile)>& found,
         util::FolderIndex* folders)
      : fs_(fs),
        roots_(roots),
        folders_(folders),
        options_(options),
        diags_(diags),
        found_(found),
        cwd_(util::CurrentDir()) {}

  void Root(const std::string& path) {
    root_ = path;
    uint64_t size = 0;
    switch (fs_.Stat(path, &size)) {
      case util::EntryKind::kDirectory: {
        std::string real, err;
        if (!fs_.RealPath(path, &real, &err)) real.clear();
        Directory(path, real, BaseName(path) == "cdk.out");
        break;
      }
      case util::EntryKind::kFile:
        File(path, /*named=*/true, BaseName(internal::DirName(path)) == "cdk.out",
             /*regular_entry=*/false);
        break;
      case util::EntryKind::kMissing:
        diags_->FileError(Display(path), "cannot read: " + ResolveError(path));
        break;
      default:
        diags_->FileError(Display(path), "cannot read: not a regular file or folder");
        break;
    }
  }

 private:
  std::string Display(const std::string& path) const { return internal::DisplayPath(path, cwd_); }

  // Why a path that does not stat cannot be read ("No such file or
  // directory", "Too many levels of symbolic links").
  std::string ResolveError(const std::string& path) const {
    std::string real, err;
    if (fs_.RealPath(path, &real, &err)) return "not a regular file";
    return err;
  }

  bool SkipDirectory(std::string_view name) const {
    for (std::string_view skipped : kSkippedDirs) {
      if (name == skipped) return true;
    }
    for (const std::string& skipped : options_.exclude_dirs) {
      if (name == skipped) return true;
    }
    return false;
  }

  // Whether --exclude names `path` (found under the current root), by its
  // display path or its path relative to the root; a folder also as
  // "folder/", so that "app/" and "app/**" leave it unwalked.
  bool Excluded(const std::string& path, bool folder) const {
    if (options_.exclude.empty()) return false;
    std::string display = Display(path);
    std::string_view relative = path;
    if (relative.starts_with(root_)) relative.remove_prefix(root_.size());
    while (relative.starts_with("/")) relative.remove_prefix(1);
    for (const std::string& pattern : options_.exclude) {
      if (util::PathGlobMatch(pattern, display) || util::PathGlobMatch(pattern, relative)) {
        return true;
      }
      if (folder && (util::PathGlobMatch(pattern, display + "/") ||
                     util::PathGlobMatch(pattern, std::string(relative) + "/"))) {
        return true;
      }
    }
    return false;
  }

  // `real` is the folder's canonical path ("" when unknown), for the index.
  void Directory(const std::string& path, const std::string& real, bool in_cdk_out) {
    std::vector<util::DirEntry> entries;
    std::string identity, err;
    if (!fs_.ListDirWithIdentity(path, &entries, &identity, &err)) {
      diags_->FileError(Display(path), "cannot read folder: " + err);
      return;
    }
    if (!identity.empty()) {
      for (const auto& [ancestor_identity, ancestor_path] : ancestors_) {
        if (ancestor_identity == identity) {
          diags_->FileError(Display(path), "symlink loop: this folder leads back to " +
                                               Display(ancestor_path) + "; not followed");
          return;
        }
      }
      // The same folder reached again through another symlink: scanned once.
      if (!visited_.insert(identity).second) return;
    }
    if (folders_ != nullptr && !real.empty()) folders_->Add(Display(path), real, entries);
    std::sort(entries.begin(), entries.end(),
              [](const util::DirEntry& a, const util::DirEntry& b) { return a.name < b.name; });
    ancestors_.emplace_back(identity, path);
    for (const util::DirEntry& entry : entries) {
      std::string full = JoinPath(path, entry.name);
      util::EntryKind kind = entry.kind;
      bool link = kind == util::EntryKind::kSymlink;
      std::string link_error;
      bool outside = false;
      std::string entry_real = real.empty() ? "" : JoinPath(real, entry.name);
      if (link) {
        // Only links are resolved: every other entry lies inside the roots
        // because the walk started there.
        if (fs_.RealPath(full, &entry_real, &link_error)) {
          kind = fs_.Stat(entry_real, nullptr);
          outside = !roots_.Contains(entry_real) && !options_.follow_symlinks;
        } else {
          kind = util::EntryKind::kMissing;
        }
      }
      if (Excluded(full, kind == util::EntryKind::kDirectory)) continue;
      if (outside) {
        bool wanted = kind == util::EntryKind::kDirectory
                          ? !SkipDirectory(entry.name) && !in_cdk_out
                          : Wanted(entry.name, in_cdk_out) || internal::IsTemplateName(entry.name);
        // The target is named nowhere: it may be the user's credentials.
        if (wanted) {
          diags_->Add({util::DiagLevel::kWarning, util::Loc{}, Display(full),
                       "not following symbolic link: its target is outside the scanned folders "
                       "(use --follow-symlinks to follow it)"});
        }
        continue;
      }
      switch (kind) {
        case util::EntryKind::kDirectory:
          if (SkipDirectory(entry.name)) break;
          // Inside a cloud assembly, asset folders hold copies of code and
          // dependencies; nested assemblies (CDK stages) are followed
          // through the manifest (load/cdk/cdk.h).
          if (in_cdk_out) break;
          Directory(full, entry_real, entry.name == "cdk.out");
          break;
        case util::EntryKind::kFile:
          File(full, /*named=*/false, in_cdk_out, /*regular_entry=*/!link);
          break;
        case util::EntryKind::kMissing:
          // A dangling symlink or a loop of file symlinks.
          if (internal::IsTemplateName(entry.name)) {
            diags_->FileError(Display(full), "cannot read: " + link_error);
          }
          break;
        default:
          // FIFOs, sockets, devices: opening them could block or have effects.
          if (internal::IsTemplateName(entry.name)) {
            diags_->FileError(Display(full), "cannot read: not a regular file");
          }
          break;
      }
    }
    ancestors_.pop_back();
  }

  // Whether a file found while walking is a candidate, by name alone.
  bool Wanted(std::string_view name, bool in_cdk_out) const {
    return KindByName(name, in_cdk_out, /*named=*/false).has_value();
  }

  static std::optional<FileKind> KindByName(std::string_view name, bool in_cdk_out, bool named) {
    std::string lname = util::ToLower(name);
    if (in_cdk_out) {
      if (lname == "manifest.json") return FileKind::kCdkManifest;
      // Stack templates are read through the manifest that lists them.
      if (named && HasExtension(lname, ".template.json")) return FileKind::kTemplateJson;
      return std::nullopt;
    }
    // Named, a compose file is read for its services; found by the walk,
    // it is not needed: the walk finds the services in their folders.
    if (named && (lname == "serverless-compose.yml" || lname == "serverless-compose.yaml")) {
      return FileKind::kServerlessCompose;
    }
    for (std::string_view never : kNeverTemplates) {
      if (lname == never) return std::nullopt;
    }
    if (StartsWith(lname, "tsconfig") || StartsWith(lname, "samconfig")) return std::nullopt;
    for (std::string_view script : {"serverless.ts", "serverless.js", "serverless.cjs",
                                    "serverless.mjs"}) {
      if (lname == script) return FileKind::kServerlessScript;
    }
    if (HasExtension(lname, ".tf") || HasExtension(lname, ".tf.json")) return FileKind::kTerraform;
    if (HasExtension(lname, ".tfvars")) return FileKind::kTerraformVars;
    if (HasExtension(lname, ".json")) return FileKind::kTemplateJson;
    if (HasExtension(lname, ".yaml") || HasExtension(lname, ".yml") ||
        HasExtension(lname, ".template")) {
      return FileKind::kTemplateYaml;  // ".template" may hold JSON: the loader sniffs it
    }
    // A file the user named explicitly is read whatever its name.
    if (named) return FileKind::kTemplateYaml;
    return std::nullopt;
  }

  // The file's size is not looked at here: the loader learns it from the
  // descriptor it reads from (one open and fstat a file, no stat before).
  void File(const std::string& path, bool named, bool in_cdk_out, bool regular_entry) {
    std::optional<FileKind> kind = KindByName(BaseName(path), in_cdk_out, named);
    if (!kind) return;
    std::string display = Display(path);
    if (!seen_.insert(display).second) return;  // named twice
    found_({path, std::move(display), *kind, regular_entry});
  }

  const util::FileSystem& fs_;
  const util::ScanRoots& roots_;
  util::FolderIndex* folders_;  // may be null
  const LoadOptions& options_;
  util::DiagnosticSink* diags_;
  const std::function<void(DiscoveredFile)>& found_;
  std::string cwd_;
  std::string root_;                                            // the root being walked, as given
  std::vector<std::pair<std::string, std::string>> ancestors_;  // (identity, path)
  std::set<std::string> visited_;
  std::set<std::string> seen_;
};

}  // namespace

std::vector<DiscoveredFile> Discover(const util::FileSystem& fs,
                                     const std::vector<std::string>& paths,
                                     const LoadOptions& options, util::DiagnosticSink* diags) {
  std::vector<DiscoveredFile> files;
  Discover(fs, paths, options, diags, [&](DiscoveredFile f) { files.push_back(std::move(f)); });
  return files;
}

void Discover(const util::FileSystem& fs, const std::vector<std::string>& paths,
              const LoadOptions& options, util::DiagnosticSink* diags,
              const std::function<void(DiscoveredFile)>& found) {
  util::ScanRoots roots(fs, paths, options.follow_symlinks);
  internal::DiscoverWithin(fs, paths, roots, options, diags, found, nullptr);
}

namespace internal {

void DiscoverWithin(const util::FileSystem& fs, const std::vector<std::string>& paths,
                    const util::ScanRoots& roots, const LoadOptions& options,
                    util::DiagnosticSink* diags, const std::function<void(DiscoveredFile)>& found,
                    util::FolderIndex* folders) {
  Walker walker(fs, roots, options, diags, found, folders);
  for (const std::string& path : paths) walker.Root(path);
}

}  // namespace internal
}  // namespace fnwarden::load
