// The checks both syntax fuzzers make: any bytes must give a tree or
// diagnostics, never a crash, a hang or unbounded memory, and every node must
// point into the parsed file.
#ifndef FNWARDEN_FUZZ_SYNTAX_FUZZ_H_
#define FNWARDEN_FUZZ_SYNTAX_FUZZ_H_

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "load/syntax/node.h"
#include "util/diagnostic.h"
#include "util/source.h"

namespace fnwarden::fuzz {

using ParseFn = std::unique_ptr<load::syntax::Document> (*)(const util::SourceFile*,
                                                            const load::syntax::ParseLimits&,
                                                            util::DiagnosticSink*);

// Every node must point into the parsed file, at a line that exists.
inline void CheckPositions(const util::SourceFile& file, const load::syntax::Node* root) {
  std::vector<const load::syntax::Node*> stack{root};
  std::unordered_set<const load::syntax::Node*> seen;
  while (!stack.empty()) {
    const load::syntax::Node* n = stack.back();
    stack.pop_back();
    if (!seen.insert(n).second) continue;
    if (n->loc.file != &file || n->loc.line == 0 || n->loc.line > file.line_count() ||
        n->loc.col == 0) {
      std::abort();
    }
    for (const auto& e : n->entries) {
      stack.push_back(e.key);
      stack.push_back(e.value);
    }
    for (const auto* item : n->items) stack.push_back(item);
  }
}

// Every comment must view the file's text right after a '#' at its position,
// and be about lines of the file from its own line on (or about none).
inline void CheckComments(const util::SourceFile& file, const load::syntax::Document& doc) {
  std::string_view text = file.text();
  for (const util::SourceComment& c : doc.comments()) {
    size_t at = static_cast<size_t>(c.text.data() - text.data());
    bool inside = c.text.data() > text.data() && at + c.text.size() <= text.size();
    if (!inside || text[at - 1] != '#' || c.line == 0 || c.line > file.line_count() ||
        file.Position(at - 1).line != c.line || (c.first_line == 0) != (c.last_line == 0) ||
        (c.first_line != 0 && (c.first_line < c.line || c.last_line < c.first_line ||
                               c.last_line > file.line_count()))) {
      std::abort();
    }
  }
}

// Parses `data` as the file `path` with `parse` and aborts on any broken
// promise of the parser's contract.
inline int FuzzParser(const uint8_t* data, size_t size, const char* path, ParseFn parse) {
  util::SourceFile file(path, std::string(reinterpret_cast<const char*>(data), size));
  util::DiagnosticSink diags;
  auto doc = parse(&file, {}, &diags);
  if (doc == nullptr) {
    if (!diags.has_errors()) std::abort();  // nullptr always comes with a reason
    return 0;
  }
  CheckComments(file, *doc);
  for (const auto* root : doc->roots()) {
    CheckPositions(file, root);
    std::string dumped = load::syntax::Dump(root);
    if (dumped.empty()) std::abort();
  }
  for (const auto& d : diags.Sorted()) util::Render(d);
  return 0;
}

}  // namespace fnwarden::fuzz

#endif  // FNWARDEN_FUZZ_SYNTAX_FUZZ_H_
