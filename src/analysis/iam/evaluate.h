// IAM policy evaluation for one request, following AWS's documented logic
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
//
//  1. An explicit Deny in any policy decides: ExplicitlyDenied.
//  2. Otherwise the request is allowed when:
//     - cross-account: an identity policy AND the resource policy allow it
//       (the resource policy naming the principal, or its account);
//     - same account: an identity policy allows it, or the resource policy
//       names the principal itself. A resource policy that names a role ARN
//       (or a service) is still limited by the permissions boundary and the
//       session policy; one that names everyone (or a NotPrincipal leaving
//       the caller out) only by the session policy; one that names the role
//       session or an IAM user ARN by neither. A Deny with NotPrincipal
//       matches every IAM caller with a permissions boundary;
//     - policy variables count only in an ARN's resource part; one whose key
//       is absent (no default) makes its entry match neither way;
//     - resources that need an explicit allow from their own policy (KMS key
//       policies, role trust policies): the resource policy names the
//       principal itself, or names its account (then an identity policy must
//       allow it too);
//     - and, for what identity policies grant, the permissions boundary and
//       the session policy (when present) allow it as well.
//     A service principal (lambda.amazonaws.com) or a federated caller has no
//     identity policies: only the resource policy can allow it.
//  3. Otherwise: ImplicitlyDenied.
// Every match is three-valued (tri.h). When the answer depends on something
// unknown (a condition key not in the request, an unresolved value in a
// policy) the decision is Conditional, with the statements it depends on.
//
// Actions are case-insensitive, resources case-sensitive; `*` and `?` work in
// both; ARNs match part by part (match.h). Wildcard-only actions are
// requested with Resource "*": only Resource "*" (or NotResource) grants them.
//
// Evaluate() is thread-safe and does not allocate unless a statement uses
// policy variables or the result lists statements.
#ifndef FNWARDEN_ANALYSIS_IAM_EVALUATE_H_
#define FNWARDEN_ANALYSIS_IAM_EVALUATE_H_

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "analysis/iam/context.h"
#include "analysis/iam/policy.h"
#include "analysis/iam/tri.h"

namespace fnwarden::analysis::iam {

struct RequestPrincipal {
  std::string_view arn;          // IAM role or user ARN: "arn:aws:iam::111122223333:role/orders"
  std::string_view session_arn;  // for a role: "arn:aws:sts::111122223333:assumed-role/orders/s"
  std::string_view account;      // "111122223333"; taken from `arn` when empty
  std::string_view service;      // instead of an IAM identity: "lambda.amazonaws.com"
  // Instead of an IAM identity, a web identity or SAML provider that federates
  // the caller: "token.actions.githubusercontent.com", "cognito-identity.amazonaws.com".
  std::string_view federated;
  // A caller that is not an IAM identity has no identity policies: only a
  // resource policy can let it in.
  bool external() const { return !service.empty() || !federated.empty(); }
};

struct Request {
  RequestPrincipal principal;
  std::string_view action;            // "s3:GetObject", any case
  std::string_view resource;          // an ARN, or "*" for wildcard-only actions
  std::string_view resource_account;  // taken from the resource ARN when empty; when
                                      // neither says, the request is same-account
  const Context* context = nullptr;   // null: an open, empty context (every key unknown)
  // Optional, for a caller that asks about many actions of one principal
  // and knows already how its statements cover this one: ActionApplies of
  // each statement of the identity policies, the boundary and the session
  // policy, in that order (not the resource policy's). Ignored unless it
  // has one entry per such statement.
  std::span<const Tri> action_applies;
};
// aws:PrincipalArn, aws:PrincipalAccount, aws:ResourceAccount and
// aws:PrincipalServiceName are answered from the request when the context
// does not set them.

enum class ResourcePolicyMode : uint8_t {
  kOrdinary,               // S3, SQS, SNS, Lambda... : same-account identity policies suffice
  kExplicitAllowRequired,  // KMS key policies and role trust policies
};

struct PolicySet {
  std::vector<const CompiledPolicy*> identity;  // the principal's policies
  const CompiledPolicy* resource = nullptr;     // the resource's policy, if any
  ResourcePolicyMode resource_mode = ResourcePolicyMode::kOrdinary;
  const CompiledPolicy* boundary = nullptr;     // permissions boundary, if any
  bool boundary_unknown = false;                // a boundary is set but could not be resolved
  const CompiledPolicy* session = nullptr;      // session policy, if any
};

enum class Decision : uint8_t { kAllowed, kExplicitlyDenied, kImplicitlyDenied, kConditional };
const char* DecisionName(Decision d);  // "allowed", "explicitly denied", ...

struct StatementRef {
  const CompiledPolicy* policy = nullptr;
  uint32_t index = 0;  // in policy->statements
  const CompiledStatement& statement() const { return policy->statements[index]; }
};

struct Result {
  Decision decision = Decision::kImplicitlyDenied;
  // Allowed: the Allow statements that apply. ExplicitlyDenied: the Deny
  // statements that apply. Conditional: the statements whose match is
  // unknown. ImplicitlyDenied: empty. ImplicitlyDenied means no Allow can
  // apply; a Deny whose condition the context cannot decide may still apply
  // (the request is denied either way), so a context that knows more can
  // turn it into ExplicitlyDenied, never into anything else.
  std::vector<StatementRef> statements;
};

Result Evaluate(const Request& request, const PolicySet& policies);

// How a statement's Action or NotAction covers `lowered_action` (lower-case):
// the only part of Evaluate that depends on the requested action. Two actions
// that every statement of a set covers alike (and requested on the same
// resource) get the same Result. A statement that is itself unresolved gives
// kUnknown.
Tri ActionApplies(const CompiledStatement& s, std::string_view lowered_action);

}  // namespace fnwarden::analysis::iam

#endif  // FNWARDEN_ANALYSIS_IAM_EVALUATE_H_
