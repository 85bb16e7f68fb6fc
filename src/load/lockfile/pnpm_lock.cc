// ReadPnpmLock: pnpm-lock.yaml, lockfileVersion 5.x (pnpm 6-7), 6.x (pnpm
// 8) and 9.x (pnpm 9-10).
//
// Packages are keyed by an id that the versions spell differently:
// "/name/1.0.0_peer@2.0.0" (5), "/name@1.0.0(peer@2.0.0)" (6),
// "name@1.0.0(peer@2.0.0)" (9, whose `packages` hold what a package is and
// `snapshots` what each peer variant requires). A package installed with
// different peers is still one package: ids are compared without their peer
// suffix. Importers are the project's folders (its workspaces); the root one
// (".") is the project itself, the others become kWorkspace packages.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "load/lockfile/lockfile.h"
#include "load/lockfile/npm_internal.h"
#include "load/syntax/node.h"
#include "util/fs.h"

namespace fnwarden::load::lockfile {
namespace {

using model::Package;
using model::PackageSet;
using model::PackageSource;
using npm::Quoted;
using npm::Reporter;
using npm::ScalarText;
using syntax::MapEntry;
using syntax::Node;

constexpr size_t kNone = static_cast<size_t>(-1);

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// The id of a package key or full dependency reference without its leading
// '/' and peer suffix, as "name@version" in every lockfile version.
std::string NormalizeId(std::string_view raw, int major) {
  if (!raw.empty() && raw[0] == '/') raw.remove_prefix(1);
  if (major >= 6) return std::string(raw.substr(0, raw.find('(')));
  // Version 5: "name/version_peers" ("@scope/name/1.0.0_react@18.2.0"; the
  // peers spell '/' as '+').
  size_t slash = raw.rfind('/');
  if (slash == std::string_view::npos) return std::string(raw);
  std::string_view version = raw.substr(slash + 1);
  version = version.substr(0, version.find('_'));
  return std::string(raw.substr(0, slash)) + "@" + std::string(version);
}

// What a project folder (an importer) requires.
struct Importer {
  std::string path;  // "." for the root, "packages/api"
  const Node* key;
  const Node* node;        // the importer's map (the whole file for versions without importers)
  size_t package = kNone;  // its kWorkspace package; kNone for the root
};

struct Pending {
  size_t package;
  const Node* deps;
};

class PnpmReader {
 public:
  PnpmReader(const Node* root, int major, const LockLimits& limits, Reporter* report,
             PackageSet* out)
      : root_(root), major_(major), limits_(limits), report_(report), out_(out) {}

  void Run() {
    CollectImporters();
    if (const Node* packages = Section("packages")) ReadPackages(packages, false);
    if (major_ >= 9) {
      if (const Node* snapshots = Section("snapshots")) ReadPackages(snapshots, true);
    }
    for (const Pending& p : pending_) {
      for (const MapEntry& d : p.deps->entries) {
        size_t to = Resolve(d);
        if (to != kNone) npm::AddEdge(&out_->packages[p.package], static_cast<uint32_t>(to));
      }
    }
    std::vector<uint32_t> prod_roots, dev_roots;
    for (const Importer& imp : importers_) ReadImporterDeps(imp, &prod_roots, &dev_roots);
    if (!saw_dev_field_) npm::MarkDevByReachability(prod_roots, dev_roots, out_);
  }

 private:
  const Node* Section(std::string_view name) {
    const Node* n = root_->Get(name);
    if (n == nullptr || n->is_null()) return nullptr;
    if (!n->is_map()) {
      report_->Error(n->loc, std::string(name) + " must be a map");
      return nullptr;
    }
    return n;
  }

