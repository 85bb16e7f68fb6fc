// How the template fuzzers read their input: the bytes as one file, parsed
// as JSON when they start with '{' (after blanks) and as YAML otherwise,
// under limits that keep one run small while still reaching deep trees.
#ifndef FNWARDEN_FUZZ_FUZZ_INPUT_H_
#define FNWARDEN_FUZZ_FUZZ_INPUT_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "load/syntax/node.h"
#include "util/diagnostic.h"
#include "util/source.h"

namespace fnwarden::fuzz {

inline load::syntax::ParseLimits FuzzLimits() {
  load::syntax::ParseLimits limits;
  limits.max_nodes = 200'000;
  limits.max_alias_expansion = 20'000;
  return limits;
}

inline util::SourceFile FuzzFile(const char* path, const uint8_t* data, size_t size) {
  return util::SourceFile(path, std::string(reinterpret_cast<const char*>(data), size));
}

inline std::unique_ptr<load::syntax::Document> ParseFuzzInput(
    const util::SourceFile& file, const load::syntax::ParseLimits& limits,
    util::DiagnosticSink* diags) {
  std::string_view text = file.text();
  size_t first = text.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && text[first] == '{'
             ? load::syntax::ParseJson(&file, limits, diags)
             : load::syntax::ParseYaml(&file, limits, diags);
}

}  // namespace fnwarden::fuzz

#endif  // FNWARDEN_FUZZ_FUZZ_INPUT_H_
