// uv.lock (TOML), version 1 (any revision):
//
//   version = 1
//   [[package]]
//   name = "app"
//   version = "0.1.0"
//   source = { editable = "." }        # or virtual: the project (a workspace member)
//   dependencies = [{ name = "requests" }, { name = "x", extra = ["s3"], marker = "…" }]
//   [package.optional-dependencies]    # extras: name → dependencies
//   [package.dev-dependencies]         # dependency groups (dev, test, …): name → dependencies
//   [package.metadata]                 # what the project's pyproject.toml declares
//   requires-dist = [{ name = "requests", specifier = ">=2" }]
//   requires-dev = { dev = [{ name = "pytest", specifier = ">=8" }] }
//
//   [[package]]
//   name = "requests"
//   version = "2.31.0"
//   source = { registry = "https://pypi.org/simple" }   # or git, path, directory, url
//   sdist = { url = "…", hash = "sha256:…", size = 1 }
//   wheels = [{ url = "…", hash = "sha256:…", size = 1 }]
//
// What fnwarden records: every package with its version ("" when uv locks
// none, as for a dynamic local project), its hashes (sdist and wheels), its
// source (editable and virtual → kWorkspace, git → kGit, path and directory
// → kFile, url → kUrl, each with the value as written) and its dependencies:
// the `dependencies`, every extra of `optional-dependencies` and every group
// of `dev-dependencies` (everything it may require). A dependency names a
// package by name, and by version (and source) when several are locked; one
// without a version links to every package of that name (the first 16).
//
// The workspace packages (editable, virtual) are the roots. Their
// dependencies, extras and groups are `direct`, with the `specifier` of
// their `package.metadata` as `requirement`. What the roots need through
// `dependencies` (following requested extras) is shipped; what only their
// extras need is `optional`; what only their dependency groups need is
// `dev`. Without a workspace package nothing is marked.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "load/lockfile/lockfile.h"
#include "load/lockfile/python_internal.h"
#include "load/lockfile/toml_internal.h"

namespace fnwarden::load::lockfile {
namespace {

using python::GetArray;

// How many locked packages of one name a dependency links to.
constexpr size_t kMaxVersionsLinked = 16;
using python::GetString;
using python::GetTable;

// One `{ name, version?, extra? }` of a dependency list, resolved.
struct Edge {
  std::vector<uint32_t> targets;
  std::vector<std::string> extras;
};

struct UvPackage {
  const toml::table* table = nullptr;
  std::vector<Edge> dependencies;
  std::map<std::string, std::vector<Edge>> extras;  // optional-dependencies
  std::vector<Edge> groups;                         // every dev-dependencies group
};

class UvLockReader {
 public:
  UvLockReader(const util::SourceFile& file, const LockLimits& limits, util::DiagnosticSink* diags,
               model::PackageSet* out)
      : file_(file), limits_(limits), diags_(diags), out_(out), first_(out->packages.size()) {}

  void ReadPackages(const toml::array& packages) {
    for (const toml::node& n : packages) {
      const toml::table* t = n.as_table();
      if (t == nullptr) {
        python::WrongType(file_, n, "each [[package]]", "a table", diags_);
        continue;
      }
      util::Loc at = python::NodeLoc(file_, n);
      const std::string* name = GetString(file_, *t, "name", "", diags_);
      if (name == nullptr || name->empty()) {
        if (t->get("name") == nullptr || name != nullptr) {
          diags_->Error(at, "a [[package]] has no 'name'");
        }
        continue;
      }
      model::Package p;
      p.name = *name;
      p.loc = python::KeyLocOf(file_, *t, "name", at);
      std::string what = "package '" + p.name + "'";
      if (const std::string* v = GetString(file_, *t, "version", what + ": ", diags_)) {
        p.version = *v;
      }
      if (const toml::table* source = GetTable(file_, *t, "source", what + ": ", diags_)) {
        ReadSource(*source, what, &p);
      }
      if (const toml::table* sdist = GetTable(file_, *t, "sdist", what + ": ", diags_)) {
        ReadHash(*sdist, what, &p);
      }
      if (const toml::array* wheels = GetArray(file_, *t, "wheels", what + ": ", diags_)) {
        for (const toml::node& w : *wheels) {
          if (const toml::table* wt = w.as_table()) {
            ReadHash(*wt, what, &p);
          } else {
            python::WrongType(file_, w, what + ": each wheel", "a table", diags_);
          }
        }
      }
      if (!python::RoomForPackage(*out_, limits_, p.loc, diags_, &capped_)) break;
      by_name_[python::NormalizePythonName(p.name)].push_back(
          static_cast<uint32_t>(out_->packages.size()));
      out_->packages.push_back(std::move(p));
      uv_.push_back(UvPackage{t, {}, {}, {}});
    }
  }

