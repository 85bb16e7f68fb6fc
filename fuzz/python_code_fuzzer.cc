// libFuzzer target for the Python code extractor (load/code/python_facts.cc):
// any bytes, parsed by tree-sitter as a Python file, must give facts without
// a crash, a hang or unbounded memory, and every fact must point into the
// file: lines and columns that exist, calls in a function the file defines
// (or at module level), names that are not empty, callees without
// duplicates.
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
