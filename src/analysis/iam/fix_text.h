// How the fixes of the IAM rules name what the user wrote: the statement,
// the SAM policy template entry of a function's Policies, or the AWS managed
// policy to replace with a customer managed one; and, as an example of a
// resource to name, a resource the template itself declares (never a name
// taken from another application).
//
// Pure functions; thread-safe.
#ifndef FNWARDEN_ANALYSIS_IAM_FIX_TEXT_H_
#define FNWARDEN_ANALYSIS_IAM_FIX_TEXT_H_

#include <string>
#include <string_view>
#include <vector>

#include "analysis/iam/effective.h"
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

}  // namespace fnwarden::analysis::iam

#endif  // FNWARDEN_ANALYSIS_IAM_FIX_TEXT_H_
