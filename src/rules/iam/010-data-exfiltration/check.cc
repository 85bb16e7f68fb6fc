// FNW-IAM-010: a function's role allows bulk-read actions (s3:GetObject, dynamodb:Scan,
// sqs:ReceiveMessage, logs:GetLogEvents...) on every resource: a compromised function can copy all
// of the account's data.
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
  if (action.starts_with("s3:")) return "read every object of every bucket";
  if (action.starts_with("dynamodb:")) return "read every DynamoDB table";
  if (action.starts_with("sqs:")) return "read the messages of every queue";
  if (action.starts_with("kinesis:")) return "read every Kinesis stream";
  if (action.starts_with("logs:")) return "read every log group";
  if (action.starts_with("rds-data:")) return "run SQL on every Aurora cluster with the Data API";
  if (action.starts_with("athena:")) return "read every Athena query result";
  return "read data from every resource of its service";
}

void Check(Context& ctx) {
  const iam::ModelPermissions& perms = ctx.facts.Permissions();
  const iam::Catalog& catalog = iam::Catalog::Get();
  for (const auto& fn : perms.functions()) {
    if (!analysis::Deployed(fn.function())) continue;
    std::vector<iam::ActionGrant> grants;
    for (std::string_view a : iam::ExfiltrationActions()) {
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
                 "Name the buckets, tables, queues or log groups " + id +
                     " reads in Resource instead of \"*\" (for example !GetAtt OrdersTable.Arn).");
    }
  }
}

}  // namespace

extern const RuleDef kRuleIam010;
const RuleDef kRuleIam010 = {
    .title = "Function can read data from every resource",
    .severity = model::Severity::kHigh,
    .practice = model::Practice::kLeastPrivilege,
    .check = &Check,
};

}  // namespace fnwarden::rules
