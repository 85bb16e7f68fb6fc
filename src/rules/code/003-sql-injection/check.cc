// FNW-CODE-003: data a caller of the function controls reaches an SQL query.
#include <string>

#include "rules/code_findings.h"

namespace fnwarden::rules {
namespace {

std::string Fix(const model::CodeFlow& flow) {
  return IsPythonCode(flow.steps.back().loc)
             ? "Pass the values as query parameters (cursor.execute(\"SELECT ... WHERE id = %s\", "
               "(order_id,))) instead of building the SQL text."
             : "Pass the values as query parameters (client.query(\"SELECT ... WHERE id = $1\", "
               "[orderId])) instead of building the SQL text.";
}

void Check(Context& ctx) {
  ReportFlows(ctx, {.sink = model::TaintSink::kSql,
                    .impact = "the caller can read or change any data the database user can",
                    .fix = &Fix,
                    .http_only = false});
}

}  // namespace

extern const RuleDef kRuleCode003;
const RuleDef kRuleCode003 = {
    .title = "Event data is built into an SQL query",
    .severity = model::Severity::kHigh,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kCodeSecurity,
    .check = &Check,
};

}  // namespace fnwarden::rules
