#include "load/lockfile/attach.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string_view>
#include <utility>

#include "load/discover_internal.h"
#include "load/lockfile/artifact.h"
#include "model/package_names.h"
#include "util/strings.h"

namespace fnwarden::load::lockfile {
namespace {

// What one folder holds of interest, found by listing it once.
struct FolderFiles {
  bool listed = false;
  std::vector<std::pair<LockKind, std::string>> locks;  // kind, base name (sorted by name)
  bool package_json = false;
  bool pyproject = false;
  bool pipfile = false;
};

bool IsNpmLock(LockKind k) {
  return k == LockKind::kNpmLock || k == LockKind::kNpmShrinkwrap || k == LockKind::kYarnLock ||
         k == LockKind::kPnpmLock;
}

model::Ecosystem EcosystemOfLock(LockKind k) {
  if (IsNpmLock(k)) return model::Ecosystem::kNpm;
  if (k == LockKind::kGoMod || k == LockKind::kGoSum) return model::Ecosystem::kGo;
  return model::Ecosystem::kPyPI;
}


std::string NameKey(model::Ecosystem e, std::string_view name) {
  return e == model::Ecosystem::kPyPI ? model::PypiName(name) : std::string(name);
}

bool IsUnder(std::string_view dir, std::string_view project) {
  if (project.empty() || project == ".") {
    return !dir.starts_with('/') && !dir.starts_with("../") && dir != "..";
  }
  return dir == project || (dir.starts_with(project) && dir.size() > project.size() &&
                            dir[project.size()] == '/');
}

// Marks the packages the manifest declares as direct and, for lockfiles
// that do not say which packages serve development only (poetry.lock,
// uv.lock), marks as development-only the packages that no shipped direct
// dependency requires, directly or not.
void ApplyDeclared(model::PackageSet* set, bool infer_dev) {
  if (set->declared.empty()) return;
  std::map<std::string, std::vector<uint32_t>> by_name;
  for (uint32_t i = 0; i < set->packages.size(); ++i) {
    by_name[NameKey(set->ecosystem, set->packages[i].name)].push_back(i);
  }
  std::vector<uint32_t> shipped_roots, dev_roots;
  for (const model::PackageSet::Declared& d : set->declared) {
    auto it = by_name.find(NameKey(set->ecosystem, d.name));
    if (it == by_name.end()) continue;
    for (uint32_t i : it->second) {
      set->packages[i].direct = true;
      (d.dev ? dev_roots : shipped_roots).push_back(i);
    }
  }
  if (!infer_dev || shipped_roots.empty()) return;
  std::vector<bool> shipped(set->packages.size(), false);
  std::vector<uint32_t> stack = shipped_roots;
  while (!stack.empty()) {
    uint32_t i = stack.back();
    stack.pop_back();
    if (shipped[i]) continue;
    shipped[i] = true;
    for (uint32_t d : set->packages[i].dependencies) {
      if (d < shipped.size() && !shipped[d]) stack.push_back(d);
    }
  }
  for (uint32_t i = 0; i < set->packages.size(); ++i) {
    model::Package& p = set->packages[i];
    if (!shipped[i] && p.source != model::PackageSource::kWorkspace) p.dev = true;
  }
}

class Attacher {
 public:
  Attacher(const util::FileSystem& fs, const util::ScanRoots& roots, const util::FolderIndex* known,
           const std::function<std::string(const std::string&)>& display,
           const AttachOptions& options, util::SourceSet* sources, util::DiagnosticSink* diags)
      : fs_(fs),
        roots_(roots),
        known_(known),
        display_(display),
        options_(options),
        sources_(sources),
        diags_(diags) {}

