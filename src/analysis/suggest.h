// The least-privilege policy a function's code needs (`fnwarden iam
// suggest`): the actions of every SDK call its code makes (model::HandlerCode),
// scoped to the resources of the application the calls name, with what
// Lambda itself needs for the function (analysis/code_permissions.h).
//
// A call whose resource the code does not show, or names outside the
// application, is granted on "*" for actions that only take "*", and
// otherwise on "*" too, with a note: fnwarden does not guess names. The
// suggestion is a model::PolicyDocument, so the IAM engine evaluates it like
// any policy; the CLI writes it as JSON, as YAML for SAM or Serverless, or
// as HCL for Terraform.
#ifndef FNWARDEN_ANALYSIS_SUGGEST_H_
#define FNWARDEN_ANALYSIS_SUGGEST_H_

#include <string>
#include <vector>

#include "model/model.h"

namespace fnwarden::analysis {

struct Suggestion {
  const model::Function* function = nullptr;
  // Statements of one Allow each: actions grouped by the resources they act
  // on, actions and statements sorted. Resources are strings whose pieces
  // name the application's resources (model::Piece::Of(id, kArn)), with a
  // suffix such as "/*" for the objects of a bucket, or "*".
  model::PolicyDocument policy;
  // The code is not fully understood (model::HandlerCode::partial, or partial
  // services): the policy may lack what that part of the code calls.
  bool complete = true;
  std::vector<std::string> notes;  // why it is not complete, and the calls granted on "*"
};

// The resource of the application a call names: the one its value refers
// to, or whose physical name or ARN the value is. Null when none.
const model::Resource* CallResource(const model::CodeCall& call, const model::Model& m);

// The suggestion for `fn`, whose code was analysed (fn.code.analysed);
// `with_platform` adds the actions Lambda needs for it (logs, network
// interfaces when it is in a VPC, polling its event sources).
Suggestion SuggestPolicy(const model::Function& fn, const model::Model& m,
                         bool with_platform = true);

}  // namespace fnwarden::analysis

#endif  // FNWARDEN_ANALYSIS_SUGGEST_H_
