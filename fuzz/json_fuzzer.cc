// libFuzzer target for the JSON parser: any bytes must give a tree or
// diagnostics, never a crash, a hang or unbounded memory.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <unordered_set>
#include <vector>

#include "load/syntax/node.h"
#include "util/diagnostic.h"
#include "util/source.h"

namespace {

// Every node must point into the parsed file, at a line that exists.
void CheckPositions(const fnwarden::util::SourceFile& file,
                    const fnwarden::load::syntax::Node* root) {
  std::vector<const fnwarden::load::syntax::Node*> stack{root};
  std::unordered_set<const fnwarden::load::syntax::Node*> seen;
  while (!stack.empty()) {
    const fnwarden::load::syntax::Node* n = stack.back();
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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  fnwarden::util::SourceFile file("fuzz.json",
                                  std::string(reinterpret_cast<const char*>(data), size));
  fnwarden::util::DiagnosticSink diags;
  auto doc = fnwarden::load::syntax::ParseJson(&file, {}, &diags);
  if (doc == nullptr) {
    if (!diags.has_errors()) std::abort();  // nullptr always comes with a reason
    return 0;
  }
  for (const auto* root : doc->roots()) {
    CheckPositions(file, root);
    std::string dumped = fnwarden::load::syntax::Dump(root);
    if (dumped.empty()) std::abort();
  }
  for (const auto& d : diags.Sorted()) fnwarden::util::Render(d);
  return 0;
}
