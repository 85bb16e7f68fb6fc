// The SDK catalog (src/load/code/sdk_catalog.h) against the IAM catalog
// (src/analysis/iam/catalog.h): every action that a call to one of the most
// used services can need, and every action of the curated calls, must be an
// IAM action. A miss means the curated table (data/sdk_actions.tsv) or the
// generator's IAM prefix corrections (tools/gen_sdk_catalog) are wrong.
//
// The test walks the catalog's own embedded text for the names to resolve
// (its "s", "o" and "c" lines; tools/gen_sdk_catalog describes them) and
// asks the public ResolveSdkCall for each, so it sees exactly what fnwarden
// resolves.
#include <gtest/gtest.h>

#include <cstdio>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/iam/catalog.h"
#include "load/code/sdk_catalog.h"
#include "util/strings.h"

// Defined by the generated sdk_catalog_data.cc (cmake/sdk_catalog.cmake).
extern "C" const char fnwarden_sdk_catalog_begin[];
extern "C" const char fnwarden_sdk_catalog_end[];

namespace fnwarden {
namespace {

using load::code::ResolveSdkCall;
using load::code::Sdk;
using load::code::SdkAction;

// IAM prefixes of the services serverless code calls most.
const std::set<std::string_view> kTopServices = {
    "apigateway",
    "appsync",
    "athena",
    "bedrock",
    "cloudformation",
    "cloudfront",
    "cloudwatch",
    "codebuild",
    "cognito-identity",
    "cognito-idp",
    "comprehend",
    "dynamodb",
    "ec2",
    "ecr",
    "ecs",
    "elasticache",
    "events",
    "execute-api",
    "firehose",
    "glue",
    "iam",
    "iot",
    "kinesis",
    "kms",
    "lambda",
    "logs",
    "polly",
    "rds",
    "rds-data",
    "rekognition",
    "s3",
    "scheduler",
    "secretsmanager",
    "ses",
    "sns",
    "sqs",
    "ssm",
    "states",
    "sts",
    "textract",
    "translate",
    "xray",
};

// Actions the catalog gives that the Service Authorization Reference does
// not list: operations newer than their IAM documentation.
const std::set<std::string_view> kKnownGaps = {
    "glue:ListDataQualityStatisticAnnotations",
    "glue:ListDataQualityStatistics",
};

struct CatalogText {
  // Each service: its IAM prefix, v3 package and operations.
  struct Service {
    std::string iam;
    std::string v3_package;
    std::vector<std::string> operations;
  };
  std::vector<Service> services;
  // Each curated call: SDK, service, operation as written.
  struct Call {
    Sdk sdk;
    std::string service;
    std::string operation;
  };
  std::vector<Call> calls;
};

CatalogText ReadCatalogText() {
  std::string_view text(fnwarden_sdk_catalog_begin,
                        static_cast<size_t>(fnwarden_sdk_catalog_end - fnwarden_sdk_catalog_begin));
  CatalogText out;
  for (std::string_view line : util::Split(text, '\n')) {
    std::vector<std::string_view> f = util::Split(line, '\t');
    if (f[0] == "s" && f.size() == 6) {
      out.services.push_back({std::string(f[5]), "@aws-sdk/client-" + std::string(f[4]), {}});
    } else if (f[0] == "o" && f.size() == 5 && !out.services.empty()) {
      out.services.back().operations.emplace_back(f[1]);
    } else if (f[0] == "c" && f.size() == 7) {
      Sdk sdk = f[1] == "boto3"            ? Sdk::kBoto3Client
                : f[1] == "boto3-resource" ? Sdk::kBoto3Resource
                : f[1] == "js-v2"          ? Sdk::kJsV2
                                           : Sdk::kJsV3;
      std::string service(f[2]);
      // A method of every client: ask one of them.
      if (service == "*") {
        service = sdk == Sdk::kJsV2 ? "S3" : sdk == Sdk::kJsV3 ? "@aws-sdk/client-s3" : "s3";
      }
      out.calls.push_back({sdk, service, std::string(f[3])});
    }
  }
  return out;
}

bool InIam(const std::string& action) {
  return analysis::iam::Catalog::Get().FindAction(action).has_value();
}

TEST(SdkCatalogIam, EveryActionOfTheTopServicesIsAnIamAction) {
  ASSERT_TRUE(analysis::iam::Catalog::Get().loaded()) << analysis::iam::Catalog::Get().error();
  CatalogText catalog = ReadCatalogText();
  ASSERT_GT(catalog.services.size(), 300u);
  ASSERT_GT(catalog.calls.size(), 100u);

  std::set<std::string_view> seen_services;
  std::set<std::string> missing;
  size_t checked = 0;
  for (const CatalogText::Service& service : catalog.services) {
    if (kTopServices.count(service.iam) == 0) continue;
    seen_services.insert(*kTopServices.find(service.iam));
    for (const std::string& op : service.operations) {
      // No statement: a PartiQL call lists every action it may need.
      SdkAction action = ResolveSdkCall(Sdk::kJsV3, service.v3_package, op + "Command");
      EXPECT_TRUE(action.known) << service.v3_package << " " << op;
      for (const std::string& name : action.actions) {
        ++checked;
        if (kKnownGaps.count(name) != 0) continue;
        if (!InIam(name)) missing.insert(name + " (" + service.v3_package + " " + op + ")");
      }
    }
  }
  for (const CatalogText::Call& call : catalog.calls) {
    SdkAction action = ResolveSdkCall(call.sdk, call.service, call.operation);
    EXPECT_TRUE(action.known) << call.service << " " << call.operation;
    for (const std::string& name : action.actions) {
      ++checked;
      if (!InIam(name)) missing.insert(name + " (" + call.service + " " + call.operation + ")");
    }
  }
  EXPECT_EQ(seen_services.size(), kTopServices.size()) << "a top service is not in the catalog";
  EXPECT_GT(checked, 3000u);
  std::string list;
  for (const std::string& m : missing) list += "\n  " + m;
  EXPECT_TRUE(missing.empty()) << missing.size() << " actions are not in the IAM catalog:" << list;
  // A gap that IAM has filled comes off the list.
  for (std::string_view gap : kKnownGaps) EXPECT_FALSE(InIam(std::string(gap))) << gap;
}

// Not asserted: how far the default rule ("<prefix>:<Operation>") carries
// over the whole API, for the report.
TEST(SdkCatalogIam, ShareOfSameNameActionsInIam) {
  CatalogText catalog = ReadCatalogText();
  size_t operations = 0, same_name = 0, same_name_in_iam = 0, none = 0, other = 0;
  for (const CatalogText::Service& service : catalog.services) {
    for (const std::string& op : service.operations) {
      ++operations;
      SdkAction action = ResolveSdkCall(Sdk::kJsV3, service.v3_package, op + "Command");
      std::string default_action = action.service + ":" + op;
      if (action.actions.empty()) {
        ++none;
      } else if (action.actions.size() == 1 && action.actions[0] == default_action) {
        ++same_name;
        if (InIam(default_action)) ++same_name_in_iam;
      } else {
        ++other;
      }
    }
  }
  ASSERT_GT(same_name, 0u);
  std::printf(
      "SDK catalog: %zu services, %zu operations: %zu same-name actions, %zu (%.1f%%) of them "
      "in the IAM catalog; %zu curated to other actions; %zu need no permission\n",
      catalog.services.size(), operations, same_name, same_name_in_iam,
      100.0 * static_cast<double>(same_name_in_iam) / static_cast<double>(same_name), other, none);
}

}  // namespace
}  // namespace fnwarden
