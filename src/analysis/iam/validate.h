// Checks a policy document against IAM's grammar and the action catalog, the
// way IAM itself (and Access Analyzer's policy validation) would reject or
// flag it. Every diagnostic points at the value in the user's template.
//
// Errors (IAM would reject the policy, or the entry can never match):
//   an unknown Version; a statement without Effect, Action/NotAction or (in
//   identity-shaped policies) Resource/NotResource; Principal in an identity
//   policy, or none in a resource or trust policy; an action that is not
//   "service:action", has a wildcard in its service part, names an unknown
//   service or an unknown action (with "did you mean"), or a pattern that
//   matches no action; a resource that is neither "*" nor an ARN; an unknown
//   condition operator; an unknown condition key; a value of the wrong type
//   for its operator (NumericLessThan "ten", Bool "yes", IpAddress "10.0.0",
//   Null "maybe"); an operator of the wrong type for its key
//   (NumericEquals on aws:SourceArn).
// Warnings (valid, but rarely what was meant):
//   ForAllValues/ForAnyValue on a single-valued key; a single-valued
//   operator on a multi-valued key.
// Unknown values (unresolved intrinsics) are never diagnosed.
#ifndef FNWARDEN_ANALYSIS_IAM_VALIDATE_H_
#define FNWARDEN_ANALYSIS_IAM_VALIDATE_H_

#include <vector>

#include "analysis/iam/catalog.h"
#include "analysis/iam/policy.h"
#include "model/model.h"
#include "util/diagnostic.h"

namespace fnwarden::analysis::iam {

struct ValidateOptions {
  // Report actions the catalog does not know: not "service:action", an
  // unknown service prefix, an unknown action, a pattern that matches
  // nothing. A scan leaves them to rule FNW-IAM-014, which reports them as
  // findings.
  bool unknown_actions = true;
};

// Appends what is wrong with `doc`, read as a policy of `kind`, to `out`, in
// statement order. Nothing for an unknown document.
void Validate(const model::PolicyDocument& doc, PolicyKind kind, const Catalog& catalog,
              std::vector<util::Diagnostic>* out);
void Validate(const model::PolicyDocument& doc, PolicyKind kind, const Catalog& catalog,
              const ValidateOptions& options, std::vector<util::Diagnostic>* out);

}  // namespace fnwarden::analysis::iam

#endif  // FNWARDEN_ANALYSIS_IAM_VALIDATE_H_