  // Resolves every package's dependency lists once all packages are known.
  void ReadEdges() {
    for (size_t i = 0; i < uv_.size(); ++i) {
      UvPackage& u = uv_[i];
      std::string what = "package '" + Pkg(i).name + "'";
      if (const toml::array* deps =
              GetArray(file_, *u.table, "dependencies", what + ": ", diags_)) {
        u.dependencies = ReadEdgeList(*deps, what);
      }
      if (const toml::table* extras =
              GetTable(file_, *u.table, "optional-dependencies", what + ": ", diags_)) {
        for (auto&& [key, value] : *extras) {
          u.extras[std::string(key.str())] = ReadGroup(value, what);
        }
      }
      if (const toml::table* groups =
              GetTable(file_, *u.table, "dev-dependencies", what + ": ", diags_)) {
        for (auto&& [key, value] : *groups) {
          std::vector<Edge> edges = ReadGroup(value, what);
          u.groups.insert(u.groups.end(), edges.begin(), edges.end());
        }
      }
      std::vector<uint32_t>& deps = Pkg(i).dependencies;
      std::unordered_set<uint32_t> linked;
      auto add = [&](const std::vector<Edge>& edges) {
        for (const Edge& e : edges) {
          for (uint32_t t : e.targets) {
            if (t != first_ + i && linked.insert(t).second) deps.push_back(t);
          }
        }
      };
      add(u.dependencies);
      for (const auto& [extra, edges] : u.extras) add(edges);
      add(u.groups);
    }
  }

  // Marks direct, optional and dev from the workspace packages.
  void MarkFromRoots() {
    std::vector<size_t> roots;
    for (size_t i = 0; i < uv_.size(); ++i) {
      if (Pkg(i).source == model::PackageSource::kWorkspace) roots.push_back(i);
    }
    if (roots.empty()) return;
    std::vector<Edge> shipped, optional, dev;
    for (size_t r : roots) {
      const UvPackage& u = uv_[r];
      shipped.insert(shipped.end(), u.dependencies.begin(), u.dependencies.end());
      for (const auto& [extra, edges] : u.extras) {
        optional.insert(optional.end(), edges.begin(), edges.end());
      }
      dev.insert(dev.end(), u.groups.begin(), u.groups.end());
    }
    std::map<std::string, std::string> specifiers = RootSpecifiers(roots);
    for (const std::vector<Edge>* edges : {&shipped, &optional, &dev}) {
      for (const Edge& e : *edges) {
        for (uint32_t t : e.targets) {
          model::Package& p = out_->packages[t];
          if (p.source == model::PackageSource::kWorkspace) continue;
          p.direct = true;
          auto it = specifiers.find(python::NormalizePythonName(p.name));
          if (it != specifiers.end()) p.requirement = it->second;
        }
      }
    }
    std::vector<bool> in_shipped = Reach(shipped);
    std::vector<bool> in_optional = Reach(optional);
    std::vector<bool> in_dev = Reach(dev);
    for (size_t i = 0; i < uv_.size(); ++i) {
      model::Package& p = Pkg(i);
      if (p.source == model::PackageSource::kWorkspace || in_shipped[i]) continue;
      if (in_optional[i]) {
        p.optional = true;
      } else if (in_dev[i]) {
        p.dev = true;
      }
    }
  }

 private:
  model::Package& Pkg(size_t i) { return out_->packages[first_ + i]; }

  void ReadSource(const toml::table& source, const std::string& what, model::Package* p) {
    static constexpr struct {
      std::string_view key;
      model::PackageSource source;
    } kKinds[] = {
        {"registry", model::PackageSource::kRegistry},
        {"git", model::PackageSource::kGit},
        {"editable", model::PackageSource::kWorkspace},
        {"virtual", model::PackageSource::kWorkspace},
        {"path", model::PackageSource::kFile},
        {"directory", model::PackageSource::kFile},
        {"url", model::PackageSource::kUrl},
    };
    for (const auto& k : kKinds) {
      const std::string* value = GetString(file_, source, k.key, what + ": source ", diags_);
      if (value == nullptr) continue;
      p->source = k.source;
      if (k.source != model::PackageSource::kRegistry) p->source_ref = *value;
      return;
    }
  }

  void ReadHash(const toml::table& t, const std::string& what, model::Package* p) {
    const std::string* hash = GetString(file_, t, "hash", what + ": ", diags_);
    if (hash == nullptr) return;
    model::PackageHash h;
    std::string err;
    if (python::ParsePythonHash(*hash, &h, &err)) {
      python::AddHash(std::move(h), &p->hashes);
    } else {
      diags_->Error(python::NodeLoc(file_, *t.get("hash")), what + ": " + err);
    }
  }

  std::vector<Edge> ReadGroup(const toml::node& value, const std::string& what) {
    if (const toml::array* list = value.as_array()) return ReadEdgeList(*list, what);
    python::WrongType(file_, value, what + ": a dependency group", "an array", diags_);
    return {};
  }

