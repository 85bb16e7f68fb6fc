// FNW-IR-005: a DynamoDB table, or a replica of a global table, without
// point-in-time recovery.
#include <string>

#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

constexpr std::string_view kConsequence =
    ": data that a compromised or buggy function corrupts or deletes cannot be restored";

// A global table: recovery is set on each replica.
void CheckReplicas(Context& ctx, const model::Table& t) {
  if (!t.replicas_known) return;
  for (size_t i = 0; i < t.replicas.size(); ++i) {
    const model::TableReplica& r = t.replicas[i];
    if (!analysis::NotTrue(r.point_in_time_recovery)) continue;
    std::string region = r.region.known() ? r.region.value : "#" + std::to_string(i + 1);
    util::Loc at = analysis::WrittenAt(r.point_in_time_recovery);
    ctx.Report(t, at.known() ? at : r.loc,
               "Replicas[" + std::to_string(i) +
                   "].PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled",
               "replica " + region + " of global table " + t.id +
                   " has no point-in-time recovery (each replica sets its own)" +
                   std::string(kConsequence),
               "Set PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true} on the " +
                   region + " replica of " + t.id + ".");
  }
}

void Check(Context& ctx) {
  for (const auto& t : ctx.model.tables) {
    if (t.global) {
      CheckReplicas(ctx, t);
      continue;
    }
    if (!analysis::NotTrue(t.point_in_time_recovery)) continue;
    ctx.Report(t, analysis::WrittenAt(t.point_in_time_recovery),
               "point_in_time_recovery",
               "table " + t.id + " has no point-in-time recovery" + std::string(kConsequence),
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
