// FNW-CODE-002: data a caller of the function controls reaches code evaluated.
#include <string>

#include "rules/code_findings.h"

namespace fnwarden::rules {
namespace {

std::string Fix(const model::CodeFlow& flow) {
  return IsPythonCode(flow.steps.back().loc)
             ? "Do not evaluate input: parse it as data (json.loads, ast.literal_eval) or map it "
               "to a fixed set of operations."
             : "Do not evaluate input: parse it as data (JSON.parse) or map it to a fixed set of "
               "operations.";
}

void Check(Context& ctx) {
  ReportFlows(ctx,
              {.sink = model::TaintSink::kCode,
               .impact = "the caller can run any code in the function, with its role's credentials",
               .fix = &Fix,
               .http_only = false});
}

}  // namespace

extern const RuleDef kRuleCode002;
const RuleDef kRuleCode002 = {
    .title = "Event data is evaluated as code",
    .severity = model::Severity::kHigh,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kCodeSecurity,
    .check = &Check,
};

}  // namespace fnwarden::rules
