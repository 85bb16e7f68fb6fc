// From the AWS SDK's names to IAM: which service an SDK client is, which
// API operation a method or command is, and which IAM actions the call
// needs.
//
// The services and their operations are generated at build time from the
// pinned npm package `aws-sdk` (v2: every service's API model, its
// paginators and waiters), with the naming rules of each SDK: boto3 names
// methods in snake_case, the JavaScript SDK v2 in camelCase, v3 has one
// `<Operation>Command` class per operation in `@aws-sdk/client-<service>`.
// Most operations need the IAM action of the same name; a curated table
// (data/sdk_actions.tsv) gives the others: most of S3, API Gateway,
// DynamoDB PartiQL and transactions, Lambda `Invoke`, the document clients,
// boto3 resources and managed transfers, and the calls that need more than
// one action (`iam:PassRole`, `kms:Decrypt`).
#ifndef FNWARDEN_LOAD_CODE_SDK_CATALOG_H_
#define FNWARDEN_LOAD_CODE_SDK_CATALOG_H_

#include <string>
#include <string_view>
#include <vector>

#include "load/code/facts.h"

namespace fnwarden::load::code {

// What an SDK call needs of IAM.
struct SdkAction {
  // The SDK service and the operation are in the catalog. When false the
  // call is not understood, and what the code needs of `service` (when
  // known) is partial.
  bool known = false;
  // The exact actions depend on what the code does not show (a PartiQL
  // statement that is not a literal, the items of a transaction): `actions`
  // then lists every action the call may need.
  bool partial = false;
  std::string service;    // the IAM service prefix ("s3", "dynamodb", "states"); "" when unknown
  std::string operation;  // the API operation ("GetObject", "PutItem")
  // Every IAM action the call needs, "prefix:Action", sorted. More than one
  // for calls such as CopyObject (s3:GetObject and s3:PutObject), managed
  // transfers, or calls that also pass a role. Empty for operations that
  // need no permission.
  std::vector<std::string> actions;
};

// Resolves one SDK call from its names as written (SdkCall::sdk, service,
// operation and, for PartiQL, statement).
SdkAction ResolveSdkCall(Sdk sdk, std::string_view service, std::string_view operation,
                         std::string_view statement = {});
inline SdkAction ResolveSdkCall(const SdkCall& call) {
  return ResolveSdkCall(call.sdk, call.service, call.operation, call.statement);
}

// The IAM service prefix of an SDK service as written (as SdkCall::service
// for that SDK); "" when the catalog does not know it.
std::string_view IamPrefixOf(Sdk sdk, std::string_view service);

// Whether a JavaScript module specifier is one of the AWS SDK's packages
// this catalog knows: "aws-sdk", "aws-sdk/clients/s3", "@aws-sdk/client-s3",
// "@aws-sdk/lib-dynamodb", "@aws-sdk/lib-storage".
bool IsJsSdkModule(std::string_view specifier);

// Indexes the catalog now. The first look-up does otherwise, while every
// other thread that looks up waits: a caller with a thread to spare before
// the handlers' code is recorded calls this on it.
void PrepareSdkCatalog();

// The number of services and operations in the catalog (for tests and
// `fnwarden version`-style reports); 0 when the build had no data.
size_t SdkServiceCount();
size_t SdkOperationCount();

}  // namespace fnwarden::load::code

#endif  // FNWARDEN_LOAD_CODE_SDK_CATALOG_H_
