// FNW-CODE-001: data a caller of the function controls reaches a shell command.
#include <string>

#include "rules/code_findings.h"

namespace fnwarden::rules {
namespace {

std::string Fix(const model::CodeFlow& flow) {
  return IsPythonCode(flow.steps.back().loc)
             ? "Pass the command as a list, without shell=True (subprocess.run([\"convert\", "
               "name])), and check the input against an allow-list; if a shell cannot be avoided, "
               "quote each piece with shlex.quote()."
             : "Run the program with execFile() or spawn() and an argument array, without a shell, "
               "and check the input against an allow-list.";
}

void Check(Context& ctx) {
  ReportFlows(
      ctx, {.sink = model::TaintSink::kCommand,
            .impact = "the caller can run any command in the function, with its role's credentials",
            .fix = &Fix,
            .http_only = false});
}

}  // namespace

extern const RuleDef kRuleCode001;
const RuleDef kRuleCode001 = {
    .title = "Event data reaches a shell command",
    .severity = model::Severity::kHigh,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kCodeSecurity,
    .check = &Check,
};

}  // namespace fnwarden::rules
