// Pipenv's files: Pipfile.lock (JSON) and Pipfile (TOML).
//
// Pipfile.lock: `_meta` (its `pipfile-spec` gives the format version),
// `default` (what is shipped) and `develop` (development only), each mapping
// a package name to {version: "==x", hashes: ["sha256:…"], markers, index,
// extras, git + ref, path, file, editable}. A package of `develop` that
// `default` also has at the same version is recorded once, as shipped. The
// lock records no dependency edges and does not say which packages the
// Pipfile names: `direct` stays false (ReadPipfile gives the declarations).
// Markers are not evaluated: every package is kept.
//
// Pipfile: [packages] and [dev-packages], each `name = "<specifier>"` ("*"
// for any version) or `name = {version = "…", extras, git, ref, path,
// editable, markers}`.
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "load/lockfile/lockfile.h"
#include "load/lockfile/python_internal.h"
#include "load/lockfile/toml_internal.h"
#include "load/syntax/node.h"
#include "util/strings.h"

namespace fnwarden::load::lockfile {
namespace {

bool IsString(const syntax::Node* n) {
  return n != nullptr && n->is_scalar() && n->style == syntax::ScalarStyle::kQuoted;
}

class PipfileLockReader {
 public:
  PipfileLockReader(const LockLimits& limits, util::DiagnosticSink* diags, model::PackageSet* out)
      : limits_(limits), diags_(diags), out_(out) {}

  void ReadSection(const syntax::Node* root, std::string_view name, bool dev) {
    const syntax::Node* section = root->Get(name);
    if (section == nullptr || section->is_null()) return;
    if (!section->is_map()) {
      diags_->Error(section->loc, "'" + std::string(name) + "' must be a map of packages");
      return;
    }
    for (const syntax::MapEntry& e : section->entries) ReadPackage(e, dev);
  }

 private:
  void ReadPackage(const syntax::MapEntry& e, bool dev) {
    std::string name(e.key->scalar);
    std::string what = "package '" + name + "'";
    if (name.empty()) {
      diags_->Error(e.key->loc, "a package name is empty");
      return;
    }
    if (!e.value->is_map()) {
      diags_->Error(e.value->loc, what + " must be a map");
      return;
    }
    model::Package p;
    p.name = name;
    p.dev = dev;
    p.loc = e.key->loc;
    if (const syntax::Node* v = e.value->Get("version")) {
      if (!IsString(v)) {
        diags_->Error(v->loc, what + ": 'version' must be a string");
      } else if (v->scalar.starts_with("===")) {
        p.version = std::string(python::TrimBlanks(v->scalar.substr(3)));
      } else if (v->scalar.starts_with("==")) {
        p.version = std::string(python::TrimBlanks(v->scalar.substr(2)));
      } else {
        diags_->Warning(v->loc, what + ": version '" + std::string(v->scalar) +
                                    "' is not an exact '==' version");
      }
    }
    if (const syntax::Node* hashes = e.value->Get("hashes")) {
      if (!hashes->is_seq()) {
        diags_->Error(hashes->loc, what + ": 'hashes' must be a list of strings");
      } else {
        for (const syntax::Node* h : hashes->items) {
          model::PackageHash hash;
          std::string err;
          if (!IsString(h)) {
            diags_->Error(h->loc, what + ": a hash must be a string");
          } else if (python::ParsePythonHash(h->scalar, &hash, &err)) {
            python::AddHash(std::move(hash), &p.hashes);
          } else {
            diags_->Error(h->loc, what + ": " + err);
          }
        }
      }
    }
    ReadSource(*e.value, what, &p);
    std::string key = python::NormalizePythonName(p.name) + "@" + p.version;
    if (dev && shipped_.count(key) != 0) return;
    if (!dev) shipped_.insert(key);
    if (!python::RoomForPackage(*out_, limits_, p.loc, diags_, &capped_)) return;
    out_->packages.push_back(std::move(p));
  }