  void CollectImporters() {
    const Node* importers = Section("importers");
    if (importers == nullptr) {
      importers_.push_back({".", nullptr, root_});
    } else {
      for (const MapEntry& e : importers->entries) {
        if (!e.value->is_map()) {
          report_->Warning(e.key->loc,
                           "importer " + Quoted(e.key->scalar) + " is not a map; ignored");
          continue;
        }
        importers_.push_back({util::NormalizePath(e.key->scalar), e.key, e.value});
      }
    }
    // A workspace's name is what the others call it in their `link:`s.
    std::unordered_map<std::string, std::string_view> names;
    for (const Importer& imp : importers_) {
      ForEachDependency(imp,
                        [&](const MapEntry& d, std::string_view version, std::string_view, bool) {
                          if (StartsWith(version, "link:") && !d.key->scalar.empty()) {
                            names.try_emplace(LinkTarget(imp, version), d.key->scalar);
                          }
                        });
    }
    for (size_t i = 0; i < importers_.size(); ++i) {
      Importer& imp = importers_[i];
      if (imp.path == "." || imp.key == nullptr) continue;
      if (!npm::RoomForPackage(limits_, imp.key->loc, report_, *out_)) return;
      Package p;
      auto it = names.find(imp.path);
      p.name = it != names.end() ? std::string(it->second) : imp.path;
      p.source = PackageSource::kWorkspace;
      p.source_ref = imp.path;
      p.loc = imp.key->loc;
      imp.package = out_->packages.size();
      by_path_[imp.path] = imp.package;
      out_->packages.push_back(std::move(p));
    }
  }

  static std::string LinkTarget(const Importer& imp, std::string_view version) {
    return util::NormalizePath(imp.path + "/" + std::string(version.substr(5)));
  }

  // Calls f(entry, version, specifier, dev) for each dependency of an
  // importer, in the shape of the file's version.
  template <typename F>
  void ForEachDependency(const Importer& imp, F f) {
    const Node* specifiers = imp.node->Get("specifiers");  // version 5
    for (std::string_view field : {"dependencies", "optionalDependencies", "devDependencies"}) {
      const Node* deps = imp.node->Get(field);
      if (deps == nullptr || !deps->is_map()) continue;
      for (const MapEntry& d : deps->entries) {
        std::string_view version, specifier;
        if (d.value->is_map()) {
          version = ScalarText(d.value->Get("version"));
          specifier = ScalarText(d.value->Get("specifier"));
        } else {
          version = ScalarText(d.value);
          specifier = ScalarText(specifiers ? specifiers->Get(d.key->scalar) : nullptr);
        }
        f(d, version, specifier, field == "devDependencies");
      }
    }
  }

  void ReadImporterDeps(const Importer& imp, std::vector<uint32_t>* prod_roots,
                        std::vector<uint32_t>* dev_roots) {
    if (imp.package != kNone) prod_roots->push_back(static_cast<uint32_t>(imp.package));
    ForEachDependency(imp, [&](const MapEntry& d, std::string_view version,
                               std::string_view specifier, bool dev) {
      size_t to = ResolveVersion(d, version, imp);
      if (to == kNone) return;
      Package& p = out_->packages[to];
      p.direct = true;
      if (p.requirement.empty()) p.requirement = specifier;
      (dev ? dev_roots : prod_roots)->push_back(static_cast<uint32_t>(to));
      if (imp.package != kNone && !dev) {
        npm::AddEdge(&out_->packages[imp.package], static_cast<uint32_t>(to));
      }
    });
  }

  // What a package requires is found from the root (a `link:` there is
  // relative to the lockfile's folder).
  size_t Resolve(const MapEntry& d) {
    static const Importer kRoot{".", nullptr, nullptr};
    return ResolveVersion(d, ScalarText(d.value), kRoot);
  }

