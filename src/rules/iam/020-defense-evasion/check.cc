// FNW-IAM-020: a function's role allows actions that erase evidence or make data unrecoverable
// (cloudtrail:StopLogging, logs:DeleteLogGroup, kms:ScheduleKeyDeletion,
// backup:DeleteRecoveryPoint...) on every resource.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/iam/effective.h"
#include "analysis/iam/escalation.h"
#include "analysis/policy_query.h"
#include "analysis/store_query.h"
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

void Check(Context& ctx) {
  const iam::ModelPermissions& perms = ctx.facts.Permissions();
  const iam::Catalog& catalog = iam::Catalog::Get();
  for (const auto& fn : perms.functions()) {
    if (!analysis::Deployed(fn.function())) continue;
    std::vector<iam::ActionGrant> grants;
    for (std::string_view a : iam::DefenseEvasionActions()) {
      std::optional<iam::ActionInfo> info = catalog.FindAction(a);
      if (!info) continue;
      iam::Result r = fn.CanOnAny(*info);
      if (r.decision == iam::Decision::kAllowed) grants.push_back({*info, std::move(r)});
    }
    for (const auto& sg : iam::ByStatement(fn, grants)) {
      std::vector<std::string> impacts;
      for (const auto& a : sg.actions) {
        std::string impact(Impact(a));
        if (std::find(impacts.begin(), impacts.end(), impact) == impacts.end()) {
          impacts.push_back(impact);
        }
      }
      const std::string& id = fn.function().id;
      ctx.Report(fn.function(), sg.origin.statement->loc, analysis::StatementAttribute(sg.origin),
                 id + " can " + analysis::JoinNames(impacts) + ": " +
                     iam::GrantText(sg.actions, sg.origin),
                 "Remove these actions from the role of " + id +
                     ", or scope them to the log groups, keys or backups it owns.");
    }
  }
}

}  // namespace

extern const RuleDef kRuleIam020;
const RuleDef kRuleIam020 = {
    .title = "Function can stop audit logging or destroy keys and backups",
    .severity = model::Severity::kHigh,
    .practice = model::Practice::kLeastPrivilege,
    .check = &Check,
};

}  // namespace fnwarden::rules
