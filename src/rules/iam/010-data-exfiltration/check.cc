// FNW-IAM-010: a function's role allows bulk-read actions (s3:GetObject, dynamodb:Scan,
// sqs:ReceiveMessage, logs:GetLogEvents...) on every resource: a compromised function can copy all
// of the account's data.
#include <string>
#include <string_view>

#include "analysis/iam/escalation.h"
#include "analysis/iam/fix_text.h"
#include "model/names.h"
#include "rules/actions_on_any.h"
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
  ReportActionsOnAny(ctx, iam::ExfiltrationActionIds(), &Impact,
                     [&](const iam::PrincipalPermissions& p, const iam::StatementGrants& sg) {
                       return iam::NarrowingFix(
                           p, sg.origin,
                           "these actions on the resources " + model::ShownName(p.resource()) +
                               " reads" +
                               iam::ResourceExample(ctx.model, iam::ServicesOf(sg.actions)));
                     });
}

}  // namespace

extern const RuleDef kRuleIam010;
const RuleDef kRuleIam010 = {
    .title = "Function can read data from every resource",
    .severity = model::Severity::kHigh,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kLeastPrivilege,
    .check = &Check,
};

}  // namespace fnwarden::rules
