// pyproject.toml: what a Python project declares it depends on.
//
// - PEP 621 `[project] dependencies = ["name[extras] specifier ; marker", …]`
//   (shipped) and `[project.optional-dependencies] extra = [...]` (extras:
//   optional, not dev);
// - PEP 735 `[dependency-groups] group = ["…", {include-group = "other"}]`:
//   dev (a group is never installed with the package);
// - uv's older `[tool.uv] dev-dependencies = ["…"]`: dev;
// - Poetry: `[tool.poetry.dependencies]` (shipped; `python` is the
//   interpreter, no package), `[tool.poetry.dev-dependencies]` (Poetry 1.0
//   to 1.1) and `[tool.poetry.group.<name>.dependencies]` (dev unless the
//   group is "main"). A Poetry value is a constraint string (`^2.31`, `~1.4`,
//   `*`), a table (`{version = "^2", extras = […], optional = true}`; git,
//   path and url dependencies have no version) or an array of such tables
//   for different markers, whose versions are joined with " || ".
//
// Requirements are kept as written ("" for any version), markers are not
// evaluated. Each declaration points at its name: inside the PEP 508 string
// when it has no escapes before the name, else at the string.
//
// How the lead wires it to poetry.lock and uv.lock: a locked package is
// direct when a declaration has its PEP 503 name; for a lockfile that does
// not say which packages are dev (poetry.lock 1.x and 2.0), a package is dev
// when it is reachable only from dev declarations.
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "load/lockfile/lockfile.h"
#include "load/lockfile/python_internal.h"
#include "load/lockfile/toml_internal.h"

namespace fnwarden::load::lockfile {
namespace {

using python::GetArray;
using python::GetString;
using python::GetTable;
using Declared = model::PackageSet::Declared;

class PyprojectReader {
 public:
  PyprojectReader(const util::SourceFile& file, util::DiagnosticSink* diags,
                  std::vector<Declared>* out)
      : file_(file), diags_(diags), out_(out) {}

  // An array of PEP 508 strings (and, in dependency groups, include tables).
  void ReadPep508List(const toml::node& value, const std::string& what, bool dev) {
    const toml::array* list = value.as_array();
    if (list == nullptr) {
      python::WrongType(file_, value, what, "an array of requirement strings", diags_);
      return;
    }
    for (const toml::node& n : *list) {
      if (const toml::value<std::string>* s = n.as_string()) {
        AddPep508(*s, dev);
      } else if (!(dev && n.is_table() && n.as_table()->get("include-group") != nullptr)) {
        python::WrongType(file_, n, "each of " + what, "a requirement string", diags_);
      }
    }
  }

  // A Poetry dependency table (`name = constraint`).
  void ReadPoetryTable(const toml::table& deps, const std::string& what, bool dev) {
    for (auto&& [key, value] : deps) {
      if (key.str() == "python") continue;
      Declared d;
      d.name = std::string(key.str());
      d.dev = dev;
      d.loc = python::KeyLoc(file_, key);
      if (d.name.empty()) {
        diags_->Error(d.loc, "a package name is empty");
        continue;
      }
      std::string subject = what + " '" + d.name + "'";
      if (const toml::value<std::string>* s = value.as_string()) {
        d.requirement = PoetryVersion(s->get());
      } else if (const toml::table* t = value.as_table()) {
        d.requirement = PoetryTableVersion(*t, subject);
      } else if (const toml::array* a = value.as_array()) {
        for (const toml::node& item : *a) {
          const toml::table* alternative = item.as_table();
          if (alternative == nullptr) {
            python::WrongType(file_, item, "each constraint of " + subject, "a table", diags_);
            continue;
          }
          std::string v = PoetryTableVersion(*alternative, subject);
          if (v.empty()) continue;
          if (!d.requirement.empty()) d.requirement += " || ";
          d.requirement += v;
        }
      } else {
        python::WrongType(file_, value, subject, "a version string, a table or an array", diags_);
        continue;
      }
      out_->push_back(std::move(d));
    }
  }

 private:
  void AddPep508(const toml::value<std::string>& node, bool dev) {
    const std::string& text = node.get();
    python::Pep508 req;
    std::string err;
    size_t err_offset = 0;
    if (!python::ParsePep508(text, &req, &err, &err_offset)) {
      diags_->Error(InString(node, err_offset), "invalid requirement: " + err);
      return;
    }
    Declared d;
    d.name = std::string(req.name);
    d.requirement = std::string(req.specifier);
    d.dev = dev;
    d.loc = InString(node, req.name_offset);
    out_->push_back(std::move(d));
  }

