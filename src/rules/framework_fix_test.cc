// A finding's specific fix speaks the language of the file it is in: the
// SAM/CloudFormation wording in a template, the Serverless wording a rule
// gives through Context::Fix in a serverless.yml (the IAM fixes are worded
// for the unit's framework), and otherwise nothing, so that reports fall
// back to the rule's fix for that framework.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/facts.h"
#include "load/frontend.h"
#include "load/syntax/node.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

// The findings of rule `id` on `yaml`, read as `path`.
std::vector<model::Finding> Findings(std::string_view id, const std::string& path,
                                     const std::string& yaml) {
  util::SourceFile file(path, yaml);
  util::DiagnosticSink diags;
  auto doc = load::syntax::ParseYaml(&file, load::syntax::ParseLimits{}, &diags);
  model::Model model;
  EXPECT_TRUE(load::BuildUnitModel(*doc, load::LoadOptions{}, &diags, &model));
  const Rule* rule = FindRule(id);
  analysis::Facts facts(model);
  std::vector<model::Finding> findings;
  Context ctx(model, facts, rule->info, std::chrono::sys_days{}, &findings);
  rule->check(ctx);
  return findings;
}

constexpr char kService[] = R"(service: s
provider:
  name: aws
  runtime: python3.12
  iam:
    role:
      statements:
        - {Effect: Allow, Action: "dynamodb:*", Resource: "*"}
functions:
  api:
    handler: h.h
)";

constexpr char kTemplate[] = R"(Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: h.h
      CodeUri: .
      Policies:
        - Statement: [{Effect: Allow, Action: "dynamodb:*", Resource: "*"}]
)";

TEST(FrameworkFix, ServerlessFindingsGetServerlessWordingOrNone) {
  std::vector<model::Finding> tracing = Findings("FNW-LOG-002", "serverless.yml", kService);
  ASSERT_EQ(tracing.size(), 1u);
  EXPECT_EQ(tracing[0].framework, model::Framework::kServerless);
  EXPECT_EQ(tracing[0].fix,
            "Set tracing: Active on function api (or provider.tracing.lambda: true for every "
            "function).");
  // The IAM fixes name the statement as serverless.yml holds it.
  std::vector<model::Finding> wildcard = Findings("FNW-IAM-002", "serverless.yml", kService);
  ASSERT_EQ(wildcard.size(), 1u);
  EXPECT_EQ(wildcard[0].fix,
            "Replace the statement at serverless.yml:8 (the service's role) with one that allows "
            "only the dynamodb actions api calls, on the resources it uses.");
  std::vector<model::Finding> retention = Findings("FNW-LOG-001", "serverless.yml", kService);
  ASSERT_EQ(retention.size(), 1u);
  EXPECT_EQ(retention[0].fix,
            "Set logRetentionInDays on function api (for example 90 or 365, as your investigation "
            "and privacy rules require), or provider.logRetentionInDays for every function.");
  // FNW-API-003's specific fix names CloudFormation properties: not for the
  // stage the framework makes.
  constexpr char kRoute[] = R"(service: s
provider: {name: aws, runtime: python3.12}
functions:
  api:
    handler: h.h
    events:
      - http: GET /orders
)";
  std::vector<model::Finding> throttle = Findings("FNW-API-003", "serverless.yml", kRoute);
  ASSERT_EQ(throttle.size(), 1u);
  EXPECT_EQ(throttle[0].fix, "");
  EXPECT_NE(throttle[0].rule->FixFor(throttle[0].framework).find("provider"),
            std::string_view::npos)
      << "the rule's Serverless fix, which the reports fall back to";
  // A setting the framework does not have goes through resources.extensions.
  std::vector<model::Finding> key = Findings("FNW-ENC-005", "serverless.yml", kService);
  ASSERT_EQ(key.size(), 1u);
  EXPECT_EQ(key[0].fix,
            "Set KmsKeyId on ApiLogGroup through resources.extensions, to a customer managed key "
            "declared under resources whose policy allows the logs service of this region.");
  // What resources declares is CloudFormation as written, also for the
  // rules that word their fixes for templates only (FNW-ENC-009).
  constexpr char kWritten[] = R"(service: s
provider: {name: aws, runtime: python3.12}
functions:
  api: {handler: h.h}
resources:
  Resources:
    Uploads: {Type: AWS::S3::Bucket}
    Token: {Type: AWS::SecretsManager::Secret}
)";
  std::vector<model::Finding> block = Findings("FNW-CFG-014", "serverless.yml", kWritten);
  ASSERT_EQ(block.size(), 1u);
  EXPECT_EQ(block[0].fix,
            "Add PublicAccessBlockConfiguration to Uploads with all four flags true.");
  std::vector<model::Finding> secret = Findings("FNW-ENC-009", "serverless.yml", kWritten);
  ASSERT_EQ(secret.size(), 1u);
  EXPECT_NE(secret[0].fix.find("KmsKeyId on Token"), std::string::npos) << secret[0].fix;
}

