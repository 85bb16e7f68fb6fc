// FNW-IR-002: a function whose errors and throttles raise no alarm.
#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

void Check(Context& ctx) {
  for (const auto& f : ctx.model.functions) {
    if (analysis::HasAlarmWithActions(ctx.model, f.id, {"Errors", "Throttles"})) continue;
    ctx.Report(f, {}, "error_alarm",
               "function " + model::ShownName(f) +
                   " has no CloudWatch alarm with an action on its Errors or Throttles metric: "
                   "failures and abuse (errors from injection attempts, throttling from "
                   "flooding) go unnoticed",
               ctx.Fix("Add an AWS::CloudWatch::Alarm on AWS/Lambda Errors with the dimension "
                       "FunctionName: !Ref " +
                           f.id + " and an AlarmActions target such as an SNS topic.",
                       "Add an AWS::CloudWatch::Alarm under resources: Resources: on AWS/Lambda "
                       "Errors with the dimension FunctionName: !Ref " +
                           f.id + " (the function " + model::ShownName(f) +
                           ") and an AlarmActions target such as an SNS topic."));
  }
}

}  // namespace

extern const RuleDef kRuleIr002;
const RuleDef kRuleIr002 = {
    .title = "Function without an error alarm",
    .severity = model::Severity::kMedium,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kIncidentResponse,
    .check = &Check,
};

}  // namespace fnwarden::rules
