// poetry.lock (TOML), lock-version 1.x and 2.x:
//
//   [[package]]
//   name = "requests"                  # required
//   version = "2.31.0"
//   optional = false                   # true: installed only for an extra
//   category = "main"                  # lock 1.x: "main" or "dev"
//   groups = ["main", "dev"]           # Poetry 2 (lock 2.1): the groups that need it
//   files = [{file = "…whl", hash = "sha256:…"}]        # lock 2.x
//   [package.dependencies]
//   idna = ">=2.5,<4"                  # or {version, markers, optional, extras}
//   urllib3 = [{version = "…", markers = "…"}, …]       # or an array of tables
//   [package.source]
//   type = "git"                       # git, directory, file, url; legacy = a registry
//   url = "https://…"
//   reference = "main"
//   resolved_reference = "0123abc…"
//
//   [metadata]
//   lock-version = "2.1"
//   [metadata.files]                   # lock 1.x: the hashes, by package name
//   requests = [{file = "…", hash = "sha256:…"}]
//
// What fnwarden records: every package with its locked version, its hashes,
// its source (git → kGit with the repository URL, directory and file →
// kFile with the path, url → kUrl), `optional`, and `dev` when the lockfile
// says so (lock 1.x `category = "dev"`; Poetry 2 `groups` without "main").
// Older Poetry 2.0 lockfiles have neither: their packages are not dev.
// Dependencies link to every locked package of the dependency's PEP 503
// name (a name locked twice, for different markers, links to both; more than
// 16 times, to the first 16); a dependency that is not locked (its marker
// never holds) is no edge.
//
// `direct` stays false: the lockfile does not say what the project names.
// ReadPyproject gives the declarations of the pyproject.toml beside it: a
// package is direct when a declaration has its PEP 503 name, and a package
// of a Poetry 1.x lockfile (no groups) is dev when it is reachable from dev
// declarations only.
#include <map>
#include <optional>
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
using python::GetBool;
using python::GetString;
using python::GetTable;

// Reads `files = [{file, hash}, …]` into `hashes`.
void ReadFiles(const util::SourceFile& file, const toml::array& files, const std::string& what,
               util::DiagnosticSink* diags, std::vector<model::PackageHash>* hashes) {
  for (const toml::node& f : files) {
    const toml::table* t = f.as_table();
    if (t == nullptr) {
      python::WrongType(file, f, what + ": each of 'files'", "a table", diags);
      continue;
    }
    const std::string* hash = GetString(file, *t, "hash", what + ": ", diags);
    if (hash == nullptr) continue;
    model::PackageHash h;
    std::string err;
    if (python::ParsePythonHash(*hash, &h, &err)) {
      python::AddHash(std::move(h), hashes);
    } else {
      diags->Error(python::NodeLoc(file, *t->get("hash")), what + ": " + err);
    }
  }
}

void ReadSource(const util::SourceFile& file, const toml::table& source, const std::string& what,
                util::DiagnosticSink* diags, model::Package* p) {
  const std::string* type = GetString(file, source, "type", what + ": source ", diags);
  const std::string* url = GetString(file, source, "url", what + ": source ", diags);
  if (type == nullptr) return;
  if (*type == "git") {
    p->source = model::PackageSource::kGit;
  } else if (*type == "directory" || *type == "file") {
    p->source = model::PackageSource::kFile;
  } else if (*type == "url") {
    p->source = model::PackageSource::kUrl;
  } else {
    return;  // legacy, explicit, supplemental: a package index
  }
  if (url != nullptr) p->source_ref = *url;
}

}  // namespace

