// FNW-CODE-005: data a caller of the function controls reaches an unsafe deserializer.
#include <string>

#include "rules/code_findings.h"

namespace fnwarden::rules {
namespace {

std::string Fix(const model::CodeFlow& flow) {
  return IsPythonCode(flow.steps.back().loc)
             ? "Parse input with json.loads() or yaml.safe_load(); never unpickle or yaml.load() "
               "data a caller sends."
             : "Parse input with JSON.parse(); never pass data a caller sends to node-serialize or "
               "a deserializer that revives functions.";
}

void Check(Context& ctx) {
  ReportFlows(ctx,
              {.sink = model::TaintSink::kDeserialize,
               .impact = "a crafted payload runs code in the function, with its role's credentials",
               .fix = &Fix,
               .http_only = false});
}

}  // namespace

extern const RuleDef kRuleCode005;
const RuleDef kRuleCode005 = {
    .title = "Event data is deserialized unsafely",
    .severity = model::Severity::kHigh,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kCodeSecurity,
    .check = &Check,
};

}  // namespace fnwarden::rules
