// Permissions boundaries: which written PermissionsBoundary values fnwarden
// can turn into a document. Shared by the CloudFormation adapters
// (AWS::IAM::Role) and the SAM transform (the roles it generates).
//
// Two kinds resolve:
//   - an AWS managed policy ARN ("arn:aws:iam::aws:policy/PowerUserAccess",
//     also "arn:${AWS::Partition}:iam::aws:policy/..." from a !Sub), from the
//     pinned managed-policy catalog (managed_policies.h);
//   - a reference to an AWS::IAM::ManagedPolicy of the same template
//     (`!Ref P` returns its ARN, `!GetAtt P.PolicyArn` too): its
//     PolicyDocument, attached by the adapters' second pass.
// Anything else (a customer policy ARN, a parameter without a default, an
// undecided Fn::If) stays unresolved: the role's boundary is then unknown and
// the IAM analysis makes its answers conditional.
#ifndef FNWARDEN_LOAD_CFN_BOUNDARY_H_
#define FNWARDEN_LOAD_CFN_BOUNDARY_H_

#include <optional>
#include <string_view>

#include "model/model.h"

namespace fnwarden::load::cfn {

// The document of a boundary that is an AWS managed policy ARN of the
// catalog, located at the boundary value; nullopt otherwise.
std::optional<model::PolicyDocument> ManagedBoundary(const model::String& boundary);

// Sets role->boundary_policy (and has_boundary_policy) to
// ManagedBoundary(role->permissions_boundary). Returns whether it did.
bool ResolveManagedBoundary(model::Role* role);

// True when `boundary` is exactly a reference to the resource `policy_id`
// (`!Ref policy_id` or `!GetAtt policy_id.PolicyArn`), with no undecided
// condition around it.
bool BoundaryNames(const model::String& boundary, std::string_view policy_id);

}  // namespace fnwarden::load::cfn

#endif  // FNWARDEN_LOAD_CFN_BOUNDARY_H_
