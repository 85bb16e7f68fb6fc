#include "load/lockfile/toml_internal.h"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace fnwarden::load::lockfile::python {

std::optional<toml::table> ParseToml(const util::SourceFile& file, util::DiagnosticSink* diags) {
  try {
    return toml::parse(file.text(), std::string_view(file.path()));
  } catch (const toml::parse_error& e) {
    std::string message(e.description());
    while (!message.empty() && (message.back() == '.' || message.back() == ' ')) {
      message.pop_back();
    }
    // "Error while parsing key-value pair: expected …" → "invalid TOML in
    // key-value pair: expected …": the renderer already says "error".
    constexpr std::string_view kPrefix = "Error while parsing ";
    if (message.starts_with(kPrefix)) {
      message = "invalid TOML in " + message.substr(kPrefix.size());
    } else {
      message = "invalid TOML: " + message;
    }
    diags->Error(TomlLoc(file, e.source().begin), std::move(message));
    return std::nullopt;
  }
}

util::Loc TomlLoc(const util::SourceFile& file, const toml::source_position& pos) {
  // Positions toml++ could not give (0) or past the last line (an error at
  // the end of the file) are clamped into the file.
  if (pos.line == 0 || file.line_count() == 0) return util::Loc{&file, 1, 1};
  if (pos.line > file.line_count()) {
    uint32_t last = file.line_count();
    return util::Loc{&file, last, static_cast<uint32_t>(file.Line(last).size() + 1)};
  }
  std::string_view line = file.Line(pos.line);
  // toml++ skips a UTF-8 byte order mark without counting it.
  size_t byte = pos.line == 1 && line.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  for (uint32_t cp = 1; cp < pos.column && byte < line.size(); ++cp) {
    ++byte;
    while (byte < line.size() && (static_cast<unsigned char>(line[byte]) & 0xC0) == 0x80) ++byte;
  }
  return util::Loc{&file, pos.line, static_cast<uint32_t>(byte + 1)};
}

std::string_view TomlTypeName(toml::node_type type) {
  switch (type) {
    case toml::node_type::none:
      return "nothing";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a number";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
  }
  return "a value";
}

void WrongType(const util::SourceFile& file, const toml::node& node, std::string_view what,
               std::string_view expected, util::DiagnosticSink* diags) {
  diags->Error(NodeLoc(file, node), std::string(what) + " must be " + std::string(expected) +
                                        ", not " + std::string(TomlTypeName(node.type())));
}

namespace {

std::string Subject(std::string_view what, std::string_view key) {
  return std::string(what) + "'" + std::string(key) + "'";
}

}  // namespace

const std::string* GetString(const util::SourceFile& file, const toml::table& table,
                             std::string_view key, std::string_view what,
                             util::DiagnosticSink* diags) {
  const toml::node* n = table.get(key);
  if (n == nullptr) return nullptr;
  if (const toml::value<std::string>* s = n->as_string()) return &s->get();
  WrongType(file, *n, Subject(what, key), "a string", diags);
  return nullptr;
}

const toml::table* GetTable(const util::SourceFile& file, const toml::table& table,
                            std::string_view key, std::string_view what,
                            util::DiagnosticSink* diags) {
  const toml::node* n = table.get(key);
  if (n == nullptr) return nullptr;
  if (const toml::table* t = n->as_table()) return t;
  WrongType(file, *n, Subject(what, key), "a table", diags);
  return nullptr;
}

const toml::array* GetArray(const util::SourceFile& file, const toml::table& table,
                            std::string_view key, std::string_view what,
                            util::DiagnosticSink* diags) {
  const toml::node* n = table.get(key);
  if (n == nullptr) return nullptr;
  if (const toml::array* a = n->as_array()) return a;
  WrongType(file, *n, Subject(what, key), "an array", diags);
  return nullptr;
}

std::optional<bool> GetBool(const util::SourceFile& file, const toml::table& table,
                            std::string_view key, std::string_view what,
                            util::DiagnosticSink* diags) {
  const toml::node* n = table.get(key);
  if (n == nullptr) return std::nullopt;
  if (const toml::value<bool>* b = n->as_boolean()) return b->get();
  WrongType(file, *n, Subject(what, key), "a boolean", diags);
  return std::nullopt;
}

util::Loc KeyLocOf(const util::SourceFile& file, const toml::table& table, std::string_view key,
                   util::Loc fallback) {
  auto it = table.find(key);
  if (it == table.end()) return fallback;
  util::Loc loc = KeyLoc(file, it->first);
  return loc.known() ? loc : fallback;
}

void SortByPosition(std::vector<model::PackageSet::Declared>* declared, size_t first) {
  std::stable_sort(declared->begin() + static_cast<std::ptrdiff_t>(first), declared->end(),
                   [](const model::PackageSet::Declared& a, const model::PackageSet::Declared& b) {
                     return a.loc.line != b.loc.line ? a.loc.line < b.loc.line
                                                     : a.loc.col < b.loc.col;
                   });
}

}  // namespace fnwarden::load::lockfile::python
