#include "analysis/iam/condition.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analysis/iam/eval_test_util.h"

namespace fnwarden::analysis::iam {
namespace {

using namespace testing;  // NOLINT: the table helpers

// An Allow of everything under one condition block.
std::string When(const std::string& condition) {
  return Allow(R"("*")", R"("*")", R"("Condition":)" + condition);
}

Req With(std::vector<std::pair<std::string, std::string>> keys,
         std::vector<std::pair<std::string, std::vector<std::string>>> multi = {}) {
  return Req{"s3:GetObject", "arn:aws:s3:::b/k", std::move(keys), std::move(multi)};
}
const Req kNoKeys = With({});

TEST(ConditionTest, StringOperators) {
  const std::string eq = When(R"({"StringEquals":{"aws:PrincipalTag/team":["red","blue"]}})");
  const std::string ne = When(R"({"StringNotEquals":{"aws:PrincipalTag/team":"red"}})");
  RunRows({
      {"StringEquals match", eq, With({{"aws:PrincipalTag/team", "blue"}}), kAllowed},
      {"StringEquals is case-sensitive", eq, With({{"aws:PrincipalTag/team", "Red"}}), kImplicit},
      {"StringEquals absent key", eq, kNoKeys, kImplicit},
      {"key names are case-insensitive", eq, With({{"AWS:PRINCIPALTAG/TEAM", "red"}}), kAllowed},
      {"StringNotEquals match", ne, With({{"aws:PrincipalTag/team", "blue"}}), kAllowed},
      {"StringNotEquals mismatch", ne, With({{"aws:PrincipalTag/team", "red"}}), kImplicit},
      {"StringNotEquals absent key is true", ne, kNoKeys, kAllowed},
      {"StringEqualsIgnoreCase", When(R"({"StringEqualsIgnoreCase":{"aws:PrincipalTag/t":"RED"}})"),
       With({{"aws:PrincipalTag/t", "red"}}), kAllowed},
      {"StringNotEqualsIgnoreCase", When(R"({"StringNotEqualsIgnoreCase":{"aws:PrincipalTag/t":"RED"}})"),
       With({{"aws:PrincipalTag/t", "red"}}), kImplicit},
      {"StringLike", When(R"({"StringLike":{"s3:prefix":"home/*"}})"), With({{"s3:prefix", "home/a"}}),
       kAllowed},
      {"StringLike ?", When(R"({"StringLike":{"s3:prefix":"a?c"}})"), With({{"s3:prefix", "abbc"}}),
       kImplicit},
      {"StringNotLike", When(R"({"StringNotLike":{"s3:prefix":"home/*"}})"),
       With({{"s3:prefix", "home/a"}}), kImplicit},
      {"StringNotLike absent key is true", When(R"({"StringNotLike":{"s3:prefix":"home/*"}})"),
       kNoKeys, kAllowed},
      {"IfExists absent key", When(R"({"StringEqualsIfExists":{"aws:PrincipalTag/team":"red"}})"),
       kNoKeys, kAllowed},
      {"IfExists present key", When(R"({"StringEqualsIfExists":{"aws:PrincipalTag/team":"red"}})"),
       With({{"aws:PrincipalTag/team", "blue"}}), kImplicit},
      {"keys AND", When(R"({"StringEquals":{"aws:PrincipalTag/a":"1","aws:PrincipalTag/b":"2"}})"),
       With({{"aws:PrincipalTag/a", "1"}, {"aws:PrincipalTag/b", "3"}}), kImplicit},
      {"operators AND", When(R"({"StringEquals":{"aws:PrincipalTag/a":"1"},"StringLike":{"aws:PrincipalTag/b":"2*"}})"),
       With({{"aws:PrincipalTag/a", "1"}, {"aws:PrincipalTag/b", "22"}}), kAllowed},
      {"unknown operator", When(R"({"StringEqualz":{"aws:PrincipalTag/a":"1"}})"),
       With({{"aws:PrincipalTag/a", "1"}}), kConditional},
  });
}

TEST(ConditionTest, TypedOperators) {
  RunRows({
      {"NumericLessThan", When(R"({"NumericLessThan":{"aws:MultiFactorAuthAge":3600}})"),
       With({{"aws:MultiFactorAuthAge", "100"}}), kAllowed},
      {"NumericLessThan false", When(R"({"NumericLessThan":{"aws:MultiFactorAuthAge":"3600"}})"),
       With({{"aws:MultiFactorAuthAge", "3600"}}), kImplicit},
      {"NumericLessThanEquals", When(R"({"NumericLessThanEquals":{"aws:MultiFactorAuthAge":"3600"}})"),
       With({{"aws:MultiFactorAuthAge", "3600.0"}}), kAllowed},
      {"NumericGreaterThan", When(R"({"NumericGreaterThan":{"s3:max-keys":"10"}})"),
       With({{"s3:max-keys", "11"}}), kAllowed},
      {"NumericNotEquals", When(R"({"NumericNotEquals":{"s3:max-keys":"10"}})"),
       With({{"s3:max-keys", "10"}}), kImplicit},
      {"Numeric request value not a number", When(R"({"NumericEquals":{"s3:max-keys":"10"}})"),
       With({{"s3:max-keys", "ten"}}), kImplicit},
      {"DateGreaterThan ISO", When(R"({"DateGreaterThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}})"),
       With({{"aws:CurrentTime", "2024-05-01T10:00:00Z"}}), kAllowed},
      {"DateLessThan epoch request", When(R"({"DateLessThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}})"),
       With({{"aws:CurrentTime", "1500000000"}}), kAllowed},
      {"Date epoch policy", When(R"({"DateGreaterThanEquals":{"aws:EpochTime":1577836800}})"),
       With({{"aws:EpochTime", "2020-01-01T00:00:00Z"}}), kAllowed},
      {"Date with offset", When(R"({"DateEquals":{"aws:CurrentTime":"2020-01-01T02:00:00+02:00"}})"),
       With({{"aws:CurrentTime", "2020-01-01T00:00:00Z"}}), kAllowed},
      {"DateNotEquals", When(R"({"DateNotEquals":{"aws:CurrentTime":"2020-01-01"}})"),
       With({{"aws:CurrentTime", "2020-01-01T00:00:00Z"}}), kImplicit},
      {"Bool", When(R"({"Bool":{"aws:SecureTransport":true}})"), With({{"aws:SecureTransport", "true"}}),
       kAllowed},
      {"Bool false", When(R"({"Bool":{"aws:SecureTransport":"true"}})"),
       With({{"aws:SecureTransport", "false"}}), kImplicit},
      {"Bool absent", When(R"({"Bool":{"aws:SecureTransport":"true"}})"), kNoKeys, kImplicit},
      {"BoolIfExists absent", When(R"({"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}})"),
       kNoKeys, kAllowed},
      {"BinaryEquals", When(R"({"BinaryEquals":{"k:bin":"QmluYXJ5"}})"), With({{"k:bin", "QmluYXJ5"}}),
       kAllowed},
      {"IpAddress v4", When(R"({"IpAddress":{"aws:SourceIp":["10.0.0.0/8","192.168.1.1"]}})"),
       With({{"aws:SourceIp", "10.1.2.3"}}), kAllowed},
      {"IpAddress single address", When(R"({"IpAddress":{"aws:SourceIp":"192.168.1.1"}})"),
       With({{"aws:SourceIp", "192.168.1.2"}}), kImplicit},
      {"IpAddress outside", When(R"({"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}})"),
       With({{"aws:SourceIp", "11.0.0.1"}}), kImplicit},
      {"IpAddress v6", When(R"({"IpAddress":{"aws:SourceIp":"2001:db8::/32"}})"),
       With({{"aws:SourceIp", "2001:db8:1::5"}}), kAllowed},
      {"IpAddress v4 range does not hold v6", When(R"({"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}})"),
       With({{"aws:SourceIp", "2001:db8::1"}}), kImplicit},
      {"NotIpAddress", When(R"({"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}})"),
       With({{"aws:SourceIp", "10.0.0.1"}}), kImplicit},
      {"NotIpAddress absent is true", When(R"({"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}})"), kNoKeys,
       kAllowed},
      {"ArnLike", When(R"({"ArnLike":{"aws:SourceArn":"arn:aws:s3:::b*"}})"),
       With({{"aws:SourceArn", "arn:aws:s3:::bucket"}}), kAllowed},
      {"ArnEquals takes wildcards too", When(R"({"ArnEquals":{"aws:SourceArn":"arn:aws:sns:*:111122223333:t"}})"),
       With({{"aws:SourceArn", "arn:aws:sns:us-east-1:111122223333:t"}}), kAllowed},
      {"ArnLike per part", When(R"({"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:t"}})"),
       With({{"aws:SourceArn", "arn:aws:sns:us-east-1:111122223333:t"}}), kImplicit},
      {"ArnNotLike absent is true", When(R"({"ArnNotLike":{"aws:SourceArn":"arn:aws:s3:::b"}})"), kNoKeys,
       kAllowed},
      {"ArnNotEquals", When(R"({"ArnNotEquals":{"aws:SourceArn":"arn:aws:s3:::b"}})"),
       With({{"aws:SourceArn", "arn:aws:s3:::b"}}), kImplicit},
      {"Null true, absent", When(R"({"Null":{"aws:TokenIssueTime":"true"}})"), kNoKeys, kAllowed},
      {"Null true, present", When(R"({"Null":{"aws:TokenIssueTime":"true"}})"),
       With({{"aws:TokenIssueTime", "2020-01-01"}}), kImplicit},
      {"Null false, present", When(R"({"Null":{"aws:TokenIssueTime":false}})"),
       With({{"aws:TokenIssueTime", "2020-01-01"}}), kAllowed},
      {"Null false, absent", When(R"({"Null":{"aws:TokenIssueTime":"false"}})"), kNoKeys, kImplicit},
      {"Null true, empty set", When(R"({"Null":{"aws:TagKeys":"true"}})"), With({}, {{"aws:TagKeys", {}}}),
       kAllowed},
  });
}

TEST(ConditionTest, SetOperators) {
  const std::string any = When(R"({"ForAnyValue:StringEquals":{"aws:TagKeys":["a","b"]}})");
  const std::string all = When(R"({"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}})");
  const std::string all_not = When(R"({"ForAllValues:StringNotEquals":{"aws:TagKeys":["x"]}})");
  const std::string any_not = When(R"({"ForAnyValue:StringNotLike":{"aws:TagKeys":["a*"]}})");
  auto tags = [](std::vector<std::string> v) { return With({}, {{"aws:TagKeys", std::move(v)}}); };
  RunRows({
      {"ForAnyValue one matches", any, tags({"b", "c"}), kAllowed},
      {"ForAnyValue none matches", any, tags({"c"}), kImplicit},
      {"ForAnyValue empty set", any, tags({}), kImplicit},
      {"ForAnyValue absent key", any, kNoKeys, kImplicit},
      {"ForAllValues all match", all, tags({"a", "b"}), kAllowed},
      {"ForAllValues one does not", all, tags({"a", "c"}), kImplicit},
      {"ForAllValues empty set", all, tags({}), kAllowed},
      {"ForAllValues absent key", all, kNoKeys, kAllowed},
      {"ForAllValues:StringNotEquals", all_not, tags({"a", "b"}), kAllowed},
      {"ForAllValues:StringNotEquals one equal", all_not, tags({"a", "x"}), kImplicit},
      {"ForAnyValue:StringNotLike one differs", any_not, tags({"ab", "c"}), kAllowed},
      {"ForAnyValue:StringNotLike all like", any_not, tags({"ab", "a"}), kImplicit},
      {"ForAnyValue:StringNotLike empty", any_not, tags({}), kImplicit},
      {"single-valued operator on several values: any", When(R"({"StringEquals":{"aws:TagKeys":"b"}})"),
       tags({"a", "b"}), kAllowed},
      {"negated single-valued operator on several values",
       When(R"({"StringNotEquals":{"aws:TagKeys":"b"}})"), tags({"a", "b"}), kImplicit},
      {"ForAllValues with an unknown value", all, Req{"s3:GetObject", "arn:aws:s3:::b/k", {}, {},
                                                      {"aws:TagKeys"}}, kConditional},
  });
}

TEST(ConditionTest, ParseOperator) {
  Operator op = ParseOperator("ForAllValues:StringNotLikeIfExists");
  EXPECT_TRUE(op.valid);
  EXPECT_EQ(op.family, ConditionFamily::kStringLike);
  EXPECT_TRUE(op.negated);
  EXPECT_TRUE(op.if_exists);
  EXPECT_EQ(op.set, SetOperator::kForAllValues);
  EXPECT_FALSE(ParseOperator("NullIfExists").valid);
  EXPECT_FALSE(ParseOperator("stringequals").valid);
  EXPECT_FALSE(ParseOperator("ForSomeValues:StringEquals").valid);
  EXPECT_EQ(ParseOperator("NumericLessThanEquals").comparison, Comparison::kLessEquals);
}

TEST(ConditionTest, ParseValues) {
  int64_t ms = 0;
  ASSERT_TRUE(ParseDate("1970-01-02", &ms));
  EXPECT_EQ(ms, 86400000);
  ASSERT_TRUE(ParseDate("2020-01-01T00:00:00.250Z", &ms));
  EXPECT_EQ(ms, 1577836800250);
  ASSERT_TRUE(ParseDate("1577836800", &ms));
  EXPECT_EQ(ms, 1577836800000);
  EXPECT_FALSE(ParseDate("2020-13-01", &ms));
  EXPECT_FALSE(ParseDate("yesterday", &ms));
  double n = 0;
  EXPECT_TRUE(ParseNumber("-1.5", &n));
  EXPECT_EQ(n, -1.5);
  EXPECT_FALSE(ParseNumber("1e", &n));
  IpRange ip, range;
  ASSERT_TRUE(ParseIp("203.0.113.0/24", true, &range));
  ASSERT_TRUE(ParseIp("203.0.113.77", false, &ip));
  EXPECT_TRUE(IpInRange(ip, range));
  EXPECT_FALSE(ParseIp("203.0.113.0/24", false, &ip));
  EXPECT_FALSE(ParseIp("203.0.113/24", true, &ip));
  EXPECT_FALSE(ParseIp("10.0.0.0/33", true, &ip));
}

}  // namespace
}  // namespace fnwarden::analysis::iam
