// FNW-CODE-014: the function logs its whole event, the request's headers, or a secret.
#include <string>

#include "model/names.h"
#include "rules/code_findings.h"

namespace fnwarden::rules {
namespace {

bool Whole(const std::string& source) {
  return source.empty() || source == "headers" || source == "multiValueHeaders";
}

void Check(Context& ctx) {
  for (const model::Function& fn : ctx.model.functions) {
    for (const model::CodeFlow& flow : fn.code.flows) {
      if (flow.sink != model::TaintSink::kLog || !Whole(flow.source) || flow.steps.empty())
        continue;
      const util::Loc& at = flow.steps.back().loc;
      std::string what = flow.source.empty() ? "its whole event" : "the request's headers";
      ctx.SetFlow(flow.steps);
      ctx.Report(
          fn, at, "code.log." + flow.sink_call + "." + flow.source,
          "function " + model::ShownName(fn) + " logs " + what + " with " + flow.sink_call +
              "() at " + CodeWhere(at) +
              ": tokens, cookies and personal data in it end up in CloudWatch Logs, readable by "
              "anyone with access to the log group and kept as long as the group keeps logs",
          ctx.Fix("Log the fields you need (a request id, the route, an order id), not the event; "
                  "mask the Authorization header and cookies."));
    }
  }
  ForEachCodeIssue(ctx, model::CodeWeakness::kLogsSecret,
                   [&](const model::Function& fn, const model::CodeIssue& issue) {
                     ctx.Report(fn, issue.loc, "code.log." + issue.detail,
                                "function " + model::ShownName(fn) + " logs a secret (`" +
                                    issue.detail + "`) at " + CodeWhere(issue.loc) +
                                    ": anyone who can read the function's CloudWatch Logs gets it",
                                ctx.Fix("Do not log secrets; log that the value was present, or "
                                        "its last four characters."));
                   });
}

}  // namespace

extern const RuleDef kRuleCode014;
const RuleDef kRuleCode014 = {
    .title = "Whole event or secret written to the logs",
    .severity = model::Severity::kMedium,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kCodeSecurity,
    .check = &Check,
};

}  // namespace fnwarden::rules
