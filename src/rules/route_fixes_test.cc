// The fixes of FNW-API-001, FNW-API-004 and FNW-CFG-011 name what the
// template has: the event and Globals section behind SAM's implicit API, the
// API and stage an association must name.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <memory>
#include <string>

#include "analysis/facts.h"
#include "load/project.h"
#include "load/syntax/node.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

// Fixes by resource of the findings of rule `id` on a SAM template.
std::multimap<std::string, std::string> Fixes(std::string_view id, const std::string& yaml) {
  util::SourceSet sources;
  const util::SourceFile* file = sources.Add("template.yaml", yaml);
  util::DiagnosticSink diags;
  load::syntax::ParseLimits limits;
  std::unique_ptr<load::syntax::Document> doc = load::syntax::ParseYaml(file, limits, &diags);
  EXPECT_NE(doc, nullptr);
  if (doc == nullptr) return {};
  model::Model model;
  load::LoadOptions options;
  EXPECT_TRUE(load::BuildTemplateModel(*doc, options, &diags, &model));
  analysis::Facts facts(model);
  const Rule* rule = FindRule(id);
  EXPECT_NE(rule, nullptr);
  std::vector<model::Finding> findings;
  Context ctx(model, facts, rule->info, std::chrono::sys_days{std::chrono::year{2026} / 12 / 1},
              &findings);
  rule->check(ctx);
  std::multimap<std::string, std::string> out;
  for (const model::Finding& f : findings) out.emplace(f.resource, f.fix);
  return out;
}

constexpr char kTemplate[] = R"(AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Globals:
  Function: {Runtime: python3.12, Handler: app.handler, CodeUri: src/}
Resources:
  OrdersApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: live
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        List: {Type: Api, Properties: {Path: /orders, Method: get}}
        Items: {Type: HttpApi, Properties: {Path: /items, Method: get}}
        Own: {Type: Api, Properties: {RestApiId: !Ref OrdersApi, Path: /own, Method: get}}
)";

TEST(RouteFixesTest, ImplicitApisNameTheEventAndTheGlobalsSection) {
  std::multimap<std::string, std::string> fixes = Fixes("FNW-API-001", kTemplate);
  ASSERT_EQ(fixes.count("ServerlessRestApi"), 1u);
  EXPECT_EQ(fixes.find("ServerlessRestApi")->second,
            "Set Auth.Authorizer on the OrdersFunction event for GET /orders (a Cognito, JWT or "
            "Lambda authorizer, or AWS_IAM), or declare Auth.Authorizers and "
            "Auth.DefaultAuthorizer under Globals.Api, which configures the implicit API "
            "ServerlessRestApi.");
  ASSERT_EQ(fixes.count("ServerlessHttpApi"), 1u);
  EXPECT_NE(fixes.find("ServerlessHttpApi")
                ->second.find("under Globals.HttpApi, which configures "
                              "the implicit API ServerlessHttpApi."),
            std::string::npos);
  ASSERT_EQ(fixes.count("OrdersApi"), 1u);
  EXPECT_EQ(fixes.find("OrdersApi")->second,
            "Give GET /own an authorizer (Cognito, JWT or Lambda) or AWS_IAM authorization, or "
            "make one the default authorizer of OrdersApi.");
}

TEST(RouteFixesTest, WebAclAssociationNamesTheApiAndStage) {
  std::multimap<std::string, std::string> fixes = Fixes("FNW-API-004", kTemplate);
  ASSERT_EQ(fixes.count("ServerlessRestApiProdStage"), 1u);
  EXPECT_EQ(fixes.find("ServerlessRestApiProdStage")->second,
            "Associate a regional WAF web ACL (AWS managed rule groups and a rate-based rule) "
            "with stage Prod of ServerlessRestApi: an AWS::WAFv2::WebACLAssociation with "
            "ResourceArn !Sub "
            "\"arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${ServerlessRestApi}/"
            "stages/Prod\" and DependsOn: ServerlessRestApiProdStage.");
  ASSERT_EQ(fixes.count("OrdersApiliveStage"), 1u);
  EXPECT_NE(fixes.find("OrdersApiliveStage")->second.find("/restapis/${OrdersApi}/stages/live\""),
            std::string::npos);
}

TEST(RouteFixesTest, ConcurrencyFixNamesTheFunction) {
  std::multimap<std::string, std::string> fixes = Fixes("FNW-CFG-011", kTemplate);
  ASSERT_EQ(fixes.count("OrdersFunction"), 1u);
  EXPECT_EQ(fixes.find("OrdersFunction")->second,
            "Set ReservedConcurrentExecutions on OrdersFunction to the most it should ever use.");
}

}  // namespace
}  // namespace fnwarden::rules
