// FNW-CODE-006: data a caller of the function controls reaches a file path.
#include <string>

#include "rules/code_findings.h"

namespace fnwarden::rules {
namespace {

std::string Fix(const model::CodeFlow& flow) {
  return IsPythonCode(flow.steps.back().loc)
             ? "Reduce the input to a file name with os.path.basename() and join it to a fixed "
               "folder, or use a name the code generates (uuid4())."
             : "Reduce the input to a file name with path.basename() and join it to a fixed "
               "folder, or use a name the code generates (crypto.randomUUID()).";
}

void Check(Context& ctx) {
  ReportFlows(
      ctx,
      {.sink = model::TaintSink::kPath,
       .impact = "the caller can read or overwrite files outside the folder the code meant, such "
                 "as the code package or /proc/self/environ, which holds the role's credentials",
       .fix = &Fix,
       .http_only = false});
}

}  // namespace

extern const RuleDef kRuleCode006;
const RuleDef kRuleCode006 = {
    .title = "Event data names a file path",
    .severity = model::Severity::kMedium,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kCodeSecurity,
    .check = &Check,
};

}  // namespace fnwarden::rules
