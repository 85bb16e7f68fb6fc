// ReadNpmLock: package-lock.json and npm-shrinkwrap.json.
//
// Versions 2 and 3 list every installed folder under `packages`, keyed by its
// path ("node_modules/a/node_modules/b"); a dependency is found the way Node
// finds it, in the nearest `node_modules` folder up the path. Version 1 nests
// `dependencies` objects instead, and a `requires` name is found in the
// nearest enclosing `dependencies` object. Version 2 has both: `packages` is
// read. Paths in keys are data: nothing is ever opened.
//
// Direct packages are those the root package (and each workspace) requires.
// Version 1 does not record the root's requirements: there, a top-level
// package that no other package requires is taken as direct, which misses
// a direct dependency that another package also requires (the caller, which
// has package.json, knows better). `devOptional` packages may ship: they
// are optional, not dev.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "load/lockfile/lockfile.h"
#include "load/lockfile/npm_internal.h"
#include "load/syntax/node.h"
#include "util/fs.h"
#include "util/strings.h"

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

constexpr std::string_view kNodeModules = "node_modules/";
constexpr size_t kNone = static_cast<size_t>(-1);

// The position of the last "node_modules/" path segment of `path`; npos when
// there is none.
size_t LastNodeModules(std::string_view path) {
  size_t pos = path.size();
  while (true) {
    size_t found = path.rfind(kNodeModules, pos);
    if (found == std::string_view::npos) return found;
    if (found == 0 || path[found - 1] == '/') return found;
    pos = found - 1;
  }
}

// The folder that holds the node_modules folder of an installed path
// ("node_modules/a/node_modules/b" → "node_modules/a"), "" at the top.
std::string_view ParentDir(std::string_view path) {
  size_t pos = LastNodeModules(path);
  return pos == std::string_view::npos || pos == 0 ? std::string_view() : path.substr(0, pos - 1);
}