  void Attach(model::Model* m) {
    std::string project = util::NormalizePath(internal::DirName(m->root));
    if (project == ".") project.clear();
    // The sets of this model by folder and ecosystem: a lockfile shared by
    // several functions is one set of the model.
    Placed placed;
    for (model::Function& fn : m->functions) {
      if (fn.code_dir.empty() || fn.inline_code) continue;
      model::Ecosystem eco{};
      bool known_eco = fn.runtime.known() && EcosystemOfRuntime(fn.runtime.value, &eco);
      auto wanted = [&](model::Ecosystem e) { return !known_eco || e == eco; };
      auto take = [&](const std::vector<uint32_t>& sets) {
        for (uint32_t i : sets) {
          if (wanted(m->package_sets[i].ecosystem)) fn.package_sets.push_back(i);
        }
      };
      std::string dir = util::NormalizePath(fn.code_dir);
      if (dir == ".") dir.clear();
      // A code folder the loader allowed outside the project's folder is
      // searched on its own.
      std::string bound = IsUnder(dir, project) ? project : dir;
      int levels = m->framework == model::Framework::kCdk ? 0 : options_.max_levels_up;
      // A .zip deployment package ships what it holds, whatever lies beside it.
      bool zip = dir.ends_with(".zip") || dir.ends_with(".ZIP");
      for (int level = 0; level <= levels && !zip; ++level) {
        const FolderFiles& files = Folder(dir);
        bool any = false;
        for (model::Ecosystem e : Ecosystems(files)) {
          if (!wanted(e)) continue;
          any = true;
          take(Place(m, &placed, {dir, e}, [&] { return Sets(dir, files, e); }));
        }
        if (any || dir == bound || dir.empty()) break;
        dir = internal::DirName(dir);
        if (!IsUnder(dir, bound)) break;
      }
      // A deployment package named by CodeUri, or packages installed in the
      // code folder (`pip install -t .`, a committed node_modules) when no
      // lockfile says what the function ships.
      if (fn.package_sets.empty()) {
        take(Place(m, &placed, {"\x01" + fn.code_dir, {}},
                   [&] { return Artifact(fn.code_dir).sets; }));
      }
      // The layers of the application it lists: their lockfiles, or what
      // they hold installed (python/, nodejs/node_modules/).
      for (const model::String& ref : fn.layers) {
        for (const std::string& id : ref.refs) {
          const model::Layer* layer = model::FindIn(*m, m->layers, id);
          if (layer == nullptr || layer->content_dir.empty()) continue;
          std::string content = util::NormalizePath(layer->content_dir);
          take(Place(m, &placed, {"\x02" + content, {}}, [&] { return LayerSets(content); }));
        }
      }
      std::sort(fn.package_sets.begin(), fn.package_sets.end());
      fn.package_sets.erase(std::unique(fn.package_sets.begin(), fn.package_sets.end()),
                            fn.package_sets.end());
    }
  }

 private:
  using Placed = std::map<std::pair<std::string, model::Ecosystem>, std::vector<uint32_t>>;

  // The model's sets placed under `key`, made by `make` and added to the
  // model the first time.
  template <class Make>
  static const std::vector<uint32_t>& Place(model::Model* m, Placed* placed,
                                            std::pair<std::string, model::Ecosystem> key,
                                            Make make) {
    auto it = placed->find(key);
    if (it == placed->end()) {
      std::vector<uint32_t> indexes;
      for (model::PackageSet& set : make()) {
        indexes.push_back(static_cast<uint32_t>(m->package_sets.size()));
        m->package_sets.push_back(std::move(set));
      }
      it = placed->emplace(std::move(key), std::move(indexes)).first;
    }
    return it->second;
  }

  // The package sets of a layer's content: the lockfiles of its folder, or
  // what it holds installed (a folder or a .zip).
  std::vector<model::PackageSet> LayerSets(const std::string& dir) {
    std::vector<model::PackageSet> out;
    if (!dir.ends_with(".zip") && !dir.ends_with(".ZIP")) {
      const FolderFiles& files = Folder(dir);
      for (model::Ecosystem e : Ecosystems(files)) {
        for (model::PackageSet& set : Sets(dir, files, e)) out.push_back(std::move(set));
      }
    }
    if (out.empty()) out = Artifact(dir).sets;
    return out;
  }

