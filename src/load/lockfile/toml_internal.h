// TOML for the lockfile readers (poetry.lock, uv.lock, pyproject.toml,
// Pipfile), through toml++: parsing with the syntax error turned into a
// diagnostic at its position, positions in util::Loc terms, and typed look-ups
// that report a value of the wrong type where it is written. Private to
// load/lockfile.
#ifndef FNWARDEN_LOAD_LOCKFILE_TOML_INTERNAL_H_
#define FNWARDEN_LOAD_LOCKFILE_TOML_INTERNAL_H_

#include <toml++/toml.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/packages.h"
#include "util/diagnostic.h"
#include "util/source.h"

namespace fnwarden::load::lockfile::python {

// Parses `file` as TOML 1.0. On a syntax error reports it (an error at the
// line and byte column toml++ stopped at: "invalid TOML in string: …") and
// returns nullopt: toml++ cannot go on after one.
std::optional<toml::table> ParseToml(const util::SourceFile& file, util::DiagnosticSink* diags);

// toml++ counts columns in code points; util::Loc counts bytes.
util::Loc TomlLoc(const util::SourceFile& file, const toml::source_position& pos);
inline util::Loc NodeLoc(const util::SourceFile& file, const toml::node& node) {
  return TomlLoc(file, node.source().begin);
}
inline util::Loc KeyLoc(const util::SourceFile& file, const toml::key& key) {
  return TomlLoc(file, key.source().begin);
}

// "a string", "an integer", "a table", … for messages.
std::string_view TomlTypeName(toml::node_type type);

// Typed look-ups of `key` in `table`. Each returns nullptr (nullopt) when the
// key is absent, and also when its value has another type, then reporting
// "'<key>' must be <type>, not <type>" at the value. `what` prefixes the key
// in messages when not empty ("package 'x': ").
const std::string* GetString(const util::SourceFile& file, const toml::table& table,
                             std::string_view key, std::string_view what,
                             util::DiagnosticSink* diags);
const toml::table* GetTable(const util::SourceFile& file, const toml::table& table,
                            std::string_view key, std::string_view what,
                            util::DiagnosticSink* diags);
const toml::array* GetArray(const util::SourceFile& file, const toml::table& table,
                            std::string_view key, std::string_view what,
                            util::DiagnosticSink* diags);
std::optional<bool> GetBool(const util::SourceFile& file, const toml::table& table,
                            std::string_view key, std::string_view what,
                            util::DiagnosticSink* diags);

// Reports "<what> must be <expected>, not <type of node>" at `node`.
void WrongType(const util::SourceFile& file, const toml::node& node, std::string_view what,
               std::string_view expected, util::DiagnosticSink* diags);

// The location of `key`'s key in `table` (its line and column), or `fallback`
// when the key is absent.
util::Loc KeyLocOf(const util::SourceFile& file, const toml::table& table, std::string_view key,
                   util::Loc fallback);

// Sorts (*declared)[first…] by line and column, stably.
void SortByPosition(std::vector<model::PackageSet::Declared>* declared, size_t first);

}  // namespace fnwarden::load::lockfile::python

#endif  // FNWARDEN_LOAD_LOCKFILE_TOML_INTERNAL_H_
