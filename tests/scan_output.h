// Reading `fnwarden scan --format json` output in tests (see
// docs/json-schema.md for the document).
#ifndef FNWARDEN_TESTS_SCAN_OUTPUT_H_
#define FNWARDEN_TESTS_SCAN_OUTPUT_H_

#include <simdjson.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fnwarden::testing {

struct JsonFlowStep {
  std::string file;
  uint64_t line = 0;
  std::string step;
};

struct JsonFinding {
  std::string rule_id;
  std::string resource;
  std::string file;
  uint64_t line = 0;
  std::string message;
  std::string severity;
  std::vector<JsonFlowStep> flow;
};

struct JsonDiagnostic {
  std::string level;
  std::string file;
  uint64_t line = 0;
  uint64_t column = 0;
  std::string message;
};

struct ScanOutput {
  bool ok = false;  // the text parsed as the expected document
  std::vector<JsonFinding> findings;
  std::vector<JsonDiagnostic> diagnostics;
};

inline ScanOutput ParseScanOutput(const std::string& text) {
  ScanOutput out;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(text).get(doc)) return out;
  simdjson::dom::array findings, diagnostics;
  if (doc["findings"].get_array().get(findings) ||
      doc["diagnostics"].get_array().get(diagnostics)) {
    return out;
  }
  auto str = [](simdjson::dom::element e, const char* key) {
    std::string_view v;
    return e[key].get_string().get(v) ? std::string() : std::string(v);
  };
  auto num = [](simdjson::dom::element e, const char* key) {
    uint64_t v = 0;
    return e[key].get_uint64().get(v) ? uint64_t{0} : v;
  };
  for (simdjson::dom::element f : findings) {
    JsonFinding& j = out.findings.emplace_back();
    j = {str(f, "rule_id"), str(f, "resource"), str(f, "file"), num(f, "line"), str(f, "message"),
         str(f, "severity"), {}};
    simdjson::dom::array flow;
    if (!f["flow"].get_array().get(flow)) {
      for (simdjson::dom::element step : flow) {
        j.flow.push_back({str(step, "file"), num(step, "line"), str(step, "step")});
      }
    }
  }
  for (simdjson::dom::element d : diagnostics) {
    out.diagnostics.push_back(
        {str(d, "level"), str(d, "file"), num(d, "line"), num(d, "column"), str(d, "message")});
  }
  out.ok = true;
  return out;
}

}  // namespace fnwarden::testing

#endif  // FNWARDEN_TESTS_SCAN_OUTPUT_H_