  // The packages of a .zip deployment package, or installed in a code
  // folder; the import names an installed distribution declares go into
  // Package::modules.
  InstalledPackages Artifact(const std::string& code_dir) {
    InstalledPackages out;
    uint64_t size = 0;
    std::string real, err;
    if (!util::ResolveInsideRoots(fs_, roots_, code_dir, &real, &err, known_)) return out;
    util::EntryKind kind = fs_.Stat(real, &size);
    std::string shown = display_(code_dir);
    ArtifactLimits limits;
    if (kind == util::EntryKind::kFile) {
      if (!code_dir.ends_with(".zip") && !code_dir.ends_with(".ZIP")) return out;
      ReadZipArtifactFile(fs_, roots_, code_dir, shown, limits, sources_, diags_, &out);
    } else if (kind == util::EntryKind::kDirectory) {
      ReadInstalledFolder(fs_, roots_, code_dir, shown, limits, sources_, diags_, &out);
    }
    for (model::PackageSet& set : out.sets) {
      if (set.ecosystem != model::Ecosystem::kPyPI) continue;
      for (model::Package& p : set.packages) {
        auto it = out.import_names.find(model::PypiName(p.name));
        if (it != out.import_names.end()) p.modules = it->second;
      }
    }
    return out;
  }

  static std::vector<model::Ecosystem> Ecosystems(const FolderFiles& files) {
    std::set<model::Ecosystem> out;
    for (const auto& [kind, name] : files.locks) out.insert(EcosystemOfLock(kind));
    if (files.package_json) out.insert(model::Ecosystem::kNpm);
    return {out.begin(), out.end()};
  }

  const FolderFiles& Folder(const std::string& dir) {
    auto [it, fresh] = folders_.try_emplace(dir);
    if (!fresh) return it->second;
    FolderFiles& out = it->second;
    std::string real, err;
    std::string path = dir.empty() ? "." : dir;
    if (!util::ResolveInsideRoots(fs_, roots_, path, &real, &err, known_)) return out;
    std::vector<util::DirEntry> entries;
    // Code folders mostly lie in folders the walk has listed.
    bool walked = known_ != nullptr && known_->Entries(path, &entries);
    if (!walked && !fs_.ListDir(real, &entries, &err)) return out;
    out.listed = true;
    for (const util::DirEntry& e : entries) {
      if (e.kind != util::EntryKind::kFile && e.kind != util::EntryKind::kSymlink) continue;
      if (std::optional<LockKind> kind = KindOfName(e.name)) {
        out.locks.emplace_back(*kind, e.name);
      } else if (e.name == "package.json") {
        out.package_json = true;
      } else if (e.name == "pyproject.toml") {
        out.pyproject = true;
      } else if (e.name == "Pipfile") {
        out.pipfile = true;
      }
    }
    std::sort(out.locks.begin(), out.locks.end(),
              [](const auto& a, const auto& b) { return a.second < b.second; });
    return out;
  }

  // Reads a file of the scan (once), or nullptr with a diagnostic.
  const util::SourceFile* Read(const std::string& path) {
    auto [it, fresh] = read_.try_emplace(path, nullptr);
    if (!fresh) return it->second;
    std::string real, err;
    std::string shown = display_(path);
    if (!util::ResolveInsideRoots(fs_, roots_, path, &real, &err, known_)) {
      diags_->FileError(shown, err.empty() ? "not readable" : err);
      return nullptr;
    }
    std::string text;
    uint64_t size = 0;
    util::ReadStatus status =
        fs_.Read(real, util::ReadOptions{options_.max_file_bytes}, &text, &size, &err);
    if (status == util::ReadStatus::kTooLarge) {
      diags_->FileError(shown, "larger than " + std::to_string(options_.max_file_bytes >> 20) +
                                   " MiB (" + std::to_string(size) +
                                   " bytes): its packages are not read");
      return nullptr;
    }
    if (status != util::ReadStatus::kOk) {
      diags_->FileError(shown, "not read: " + err);
      return nullptr;
    }
    util::SourceFile* source = sources_->Add(shown, std::move(text));
    opened_[source] = path;
    it->second = source;
    return source;
  }

