// libFuzzer target for the fast YAML scanner: whatever text it reads, libyaml
// must read too, with the same events (values, tags, anchors, styles and
// positions). What it leaves to libyaml is not checked here (yaml_fuzzer
// covers ParseYaml as a whole).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "load/syntax/input.h"
#include "load/syntax/yaml_events.h"
#include "util/diagnostic.h"
#include "util/source.h"

namespace {

class Recorder final : public fnwarden::load::syntax::YamlEventHandler {
 public:
  bool OnEvent(const fnwarden::load::syntax::YamlEvent& event) override {
    events.push_back(fnwarden::load::syntax::DescribeEvent(event));
    return true;
  }
  std::vector<std::string> events;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace syntax = fnwarden::load::syntax;
  fnwarden::util::SourceFile file("fuzz.yaml",
                                  std::string(reinterpret_cast<const char*>(data), size));
  // Both scanners read what ParseYaml hands them: valid UTF-8.
  fnwarden::util::DiagnosticSink diags;
  syntax::InputInfo info;
  if (!syntax::CheckInput(file, &diags, &info)) return 0;
  size_t bom = info.bom;
  Recorder fast;
  if (syntax::ScanYamlFast(file, bom, &fast) != syntax::FastScan::kDone) return 0;
  Recorder reference;
  bool read = syntax::ScanYamlLibyaml(file, bom, &reference);
  if (!read || fast.events != reference.events) {
    std::fprintf(stderr, "libyaml %s\n", read ? "reads it differently" : "refuses it");
    size_t n = std::max(fast.events.size(), reference.events.size());
    for (size_t i = 0; i < n; ++i) {
      const char* a = i < fast.events.size() ? fast.events[i].c_str() : "-";
      const char* b = i < reference.events.size() ? reference.events[i].c_str() : "-";
      std::fprintf(stderr, "%s %s\n   %s\n", std::string(a) == b ? " " : "!", a, b);
    }
    std::abort();
  }
  return 0;
}
