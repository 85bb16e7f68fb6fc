// Who a role's trust policy lets assume the role, evaluated with the IAM
// engine, and which rule owns each concern. A statement of a trust policy
// yields at most one finding: the first of these concerns it raises.
//
//   FNW-IAM-011  any AWS principal of any account (Principal "*" or
//                NotPrincipal without a narrowing condition), or any token of
//                a web identity provider (no condition on the token);
//   FNW-IAM-012  an AWS account outside the stack's, with no condition;
//   FNW-ISO-004  for a role that functions assume: a caller other than Lambda
//                (a service, a role or account, federated identities);
//   FNW-IAM-013  a service that should be pinned to its source
//                (states.amazonaws.com...) without aws:SourceArn or
//                aws:SourceAccount.
//
// Unknown principals and values never raise a concern.
#ifndef FNWARDEN_ANALYSIS_IAM_TRUST_H_
#define FNWARDEN_ANALYSIS_IAM_TRUST_H_

#include <cstddef>
#include <string>
#include <vector>

#include "analysis/iam/effective.h"
#include "model/model.h"

namespace fnwarden::analysis::iam {

enum class TrustConcern : uint8_t {
  kAnyone,                // FNW-IAM-011
  kAnyToken,              // FNW-IAM-011
  kOtherAccount,          // FNW-IAM-012
  kBeyondLambda,          // FNW-ISO-004
  kServiceWithoutSource,  // FNW-IAM-013
};

struct TrustGrant {
  size_t index = 0;  // of the statement in role.trust.statements
  TrustConcern concern = TrustConcern::kAnyone;
  // Who, as a message names them: "ec2.amazonaws.com", "account
  // 111122223333", "arn:aws:iam::111122223333:role/x", "everyone (\"*\")",
  // "federated identities of token.actions.githubusercontent.com",
  // "token.actions.githubusercontent.com" (kAnyToken).
  std::vector<std::string> who;
};

struct TrustAnalysis {
  std::vector<TrustGrant> grants;  // in statement order, at most one per statement
  // Lambda may assume the role (allowed, or under a condition).
  bool lambda_trusted = false;
};

// The concerns of `role`'s trust policy. `function_role`: functions assume
// it (FNW-ISO-004 applies).
TrustAnalysis AnalyzeTrust(const model::Role& role, const Resolver& resolver, bool function_role);

// The services ("batch.amazonaws.com", lower case, each once) that alone can
// assume `role`: the trust policy lets each in (allowed, or under a
// condition the scan cannot decide) and lets in no one else. Empty when it
// may let in anything but a service (an account, a role or user, everyone,
// federated identities, the principals a NotPrincipal leaves out), when a
// statement, an effect or a principal is unknown, and when it lets in no
// one.
std::vector<std::string> SoleTrustedServices(const model::Role& role, const Resolver& resolver);

}  // namespace fnwarden::analysis::iam

#endif  // FNWARDEN_ANALYSIS_IAM_TRUST_H_
