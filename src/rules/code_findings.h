// Shared by the CODE rules: the flow rules (FNW-CODE-001 to -008) report
// each flow of event data to one kind of sink whose source a caller of the
// function controls; the weakness rules (-009 to -015) report each issue of
// one kind in the code the handler reaches.
#ifndef FNWARDEN_RULES_CODE_FINDINGS_H_
#define FNWARDEN_RULES_CODE_FINDINGS_H_

#include <functional>
#include <string>
#include <string_view>

#include "model/model.h"
#include "rules/rule.h"

namespace fnwarden::rules {

struct FlowRule {
  model::TaintSink sink = model::TaintSink::kCommand;
  // What reaching the sink lets the caller do, after "so ": "the caller runs
  // any command with the function's role".
  std::string_view impact;
  // The specific fix, for the sink call as written: "Pass the arguments as a
  // list without shell=True, or quote them with shlex.quote()".
  std::string (*fix)(const model::CodeFlow& flow);
  // Only for functions an HTTP request invokes (an HTML response).
  bool http_only = false;
};

// Reports every flow of `rule.sink` in every function whose triggers let a
// caller control the flow's source: "POST /preview → PreviewFunction: the
// request body's `url` reaches requests.get() at app.py:9, so ...". The
// severity is the rule's, one level up when anyone on the internet can call
// the function that way, one down when only AWS-signed callers and
// services can. The finding points at the sink and carries the flow.
void ReportFlows(Context& ctx, const FlowRule& rule);

// Calls `report` for each issue of `kind` in each function's code, once
// per function and position.
void ForEachCodeIssue(
    Context& ctx, model::CodeWeakness kind,
    const std::function<void(const model::Function&, const model::CodeIssue&)>& report);

// Whether `loc` is in Python code (else JavaScript or TypeScript), for
// fixes written in the code's language.
bool IsPythonCode(const util::Loc& loc);

// "app.py:9", for messages.
std::string CodeWhere(const util::Loc& loc);

}  // namespace fnwarden::rules

#endif  // FNWARDEN_RULES_CODE_FINDINGS_H_
