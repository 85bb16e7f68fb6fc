// The reader of IAM policy documents written as data: a policy file given to
// `fnwarden iam simulate`, and the documents of frontends whose policies are
// plain JSON or YAML values (a Terraform heredoc or `jsonencode`). Templates
// read theirs after their intrinsic functions are evaluated
// (cfn::ToPolicyDocument, which this reader shares): one reading of
// Statement as a map or a list, Action/Resource/Principal as a string or a
// list, NotAction/NotResource/NotPrincipal and Condition blocks, for every
// input.
#ifndef FNWARDEN_LOAD_POLICY_H_
#define FNWARDEN_LOAD_POLICY_H_

#include <string>

#include "load/syntax/node.h"
#include "model/model.h"
#include "util/diagnostic.h"

namespace fnwarden::load {

// A policy document from a syntax node. Nothing is evaluated: a YAML tag
// (`!Ref x`) or a map where a string belongs makes that value unknown, never
// a guess.
model::PolicyDocument ReadPolicyDocument(const syntax::Node* node, model::PolicySource source,
                                         std::string name);

// The policy document of a parsed policy file: the document itself, or the
// shapes the AWS CLI prints around one (`{"PolicyDocument": …}` from
// get-role-policy, `{"PolicyVersion": {"Document": …}}` from
// get-policy-version). False, with an error at the place, when the file
// holds no map with a Statement.
bool ReadPolicyFile(const syntax::Document& doc, std::string name, model::PolicyDocument* out,
                    util::DiagnosticSink* diags);

}  // namespace fnwarden::load

#endif  // FNWARDEN_LOAD_POLICY_H_