  // The package a dependency `name: version` names.
  size_t ResolveVersion(const MapEntry& d, std::string_view version, const Importer& from) {
    std::string_view name = d.key->scalar;
    if (StartsWith(version, "link:")) return LinkedPackage(d, LinkTarget(from, version));
    std::string id;
    if (!version.empty() && version[0] == '/') {
      id = NormalizeId(version, major_);
    } else if (major_ < 6) {
      id = version.find('/') != std::string_view::npos
               ? NormalizeId(version, major_)
               : std::string(name) + "@" + std::string(version.substr(0, version.find('_')));
    } else {
      std::string_view bare = version.substr(0, version.find('('));
      std::string_view alias, rest;
      bool is_alias =
          npm::SplitNameAt(bare, &alias, &rest) && alias.find(':') == std::string_view::npos;
      id = is_alias ? std::string(bare) : std::string(name) + "@" + std::string(bare);
    }
    auto it = by_id_.find(id);
    if (it != by_id_.end()) {
      // An alias ("lodash-old: lodash@4.17.15"); a package installed under
      // several names keeps the first.
      Package& p = out_->packages[it->second];
      if (p.name != name && p.installed_as.empty()) p.installed_as = name;
      return it->second;
    }
    report_->Warning(d.key->loc, "dependency " +
                                     Quoted(std::string(name) + " " + std::string(version)) +
                                     " has no entry in the lockfile");
    return kNone;
  }

  // A `link:` to a workspace, or to a folder the lockfile does not list.
  size_t LinkedPackage(const MapEntry& d, const std::string& target) {
    auto it = by_path_.find(target);
    if (it != by_path_.end()) return it->second;
    if (d.key->scalar.empty()) {
      report_->Warning(d.key->loc, "a dependency without a name; ignored");
      return kNone;
    }
    if (!npm::RoomForPackage(limits_, d.key->loc, report_, *out_)) return kNone;
    Package p;
    p.name = d.key->scalar;
    p.source = PackageSource::kFile;
    p.source_ref = target;
    p.loc = d.key->loc;
    by_path_[target] = out_->packages.size();
    out_->packages.push_back(std::move(p));
    return out_->packages.size() - 1;
  }

  void ReadPackages(const Node* section, bool snapshots) {
    for (const MapEntry& e : section->entries) {
      if (!e.value->is_map()) {
        if (!e.value->is_null()) {
          report_->Warning(e.key->loc,
                           "package " + Quoted(e.key->scalar) + " is not a map; ignored");
          continue;
        }
      }
      std::string id = NormalizeId(e.key->scalar, major_);
      auto [it, added] = by_id_.try_emplace(id, out_->packages.size());
      if (added) {
        Package p;
        if (!npm::RoomForPackage(limits_, e.key->loc, report_, *out_) || !FillPackage(e, id, &p)) {
          by_id_.erase(it);
          continue;
        }
        out_->packages.push_back(std::move(p));
      }
      Package& p = out_->packages[it->second];
      if (!e.value->is_map()) continue;
      if (npm::IsTrue(e.value->Get("optional"))) p.optional = true;
      if (const Node* dev = e.value->Get("dev"); dev != nullptr && dev->is_scalar()) {
        // Peer variants of one package: shipped when any variant is.
        saw_dev_field_ = true;
        if (dev_seen_.size() < out_->packages.size()) dev_seen_.resize(out_->packages.size());
        p.dev = npm::IsTrue(dev) && (p.dev || !dev_seen_[it->second]);
        dev_seen_[it->second] = true;
      }
      if (major_ >= 9 && !snapshots) continue;  // version 9 lists edges in `snapshots`
      for (std::string_view field : {"dependencies", "optionalDependencies"}) {
        const Node* deps = e.value->Get(field);
        if (deps != nullptr && deps->is_map()) pending_.push_back({it->second, deps});
      }
    }
  }