std::string_view LastSegment(std::string_view path) {
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// The dependency maps of a package entry that name what it requires.
constexpr std::string_view kRequirementFields[] = {"dependencies", "optionalDependencies",
                                                   "peerDependencies"};
// Those of the root package that make a package direct.
constexpr std::string_view kDirectFields[] = {"dependencies", "devDependencies",
                                              "optionalDependencies"};

// Versions 2 and 3: the `packages` object.
class PackagesReader {
 public:
  PackagesReader(const Node* packages, const LockLimits& limits, Reporter* report, PackageSet* out)
      : packages_(packages), limits_(limits), report_(report), out_(out) {}

  void Run() {
    Collect();
    AddPackages();
    for (size_t i = 0; i < entries_.size(); ++i) {
      if (Owns(i)) AddEdges(i);
    }
    MarkDirect();
  }

 private:
  struct Entry {
    const Node* key;
    const Node* value;
    std::string_view path;
    std::string_view folder;  // the name of its folder (scoped: "@s/x")
    bool installed = false;   // under a node_modules folder
    bool link = false;
    bool winner = true;            // the last of duplicate keys, as JSON.parse keeps
    size_t target = kNone;         // links: the entry they point to
    size_t package = kNone;        // index into out_->packages
    std::string_view link_folder;  // link targets: the folder of the first link to them
  };

  // Whether entry `i` is where its package's edges come from.
  bool Owns(size_t i) const {
    const Entry& e = entries_[i];
    return e.winner && e.package != kNone && !(e.link && e.target != kNone);
  }

  void Collect() {
    std::unordered_map<std::string_view, size_t> index_of;
    for (const MapEntry& me : packages_->entries) {
      if (!me.value->is_map()) {
        report_->Warning(me.key->loc,
                         "package entry " + Quoted(me.key->scalar) + " is not an object; ignored");
        continue;
      }
      Entry e;
      e.key = me.key;
      e.value = me.value;
      e.path = me.key->scalar;
      size_t nm = LastNodeModules(e.path);
      e.installed = nm != std::string_view::npos;
      e.folder = e.installed ? e.path.substr(nm + kNodeModules.size()) : LastSegment(e.path);
      e.link = npm::IsTrue(me.value->Get("link"));
      auto [it, inserted] = index_of.try_emplace(e.path, entries_.size());
      if (!inserted) {
        entries_[it->second].winner = false;
        it->second = entries_.size();
      }
      entries_.push_back(e);
    }
    for (Entry& e : entries_) {
      if (!e.winner) continue;
      if (e.path.empty()) {
        root_ = &e;
        continue;
      }
      if (e.link) {
        std::string_view resolved = ScalarText(e.value->Get("resolved"));
        auto it = index_of.find(resolved);
        if (it == index_of.end()) it = index_of.find(util::NormalizePath(resolved));
        if (it != index_of.end() && it->second != static_cast<size_t>(&e - entries_.data())) {
          e.target = it->second;
          Entry& target = entries_[it->second];
          if (target.link_folder.empty()) target.link_folder = e.folder;
        }
      }
      if (e.installed) {
        std::string_view parent = ParentDir(e.path);
        auto [dir, added] = dir_ids_.try_emplace(parent, children_.size());
        if (added) children_.emplace_back();
        children_[dir->second][e.folder] = static_cast<size_t>(&e - entries_.data());
      }
    }
    if (root_ != nullptr) ReadWorkspacePatterns(root_->value->Get("workspaces"));
  }

  void ReadWorkspacePatterns(const Node* workspaces) {
    if (workspaces != nullptr && workspaces->is_map()) workspaces = workspaces->Get("packages");
    if (workspaces == nullptr || !workspaces->is_seq()) return;
    for (const Node* item : workspaces->items) {
      std::string_view pattern = ScalarText(item);
      while (pattern.substr(0, 2) == "./") pattern.remove_prefix(2);
      while (!pattern.empty() && pattern.back() == '/') pattern.remove_suffix(1);
      if (!pattern.empty()) workspace_patterns_.push_back(pattern);
    }
  }

  bool IsWorkspace(std::string_view path) const {
    for (std::string_view pattern : workspace_patterns_) {
      bool nested = pattern.find('/') != std::string_view::npos;
      if (util::PathGlobMatch(pattern, path) &&
          (nested || path.find('/') == std::string_view::npos)) {
        return true;
      }
    }
    return false;
  }

  void AddPackages() {
    for (size_t i = 0; i < entries_.size(); ++i) {
      Entry& e = entries_[i];
      if (!e.winner || &e == root_ || (e.link && e.target != kNone)) continue;
      if (!npm::RoomForPackage(limits_, e.key->loc, report_, *out_)) break;
      Package p;
      if (!FillPackage(e, &p)) continue;
      e.package = out_->packages.size();
      out_->packages.push_back(std::move(p));
    }
    for (Entry& e : entries_) {
      if (!e.winner || !e.link || e.target == kNone) continue;
      size_t t = e.target;
      for (int hops = 0; entries_[t].link && entries_[t].target != kNone && hops < 8; ++hops) {
        t = entries_[t].target;
      }
      e.package = entries_[t].package;
    }
  }

  bool FillPackage(const Entry& e, Package* p) {
    const Node* v = e.value;
    std::string_view name = ScalarText(v->Get("name"));
    std::string_view folder = !e.installed && !e.link_folder.empty() ? e.link_folder : e.folder;
    p->name = name.empty() ? folder : name;
    if (p->name.empty()) {
      report_->Warning(e.key->loc,
                       "package entry " + Quoted(e.path) + " names no package; ignored");
      return false;
    }
    if (!name.empty() && !folder.empty() && name != folder) p->installed_as = folder;
    p->version = ScalarText(v->Get("version"));
    p->loc = e.key->loc;
    std::string_view resolved = ScalarText(v->Get("resolved"));
    if (e.link) {
      // A link whose target folder the lockfile does not list.
      p->source = IsWorkspace(resolved) ? PackageSource::kWorkspace : PackageSource::kFile;
      p->source_ref = npm::StripPathProtocol(resolved);
    } else if (!e.installed) {
      // The target of a link: a workspace or a local folder.
      p->source = IsWorkspace(e.path) ? PackageSource::kWorkspace : PackageSource::kFile;
      p->source_ref = e.path;
    } else {
      p->source = npm::SourceOfResolved(resolved);
      if (p->source == PackageSource::kFile) {
        p->source_ref = npm::StripPathProtocol(resolved);
      } else if (p->source != PackageSource::kRegistry) {
        p->source_ref = resolved;
      }
    }
    if (p->version.empty() && p->source == PackageSource::kRegistry) {
      report_->Warning(e.key->loc, "package " + Quoted(e.path) + " has no version");
    }
    if (const Node* integrity = v->Get("integrity")) {
      npm::AppendIntegrity(ScalarText(integrity), integrity->loc, report_, &p->hashes);
    }
    // devOptional: needed by development and optionally by what ships, so it
    // may ship.
    p->dev = npm::IsTrue(v->Get("dev"));
    p->optional = npm::IsTrue(v->Get("optional")) || npm::IsTrue(v->Get("devOptional"));
    return true;
  }

  // The folders whose node_modules a package at `path` looks in, nearest
  // first, as ids into children_. A hostile path may nest thousands of
  // node_modules folders: past limits.max_depth, only the top is searched.
  std::vector<size_t> SearchPath(std::string_view path, util::Loc loc) {
    std::vector<size_t> chain;
    for (size_t steps = 0;; ++steps) {
      auto it = dir_ids_.find(path);
      if (it != dir_ids_.end()) chain.push_back(it->second);
      if (path.empty()) break;
      if (steps == limits_.max_depth) {
        if (!deep_reported_) {
          deep_reported_ = true;
          report_->Warning(loc, "package path nests more than " +
                                    std::to_string(limits_.max_depth) +
                                    " node_modules folders; only the nearest are searched");
        }
        path = "";
        continue;
      }
      path = ParentDir(path);
    }
    return chain;
  }

  size_t Resolve(const std::vector<size_t>& chain, std::string_view name) const {
    for (size_t dir : chain) {
      auto it = children_[dir].find(name);
      if (it != children_[dir].end()) return entries_[it->second].package;
    }
    return kNone;
  }

  void AddEdges(size_t i) {
    const Entry& e = entries_[i];
    std::vector<size_t> chain = SearchPath(e.path, e.key->loc);
    for (std::string_view field : kRequirementFields) {
      const Node* deps = e.value->Get(field);
      if (deps == nullptr || !deps->is_map()) continue;
      for (const MapEntry& d : deps->entries) {
        size_t to = Resolve(chain, d.key->scalar);
        if (to != kNone) npm::AddEdge(&out_->packages[e.package], static_cast<uint32_t>(to));
      }
    }
  }

  // Direct: what the root package and the workspaces require themselves.
  void MarkDirect() {
    bool any_root = false;
    auto mark = [&](const Entry& from) {
      std::vector<size_t> chain = SearchPath(from.path, from.key->loc);
      for (std::string_view field : kDirectFields) {
        const Node* deps = from.value->Get(field);
        if (deps == nullptr || !deps->is_map()) continue;
        for (const MapEntry& d : deps->entries) {
          size_t to = Resolve(chain, d.key->scalar);
          if (to == kNone) continue;
          Package& p = out_->packages[to];
          p.direct = true;
          if (p.requirement.empty()) p.requirement = ScalarText(d.value);
        }
      }
    };
    if (root_ != nullptr) {
      any_root = true;
      mark(*root_);
    }
    for (size_t i = 0; i < entries_.size(); ++i) {
      if (Owns(i) && out_->packages[entries_[i].package].source == PackageSource::kWorkspace) {
        mark(entries_[i]);
      }
    }
    if (!any_root) {
      // A lockfile without its root package (node_modules/.package-lock.json).
      std::vector<bool> top(out_->packages.size(), false);
      for (const Entry& e : entries_) {
        if (e.package != kNone && e.installed && ParentDir(e.path).empty()) top[e.package] = true;
      }
      npm::MarkUnrequiredDirect(top, out_);
    }
  }

  const Node* packages_;
  const LockLimits& limits_;
  Reporter* report_;
  PackageSet* out_;
  std::vector<Entry> entries_;
  const Entry* root_ = nullptr;
  std::vector<std::string_view> workspace_patterns_;
  // Folders that hold a node_modules folder, and what each holds.
  std::unordered_map<std::string_view, size_t> dir_ids_;
  std::vector<std::unordered_map<std::string_view, size_t>> children_;
  bool deep_reported_ = false;
};

// Version 1: nested `dependencies` objects.
class NestedReader {
 public:
  NestedReader(const Node* dependencies, const LockLimits& limits, Reporter* report,
               PackageSet* out)
      : top_(dependencies), limits_(limits), report_(report), out_(out) {}

  void Run() {
    Walk();
    for (const Pending& p : pending_) AddEdges(p);
    std::vector<bool> top(out_->packages.size(), false);
    for (const auto& [name, index] : scopes_[0].package_of) top[index] = true;
    npm::MarkUnrequiredDirect(top, out_);
  }

 private:
  // One `dependencies` object: what it installs, and the one around it.
  struct Scope {
    size_t parent = kNone;
    std::unordered_map<std::string_view, size_t> winner;      // name → entry index
    std::unordered_map<std::string_view, size_t> package_of;  // name → package index
  };
  struct Frame {
    const Node* map;
    size_t next;
    size_t scope;
    size_t depth;
  };
  // A package's `requires`, resolved once every package is known.
  struct Pending {
    size_t package;
    const Node* required;
    size_t scope;  // where its own name lookup starts
  };

  size_t NewScope(const Node* map, size_t parent) {
    Scope s;
    s.parent = parent;
    for (size_t i = 0; i < map->entries.size(); ++i) s.winner[map->entries[i].key->scalar] = i;
    scopes_.push_back(std::move(s));
    return scopes_.size() - 1;
  }

  // Depth first, in document order, with an explicit stack: the nesting is
  // the file's to choose.
  void Walk() {
    std::vector<Frame> stack;
    stack.push_back({top_, 0, NewScope(top_, kNone), 1});
    while (!stack.empty()) {
      Frame& f = stack.back();
      if (f.next >= f.map->entries.size()) {
        stack.pop_back();
        continue;
      }
      size_t index = f.next++;
      const MapEntry& e = f.map->entries[index];
      Scope& scope = scopes_[f.scope];
      if (scope.winner[e.key->scalar] != index) continue;  // a duplicate key, already reported
      if (!e.value->is_map()) {
        report_->Warning(e.key->loc,
                         "dependency " + Quoted(e.key->scalar) + " is not an object; ignored");
        continue;
      }
      if (!npm::RoomForPackage(limits_, e.key->loc, report_, *out_)) return;
      Package p;
      if (!FillPackage(e, &p)) continue;
      size_t package = out_->packages.size();
      out_->packages.push_back(std::move(p));
      scope.package_of[e.key->scalar] = package;
      size_t own_scope = f.scope;
      size_t depth = f.depth;
      const Node* nested = e.value->Get("dependencies");
      bool descend = false;
      if (nested != nullptr && nested->is_map() && !nested->entries.empty()) {
        if (depth + 1 > limits_.max_depth) {
          report_->Error(e.key->loc, "dependencies nest deeper than " +
                                         std::to_string(limits_.max_depth) +
                                         " levels; the deeper ones are not read");
        } else {
          own_scope = NewScope(nested, f.scope);
          descend = true;
        }
      }
      pending_.push_back({package, e.value->Get("requires"), own_scope});
      if (descend) stack.push_back({nested, 0, own_scope, depth + 1});  // invalidates f
    }
  }

  bool FillPackage(const MapEntry& e, Package* p) {
    std::string_view folder = e.key->scalar;
    if (folder.empty()) {
      report_->Warning(e.key->loc, "a dependency without a name; ignored");
      return false;
    }
    const Node* v = e.value;
    std::string_view version = ScalarText(v->Get("version"));
    std::string_view resolved = ScalarText(v->Get("resolved"));
    std::string_view alias, range;
    p->name = folder;
    p->loc = e.key->loc;
    if (npm::ParseNpmAlias(version, &alias, &range)) {
      p->name = alias;
      if (alias != folder) p->installed_as = folder;
      p->version = range;
    } else if (PackageSource source = npm::SourceOfSpec(version);
               source != PackageSource::kRegistry) {
      // Version 1 writes a git, path or URL dependency's spec as its version.
      p->source = source;
      p->source_ref = source == PackageSource::kFile ? npm::StripPathProtocol(version) : version;
    } else {
      p->version = version;
      p->source = npm::SourceOfResolved(resolved);
      if (p->source != PackageSource::kRegistry) p->source_ref = resolved;
    }
    if (version.empty()) {
      report_->Warning(e.key->loc, "dependency " + Quoted(folder) + " has no version");
    }
    if (const Node* integrity = v->Get("integrity")) {
      npm::AppendIntegrity(ScalarText(integrity), integrity->loc, report_, &p->hashes);
    }
    p->dev = npm::IsTrue(v->Get("dev"));
    p->optional = npm::IsTrue(v->Get("optional"));
    return true;
  }

  void AddEdges(const Pending& pending) {
    if (pending.required == nullptr || !pending.required->is_map()) return;
    for (const MapEntry& r : pending.required->entries) {
      for (size_t s = pending.scope; s != kNone; s = scopes_[s].parent) {
        auto it = scopes_[s].package_of.find(r.key->scalar);
        if (it == scopes_[s].package_of.end()) continue;
        npm::AddEdge(&out_->packages[pending.package], static_cast<uint32_t>(it->second));
        break;
      }
    }
  }

  const Node* top_;
  const LockLimits& limits_;
  Reporter* report_;
  PackageSet* out_;
  std::vector<Scope> scopes_;
  std::vector<Pending> pending_;
};

}  // namespace

