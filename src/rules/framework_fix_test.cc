// A finding's specific fix speaks the language of the file it is in: the
// SAM/CloudFormation wording in a template, the Serverless wording a rule
// gives through Context::Fix in a serverless.yml, and otherwise nothing, so
// that reports fall back to the rule's fix for that framework.
#include <gtest/gtest.h>

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
  // FNW-IAM-002's specific fix is a SAM Policies entry: not for this file.
  std::vector<model::Finding> wildcard = Findings("FNW-IAM-002", "serverless.yml", kService);
  ASSERT_EQ(wildcard.size(), 1u);
  EXPECT_EQ(wildcard[0].fix, "");
  EXPECT_NE(wildcard[0].rule->FixFor(wildcard[0].framework).find("iamRoleStatements"),
            std::string_view::npos)
      << "the rule's Serverless fix, which the reports fall back to";
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