  void ReadSource(const syntax::Node& entry, const std::string& what, model::Package* p) {
    struct {
      std::string_view key;
      model::PackageSource source;
    } const kSources[] = {
        {"git", model::PackageSource::kGit},
        {"path", model::PackageSource::kFile},
        {"file", model::PackageSource::kUrl},
    };
    for (const auto& s : kSources) {
      const syntax::Node* n = entry.Get(s.key);
      if (n == nullptr) continue;
      if (!IsString(n)) {
        diags_->Error(n->loc, what + ": '" + std::string(s.key) + "' must be a string");
        continue;
      }
      p->source = s.source;
      p->source_ref = std::string(n->scalar);
      // `file` is a URL, or a local archive.
      if (s.key == "file" && (p->source_ref.find("://") == std::string::npos ||
                              util::ToLower(p->source_ref).starts_with("file:"))) {
        p->source = model::PackageSource::kFile;
      }
      return;
    }
  }

  const LockLimits& limits_;
  util::DiagnosticSink* diags_;
  model::PackageSet* out_;
  bool capped_ = false;
  std::set<std::string> shipped_;  // PEP 503 name@version of `default`
};

}  // namespace

bool ReadPipfileLock(const util::SourceFile& file, const LockLimits& limits,
                     util::DiagnosticSink* diags, model::PackageSet* out) {
  out->ecosystem = model::Ecosystem::kPyPI;
  out->path = file.path();
  out->format = "Pipfile.lock";
  out->locked = true;
  std::unique_ptr<syntax::Document> doc = syntax::ParseJson(&file, syntax::ParseLimits{}, diags);
  if (doc == nullptr || doc->root() == nullptr || !doc->root()->is_map()) return false;
  const syntax::Node* root = doc->root();
  const syntax::Node* meta = root->Get("_meta");
  if (meta == nullptr && root->Get("default") == nullptr && root->Get("develop") == nullptr) {
    return false;
  }
  if (meta != nullptr && meta->is_map()) {
    const syntax::Node* spec = meta->Get("pipfile-spec");
    if (spec != nullptr && spec->is_scalar() && spec->Type() == syntax::ScalarType::kInt) {
      out->format += " v" + std::string(spec->scalar);
    }
  }
  PipfileLockReader reader(limits, diags, out);
  reader.ReadSection(root, "default", false);
  reader.ReadSection(root, "develop", true);
  return true;
}

bool ReadPipfile(const util::SourceFile& file, util::DiagnosticSink* diags,
                 std::vector<model::PackageSet::Declared>* out) {
  std::optional<toml::table> doc = python::ParseToml(file, diags);
  if (!doc) return false;
  size_t first = out->size();
  for (auto [section, dev] : {std::pair<std::string_view, bool>{"packages", false},
                              std::pair<std::string_view, bool>{"dev-packages", true}}) {
    const toml::table* packages = python::GetTable(file, *doc, section, "", diags);
    if (packages == nullptr) continue;
    for (auto&& [key, value] : *packages) {
      model::PackageSet::Declared d;
      d.name = std::string(key.str());
      d.dev = dev;
      d.loc = python::KeyLoc(file, key);
      if (d.name.empty()) {
        diags->Error(d.loc, "a package name is empty");
        continue;
      }
      std::string what = "package '" + d.name + "'";
      if (const toml::value<std::string>* s = value.as_string()) {
        d.requirement = s->get() == "*" ? "" : s->get();
      } else if (const toml::table* t = value.as_table()) {
        if (const std::string* v = python::GetString(file, *t, "version", what + ": ", diags)) {
          d.requirement = *v == "*" ? "" : *v;
        }
      } else {
        python::WrongType(file, value, what, "a version string or a table", diags);
        continue;
      }
      out->push_back(std::move(d));
    }
  }
  // toml++ keeps a table's keys sorted: put them back in the file's order.
  python::SortByPosition(out, first);
  return true;
}

}  // namespace fnwarden::load::lockfile
