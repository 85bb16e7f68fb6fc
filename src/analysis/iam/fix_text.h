// How the fixes of the IAM rules name what the user wrote: the statement,
// the SAM policy template entry of a function's Policies, or the AWS managed
// policy to replace with a customer managed one; and, as an example of a
// resource to name, a resource the template itself declares (never a name
// taken from another application). For a role the Serverless Framework
// generates, the statement is named by its line in serverless.yml and as
// one of "the service's role" or "the iamRoleStatements of function api",
// and a customer managed policy is one declared under `resources`: the
// texts fit the unit's framework, so rules pass them to Context::Fix as
// both wordings.
//
// Pure functions; thread-safe.
#ifndef FNWARDEN_ANALYSIS_IAM_FIX_TEXT_H_
#define FNWARDEN_ANALYSIS_IAM_FIX_TEXT_H_

#include <string>
#include <string_view>
#include <vector>

#include "analysis/iam/effective.h"
#include "analysis/iam/escalation.h"
#include "model/model.h"

namespace fnwarden::analysis::iam {

// " (for example !GetAtt ExpenseTable.Arn)" for the first resource of `m`
// one of `services` ("dynamodb", "s3", ...) acts on, in the order given;
// "" when the template declares none.
std::string ResourceExample(const model::Model& m, const std::vector<std::string>& services);

// The services of catalog action names ("s3:GetObject" -> "s3"), each once,
// in order.
std::vector<std::string> ServicesOf(const std::vector<std::string>& actions);

// A fix that narrows the grant of `origin` (one of p's statements) to
// `narrowed` ("the actions Orders calls, on the resources it uses"):
//  - a statement of the template: "Replace the statement at
//    template.yaml:12 (policy P of role R) with one that allows only ...";
//  - a statement of a function's Policies, in the role SAM generates for
//    it: "In the Policies of Orders, replace the statement at
//    template.yaml:12 with one that allows only ...";
//  - a SAM policy template: "In the Policies of Orders, replace
//    S3CrudPolicy (template.yaml:12) with ...";
//  - an AWS managed policy: "Replace the AWS managed policy
//    AmazonS3FullAccess of the role of Orders with a customer managed policy
//    (AWS::IAM::ManagedPolicy) that allows only ...".
std::string NarrowingFix(const PrincipalPermissions& p, const AppliedStatement& origin,
                         std::string_view narrowed);

// A fix that takes `actions` (catalog names, as the rules report them) out
// of the grant of `origin` (one of p's statements), and when `instead` is
// not empty allows them only on it ("the log groups Orders owns"):
//  - a statement of the template that lists every one of them: "Remove
//    logs:DeleteLogGroup from the statement at template.yaml:12 (policy P
//    of role R), or allow it only on ...", or "Remove the statement at
//    template.yaml:12 (policy P of role R)" when it allows nothing else;
//  - one that grants them through a wildcard or NotAction: "Replace the
//    statement at template.yaml:12 (policy P of role R) with one that lists
//    the actions R calls, without logs:DeleteLogGroup, or with it only on
//    ...";
//  - a statement of a function's Policies: the same, beginning "In the
//    Policies of Orders, remove ... from the statement at template.yaml:12";
//  - a SAM policy template: "In the Policies of Orders, replace
//    LambdaInvokePolicy (template.yaml:12) with a statement of the actions
//    Orders calls, without ...";
//  - an AWS managed policy: "Replace the AWS managed policy
//    AWSLambda_FullAccess of role R with a customer managed policy
//    (AWS::IAM::ManagedPolicy) without ...".
// Up to six actions are named; more are `many` ("IAM write actions"). "The
// actions R calls" names the function whose Policies hold the statement,
// else the principal.
// No final period: a rule may add why ("; deployments belong to ...").
std::string RemovalFix(const PrincipalPermissions& p, const AppliedStatement& origin,
                       const std::vector<std::string>& actions, std::string_view many,
                       std::string_view instead);

// The fix of a privilege-escalation finding: RemovalFix for the first
// step of `use`'s methods (its own and those in `also`) from `use.primary`,
// then `why` when not empty, then the statements its other steps rest on:
// "Remove iam:PassRole from the statement at template.yaml:12 (policy P of
// role R), or allow it only on the roles R passes, with an
// iam:PassedToService condition. Its other steps come from the AWS managed
// policy AWSLambda_FullAccess." (two statements are named, more are counted;
// other statements of the policy the fix replaces are not named).
std::string EscalationFix(const PrincipalPermissions& p, const EscalationUse& use,
                          std::string_view many, std::string_view instead, std::string_view why);

}  // namespace fnwarden::analysis::iam

#endif  // FNWARDEN_ANALYSIS_IAM_FIX_TEXT_H_