bool ReadNpmLock(const util::SourceFile& file, const LockLimits& limits,
                 util::DiagnosticSink* diags, model::PackageSet* out) {
  Reporter report(diags);
  std::unique_ptr<syntax::Document> doc =
      syntax::ParseJson(&file, npm::SyntaxLimits(limits), diags);
  if (doc == nullptr) return false;
  const Node* root = doc->root();
  util::Loc start{&file, 1, 1};
  if (root == nullptr || !root->is_map()) {
    report.Error(root ? root->loc : start, "an npm lockfile must be a JSON object");
    return false;
  }
  const Node* version = root->Get("lockfileVersion");
  const Node* packages = root->Get("packages");
  const Node* dependencies = root->Get("dependencies");
  std::string_view version_text = ScalarText(version);
  if (version == nullptr && packages == nullptr) {
    report.Error(root->loc, "not an npm lockfile: it has no lockfileVersion");
    return false;
  }
  bool use_packages = packages != nullptr && packages->is_map();
  if (version_text != "1" && version_text != "2" && version_text != "3") {
    report.Warning(version ? version->loc : root->loc,
                   (version ? "unknown lockfileVersion " + Quoted(version_text)
                            : std::string("no lockfileVersion")) +
                       (use_packages ? "; read as version 3" : "; read as version 1"));
  }
  out->ecosystem = model::Ecosystem::kNpm;
  out->path = file.path();
  out->locked = true;
  out->format = npm::BaseName(file.path()) == "npm-shrinkwrap.json" ? "npm-shrinkwrap.json"
                                                                    : "package-lock.json";
  if (!version_text.empty()) out->format += " v" + std::string(version_text);
  if (use_packages) {
    PackagesReader(packages, limits, &report, out).Run();
  } else if (packages != nullptr) {
    report.Error(packages->loc, "packages must be an object of installed folders");
  } else if (dependencies != nullptr && dependencies->is_map()) {
    NestedReader(dependencies, limits, &report, out).Run();
  } else if (dependencies != nullptr) {
    report.Error(dependencies->loc, "dependencies must be an object of packages");
  }
  return true;
}

}  // namespace fnwarden::load::lockfile
