// FNW-IAM-020: a function's role allows actions that erase evidence or make data unrecoverable
// (cloudtrail:StopLogging, logs:DeleteLogGroup, kms:ScheduleKeyDeletion,
// backup:DeleteRecoveryPoint...) on every resource.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/iam/escalation.h"
#include "analysis/iam/fix_text.h"
#include "analysis/policy_query.h"
#include "model/names.h"
#include "rules/actions_on_any.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

namespace iam = analysis::iam;

// What an action on every resource gives away, for the message.
std::string_view Impact(std::string_view action) {
  if (action.starts_with("cloudtrail:")) return "stop or change the account's audit trails";
  if (action.starts_with("logs:")) return "delete or shorten any log";
  if (action.starts_with("guardduty:")) return "turn off threat detection";
  if (action.starts_with("kms:"))
    return "disable or delete any KMS key, making its data unreadable";
  if (action.starts_with("backup:")) return "delete any backup";
  return "destroy evidence or data";
}

// What a principal may own of `services`, for the fix: "the log groups and
// keys".
std::string Owned(const std::vector<std::string>& services) {
  std::vector<std::string> kinds;
  for (const std::string& service : services) {
    std::string kind = service == "cloudtrail"  ? "trails"
                       : service == "logs"      ? "log groups"
                       : service == "guardduty" ? "detectors"
                       : service == "kms"       ? "keys"
                       : service == "backup"    ? "backup vaults"
                                                : "resources";
    if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) kinds.push_back(kind);
  }
  return "the " + analysis::JoinNames(kinds);
}

void Check(Context& ctx) {
  ReportActionsOnAny(ctx, iam::DefenseEvasionActionIds(), &Impact,
                     [&](const iam::PrincipalPermissions& p, const iam::StatementGrants& sg) {
                       std::vector<std::string> services = iam::ServicesOf(sg.actions);
                       return iam::RemovalFix(p, sg.origin, sg.actions, "these actions",
                                              Owned(services) + " " +
                                                  model::ShownName(p.resource()) + " owns" +
                                                  iam::ResourceExample(ctx.model, services)) +
                              ".";
                     });
}

}  // namespace

extern const RuleDef kRuleIam020;
const RuleDef kRuleIam020 = {
    .title = "Function can stop audit logging or destroy keys and backups",
    .severity = model::Severity::kHigh,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kLeastPrivilege,
    .check = &Check,
};

}  // namespace fnwarden::rules