  std::vector<model::PackageSet::Declared> Manifest(const std::string& path,
                                                    std::string* shown) {
    std::vector<model::PackageSet::Declared> out;
    const util::SourceFile* file = Read(path);
    if (file == nullptr) return out;
    *shown = file->path();
    std::string_view base = std::string_view(path).substr(path.rfind('/') + 1);
    bool ok = base == "package.json"     ? ReadPackageJson(*file, diags_, &out)
              : base == "pyproject.toml" ? ReadPyproject(*file, diags_, &out)
                                         : ReadPipfile(*file, diags_, &out);
    if (!ok) out.clear();
    return out;
  }

  bool ReadLock(LockKind kind, const util::SourceFile& file, model::PackageSet* set) {
    IncludeReader include = [this](const util::SourceFile& from,
                                   std::string_view relative) -> const util::SourceFile* {
      auto it = opened_.find(&from);
      if (it == opened_.end() || relative.starts_with('/')) return nullptr;
      std::string path =
          util::NormalizePath(internal::JoinPath(internal::DirName(it->second), relative));
      return Read(path);
    };
    const LockLimits& l = options_.limits;
    switch (kind) {
      case LockKind::kNpmLock:
      case LockKind::kNpmShrinkwrap: return ReadNpmLock(file, l, diags_, set);
      case LockKind::kYarnLock: return ReadYarnLock(file, l, diags_, set);
      case LockKind::kPnpmLock: return ReadPnpmLock(file, l, diags_, set);
      case LockKind::kRequirements: return ReadRequirements(file, include, l, diags_, set);
      case LockKind::kPipfileLock: return ReadPipfileLock(file, l, diags_, set);
      case LockKind::kPoetryLock: return ReadPoetryLock(file, l, diags_, set);
      case LockKind::kUvLock: return ReadUvLock(file, l, diags_, set);
      case LockKind::kGoMod: return ReadGoMod(file, l, diags_, set);
      case LockKind::kGoSum: return ReadGoSum(file, l, diags_, set);
    }
    return false;
  }