// A function's own role (serverless-iam-roles-per-function) and an AWS
// managed policy of the service's role, named as serverless.yml writes them.
TEST(FrameworkFix, ServerlessIamFixesNameTheRoleAsWritten) {
  constexpr char kRoles[] = R"(service: s
plugins: [serverless-iam-roles-per-function]
provider:
  name: aws
  runtime: python3.12
  iam:
    role:
      managedPolicies: [arn:aws:iam::aws:policy/AdministratorAccess]
functions:
  api:
    handler: h.h
  worker:
    handler: h.h
    iamRoleStatements:
      - {Effect: Allow, Action: "sqs:*", Resource: "*"}
)";
  std::vector<model::Finding> admin = Findings("FNW-IAM-001", "serverless.yml", kRoles);
  ASSERT_FALSE(admin.empty());
  EXPECT_EQ(admin[0].fix,
            "Replace the AWS managed policy AdministratorAccess of the service's role with a "
            "customer managed policy (an AWS::IAM::ManagedPolicy under resources, listed in "
            "provider.iam.role.managedPolicies) that allows only the actions api calls, on the "
            "resources it uses.");
  std::vector<model::Finding> wildcard = Findings("FNW-IAM-002", "serverless.yml", kRoles);
  std::vector<std::string> fixes;
  for (const model::Finding& f : wildcard) fixes.push_back(f.fix);
  EXPECT_NE(std::find(fixes.begin(), fixes.end(),
                      "Replace the statement at serverless.yml:15 (the iamRoleStatements of "
                      "function worker) with one that allows only the sqs actions worker calls, "
                      "on the resources it uses."),
            fixes.end())
      << ::testing::PrintToString(fixes);
}

// A route without an authorizer: the authorizer goes on the function's event.
TEST(FrameworkFix, ServerlessRoutesGetTheirAuthorizerOnTheEvent) {
  constexpr char kRoutes[] = R"(service: s
provider:
  name: aws
  runtime: python3.12
functions:
  api:
    handler: h.h
    events:
      - http: GET /orders
      - httpApi: POST /items
)";
  std::vector<model::Finding> open = Findings("FNW-API-001", "serverless.yml", kRoutes);
  std::vector<std::string> fixes;
  for (const model::Finding& f : open) fixes.push_back(f.fix);
  std::sort(fixes.begin(), fixes.end());
  EXPECT_EQ(fixes, (std::vector<std::string>{
                       "Give the event for GET /orders of function api an `authorizer:`: a "
                       "Cognito user pool ARN, the name of a Lambda authorizer function, or "
                       "aws_iam.",
                       "Give the event for POST /items of function api an authorizer: "
                       "`authorizer: {name: ...}` naming a JWT or Lambda authorizer declared under "
                       "provider.httpApi.authorizers, or `authorizer: {type: aws_iam}`.",
                   }));
}

// The deployment bucket of a service pinned to v3 has settings of its own.
TEST(FrameworkFix, TheDeploymentBucketIsFixedThroughProvider) {
  constexpr char kPinned[] = R"(service: s
frameworkVersion: '3'
provider:
  name: aws
  runtime: python3.12
functions:
  api:
    handler: h.h
)";
  std::vector<model::Finding> versioning = Findings("FNW-IR-004", "serverless.yml", kPinned);
  ASSERT_EQ(versioning.size(), 1u);
  EXPECT_EQ(versioning[0].fix, "Set provider.deploymentBucket.versioning: true.");
  std::vector<model::Finding> block = Findings("FNW-CFG-014", "serverless.yml", kPinned);
  ASSERT_EQ(block.size(), 1u);
  EXPECT_EQ(block[0].fix, "Set provider.deploymentBucket.blockPublicAccess: true.");
}

TEST(FrameworkFix, TemplateFindingsKeepTheirWording) {
  std::vector<model::Finding> tracing = Findings("FNW-LOG-002", "template.yaml", kTemplate);
  ASSERT_EQ(tracing.size(), 1u);
  EXPECT_EQ(tracing[0].framework, model::Framework::kSam);
  EXPECT_EQ(tracing[0].fix, "Set Tracing: Active on Api (or in Globals.Function for every function).");
  std::vector<model::Finding> wildcard = Findings("FNW-IAM-002", "template.yaml", kTemplate);
  ASSERT_EQ(wildcard.size(), 1u);
  EXPECT_NE(wildcard[0].fix, "");
}

}  // namespace
}  // namespace fnwarden::rules
