// Reading the packages installed in a code folder. The walk starts from the
// folder's canonical path, checked to lie inside the scan roots, and only
// ever descends into entries that a listing shows to be folders (never
// links), and reads entries it shows to be files without following a
// final link: so everything it reads lies inside the roots.
#include <string>
#include <string_view>
#include <vector>

#include "load/lockfile/artifact.h"
#include "load/lockfile/artifact_internal.h"

namespace fnwarden::load::lockfile {
namespace {

using internal::ArtifactCollector;
using internal::MetaFile;
using internal::MetaPath;
using internal::Problem;

std::string JoinRel(const std::string& rel, std::string_view name) {
  return rel.empty() ? std::string(name) : rel + "/" + std::string(name);
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() > suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

class FolderWalker {
 public:
  FolderWalker(const util::FileSystem& fs, std::string real, const ArtifactLimits& limits,
               ArtifactCollector* collector, const std::string& display_path,
               util::DiagnosticSink* diags)
      : fs_(fs),
        real_(std::move(real)),
        limits_(limits),
        collector_(collector),
        display_path_(display_path),
        diags_(diags) {}

  // Lists the folder at relative path `rel` ("" for the folder itself).
  // False when it cannot be listed or a limit is reached.
  bool List(const std::string& rel, std::vector<util::DirEntry>* entries) {
    entries->clear();
    if (stopped_) return false;
    std::string err;
    if (!fs_.ListDir(Full(rel), entries, &err)) {
      collector_->Note(Problem::kUnreadable, rel, err);
      return false;
    }
    entries_ += entries->size();
    if (entries_ > limits_.max_entries) {
      Stop("the folder has more than " + std::to_string(limits_.max_entries) +
           " entries where packages are installed; the rest is not read");
      entries->clear();
      return false;
    }
    return true;
  }

  // Whether the listing shows `name` as a folder (a link is not one).
  static bool HasFolder(const std::vector<util::DirEntry>& entries, std::string_view name) {
    for (const util::DirEntry& e : entries) {
      if (e.name == name) return e.kind == util::EntryKind::kDirectory;
    }
    return false;
  }

  // Reads the metadata file at `rel`, which a listing showed to be a file.
  void Read(const std::string& rel) {
    MetaPath meta = internal::ClassifyPath(rel);
    if (meta.kind == MetaFile::kNone || stopped_) return;
    util::ReadOptions options;
    options.max_bytes = limits_.max_metadata_bytes;
    options.follow_final_link = false;
    std::string text, err;
    util::ReadStatus status = fs_.Read(Full(rel), options, &text, nullptr, &err);
    if (status == util::ReadStatus::kTooLarge) {
      collector_->Note(Problem::kTooLarge, rel, err);
      return;
    }
    if (status != util::ReadStatus::kOk) {
      collector_->Note(Problem::kUnreadable, rel, err);
      return;
    }
    total_ += text.size();
    if (total_ > limits_.max_total_bytes) {
      Stop("more than " + std::to_string(limits_.max_total_bytes) +
           " bytes of package metadata; the rest is not read");
      return;
    }
    collector_->Add(meta, rel, std::move(text));
  }

  // A node_modules folder at `rel`, `depth` node_modules deep.
  void NodeModules(const std::string& rel, int depth) {
    if (depth > limits_.max_depth) {
      collector_->Note(Problem::kTooDeep, rel);
      return;
    }
    std::vector<util::DirEntry> entries;
    if (!List(rel, &entries)) return;
    // pnpm links every package to its copy under .pnpm, which is read.
    bool pnpm = HasFolder(entries, ".pnpm");
    for (const util::DirEntry& e : entries) {
      std::string child = JoinRel(rel, e.name);
      if (e.kind == util::EntryKind::kSymlink) {
        if (!pnpm && internal::IsPackageLink(child)) collector_->Note(Problem::kLink, child);
        continue;
      }
      if (e.kind != util::EntryKind::kDirectory) continue;
      if (e.name == ".pnpm") {
        std::vector<util::DirEntry> stores;
        if (!List(child, &stores)) continue;
        for (const util::DirEntry& s : stores) {
          if (s.kind != util::EntryKind::kDirectory) continue;
          std::string modules = JoinRel(child, s.name) + "/node_modules";
          if (IsFolder(modules)) NodeModules(modules, depth + 1);
        }
      } else if (e.name.starts_with("@")) {
        std::vector<util::DirEntry> scoped;
        if (!List(child, &scoped)) continue;
        for (const util::DirEntry& s : scoped) {
          std::string package = JoinRel(child, s.name);
          if (s.kind == util::EntryKind::kSymlink && !pnpm) {
            collector_->Note(Problem::kLink, package);
          } else if (s.kind == util::EntryKind::kDirectory && !s.name.starts_with(".")) {
            Package(package, depth);
          }
        }
      } else if (!e.name.starts_with(".")) {
        Package(child, depth);
      }
    }
  }

  // A package folder: its package.json and its own node_modules. Looked at
  // with ReadLink rather than listed: a package folder may hold thousands of
  // files, which max_entries should not count.
  void Package(const std::string& rel, int depth) {
    std::string manifest = rel + "/package.json";
    util::LinkStatus status = Own(manifest);
    if (status == util::LinkStatus::kLink) {
      collector_->Note(Problem::kLink, manifest);
    } else if (status == util::LinkStatus::kNotLink) {
      Read(manifest);
    }
    if (IsFolder(rel + "/node_modules")) NodeModules(rel + "/node_modules", depth + 1);
  }

  // A folder that holds Python distributions directly (a site-packages).
  void SitePackages(const std::string& rel) {
    std::vector<util::DirEntry> entries;
    if (List(rel, &entries)) SitePackages(rel, entries);
  }

  void SitePackages(const std::string& rel, const std::vector<util::DirEntry>& entries) {
    for (const util::DirEntry& e : entries) {
      std::string child = JoinRel(rel, e.name);
      bool dist_info = EndsWith(e.name, ".dist-info");
      bool egg_info = EndsWith(e.name, ".egg-info");
      if (e.kind == util::EntryKind::kSymlink) {
        if (dist_info || egg_info) collector_->Note(Problem::kLink, child);
        continue;
      }
      if (e.kind == util::EntryKind::kFile && egg_info) {
        Read(child);  // distutils' PKG-INFO as a file
        continue;
      }
      if (e.kind != util::EntryKind::kDirectory) continue;
      if (EndsWith(e.name, ".egg")) {
        std::vector<util::DirEntry> egg;
        if (List(child, &egg) && HasFolder(egg, "EGG-INFO")) MetadataFolder(child + "/EGG-INFO");
      } else if (dist_info || egg_info) {
        MetadataFolder(child);
      }
    }
  }

  void MetadataFolder(const std::string& rel) {
    std::vector<util::DirEntry> entries;
    if (!List(rel, &entries)) return;
    for (const util::DirEntry& e : entries) {
      std::string file = rel + "/" + e.name;
      if (internal::ClassifyPath(file).kind == MetaFile::kNone) continue;
      if (e.kind == util::EntryKind::kFile) {
        Read(file);
      } else if (e.kind == util::EntryKind::kSymlink) {
        collector_->Note(Problem::kLink, file);
      }
    }
  }

  // Walks from the folder, whose listing is `top`.
  void Walk(const std::vector<util::DirEntry>& top) {
    entries_ += top.size();
    if (HasFolder(top, "node_modules")) NodeModules("node_modules", 1);
    SitePackages("", top);
    for (std::string_view site : {"package", "vendor"}) {
      if (HasFolder(top, site)) SitePackages(std::string(site));
    }
    std::vector<util::DirEntry> entries;
    if (HasFolder(top, "nodejs") && List("nodejs", &entries)) {
      for (const util::DirEntry& e : entries) {
        // nodejs/node_modules, nodejs/node18/node_modules
        std::string modules =
            e.name == "node_modules" ? "nodejs/node_modules" : "nodejs/" + e.name + "/node_modules";
        if (e.kind == util::EntryKind::kDirectory && e.name.starts_with("node") &&
            IsFolder(modules)) {
          NodeModules(modules, 1);
        }
      }
    }
    if (HasFolder(top, "python") && List("python", &entries)) {
      SitePackages("python", entries);
      std::vector<util::DirEntry> lib;
      if (HasFolder(entries, "lib") && List("python/lib", &lib)) {
        for (const util::DirEntry& e : lib) {
          std::string site = "python/lib/" + e.name + "/site-packages";
          if (e.kind == util::EntryKind::kDirectory && e.name.starts_with("python") &&
              IsFolder(site)) {
            SitePackages(site);
          }
        }
      }
    }
  }

 private:
  std::string Full(const std::string& rel) const {
    if (rel.empty()) return real_;
    return real_ == "/" ? "/" + rel : real_ + "/" + rel;
  }

  util::LinkStatus Own(const std::string& rel) const {
    std::string target, err;
    return fs_.ReadLink(Full(rel), &target, &err);
  }

  // Whether `rel` is a folder itself, not a link to one.
  bool IsFolder(const std::string& rel) const {
    return Own(rel) == util::LinkStatus::kNotLink &&
           fs_.Stat(Full(rel), nullptr) == util::EntryKind::kDirectory;
  }

  void Stop(std::string message) {
    if (stopped_) return;
    stopped_ = true;
    diags_->FileError(display_path_, std::move(message));
  }

  const util::FileSystem& fs_;
  std::string real_;
  const ArtifactLimits& limits_;
  ArtifactCollector* collector_;
  const std::string& display_path_;
  util::DiagnosticSink* diags_;
  size_t entries_ = 0;
  uint64_t total_ = 0;
  bool stopped_ = false;
};

}  // namespace

bool ReadInstalledFolder(const util::FileSystem& fs, const util::ScanRoots& roots,
                         const std::string& folder, const std::string& display_path,
                         const ArtifactLimits& limits, util::SourceSet* sources,
                         util::DiagnosticSink* diags, InstalledPackages* out) {
  std::string real, err;
  if (!util::ResolveInsideRoots(fs, roots, folder, &real, &err)) {
    diags->FileError(display_path, "cannot read the installed packages: " + err);
    return false;
  }
  std::vector<util::DirEntry> top;
  if (!fs.ListDir(real, &top, &err)) {
    diags->FileError(display_path, "cannot read the installed packages: " + err);
    return false;
  }
  std::string prefix = display_path.empty() || display_path == "." ? "" : display_path + "/";
  ArtifactCollector collector(display_path, "folder", prefix, limits, sources, diags);
  FolderWalker walker(fs, real, limits, &collector, display_path, diags);
  walker.Walk(top);
  collector.Finish(out);
  return true;
}

}  // namespace fnwarden::load::lockfile