  // The package sets of one ecosystem in folder `dir`.
  std::vector<model::PackageSet> Sets(const std::string& dir, const FolderFiles& files,
                                      model::Ecosystem eco) {
    std::vector<model::PackageSet> out;
    auto path_of = [&](std::string_view name) { return internal::JoinPath(dir, name); };
    std::vector<std::pair<LockKind, std::string>> chosen;
    bool npm_lock = false, go_mod = false;
    for (const auto& [kind, name] : files.locks) {
      if (EcosystemOfLock(kind) != eco) continue;
      if (IsNpmLock(kind)) {
        npm_lock = true;
      } else if (kind == LockKind::kGoMod) {
        go_mod = true;
      }
      chosen.emplace_back(kind, name);
    }
    // npm's lockfiles are alternatives: npm reads npm-shrinkwrap.json before
    // package-lock.json; a folder with a yarn or pnpm lock as well is read
    // by the first in that order.
    if (npm_lock) {
      static constexpr LockKind kOrder[] = {LockKind::kNpmShrinkwrap, LockKind::kNpmLock,
                                            LockKind::kPnpmLock, LockKind::kYarnLock};
      for (LockKind k : kOrder) {
        auto it = std::find_if(chosen.begin(), chosen.end(),
                               [&](const auto& c) { return c.first == k; });
        if (it != chosen.end()) {
          chosen = {*it};
          break;
        }
      }
    }
    // go.sum lists every module the build may consider, tests included;
    // go.mod lists what the build needs.
    if (go_mod) std::erase_if(chosen, [](const auto& c) { return c.first == LockKind::kGoSum; });
    for (const auto& [kind, name] : chosen) {
      const util::SourceFile* file = Read(path_of(name));
      if (file == nullptr) continue;
      model::PackageSet set;
      set.ecosystem = eco;
      set.path = file->path();
      if (!ReadLock(kind, *file, &set)) {
        diags_->Add({util::DiagLevel::kWarning, util::Loc{file, 1, 1}, file->path(),
                     "not a " + name + " this version of fnwarden can read; its packages are "
                     "not checked"});
        continue;
      }
      set.ecosystem = eco;
      if (set.path.empty()) set.path = file->path();
      std::string manifest;
      bool infer_dev = false;
      if (IsNpmLock(kind) && files.package_json) {
        manifest = path_of("package.json");
      } else if ((kind == LockKind::kPoetryLock || kind == LockKind::kUvLock) &&
                 files.pyproject) {
        manifest = path_of("pyproject.toml");
        // uv.lock and Poetry 2.1's groups say what serves development only;
        // older poetry.lock files do not.
        infer_dev = kind == LockKind::kPoetryLock &&
                    std::none_of(set.packages.begin(), set.packages.end(),
                                 [](const model::Package& p) { return p.dev; });
      } else if (kind == LockKind::kPipfileLock && files.pipfile) {
        manifest = path_of("Pipfile");
      }
      if (!manifest.empty() && set.declared.empty()) {
        set.declared = Manifest(manifest, &set.manifest_path);
      }
      ApplyDeclared(&set, infer_dev);
      out.push_back(std::move(set));
    }
    // A package.json without a lockfile: the versions are chosen at build
    // time. Its declared dependencies are the packages, none pinned.
    if (eco == model::Ecosystem::kNpm && !npm_lock && files.package_json) {
      model::PackageSet set;
      set.ecosystem = eco;
      set.locked = false;
      set.declared = Manifest(path_of("package.json"), &set.manifest_path);
      set.path = set.manifest_path;
      set.format = "package.json (no lockfile)";
      for (const model::PackageSet::Declared& d : set.declared) {
        model::Package p;
        p.name = d.name;
        p.requirement = d.requirement;
        p.direct = true;
        p.dev = d.dev;
        p.loc = d.loc;
        set.packages.push_back(std::move(p));
      }
      if (!set.path.empty() && !set.packages.empty()) out.push_back(std::move(set));
    }
    return out;
  }

  const util::FileSystem& fs_;
  const util::ScanRoots& roots_;
  const util::FolderIndex* known_;
  const std::function<std::string(const std::string&)>& display_;
  const AttachOptions& options_;
  util::SourceSet* sources_;
  util::DiagnosticSink* diags_;
  std::map<std::string, FolderFiles> folders_;
  std::map<std::string, const util::SourceFile*> read_;
  std::map<const util::SourceFile*, std::string> opened_;
};

}  // namespace

bool EcosystemOfRuntime(std::string_view runtime, model::Ecosystem* out) {
  if (runtime.starts_with("nodejs")) {
    *out = model::Ecosystem::kNpm;
  } else if (runtime.starts_with("python")) {
    *out = model::Ecosystem::kPyPI;
  } else if (runtime.starts_with("go")) {
    *out = model::Ecosystem::kGo;
  } else {
    return false;
  }
  return true;
}

void AttachDependencies(const util::FileSystem& fs, const util::ScanRoots& roots,
                        const util::FolderIndex* known,
                        const std::function<std::string(const std::string&)>& display,
                        const AttachOptions& options, util::SourceSet* sources,
                        util::DiagnosticSink* diags, std::vector<model::Model>* models) {
  Attacher attacher(fs, roots, known, display, options, sources, diags);
  for (model::Model& m : *models) attacher.Attach(&m);
}

}  // namespace fnwarden::load::lockfile
