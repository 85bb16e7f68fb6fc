// FNW-CODE-008: data a caller of the function controls reaches an HTML response.
#include <string>

#include "rules/code_findings.h"

namespace fnwarden::rules {
namespace {

std::string Fix(const model::CodeFlow& flow) {
  return IsPythonCode(flow.steps.back().loc)
             ? "Escape the input with html.escape() before putting it in HTML, or render with an "
               "auto-escaping template engine (Jinja2 with autoescape)."
             : "Escape the input (escape-html, he.encode) before putting it in HTML, or render "
               "with an auto-escaping template engine.";
}

void Check(Context& ctx) {
  ReportFlows(
      ctx,
      {.sink = model::TaintSink::kHtml,
       .impact =
           "a browser that opens the response runs the caller's script in the application's origin",
       .fix = &Fix,
       .http_only = true});
}

}  // namespace

extern const RuleDef kRuleCode008;
const RuleDef kRuleCode008 = {
    .title = "Event data is put unescaped in an HTML response",
    .severity = model::Severity::kMedium,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kCodeSecurity,
    .check = &Check,
};

}  // namespace fnwarden::rules
