// libFuzzer target for the JavaScript-family code extractor
// (ExtractJavaScript, load/code/js_facts.cc): the first byte picks the
// grammar (JavaScript, TypeScript, TSX), the rest is the file. Any bytes
// must give facts, never a crash, a hang or unbounded memory; every position
// must lie in the file, every call must be of the JavaScript SDKs and sit in
// a function the file defines (or at module level), and extracting the same
// tree twice must give the same facts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <unordered_set>

#include "load/code/facts.h"
#include "load/code/syntax.h"

using namespace fnwarden;
namespace code = load::code;

namespace {

constexpr code::Language kLanguages[] = {code::Language::kJavaScript, code::Language::kTypeScript,
                                         code::Language::kTsx};

bool SameFacts(const code::FileFacts& a, const code::FileFacts& b) {
  if (a.imports.size() != b.imports.size() || a.functions.size() != b.functions.size() ||
      a.calls.size() != b.calls.size() || a.dynamic.size() != b.dynamic.size() ||
      a.error != b.error) {
    return false;
  }
  for (size_t i = 0; i < a.calls.size(); ++i) {
    const code::SdkCall& x = a.calls[i];
    const code::SdkCall& y = b.calls[i];
    if (x.service != y.service || x.operation != y.operation || x.line != y.line ||
        x.col != y.col || x.in_function != y.in_function || x.args.size() != y.args.size() ||
        x.statement != y.statement) {
      return false;
    }
  }
  for (size_t i = 0; i < a.functions.size(); ++i) {
    if (a.functions[i].name != b.functions[i].name ||
        a.functions[i].callees != b.functions[i].callees) {
      return false;
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  code::Language language = kLanguages[data[0] % 3];
  std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  uint32_t lines = 1;
  for (char c : text) lines += c == '\n';

  code::Tree tree = code::Parse(language, text);
  if (!tree.ok()) std::abort();  // every grammar is accepted, the text is small
  code::FileFacts facts = code::ExtractJavaScript(tree, language);
  if (facts.language != language) std::abort();
  if ((facts.error_line == 0) != facts.error.empty() || facts.error_line > lines) std::abort();

  std::unordered_set<std::string> defs;
  for (const code::FunctionDef& def : facts.functions) {
    if (def.name.empty() || def.line == 0 || def.line > lines) std::abort();
    std::unordered_set<std::string> callees;
    for (const std::string& callee : def.callees) {
      if (callee.empty() || !callees.insert(callee).second) std::abort();  // no duplicates
    }
    defs.insert(def.name);
  }
  for (const code::Import& imp : facts.imports) {
    if (imp.line == 0 || imp.line > lines || imp.level != 0) std::abort();
    if (imp.dynamic && (!imp.specifier.empty() || !imp.names.empty())) std::abort();
  }
  for (const code::SdkCall& call : facts.calls) {
    if (call.line == 0 || call.line > lines || call.col == 0 || call.operation.empty())
      std::abort();
    if (call.sdk == code::Sdk::kJsV2) {
      if (call.service.empty()) std::abort();  // an unknown v2 service is a DynamicUse
    } else if (call.sdk == code::Sdk::kJsV3) {
      if (!call.service.starts_with("@aws-sdk/")) std::abort();
    } else {
      std::abort();
    }
    if (!call.in_function.empty() && defs.count(call.in_function) == 0) std::abort();
    for (const code::SdkCall::Arg& arg : call.args) {
      if (arg.name.empty()) std::abort();
      if (arg.value.kind == code::ArgValue::Kind::kUnknown && !arg.value.text.empty()) std::abort();
    }
  }
  for (const code::DynamicUse& use : facts.dynamic) {
    if (use.line == 0 || use.line > lines) std::abort();
    if (use.sdk != code::Sdk::kJsV2 && use.sdk != code::Sdk::kJsV3) std::abort();
  }
  if (!SameFacts(facts, code::ExtractJavaScript(tree, language))) std::abort();
  return 0;
}
