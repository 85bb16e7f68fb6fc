// libFuzzer target for the Python code extractor (load/code/python_facts.cc):
// any bytes, parsed by tree-sitter as a Python file, must give facts without
// a crash, a hang or unbounded memory, and every fact must point into the
// file: lines and columns that exist, calls in a function the file defines
// (or at module level), names that are not empty, callees without
// duplicates; and the taint summaries stay within their caps (python_flows.cc):
// labels that name an existing parameter or local call, paths of at most 8
// segments, at most 8 labels a value, 256 local calls a function, 256
// weaknesses of each kind.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

#include "load/code/facts.h"
#include "load/code/syntax.h"

using namespace fnwarden;
namespace code = load::code;

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

size_t Segments(const std::string& path) {
  if (path.empty()) return 0;
  size_t n = 1;
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '.') ++n;
    if (path.compare(i, 2, "[]") == 0 && i > 0 && path[i - 1] != '.') ++n;
  }
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  code::Tree tree = code::Parse(code::Language::kPython, text);
  if (!tree.ok()) return 0;
  code::FileFacts facts = code::ExtractPython(tree);
  uint32_t lines = 1;
  for (char c : text) lines += c == '\n';
  auto line_ok = [&](uint32_t line) { return line >= 1 && line <= lines; };

  Check(facts.language == code::Language::kPython);
  std::set<std::string> defined;
  for (const code::FunctionDef& d : facts.functions) {
    Check(!d.name.empty() && line_ok(d.line));
    defined.insert(d.name);
    std::set<std::string> callees(d.callees.begin(), d.callees.end());
    Check(callees.size() == d.callees.size() && callees.count("") == 0);
    Check(d.local_calls.size() <= 256);
    auto labels_ok = [&](const std::vector<code::TaintLabel>& labels) {
      Check(labels.size() <= 8);
      for (const code::TaintLabel& l : labels) {
        Check(line_ok(l.line) && l.col >= 1);
        Check(l.kind == code::TaintLabel::Kind::kParam ? l.index < d.params.size()
                                                       : l.index < d.local_calls.size());
        Check(Segments(l.path) <= 8);
      }
    };
    for (const code::LocalCall& c : d.local_calls) {
      Check(line_ok(c.line) && c.col >= 1 && callees.count(c.callee) != 0);
      for (const auto& arg : c.args) labels_ok(arg);
    }
    labels_ok(d.returns);
    for (const code::Sink& s : d.sinks) {
      Check(line_ok(s.line) && s.col >= 1 && !s.what.empty() && !s.labels.empty());
      labels_ok(s.labels);
      for (const code::TaintLabel& l : s.labels) {
        Check((l.cleared & (1u << static_cast<int>(s.kind))) == 0);
      }
    }
  }
  std::array<size_t, 7> weaknesses{};
  for (const code::Weakness& w : facts.weaknesses) {
    Check(line_ok(w.line) && w.col >= 1 && !w.detail.empty());
    Check(w.in_function.empty() || defined.count(w.in_function) != 0);
    Check(w.kind != model::CodeWeakness::kSecret || (!w.name.empty() && w.value.size() >= 8));
    Check(++weaknesses[static_cast<size_t>(w.kind)] <= 256);
  }
  for (const code::Import& i : facts.imports) {
    Check(line_ok(i.line));
    Check(!i.dynamic || i.specifier.empty());
    for (const code::Import::Name& n : i.names) Check(!n.local.empty());
  }
  for (const code::SdkCall& c : facts.calls) {
    Check(line_ok(c.line) && c.col >= 1 && !c.service.empty() && !c.operation.empty());
    Check(c.sdk == code::Sdk::kBoto3Client || c.sdk == code::Sdk::kBoto3Resource);
    Check(c.in_function.empty() || defined.count(c.in_function) != 0);
    for (const code::SdkCall::Arg& a : c.args) {
      Check(!a.name.empty());
      Check(a.value.kind != code::ArgValue::Kind::kUnknown || a.value.text.empty());
    }
  }
  for (const code::DynamicUse& d : facts.dynamic) Check(line_ok(d.line));
  Check((facts.error_line == 0) == facts.error.empty());
  return 0;
}
