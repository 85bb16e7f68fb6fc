#include "analysis/iam/evaluate.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "analysis/iam/eval_test_util.h"

namespace fnwarden::analysis::iam {
namespace {

using testing::PolicyReader;
using namespace testing;  // NOLINT: the table helpers

TEST(EvaluateTest, ActionsAndResources) {
  const std::string get = Allow(R"("s3:GetObject")", R"("arn:aws:s3:::b/*")");
  RunRows({
      {"exact allow", get, {"s3:GetObject", "arn:aws:s3:::b/k"}, kAllowed},
      {"action case-insensitive", Allow(R"("S3:getOBJECT")", R"("arn:aws:s3:::b/*")"),
       {"s3:GetObject", "arn:aws:s3:::b/k"}, kAllowed},
      {"request action any case", get, {"S3:GETOBJECT", "arn:aws:s3:::b/k"}, kAllowed},
      {"resource case-sensitive", get, {"s3:GetObject", "arn:aws:s3:::B/k"}, kImplicit},
      {"other action", get, {"s3:PutObject", "arn:aws:s3:::b/k"}, kImplicit},
      {"? wildcard", Allow(R"("s3:Get?bject")", R"("*")"), {"s3:GetObject", "arn:aws:s3:::b/k"},
       kAllowed},
      {"? is one character", Allow(R"("s3:Get?Object")", R"("*")"),
       {"s3:GetObject", "arn:aws:s3:::b/k"}, kImplicit},
      {"action list", Allow(R"(["sqs:SendMessage","s3:Get*"])", R"("*")"),
       {"s3:GetObjectAcl", "arn:aws:s3:::b/k"}, kAllowed},
      {"service wildcard", Allow(R"("s3:*")", R"("*")"), {"s3:DeleteBucket", "arn:aws:s3:::b"},
       kAllowed},
      {"not another service", Allow(R"("s3:*")", R"("*")"),
       {"s3-outposts:GetObject", "arn:aws:s3:::b"}, kImplicit},
      {"bucket pattern does not cover objects", Allow(R"("s3:*")", R"("arn:aws:s3:::b")"),
       {"s3:GetObject", "arn:aws:s3:::b/k"}, kImplicit},
      {"object pattern does not cover the bucket", Allow(R"("s3:*")", R"("arn:aws:s3:::b/*")"),
       {"s3:ListBucket", "arn:aws:s3:::b"}, kImplicit},
      {"star in the resource part spans slashes", Allow(R"("s3:*")", R"("arn:aws:s3:::b*")"),
       {"s3:GetObject", "arn:aws:s3:::b/a/b/c"}, kAllowed},
      {"unqualified function ARN", Allow(R"("lambda:InvokeFunction")",
                                         R"("arn:aws:lambda:us-east-1:111122223333:function:f")"),
       {"lambda:InvokeFunction", "arn:aws:lambda:us-east-1:111122223333:function:f"}, kAllowed},
      {"unqualified ARN does not cover versions",
       Allow(R"("lambda:InvokeFunction")", R"("arn:aws:lambda:us-east-1:111122223333:function:f")"),
       {"lambda:InvokeFunction", "arn:aws:lambda:us-east-1:111122223333:function:f:1"}, kImplicit},
      {"qualified pattern covers versions",
       Allow(R"("lambda:InvokeFunction")", R"("arn:aws:lambda:*:*:function:f:*")"),
       {"lambda:InvokeFunction", "arn:aws:lambda:us-east-1:111122223333:function:f:prod"},
       kAllowed},
      {"qualified pattern does not cover the unqualified ARN",
       Allow(R"("lambda:InvokeFunction")", R"("arn:aws:lambda:*:*:function:f:*")"),
       {"lambda:InvokeFunction", "arn:aws:lambda:us-east-1:111122223333:function:f"}, kImplicit},
      {"region wildcard stays in its part",
       Allow(R"("lambda:InvokeFunction")", R"("arn:aws:lambda:*:function:f")"),
       {"lambda:InvokeFunction", "arn:aws:lambda:us-east-1:111122223333:function:f"}, kImplicit},
      {"wildcard-only action needs Resource *", Allow(R"("s3:ListAllMyBuckets")", R"("arn:aws:s3:::*")"),
       {"s3:ListAllMyBuckets", "*"}, kImplicit},
      {"wildcard-only action on *", Allow(R"("s3:ListAllMyBuckets")", R"("*")"),
       {"s3:ListAllMyBuckets", "*"}, kAllowed},
      {"NotAction allows the rest",
       R"({"Statement":{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}})",
       {"s3:GetObject", "arn:aws:s3:::b/k"}, kAllowed},
      {"NotAction excludes", R"({"Statement":{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}})",
       {"iam:CreateUser", "arn:aws:iam::111122223333:user/u"}, kImplicit},
      {"NotResource allows the rest",
       R"({"Statement":{"Effect":"Allow","Action":"s3:*","NotResource":"arn:aws:s3:::secret/*"}})",
       {"s3:GetObject", "arn:aws:s3:::b/k"}, kAllowed},
      {"NotResource excludes",
       R"({"Statement":{"Effect":"Allow","Action":"s3:*","NotResource":"arn:aws:s3:::secret/*"}})",
       {"s3:GetObject", "arn:aws:s3:::secret/k"}, kImplicit},
      {"identity statement without Resource grants nothing",
       R"({"Statement":{"Effect":"Allow","Action":"s3:*"}})", {"s3:GetObject", "arn:aws:s3:::b/k"},
       kImplicit},
  });
}

TEST(EvaluateTest, DenyWins) {
  const std::string policy = R"({"Version":"2012-10-17","Statement":[
    {"Sid":"All","Effect":"Allow","Action":"*","Resource":"*"},
    {"Sid":"NoDelete","Effect":"Deny","Action":"s3:Delete*","Resource":"arn:aws:s3:::b/*"}]})";
  Evaluation e = EvaluateCase(Policies{{policy}}, {"s3:DeleteObject", "arn:aws:s3:::b/k"});
  EXPECT_EQ(e.result.decision, kExplicit);
  EXPECT_EQ(e.sids, std::vector<std::string>{"NoDelete"});
  e = EvaluateCase(Policies{{policy}}, {"s3:GetObject", "arn:aws:s3:::b/k"});
  EXPECT_EQ(e.result.decision, kAllowed);
  EXPECT_EQ(e.sids, std::vector<std::string>{"All"});
  // A deny in another policy of the principal wins just the same.
  e = EvaluateCase(Policies{{Allow(R"("*")", R"("*")"),
                    R"({"Statement":{"Sid":"D","Effect":"Deny","Action":"*","Resource":"*"}})"}},
          {"s3:GetObject", "arn:aws:s3:::b/k"});
  EXPECT_EQ(e.result.decision, kExplicit);
}

TEST(EvaluateTest, UnknownValuesAreConditional) {
  RunRows({
      {"unknown action", Allow(R"("?")", R"("*")"), {"s3:GetObject", "arn:aws:s3:::b/k"},
       kConditional},
      {"unknown action whose alternatives all match", Allow(R"("?s3:GetObject|s3:Get*")", R"("*")"),
       {"s3:GetObject", "arn:aws:s3:::b/k"}, kAllowed},
      {"unknown action whose alternatives disagree", Allow(R"("?s3:GetObject|s3:PutObject")", R"("*")"),
       {"s3:GetObject", "arn:aws:s3:::b/k"}, kConditional},
      {"unknown action whose alternatives all miss", Allow(R"("?sqs:*|sns:*")", R"("*")"),
       {"s3:GetObject", "arn:aws:s3:::b/k"}, kImplicit},
      {"unknown resource", Allow(R"("s3:GetObject")", R"("?")"), {"s3:GetObject", "arn:aws:s3:::b/k"},
       kConditional},
      {"unknown resource, action misses", Allow(R"("s3:GetObject")", R"("?")"),
       {"s3:PutObject", "arn:aws:s3:::b/k"}, kImplicit},
      {"unknown effect", R"({"Statement":{"Effect":"?","Action":"*","Resource":"*"}})",
       {"s3:GetObject", "arn:aws:s3:::b/k"}, kConditional},
      {"unknown statement", R"({"Statement":["?"]})", {"s3:GetObject", "arn:aws:s3:::b/k"},
       kConditional},
      {"unknown condition value",
       Allow(R"("*")", R"("*")", R"("Condition":{"StringEquals":{"aws:PrincipalTag/team":"?"}})"),
       {"s3:GetObject", "arn:aws:s3:::b/k", {{"aws:PrincipalTag/team", "a"}}}, kConditional},
      {"key not in an open context",
       Allow(R"("*")", R"("*")", R"("Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}})"),
       {"s3:GetObject", "arn:aws:s3:::b/k", {}, {}, {}, /*open=*/true}, kConditional},
      {"key present with an unknown value",
       Allow(R"("*")", R"("*")", R"("Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}})"),
       {"s3:GetObject", "arn:aws:s3:::b/k", {}, {}, {"aws:SourceIp"}}, kConditional},
      {"Null:false on a key present with an unknown value",
       Allow(R"("*")", R"("*")", R"("Condition":{"Null":{"aws:SourceIp":"false"}})"),
       {"s3:GetObject", "arn:aws:s3:::b/k", {}, {}, {"aws:SourceIp"}}, kAllowed},
  });
  // An unknown deny makes an allow conditional, but cannot turn a deny into
  // an allow.
  const std::string maybe_deny = R"({"Statement":[
    {"Sid":"A","Effect":"Allow","Action":"s3:GetObject","Resource":"*"},
    {"Sid":"D","Effect":"Deny","Action":"?","Resource":"*"}]})";
  Evaluation e = EvaluateCase(Policies{{maybe_deny}}, {"s3:GetObject", "arn:aws:s3:::b/k"});
  EXPECT_EQ(e.result.decision, kConditional);
  EXPECT_EQ(e.sids, std::vector<std::string>{"D"});
  EXPECT_EQ(EvaluateCase(Policies{{maybe_deny}}, {"s3:PutObject", "arn:aws:s3:::b/k"}).result.decision,
            kImplicit);
  // Without an Allow the request is denied whatever a Deny's undecided
  // condition does: implicitly, until a context decides the condition.
  const std::string deny_if = R"({"Statement":{"Sid":"D","Effect":"Deny","Action":"s3:*",
    "Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}})";
  EXPECT_EQ(EvaluateCase(Policies{{deny_if}},
                         {"s3:GetObject", "arn:aws:s3:::b/k", {}, {}, {}, /*open=*/true})
                .result.decision,
            kImplicit);
  EXPECT_EQ(EvaluateCase(Policies{{deny_if}},
                         {"s3:GetObject", "arn:aws:s3:::b/k", {{"aws:SourceIp", "10.1.2.3"}}})
                .result.decision,
            kExplicit);
  // A document that could not be resolved may allow anything.
  PolicyReader reader;
  model::PolicyDocument doc = reader.Read(R"({"Statement":[]})");
  doc.known = false;
  CompiledPolicy unresolved = Compile(doc, PolicyKind::kIdentity);
  PolicySet set;
  set.identity.push_back(&unresolved);
  Request req;
  req.principal.arn = kRole;
  req.action = "s3:GetObject";
  req.resource = "arn:aws:s3:::b/k";
  EXPECT_EQ(Evaluate(req, set).decision, kConditional);
}

