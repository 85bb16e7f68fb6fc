// libFuzzer target for the JavaScript-family code extractor
// (ExtractJavaScript, load/code/js_facts.cc): the first byte picks the
// grammar (JavaScript, TypeScript, TSX), the rest is the file. Any bytes
// must give facts, never a crash, a hang or unbounded memory; every position
// must lie in the file, every call must be of the JavaScript SDKs and sit in
// a function the file defines (or at module level), and extracting the same
// tree twice must give the same facts. Taint facts (js_flows.cc) stay within
// their caps: a label names a parameter or a local call of its function, its
// path has at most 8 segments, a value at most 8 labels, a function at most
// 256 local calls, a file at most 256 weaknesses of each kind.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

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

// Segments of a label's path as facts.h counts them: "Records[].s3" is 3.
size_t Segments(const std::string& path) {
  size_t n = 0;
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '[') {
      ++n;
    } else if (path[i] != '.' && path[i] != ']' && (i == 0 || path[i - 1] == '.')) {
      ++n;
    }
  }
  return n;
}

void CheckLabels(const std::vector<code::TaintLabel>& labels, const code::FunctionDef& def,
                 uint32_t lines) {
  if (labels.size() > 8) std::abort();
  for (const code::TaintLabel& l : labels) {
    size_t bound = l.kind == code::TaintLabel::Kind::kParam ? def.params.size()
                                                            : def.local_calls.size();
    if (l.index >= bound || Segments(l.path) > 8) std::abort();
    if (l.line == 0 || l.line > lines || l.col == 0) std::abort();
    if (l.cleared >= (1u << model::kTaintSinkCount)) std::abort();
  }
}

void CheckTaint(const code::FileFacts& facts, const std::unordered_set<std::string>& defs,
                uint32_t lines) {
  for (const code::FunctionDef& def : facts.functions) {
    if (def.local_calls.size() > 256) std::abort();
    for (const code::LocalCall& call : def.local_calls) {
      if (call.callee.empty() || call.line == 0 || call.line > lines) std::abort();
      for (const auto& arg : call.args) CheckLabels(arg, def, lines);
    }
    CheckLabels(def.returns, def, lines);
    for (const code::Sink& sink : def.sinks) {
      if (sink.labels.empty() || sink.what.empty() || sink.line == 0 || sink.line > lines ||
          sink.col == 0) {
        std::abort();
      }
      for (const code::TaintLabel& l : sink.labels) {
        if (l.cleared & (1u << static_cast<unsigned>(sink.kind))) std::abort();
      }
      CheckLabels(sink.labels, def, lines);
    }
  }
  size_t per_kind[8] = {};
  for (const code::Weakness& w : facts.weaknesses) {
    if (++per_kind[static_cast<size_t>(w.kind) % 8] > 256) std::abort();
    if (w.line == 0 || w.line > lines || w.col == 0 || w.detail.empty()) std::abort();
    if (!w.in_function.empty() && defs.count(w.in_function) == 0) std::abort();
    if ((w.kind == model::CodeWeakness::kSecret) != !w.name.empty()) std::abort();
  }
}

bool SameTaint(const code::FileFacts& a, const code::FileFacts& b) {
  if (a.weaknesses.size() != b.weaknesses.size()) return false;
  for (size_t i = 0; i < a.functions.size(); ++i) {
    const code::FunctionDef& x = a.functions[i];
    const code::FunctionDef& y = b.functions[i];
    if (x.params != y.params || x.local_calls.size() != y.local_calls.size() ||
        x.sinks.size() != y.sinks.size() || x.returns.size() != y.returns.size()) {
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
  CheckTaint(facts, defs, lines);
  code::FileFacts again = code::ExtractJavaScript(tree, language);
  if (!SameFacts(facts, again) || !SameTaint(facts, again)) std::abort();
  return 0;
}