  std::vector<Edge> ReadEdgeList(const toml::array& list, const std::string& what) {
    std::vector<Edge> edges;
    for (const toml::node& n : list) {
      const toml::table* t = n.as_table();
      if (t == nullptr) {
        python::WrongType(file_, n, what + ": each dependency", "a table", diags_);
        continue;
      }
      const std::string* name = GetString(file_, *t, "name", what + ": dependency ", diags_);
      if (name == nullptr) {
        if (t->get("name") == nullptr) {
          diags_->Error(python::NodeLoc(file_, n), what + ": a dependency has no 'name'");
        }
        continue;
      }
      const std::string* version = GetString(file_, *t, "version", what + ": dependency ", diags_);
      Edge e;
      auto it = by_name_.find(python::NormalizePythonName(*name));
      if (it != by_name_.end()) {
        // A name is locked a few times at most (once per fork of the
        // resolution); the cap keeps a hostile file from asking for
        // packages² edges.
        for (uint32_t target : it->second) {
          if (e.targets.size() == kMaxVersionsLinked) break;
          if (version == nullptr || out_->packages[target].version == *version) {
            e.targets.push_back(target);
          }
        }
      }
      if (e.targets.empty()) {
        diags_->Warning(python::NodeLoc(file_, n), what + ": dependency '" + *name +
                                                       (version ? " " + *version : std::string()) +
                                                       "' is not locked");
        continue;
      }
      if (const toml::array* extras =
              GetArray(file_, *t, "extra", what + ": dependency ", diags_)) {
        for (const toml::node& x : *extras) {
          if (const toml::value<std::string>* s = x.as_string()) e.extras.push_back(s->get());
        }
      }
      edges.push_back(std::move(e));
    }
    return edges;
  }

  // The packages reachable from `start`, following `dependencies` and the
  // extras each edge requests.
  std::vector<bool> Reach(const std::vector<Edge>& start) {
    std::vector<bool> seen(uv_.size(), false);
    std::set<std::pair<size_t, std::string>> seen_extras;
    std::vector<const Edge*> work;
    for (const Edge& e : start) work.push_back(&e);
    while (!work.empty()) {
      const Edge* e = work.back();
      work.pop_back();
      for (uint32_t t : e->targets) {
        size_t i = t - first_;
        if (!seen[i]) {
          seen[i] = true;
          for (const Edge& d : uv_[i].dependencies) work.push_back(&d);
        }
        for (const std::string& x : e->extras) {
          if (!seen_extras.insert({i, x}).second) continue;
          auto it = uv_[i].extras.find(x);
          if (it == uv_[i].extras.end()) continue;
          for (const Edge& d : it->second) work.push_back(&d);
        }
      }
    }
    return seen;
  }

  // PEP 503 name → specifier, from the roots' `package.metadata`.
  std::map<std::string, std::string> RootSpecifiers(const std::vector<size_t>& roots) {
    std::map<std::string, std::string> specifiers;
    auto read = [&](const toml::array& list) {
      for (const toml::node& n : list) {
        const toml::table* t = n.as_table();
        if (t == nullptr) continue;
        const toml::node* name = t->get("name");
        const toml::node* spec = t->get("specifier");
        if (name == nullptr || spec == nullptr || !name->is_string() || !spec->is_string()) {
          continue;
        }
        specifiers.emplace(python::NormalizePythonName(name->as_string()->get()),
                           spec->as_string()->get());
      }
    };
    for (size_t r : roots) {
      const toml::table* metadata = uv_[r].table->get_as<toml::table>("metadata");
      if (metadata == nullptr) continue;
      if (const toml::array* dist = metadata->get_as<toml::array>("requires-dist")) read(*dist);
      if (const toml::table* dev = metadata->get_as<toml::table>("requires-dev")) {
        for (auto&& [group, list] : *dev) {
          if (const toml::array* a = list.as_array()) read(*a);
        }
      }
    }
    return specifiers;
  }

  const util::SourceFile& file_;
  const LockLimits& limits_;
  util::DiagnosticSink* diags_;
  model::PackageSet* out_;
  const size_t first_;  // index of the first package this reader adds
  bool capped_ = false;
  std::vector<UvPackage> uv_;                             // one a package read
  std::map<std::string, std::vector<uint32_t>> by_name_;  // PEP 503 name → indexes
};

}  // namespace

bool ReadUvLock(const util::SourceFile& file, const LockLimits& limits, util::DiagnosticSink* diags,
                model::PackageSet* out) {
  out->ecosystem = model::Ecosystem::kPyPI;
  out->path = file.path();
  out->format = "uv.lock";
  out->locked = true;
  std::optional<toml::table> doc = python::ParseToml(file, diags);
  if (!doc) return false;
  const toml::node* version = doc->get("version");
  if (version == nullptr && doc->get("package") == nullptr) return false;
  if (version != nullptr) {
    if (const toml::value<int64_t>* v = version->as_integer()) {
      out->format += " v" + std::to_string(v->get());
      if (v->get() != 1) {
        diags->Warning(python::NodeLoc(file, *version),
                       "uv.lock version " + std::to_string(v->get()) +
                           " is not the version fnwarden knows (1); read as version 1");
      }
    } else {
      python::WrongType(file, *version, "'version'", "an integer", diags);
    }
  }
  UvLockReader reader(file, limits, diags, out);
  if (const toml::array* packages = GetArray(file, *doc, "package", "", diags)) {
    reader.ReadPackages(*packages);
  }
  reader.ReadEdges();
  reader.MarkFromRoots();
  return true;
}

}  // namespace fnwarden::load::lockfile
