#include "cli/baseline.h"

#include <simdjson.h>

#include "report/json_writer.h"

namespace fnwarden::cli {
namespace {

// Adds the fingerprints of `array`'s objects; with `baseline_only`, only of
// entries whose suppression kind is "baseline".
bool AddFingerprints(simdjson::dom::element root, const char* key, bool baseline_only,
                     std::set<std::string>* out, std::string* err) {
  simdjson::dom::array array;
  if (root[key].get(array) != simdjson::SUCCESS) return true;  // absent: nothing to add
  for (simdjson::dom::element item : array) {
    std::string_view fingerprint;
    if (item["fingerprint"].get(fingerprint) != simdjson::SUCCESS) {
      *err = std::string("an entry of ") + key + " has no \"fingerprint\" string";
      return false;
    }
    if (baseline_only) {
      std::string_view kind;
      if (item["suppression"]["kind"].get(kind) != simdjson::SUCCESS || kind != "baseline") {
        continue;
      }
    }
    out->emplace(fingerprint);
  }
  return true;
}

}  // namespace

bool ParseBaseline(std::string_view json, std::set<std::string>* fingerprints, std::string* err) {
  simdjson::dom::parser parser;
  simdjson::padded_string padded(json);
  simdjson::dom::element root;
  if (auto error = parser.parse(padded).get(root); error) {
    *err = std::string("not valid JSON (") + simdjson::error_message(error) + ")";
    return false;
  }
  simdjson::dom::array findings;
  if (!root.is_object() || root["findings"].get(findings) != simdjson::SUCCESS) {
    *err = "not a baseline: expected an object with a \"findings\" list";
    return false;
  }
  return AddFingerprints(root, "findings", false, fingerprints, err) &&
         AddFingerprints(root, "suppressed", true, fingerprints, err);
}

std::string RenderBaseline(const report::ScanReport& r) {
  report::JsonWriter w;
  w.BeginObject();
  w.Field("schema_version", report::kJsonSchemaVersion);
  w.Key("tool");
  w.BeginObject();
  w.Field("name", "fnwarden");
  w.Field("version", r.tool_version);
  w.EndObject();
  w.Field("kind", "baseline");
  w.Key("findings");
  w.BeginArray();
  auto write = [&](const model::Finding& f) {
    w.BeginObject();
    w.Field("rule_id", f.rule ? f.rule->id : "");
    w.Field("file", f.loc.path().empty() ? std::string_view(f.project) : f.loc.path());
    w.Field("resource", f.resource);
    w.Field("attribute", f.attribute);
    w.Field("fingerprint", f.fingerprint);
    w.EndObject();
  };
  for (const model::Finding& f : r.findings) write(f);
  for (const rules::Suppressed& s : r.suppressed) {
    if (s.kind == rules::SuppressionKind::kBaseline) write(s.finding);
  }
  w.EndArray();
  w.EndObject();
  return w.Take();
}

}  // namespace fnwarden::cli
