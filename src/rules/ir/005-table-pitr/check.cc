// FNW-IR-005: a DynamoDB table without point-in-time recovery.
#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

void Check(Context& ctx) {
  for (const auto& t : ctx.model.tables) {
    if (!analysis::NotTrue(t.point_in_time_recovery)) continue;
    if (t.simple_table) {
      ctx.Report(t, {}, "PointInTimeRecoverySpecification",
                 "table " + t.id +
                     " is an AWS::Serverless::SimpleTable, which cannot turn on point-in-time "
                     "recovery: data that a compromised or buggy function corrupts or deletes "
                     "cannot be restored",
                 "Replace " + t.id +
                     " with an AWS::DynamoDB::Table with PointInTimeRecoveryEnabled: true.");
      continue;
    }
    ctx.Report(t, analysis::WrittenAt(t.point_in_time_recovery),
               "PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled",
               "table " + t.id +
                   " has no point-in-time recovery: data that a compromised or buggy function "
                   "corrupts or deletes cannot be restored",
               "Set PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true} on " +
                   t.id + ".");
  }
}

}  // namespace

extern const RuleDef kRuleIr005;
const RuleDef kRuleIr005 = {
    .title = "DynamoDB table without point-in-time recovery",
    .severity = model::Severity::kMedium,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kIncidentResponse,
    .check = &Check,
};

}  // namespace fnwarden::rules
