// How broadly a principal is granted on resources its policies do not name,
// and which rule owns each breadth concern, so that one statement yields at
// most one finding per concern:
//
//   FNW-IAM-001  every catalog action of every service is allowed on any
//                resource (full administrator);
//   FNW-IAM-003  one statement alone allows thousands of actions of many
//                services on any resource (an administrator in all but name);
//   FNW-IAM-002  every catalog action of a service is allowed on any
//                resource, however the policies spell it ("s3:*", "s3:?*",
//                "s3:Get*" and "s3:Put*"... in several statements);
//   FNW-IAM-007, -008, -019  write or permissions-management actions on any
//                resource, for the services FNW-IAM-002 does not report.
//
// Every answer comes from the effective permissions (effective.h): explicit
// denies, permissions boundaries and conditions count, and a conditional
// answer grants nothing here. The rules that name an impact (credentials,
// data, evasion, escalation, isolation) are other concerns: they leave only
// the statements FNW-IAM-001 reports.
//
// Thread-safety: pure functions of a PrincipalPermissions, whose breadth()
// caches ComputeBreadth's answer.
#ifndef FNWARDEN_ANALYSIS_IAM_BREADTH_H_
#define FNWARDEN_ANALYSIS_IAM_BREADTH_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/iam/effective.h"

namespace fnwarden::analysis::iam {

// Grants grouped by the identity-policy statement that allows them (the
// first statement of each result), in order of first appearance.
struct StatementGrants {
  AppliedStatement origin;
  std::vector<std::string> actions;
};

// A service every catalog action of which the principal may call on any
// resource.
struct ServiceCover {
  std::string_view service;                  // "s3", as the catalog spells it
  std::vector<AppliedStatement> statements;  // that allow its actions, in order
};

// A statement that alone allows so much that it is an administrator's grant.
inline constexpr size_t kNearAdminActions = 1000;
inline constexpr size_t kNearAdminServices = 20;

struct Breadth {
  bool full_admin = false;  // FNW-IAM-001
  // FNW-IAM-001: the fewest statements whose grants together allow every
  // action; empty unless full_admin.
  std::vector<AppliedStatement> admin;
  // FNW-IAM-003: statements (other than `admin`, and other than those of
  // IsServiceDesignGrant) through which at least kNearAdminActions actions of
  // kNearAdminServices services are allowed.
  std::vector<StatementGrants> near_admin;
  // FNW-IAM-002: the services wholly allowed, other than through `admin` and
  // `near_admin` statements and grants AWS designed for the service
  // (IsServiceDesignGrant) only.
  std::vector<ServiceCover> services;

  bool IsAdmin(const model::Statement* s) const;
  bool IsNearAdmin(const model::Statement* s) const;
  // True when FNW-IAM-002 reports `service` ("s3"), or when the principal is
  // a full administrator.
  bool CoversService(std::string_view service) const;
};

// The answer PrincipalPermissions::breadth() caches.
Breadth ComputeBreadth(const PrincipalPermissions& p);

// True for a grant that gives a function only what Lambda itself needs
// (logs, network interfaces, polling its event source), which AWS documents
// and SAM attaches on its own. Rules that report broad grants leave them out:
// they are AWS's design, not the template author's choice. Recognised by
// content wherever the statement comes from: a statement every action of
// which is one Lambda needs for a VPC function or for an MQ, Kafka (MSK or
// self-managed) or DocumentDB event source in a VPC (the network-interface
// actions), for its logs or for X-Ray; or a statement of an AWS managed
// execution policy (AWSLambdaBasicExecutionRole,
// AWSLambdaVPCAccessExecutionRole, AWSLambdaSQSQueueExecutionRole...),
// whose documents the catalog pins.
bool IsLambdaServiceGrant(const AppliedStatement& a);

// True for a grant that AWS designed for the service that uses the
// principal: IsLambdaServiceGrant, or a statement of a policy AWS publishes
// for the role of the services that alone can assume the principal's role
// (PrincipalPermissions::IsServiceDesigned, service_roles.h). Rules that
// report grants leave these out; the same grant from any other statement
// (the customer's own, or a service-role policy on a role that a function, a
// person or another service can assume) is reported.
bool IsServiceDesignGrant(const PrincipalPermissions& p, const AppliedStatement& a);

// `grants` grouped by statement (see StatementGrants). Grants resting only
// on FNW-IAM-001 statements or on grants AWS designed for the service
// (IsServiceDesignGrant) are left out.
std::vector<StatementGrants> ByStatement(const PrincipalPermissions& p,
                                         const std::vector<ActionGrant>& grants);

// ByStatement without what FNW-IAM-001, -002 and -003 report: the actions
// of the services the principal is wholly granted, and the statements that
// grant nearly everything. What the rules of one access level report.
std::vector<StatementGrants> ByStatementNotCovered(const PrincipalPermissions& p,
                                                   std::vector<ActionGrant> grants);

}  // namespace fnwarden::analysis::iam

#endif  // FNWARDEN_ANALYSIS_IAM_BREADTH_H_
