#include "analysis/iam/validate.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analysis/iam/iam_test_util.h"

namespace fnwarden::analysis::iam {
namespace {

std::vector<std::string> Check(const std::string& json, PolicyKind kind = PolicyKind::kIdentity) {
  testing::PolicyReader reader;
  model::PolicyDocument doc = reader.Read(json);
  std::vector<util::Diagnostic> diags;
  Validate(doc, kind, Catalog::Get(), &diags);
  std::vector<std::string> out;
  for (const util::Diagnostic& d : diags) out.push_back(util::RenderHeadline(d));
  return out;
}

using Lines = std::vector<std::string>;

TEST(ValidateTest, ValidPoliciesAreQuiet) {
  ASSERT_TRUE(Catalog::Get().loaded()) << Catalog::Get().error();
  EXPECT_EQ(Check(R"({"Version":"2012-10-17","Statement":[
  {"Effect":"Allow","Action":["s3:GetObject","s3:List*","*"],"Resource":["arn:aws:s3:::b/*","*"],
   "Condition":{"StringEquals":{"aws:PrincipalTag/team":"red"},
                "ForAnyValue:StringLike":{"aws:TagKeys":"a*"},
                "IpAddress":{"aws:SourceIp":["10.0.0.0/8","2001:db8::/32"]},
                "NumericLessThan":{"aws:MultiFactorAuthAge":3600},
                "Bool":{"aws:SecureTransport":true}}},
  {"Effect":"Deny","NotAction":"iam:*","NotResource":"?"}]})"),
            Lines{});
  EXPECT_EQ(Check(R"({"Version":"2012-10-17","Statement":{"Effect":"Allow",
    "Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole",
    "Condition":{"StringEquals":{"aws:SourceAccount":"111122223333",
      "token.actions.githubusercontent.com:sub":"repo:o/r:*"}}}})",
                  PolicyKind::kTrust),
            Lines{});
}

TEST(ValidateTest, PointsAtTheBadValue) {
  ASSERT_TRUE(Catalog::Get().loaded()) << Catalog::Get().error();
  EXPECT_EQ(Check(R"({"Version":"2012-10-17","Statement":{"Effect":"Allow",
"Action":["s3:GetObjekt","s4:GetObject","s*:GetObject","s3:Nope*","GetObject"],
"Resource":["arn:aws:s3:::b/*","bucket-name"]}})"),
            (Lines{"policy.json:2:11: error: unknown action \"s3:GetObjekt\" (did you mean \"s3:GetObject\"?)",
                   "policy.json:2:26: error: unknown service prefix \"s4\" in action \"s4:GetObject\"",
                   "policy.json:2:41: error: action \"s*:GetObject\" has a wildcard in its service prefix",
                   "policy.json:2:56: error: action pattern \"s3:Nope*\" matches no s3 action",
                   "policy.json:2:67: error: action \"GetObject\" is not of the form service:action",
                   "policy.json:3:32: error: resource \"bucket-name\" is neither \"*\" nor an ARN "
                   "(arn:partition:service:region:account:resource)"}));
}

TEST(ValidateTest, Conditions) {
  ASSERT_TRUE(Catalog::Get().loaded()) << Catalog::Get().error();
  EXPECT_EQ(Check(R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*",
"Condition":{
"StringEqualz":{"aws:SourceArn":"x"},
"StringEquals":{"aws:SourceArnn":"x","s3:NoSuchKey":"x"},
"NumericLessThan":{"aws:MultiFactorAuthAge":"ten"},
"NumericEquals":{"aws:SourceArn":"1"},
"Bool":{"aws:SecureTransport":"yes"},
"IpAddress":{"aws:SourceIp":"10.0.0"},
"ForAllValues:StringEquals":{"aws:SourceAccount":"1"},
"StringLike":{"aws:TagKeys":"a*"}}}})"),
            (Lines{
                "policy.json:3:17: error: unknown condition operator \"StringEqualz\"",
                "policy.json:4:17: error: unknown condition key \"aws:SourceArnn\"",
                "policy.json:4:38: error: unknown condition key \"s3:NoSuchKey\"",
                "policy.json:5:45: error: NumericLessThan needs a number, not \"ten\"",
                "policy.json:6:18: error: numeric operator NumericEquals on ARN key aws:SourceArn",
                "policy.json:7:31: error: Bool needs true or false, not \"yes\"",
                "policy.json:8:29: error: IpAddress needs an IP address or CIDR range, not \"10.0.0\"",
                "policy.json:9:30: warning: ForAllValues:StringEquals on single-valued key "
                "aws:SourceAccount: use StringEquals without the set prefix",
                "policy.json:10:15: warning: StringLike on multi-valued key aws:TagKeys: use "
                "ForAnyValue: or ForAllValues: to say how its values combine"}));
}

