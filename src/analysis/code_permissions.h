// What a function's code needs of IAM (model::HandlerCode, read from its
// handler) against what its role grants, with the IAM engine:
//
//   MissingGrants  the actions a reached call needs that the role allows on
//                  no resource at all (explicit denies, boundaries and
//                  conditions count; a conditional answer is a grant): the
//                  call fails with AccessDenied at run time;
//   UnusedGrants   what a role grants that no function using it calls, and
//                  Lambda does not need for it (logs, tracing, network
//                  interfaces, polling its event sources, failure
//                  destinations), per service.
//
// Both answer only when the code is fully understood: UnusedGrants needs
// every function of the role analysed and complete for the service; a call
// whose actions are partial is never missing, nor is any call of code that
// may use other credentials than the role (HandlerCode::other_credentials).
#ifndef FNWARDEN_ANALYSIS_CODE_PERMISSIONS_H_
#define FNWARDEN_ANALYSIS_CODE_PERMISSIONS_H_

#include <string>
#include <vector>

#include "analysis/facts.h"
#include "analysis/iam/effective.h"
#include "model/model.h"

namespace fnwarden::analysis {

struct MissingGrant {
  std::string action;           // "dynamodb:PutItem"
  const model::CodeCall* call;  // the first reached call that needs it
  // The Deny that refuses it when one does; {nullptr, nullptr} when nothing
  // allows it.
  AppliedStatement deny{nullptr, nullptr};
};

// The actions `p`'s function calls and its role refuses on every resource.
// Empty for a principal that is not a function, or whose role is outside
// the model or has policies fnwarden could not read.
std::vector<MissingGrant> MissingGrants(const iam::PrincipalPermissions& p, const model::Model& m,
                                        const iam::Resolver& resolver);

struct UnusedGrant {
  std::string service;  // IAM prefix: "dynamodb"
  // Granted and never used, sorted: actions, and the wildcard entries
  // ("sqs:*") that grant a service the code never calls, as written.
  std::vector<std::string> actions;
  // No function of the role calls the service at all (else some of its
  // actions are called, and `actions` names the others).
  bool service_unused = false;
  AppliedStatement origin{nullptr, nullptr};  // the first statement that grants one
  util::Loc at;                               // that statement's action entry
};

// What `p`'s role grants, through its statements that name actions, that
// none of the functions sharing the role calls or needs, per service, in the
// order the statements grant them. Services granted only through wildcard
// entries ("s3:*", "*") are reported only when the code never calls them:
// how broad a wildcard is, other rules say. Statements of a policy template
// or a managed policy (a bundle chosen whole) are reported only when the
// code calls none of the services it grants.
std::vector<UnusedGrant> UnusedGrants(const iam::PrincipalPermissions& p, const model::Model& m,
                                      const iam::Resolver& resolver);

// The IAM actions Lambda itself calls with a function's role, for what the
// model says of it: logs, X-Ray, network interfaces, the event sources it
// polls, its dead-letter queue and failure destinations, its environment
// key. Sorted, lower-case.
std::vector<std::string> PlatformActions(const model::Function& fn, const model::Model& m);

}  // namespace fnwarden::analysis

#endif  // FNWARDEN_ANALYSIS_CODE_PERMISSIONS_H_