  // The position of byte `offset` of a string's value: exact when the file
  // has the same bytes after the opening quote, else the string's start.
  util::Loc InString(const toml::value<std::string>& node, size_t offset) {
    util::Loc loc = python::NodeLoc(file_, node);
    if (!loc.known()) return loc;
    std::string_view line = file_.Line(loc.line);
    size_t quote = loc.col - 1;
    if (quote >= line.size() || (line[quote] != '"' && line[quote] != '\'') ||
        line.substr(quote + 1).starts_with(std::string(2, line[quote]))) {
      return loc;  // a multi-line string
    }
    std::string_view written = line.substr(quote + 1);
    std::string_view value = node.get();
    size_t prefix = std::min(offset, value.size());
    if (written.substr(0, prefix) != value.substr(0, prefix)) return loc;
    loc.col += static_cast<uint32_t>(1 + offset);
    return loc;
  }

  static std::string PoetryVersion(const std::string& v) { return v == "*" ? "" : v; }

  std::string PoetryTableVersion(const toml::table& t, const std::string& subject) {
    const std::string* v = GetString(file_, t, "version", subject + ": ", diags_);
    return v == nullptr ? "" : PoetryVersion(*v);
  }

  const util::SourceFile& file_;
  util::DiagnosticSink* diags_;
  std::vector<Declared>* out_;
};

void ReadTables(const util::SourceFile& file, const toml::table& doc, util::DiagnosticSink* diags,
                std::vector<Declared>* out) {
  PyprojectReader reader(file, diags, out);
  if (const toml::table* project = GetTable(file, doc, "project", "", diags)) {
    if (const toml::node* deps = project->get("dependencies")) {
      reader.ReadPep508List(*deps, "'project.dependencies'", false);
    }
    if (const toml::table* extras =
            GetTable(file, *project, "optional-dependencies", "project: ", diags)) {
      for (auto&& [key, value] : *extras) {
        reader.ReadPep508List(
            value, "'project.optional-dependencies." + std::string(key.str()) + "'", false);
      }
    }
  }
  if (const toml::table* groups = GetTable(file, doc, "dependency-groups", "", diags)) {
    for (auto&& [key, value] : *groups) {
      reader.ReadPep508List(value, "'dependency-groups." + std::string(key.str()) + "'", true);
    }
  }
  const toml::table* tool = GetTable(file, doc, "tool", "", diags);
  if (tool == nullptr) return;
  if (const toml::table* uv = GetTable(file, *tool, "uv", "tool: ", diags)) {
    if (const toml::node* dev = uv->get("dev-dependencies")) {
      reader.ReadPep508List(*dev, "'tool.uv.dev-dependencies'", true);
    }
  }
  const toml::table* poetry = GetTable(file, *tool, "poetry", "tool: ", diags);
  if (poetry == nullptr) return;
  if (const toml::table* deps = GetTable(file, *poetry, "dependencies", "tool.poetry: ", diags)) {
    reader.ReadPoetryTable(*deps, "dependency", false);
  }
  if (const toml::table* deps =
          GetTable(file, *poetry, "dev-dependencies", "tool.poetry: ", diags)) {
    reader.ReadPoetryTable(*deps, "dependency", true);
  }
  if (const toml::table* groups = GetTable(file, *poetry, "group", "tool.poetry: ", diags)) {
    for (auto&& [key, value] : *groups) {
      std::string name(key.str());
      const toml::table* group = value.as_table();
      if (group == nullptr) {
        python::WrongType(file, value, "'tool.poetry.group." + name + "'", "a table", diags);
        continue;
      }
      if (const toml::table* deps =
              GetTable(file, *group, "dependencies", "tool.poetry.group." + name + ": ", diags)) {
        reader.ReadPoetryTable(*deps, "dependency", name != "main");
      }
    }
  }
}

}  // namespace

bool ReadPyproject(const util::SourceFile& file, util::DiagnosticSink* diags,
                   std::vector<model::PackageSet::Declared>* out) {
  std::optional<toml::table> doc = python::ParseToml(file, diags);
  if (!doc) return false;
  size_t first = out->size();
  ReadTables(file, *doc, diags, out);
  // toml++ keeps a table's keys sorted: put them back in the file's order.
  python::SortByPosition(out, first);
  return true;
}

}  // namespace fnwarden::load::lockfile
