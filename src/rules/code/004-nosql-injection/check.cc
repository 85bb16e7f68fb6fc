// FNW-CODE-004: data a caller of the function controls reaches a DynamoDB expression or PartiQL
// statement.
#include <string>

#include "rules/code_findings.h"

namespace fnwarden::rules {
namespace {

std::string Fix(const model::CodeFlow& flow) {
  return IsPythonCode(flow.steps.back().loc)
             ? "Keep the expression constant and pass the input as a value: "
               "ExpressionAttributeValues, or boto3's Key() and Attr() conditions."
             : "Keep the expression constant and pass the input in ExpressionAttributeValues (a "
               "placeholder such as :id in the expression).";
}

void Check(Context& ctx) {
  ReportFlows(ctx, {.sink = model::TaintSink::kNoSql,
                    .impact = "the caller can rewrite the expression to read, change or delete "
                              "items the code did not mean to",
                    .fix = &Fix,
                    .http_only = false});
}

}  // namespace

extern const RuleDef kRuleCode004;
const RuleDef kRuleCode004 = {
    .title = "Event data is built into a DynamoDB expression",
    .severity = model::Severity::kMedium,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kCodeSecurity,
    .check = &Check,
};

}  // namespace fnwarden::rules