TEST(ValidateTest, Shape) {
  EXPECT_EQ(Check(R"({"Version":"2012-10-18","Statement":[
{"Action":"s3:GetObject","Resource":"*"},
{"Effect":"Allow","Action":"s3:GetObject"},
{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]})"),
            (Lines{"policy.json:1:12: error: unknown policy Version \"2012-10-18\" (use \"2012-10-17\")",
                   "policy.json:2:1: error: statement has no Effect",
                   "policy.json:3:1: error: statement has no Resource or NotResource",
                   "policy.json:4:1: error: an identity-based policy statement takes no Principal"}));
  EXPECT_EQ(Check(R"({"Statement":{"Effect":"Allow","Action":"s3:GetObject"}})", PolicyKind::kResource),
            Lines{"policy.json:1:14: error: statement has no Principal or NotPrincipal"});
  EXPECT_EQ(Check(R"({"Statement":{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Resource":"*"}})",
                  PolicyKind::kTrust),
            Lines{"policy.json:1:14: error: a trust policy statement takes no Resource"});
}

// Forms the corpus of real templates uses that IAM and AWS's own examples
// accept.
TEST(ValidateTest, DocumentedFormsAreQuiet) {
  ASSERT_TRUE(Catalog::Get().loaded()) << Catalog::Get().error();
  // Tag keys the catalog's data names with a placeholder.
  EXPECT_EQ(Check(R"({"Statement":{"Effect":"Allow","Action":"secretsmanager:GetSecretValue",
"Resource":"*","Condition":{"StringEquals":{"secretsmanager:ResourceTag/App":"a",
"sagemaker:ResourceTag/team":"b","ssm:resourceTag/Env":"c"}}}})"),
            Lines{});
  // A Cognito identity pool's role: amr is a list whatever the catalog says.
  EXPECT_EQ(Check(R"({"Statement":{"Effect":"Allow","Action":"sts:AssumeRoleWithWebIdentity",
"Principal":{"Federated":"cognito-identity.amazonaws.com"},"Condition":{
"ForAnyValue:StringLike":{"cognito-identity.amazonaws.com:amr":"unauthenticated"}}}})",
                  PolicyKind::kTrust),
            Lines{});
  // API Gateway's shorthand for the API's own ARN, in its resource policy only.
  const std::string api = R"({"Statement":{"Effect":"Allow","Principal":"*",
"Action":"execute-api:Invoke","Resource":"execute-api:/prod/GET/*"}})";
  EXPECT_EQ(Check(api, PolicyKind::kResource), Lines{});
  EXPECT_EQ(Check(api),
            (Lines{"policy.json:2:42: error: resource \"execute-api:/prod/GET/*\" is neither \"*\" "
                   "nor an ARN (arn:partition:service:region:account:resource)",
                   "policy.json:1:14: error: an identity-based policy statement takes no Principal"}));
}

TEST(ValidateTest, ShortArnAndStillUnknownTagKey) {
  ASSERT_TRUE(Catalog::Get().loaded()) << Catalog::Get().error();
  EXPECT_EQ(Check(R"({"Statement":{"Effect":"Allow","Action":"logs:PutLogEvents",
"Resource":["arn:aws:logs:*","arn:aws:sns:*:*"],
"Condition":{"StringEquals":{"secretsmanager:NoSuchKey/App":"a"}}}})"),
            (Lines{"policy.json:2:13: error: resource \"arn:aws:logs:*\" has fewer than the six "
                   "fields of an ARN (arn:partition:service:region:account:resource)",
                   "policy.json:2:30: error: resource \"arn:aws:sns:*:*\" has fewer than the six "
                   "fields of an ARN (arn:partition:service:region:account:resource)",
                   "policy.json:3:30: error: unknown condition key \"secretsmanager:NoSuchKey/App\""}));
}

TEST(ValidateTest, UnknownActionsCanBeLeftOut) {
  ASSERT_TRUE(Catalog::Get().loaded()) << Catalog::Get().error();
  testing::PolicyReader reader;
  model::PolicyDocument doc = reader.Read(R"({"Statement":{"Effect":"Allow",
"Action":["s3:GetObjekt","s4:GetObject","s3:Nope*","GetObject","s*:GetObject"],"Resource":"*"}})");
  ValidateOptions options;
  options.unknown_actions = false;
  std::vector<util::Diagnostic> diags;
  Validate(doc, PolicyKind::kIdentity, Catalog::Get(), options, &diags);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(util::RenderHeadline(diags[0]),
            "policy.json:2:64: error: action \"s*:GetObject\" has a wildcard in its service prefix");
}

}  // namespace
}  // namespace fnwarden::analysis::iam