  bool FillPackage(const MapEntry& e, const std::string& id, Package* p) {
    std::string_view id_name, id_version;
    if (!npm::SplitNameAt(id, &id_name, &id_version)) id_name = id;
    const Node* v = e.value->is_map() ? e.value : nullptr;
    std::string_view name = ScalarText(v ? v->Get("name") : nullptr);
    std::string_view version = ScalarText(v ? v->Get("version") : nullptr);
    p->name = name.empty() ? id_name : name;
    if (p->name.empty()) {
      report_->Warning(e.key->loc,
                       "package " + Quoted(e.key->scalar) + " names no package; ignored");
      return false;
    }
    if (!version.empty()) {
      p->version = version;
    } else if (id_version.find_first_of(":/") == std::string_view::npos) {
      p->version = id_version;  // not a URL or a path
    }
    p->loc = e.key->loc;
    const Node* resolution = v ? v->Get("resolution") : nullptr;
    if (resolution != nullptr && resolution->is_map()) {
      std::string_view tarball = ScalarText(resolution->Get("tarball"));
      std::string_view repo = ScalarText(resolution->Get("repo"));
      std::string_view directory = ScalarText(resolution->Get("directory"));
      if (!repo.empty() || ScalarText(resolution->Get("type")) == "git") {
        p->source = PackageSource::kGit;
        p->source_ref = std::string(repo);
        std::string_view commit = ScalarText(resolution->Get("commit"));
        if (!commit.empty()) p->source_ref += "#" + std::string(commit);
      } else if (!directory.empty()) {
        p->source = PackageSource::kFile;
        p->source_ref = directory;
      } else if (!tarball.empty()) {
        p->source = npm::SourceOfResolved(tarball);
        if (p->source == PackageSource::kFile) {
          p->source_ref = npm::StripPathProtocol(tarball);
        } else if (p->source != PackageSource::kRegistry) {
          p->source_ref = tarball;
        }
      }
      if (const Node* integrity = resolution->Get("integrity")) {
        npm::AppendIntegrity(ScalarText(integrity), integrity->loc, report_, &p->hashes);
      }
    }
    if (p->version.empty() && p->source == PackageSource::kRegistry) {
      report_->Warning(e.key->loc, "package " + Quoted(e.key->scalar) + " has no version");
    }
    return true;
  }

  const Node* root_;
  int major_;
  const LockLimits& limits_;
  Reporter* report_;
  PackageSet* out_;
  std::vector<Importer> importers_;
  std::unordered_map<std::string, size_t> by_id_;    // normalised id → package
  std::unordered_map<std::string, size_t> by_path_;  // workspace or linked folder → package
  std::vector<Pending> pending_;
  std::vector<bool> dev_seen_;  // packages whose `dev` was read
  bool saw_dev_field_ = false;
};

}  // namespace

bool ReadPnpmLock(const util::SourceFile& file, const LockLimits& limits,
                  util::DiagnosticSink* diags, model::PackageSet* out) {
  Reporter report(diags);
  std::unique_ptr<syntax::Document> doc =
      syntax::ParseYaml(&file, npm::SyntaxLimits(limits), diags);
  if (doc == nullptr) return false;
  // pnpm 10 may write its own dependencies (configDependencies) as a first
  // document before the project's: the last document with a version is read.
  const Node* root = doc->root();
  for (const Node* r : doc->roots()) {
    if (r->is_map() && r->Get("lockfileVersion") != nullptr) root = r;
  }
  if (root == nullptr || !root->is_map()) {
    report.Error(root ? root->loc : util::Loc{&file, 1, 1}, "a pnpm lockfile must be a map");
    return false;
  }
  const Node* version = root->Get("lockfileVersion");
  std::string_view text = ScalarText(version);
  if (text.empty()) {
    report.Error(version ? version->loc : root->loc,
                 "not a pnpm lockfile: it has no lockfileVersion");
    return false;
  }
  int major = 0;
  for (size_t i = 0; i < text.size() && text[i] >= '0' && text[i] <= '9' && major < 1000; ++i) {
    major = major * 10 + (text[i] - '0');
  }
  int read_as = major <= 5 ? 5 : major <= 7 ? 6 : 9;
  if (major != 5 && major != 6 && major != 9) {
    report.Warning(version->loc, "unknown lockfileVersion " + Quoted(text) + "; read as version " +
                                     std::to_string(read_as));
  }
  out->ecosystem = model::Ecosystem::kNpm;
  out->path = file.path();
  out->locked = true;
  out->format = "pnpm-lock.yaml v" + std::string(text);
  PnpmReader(root, read_as, limits, &report, out).Run();
  return true;
}

}  // namespace fnwarden::load::lockfile