bool ReadPoetryLock(const util::SourceFile& file, const LockLimits& limits,
                    util::DiagnosticSink* diags, model::PackageSet* out) {
  out->ecosystem = model::Ecosystem::kPyPI;
  out->path = file.path();
  out->format = "poetry.lock";
  out->locked = true;
  std::optional<toml::table> doc = python::ParseToml(file, diags);
  if (!doc) return false;
  if (doc->get("package") == nullptr && doc->get("metadata") == nullptr) return false;
  const toml::table* metadata = GetTable(file, *doc, "metadata", "", diags);
  if (metadata != nullptr) {
    if (const std::string* v = GetString(file, *metadata, "lock-version", "", diags)) {
      out->format += " " + *v;
    }
  }
  const toml::array* packages = GetArray(file, *doc, "package", "", diags);
  const size_t first = out->packages.size();
  std::vector<const toml::table*> dependencies;          // of each package read, from `first`
  std::map<std::string, std::vector<uint32_t>> by_name;  // PEP 503 name → indexes
  bool capped = false;
  if (packages != nullptr) {
    for (const toml::node& n : *packages) {
      const toml::table* t = n.as_table();
      if (t == nullptr) {
        python::WrongType(file, n, "each [[package]]", "a table", diags);
        continue;
      }
      util::Loc at = python::NodeLoc(file, n);
      const std::string* name = GetString(file, *t, "name", "", diags);
      if (name == nullptr || name->empty()) {
        if (t->get("name") == nullptr || name != nullptr) {
          diags->Error(at, "a [[package]] has no 'name'");
        }
        continue;
      }
      model::Package p;
      p.name = *name;
      p.loc = python::KeyLocOf(file, *t, "name", at);
      std::string what = "package '" + p.name + "'";
      if (const std::string* v = GetString(file, *t, "version", what + ": ", diags)) {
        p.version = *v;
      } else if (t->get("version") == nullptr) {
        diags->Error(p.loc, what + " has no 'version'");
      }
      p.optional = GetBool(file, *t, "optional", what + ": ", diags).value_or(false);
      if (const std::string* category = GetString(file, *t, "category", what + ": ", diags)) {
        p.dev = *category == "dev";
      }
      if (const toml::array* groups = GetArray(file, *t, "groups", what + ": ", diags)) {
        bool main = false;
        for (const toml::node& g : *groups) {
          if (const toml::value<std::string>* s = g.as_string()) {
            main = main || s->get() == "main";
          } else {
            python::WrongType(file, g, what + ": each group", "a string", diags);
            main = true;  // unreadable: do not call it dev
          }
        }
        p.dev = !groups->empty() && !main;
      }
      if (const toml::table* source = GetTable(file, *t, "source", what + ": ", diags)) {
        ReadSource(file, *source, what, diags, &p);
      }
      if (const toml::array* files = GetArray(file, *t, "files", what + ": ", diags)) {
        ReadFiles(file, *files, what, diags, &p.hashes);
      }
      if (!python::RoomForPackage(*out, limits, p.loc, diags, &capped)) break;
      by_name[python::NormalizePythonName(p.name)].push_back(
          static_cast<uint32_t>(out->packages.size()));
      dependencies.push_back(GetTable(file, *t, "dependencies", what + ": ", diags));
      out->packages.push_back(std::move(p));
    }
  }
  for (size_t i = first; i < out->packages.size(); ++i) {
    if (dependencies[i - first] == nullptr) continue;
    model::Package& p = out->packages[i];
    std::unordered_set<uint32_t> linked;
    for (auto&& [key, value] : *dependencies[i - first]) {
      if (!value.is_string() && !value.is_table() && !value.is_array()) {
        python::WrongType(file, value,
                          "package '" + p.name + "': dependency '" + std::string(key.str()) + "'",
                          "a version string, a table or an array of tables", diags);
        continue;
      }
      auto it = by_name.find(python::NormalizePythonName(key.str()));
      if (it == by_name.end()) continue;
      // A name is locked a few times at most (once per marker split); the
      // cap keeps a hostile file from asking for packages² edges.
      for (size_t t = 0; t < it->second.size() && t < kMaxVersionsLinked; ++t) {
        uint32_t target = it->second[t];
        if (target != i && linked.insert(target).second) p.dependencies.push_back(target);
      }
    }
  }
  // Lock 1.x keeps the hashes apart, by name, for every locked version of
  // it: they belong to a package only when its name is locked once.
  if (metadata != nullptr) {
    if (const toml::table* files = GetTable(file, *metadata, "files", "metadata: ", diags)) {
      for (auto&& [key, value] : *files) {
        std::string what = "metadata.files '" + std::string(key.str()) + "'";
        const toml::array* list = value.as_array();
        if (list == nullptr) {
          python::WrongType(file, value, what, "an array", diags);
          continue;
        }
        auto it = by_name.find(python::NormalizePythonName(key.str()));
        if (it == by_name.end() || it->second.size() != 1) continue;
        ReadFiles(file, *list, what, diags, &out->packages[it->second.front()].hashes);
      }
    }
  }
  return true;
}

}  // namespace fnwarden::load::lockfile