TEST(EvaluateTest, PolicyVariables) {
  const std::string home = R"({"Version":"2012-10-17","Statement":{"Effect":"Allow",
    "Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:username}/*"}})";
  const std::string home_2008 = R"({"Version":"2008-10-17","Statement":{"Effect":"Allow",
    "Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:username}/*"}})";
  const std::string home_no_version = R"({"Statement":{"Effect":"Allow",
    "Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:username}/*"}})";
  auto in = [](const std::string& key, std::vector<std::pair<std::string, std::string>> keys = {{"aws:username", "alice"}}) {
    return Req{"s3:GetObject", "arn:aws:s3:::b/" + key, std::move(keys)};
  };
  RunRows({
      {"variable substituted", home, in("alice/k"), kAllowed},
      {"another user's folder", home, in("bob/k"), kImplicit},
      {"variable key absent: no match", home, in("alice/k", {}), kImplicit},
      {"variable key unknown", home, Req{"s3:GetObject", "arn:aws:s3:::b/alice/k", {}, {}, {}, true},
       kConditional},
      {"2008-10-17: literal", home_2008, in("alice/k"), kImplicit},
      {"2008-10-17: matches the literal text", home_2008, in("${aws:username}/k"), kAllowed},
      {"no Version: literal", home_no_version, in("${aws:username}/k"), kAllowed},
      {"no Version: not substituted", home_no_version, in("alice/k"), kImplicit},
      {"principal tag",
       Allow(R"("s3:*")", R"("arn:aws:s3:::b/${aws:PrincipalTag/team}/*")"),
       in("red/k", {{"aws:PrincipalTag/team", "red"}}), kAllowed},
      {"${*} is a literal star", Allow(R"("s3:*")", R"("arn:aws:s3:::b/${*}")"), in("*"), kAllowed},
      {"${*} is not a wildcard", Allow(R"("s3:*")", R"("arn:aws:s3:::b/${*}")"), in("x"), kImplicit},
      {"${?} and ${$}", Allow(R"("s3:*")", R"("arn:aws:s3:::b/${?}${$}")"), in("?$"), kAllowed},
      {"${?} is not a wildcard", Allow(R"("s3:*")", R"("arn:aws:s3:::b/${?}")"), in("x"), kImplicit},
      {"substituted values are literal", home, in("a*/k", {{"aws:username", "a*"}}), kAllowed},
      {"substituted star matches only itself", home, in("ab/k", {{"aws:username", "a*"}}), kImplicit},
      {"default value", Allow(R"("s3:*")", R"("arn:aws:s3:::b/${aws:username, 'anon'}/*")"),
       in("anon/k", {}), kAllowed},
      {"variable in a condition",
       Allow(R"("s3:ListBucket")", R"("*")",
             R"("Condition":{"StringLike":{"s3:prefix":"${aws:username}/*"}})"),
       Req{"s3:ListBucket", "arn:aws:s3:::b", {{"aws:username", "alice"}, {"s3:prefix", "alice/x"}}},
       kAllowed},
      {"variable in a condition, other user",
       Allow(R"("s3:ListBucket")", R"("*")",
             R"("Condition":{"StringLike":{"s3:prefix":"${aws:username}/*"}})"),
       Req{"s3:ListBucket", "arn:aws:s3:::b", {{"aws:username", "bob"}, {"s3:prefix", "alice/x"}}},
       kImplicit},
      {"request-derived key: principal account",
       Allow(R"("s3:*")", R"("arn:aws:s3:::b/${aws:PrincipalAccount}/*")"),
       in("111122223333/k", {}), kAllowed},
  });
}

// AWS: within an account, a resource-based policy that grants the role
// session (or the IAM user) itself is not limited by an implicit deny in the
// permissions boundary. "*", and a NotPrincipal that leaves the caller out,
// name the calling session itself; a grant to the role ARN stays bounded.
TEST(EvaluateTest, EveryoneGrantsAreNotLimitedByTheBoundary) {
  const std::string kms_only = Allow(R"("kms:Encrypt")", R"("*")");
  auto bucket = [](const std::string& principal) {
    return R"({"Version":"2012-10-17","Statement":{"Sid":"R","Effect":"Allow",)" + principal +
           R"(,"Action":"*","Resource":"*"}})";
  };
  const Req list{"s3:ListBucket", "arn:aws:s3:::b"};
  auto decide = [&](const std::string& resource) {
    Policies in{{}, resource};
    in.boundary = kms_only;
    return EvaluateCase(in, list).result.decision;
  };
  EXPECT_EQ(decide(bucket(R"("Principal":"*")")), kAllowed);
  EXPECT_EQ(decide(bucket(R"("Principal":{"AWS":"*"})")), kAllowed);
  EXPECT_EQ(decide(bucket(R"("NotPrincipal":{"AWS":"arn:aws:iam::111122223333:role/other"})")),
            kAllowed);
  EXPECT_EQ(decide(bucket(R"("Principal":{"AWS":"arn:aws:iam::111122223333:role/fn"})")),
            kImplicit);
  EXPECT_EQ(decide(bucket(R"("NotPrincipal":{"AWS":"arn:aws:iam::111122223333:role/fn"})")),
            kImplicit);
  // The session policy still limits it.
  Policies in{{}, bucket(R"("Principal":"*")")};
  in.session = kms_only;
  EXPECT_EQ(EvaluateCase(in, list).result.decision, kImplicit);
}

// AWS: variables are substituted only in an ARN's resource part; elsewhere
// ${...} is literal text.
TEST(EvaluateTest, VariablesOnlyInTheResourcePart) {
  RunRows({
      {"variable in the account part is literal",
       Allow(R"("lambda:InvokeFunction")",
             R"("arn:aws:lambda:us-east-1:${aws:PrincipalAccount}:function:blue-fn")"),
       {"lambda:InvokeFunction", "arn:aws:lambda:us-east-1:111122223333:function:blue-fn"},
       kImplicit},
      {"variable in the region part is literal",
       Allow(R"("sqs:SendMessage")", R"("arn:aws:sqs:${aws:username}:111122223333:q")"),
       {"sqs:SendMessage", "arn:aws:sqs:alice:111122223333:q", {{"aws:username", "alice"}}},
       kImplicit},
      {"variable in the resource part is substituted",
       Allow(R"("lambda:InvokeFunction")",
             R"("arn:aws:lambda:us-east-1:111122223333:function:${aws:username}-fn")"),
       {"lambda:InvokeFunction", "arn:aws:lambda:us-east-1:111122223333:function:alice-fn",
        {{"aws:username", "alice"}}},
       kAllowed},
      {"only the resource part is substituted",
       Allow(R"("lambda:InvokeFunction")",
             R"("arn:aws:lambda:us-east-1:${aws:PrincipalAccount}:function:${aws:username}-fn")"),
       {"lambda:InvokeFunction", "arn:aws:lambda:us-east-1:111122223333:function:alice-fn",
        {{"aws:username", "alice"}}},
       kImplicit},
      {"Arn condition: variable in the account part is literal",
       Allow(R"("*")", R"("*")",
             R"("Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:sns:us-east-1:${aws:PrincipalAccount}:*"}})"),
       {"s3:GetObject", "arn:aws:s3:::b/k",
        {{"aws:SourceArn", "arn:aws:sns:us-east-1:111122223333:topic"}}},
       kImplicit},
      {"Arn condition: variable in the resource part is substituted",
       Allow(R"("*")", R"("*")",
             R"("Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:sns:us-east-1:*:${aws:username}"}})"),
       {"s3:GetObject", "arn:aws:s3:::b/k",
        {{"aws:SourceArn", "arn:aws:sns:us-east-1:111122223333:alice"}, {"aws:username", "alice"}}},
       kAllowed},
  });
}

// AWS: "The NotPrincipal element with a Deny effect will always deny any IAM
// principal that has a permissions boundary policy attached, regardless of
// the values specified in the NotPrincipal element."
TEST(EvaluateTest, DenyNotPrincipalAlwaysDeniesABoundedCaller) {
  const std::string trust = R"({"Version":"2012-10-17","Statement":[
    {"Sid":"A","Effect":"Allow","Principal":{"AWS":"arn:aws:sts::111122223333:assumed-role/fn/s1"},
     "Action":"sts:AssumeRole"},
    {"Sid":"D","Effect":"Deny","NotPrincipal":{"AWS":"111122223333"},"Action":"sts:Assu?eRole"}]})";
  const Req assume{"sts:AssumeRole", "arn:aws:iam::111122223333:role/target"};
  Policies in{{Allow(R"("*")", R"("*")")}, trust, ResourcePolicyMode::kExplicitAllowRequired};
  EXPECT_EQ(EvaluateCase(in, assume).result.decision, kAllowed);
  in.boundary = Allow(R"("*")", R"("*")");
  Evaluation e = EvaluateCase(in, assume);
  EXPECT_EQ(e.result.decision, kExplicit);
  EXPECT_EQ(e.sids, std::vector<std::string>{"D"});
}

// A variable whose key is absent (and has no default) makes its entry match
// neither way: a Deny with NotResource or a negated operator does not then
// deny everything, while the other entries of a list still match.
TEST(EvaluateTest, MissingVariableMatchesNeitherWay) {
  const std::string not_resource = R"({"Version":"2012-10-17","Statement":[
    {"Sid":"A","Effect":"Allow","Action":"*","Resource":"*"},
    {"Sid":"D","Effect":"Deny","Action":"lambda:InvokeFunction",
     "NotResource":"arn:aws:lambda:us-east-1:111122223333:function:${aws:PrincipalTag/team}-fn"}]})";
  const std::string not_equals = R"({"Version":"2012-10-17","Statement":[
    {"Sid":"A","Effect":"Allow","Action":"*","Resource":"*"},
    {"Sid":"D","Effect":"Deny","Action":"*","Resource":"*","Condition":
     {"ForAnyValue:StringNotEquals":{"aws:username":"${aws:PrincipalTag/team}"}}}]})";
  const std::string invoke = "arn:aws:lambda:us-east-1:111122223333:function:blue-fn";
  RunRows({
      {"NotResource, tag absent", not_resource, {"lambda:InvokeFunction", invoke}, kAllowed},
      {"NotResource, tag absent, another service", not_resource,
       {"lambda:InvokeFunction", "arn:aws:sqs:us-east-1:111122223333:blue-fn"}, kExplicit},
      {"NotResource, other team", not_resource,
       {"lambda:InvokeFunction", invoke, {{"aws:PrincipalTag/team", "red"}}}, kExplicit},
      {"NotResource, own team", not_resource,
       {"lambda:InvokeFunction", invoke, {{"aws:PrincipalTag/team", "blue"}}}, kAllowed},
      {"negated operator, tag absent", not_equals,
       {"s3:GetObject", "arn:aws:s3:::b/k", {{"aws:username", "alice"}}}, kAllowed},
      {"negated operator, tag differs", not_equals,
       {"s3:GetObject", "arn:aws:s3:::b/k",
        {{"aws:username", "alice"}, {"aws:PrincipalTag/team", "red"}}}, kExplicit},
      {"Resource list: the other entries still match",
       Allow(R"("lambda:InvokeFunction")",
             R"(["arn:aws:lambda:us-east-1:111122223333:function:${aws:PrincipalTag/team}-fn",)"
             R"("arn:aws:lambda:us-east-1:111122223333:function:blue-fn"])"),
       {"lambda:InvokeFunction", invoke}, kAllowed},
      {"condition values: the other values still match",
       Allow(R"("*")", R"("*")",
             R"("Condition":{"StringLike":{"aws:username":["${aws:PrincipalTag/team}","alice"]}})"),
       {"s3:GetObject", "arn:aws:s3:::b/k", {{"aws:username", "alice"}}}, kAllowed},
  });
}

// A caller that knows how each statement covers the action gives
// ActionApplies' answers in the request: the identity policies' statements,
// then the boundary's, in order. Evaluate uses them instead of the Action
// entries, and ignores a list of the wrong length.
TEST(EvaluateTest, ActionAppliesFromTheRequest) {
  PolicyReader reader;
  model::PolicyDocument identity = reader.Read(R"({"Version":"2012-10-17","Statement":[
    {"Sid":"A","Effect":"Allow","Action":"s3:GetObject","Resource":"*"},
    {"Sid":"D","Effect":"Deny","Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*"}]})");
  model::PolicyDocument boundary = reader.Read(Allow(R"("s3:*")", R"("*")"));
  CompiledPolicy compiled_identity = Compile(identity, PolicyKind::kIdentity);
  CompiledPolicy compiled_boundary = Compile(boundary, PolicyKind::kBoundary);
  PolicySet set;
  set.identity.push_back(&compiled_identity);
  set.boundary = &compiled_boundary;
  Request req;
  req.principal.arn = kRole;
  req.action = "s3:GetObject";
  req.resource = "arn:aws:s3:::b/k";
  auto decide = [&](std::vector<Tri> applies) {
    req.action_applies = applies;
    return std::string(DecisionName(Evaluate(req, set).decision));
  };
  EXPECT_EQ(decide({}), "allowed");
  EXPECT_EQ(decide({Tri::kTrue, Tri::kFalse, Tri::kTrue}), "allowed");
  // As for s3:PutObject: the Deny applies.
  EXPECT_EQ(decide({Tri::kFalse, Tri::kTrue, Tri::kTrue}), "explicitly denied");
  // The boundary's statement does not cover it.
  EXPECT_EQ(decide({Tri::kTrue, Tri::kFalse, Tri::kFalse}), "implicitly denied");
  EXPECT_EQ(decide({Tri::kUnknown, Tri::kFalse, Tri::kTrue}), "conditional");
  // One entry short: the Action entries decide.
  EXPECT_EQ(decide({Tri::kFalse, Tri::kFalse}), "allowed");
}

}  // namespace
}  // namespace fnwarden::analysis::iam
