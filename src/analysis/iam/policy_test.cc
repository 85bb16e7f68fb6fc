#include "analysis/iam/policy.h"

#include <gtest/gtest.h>

#include <string>

#include "analysis/iam/iam_test_util.h"

namespace fnwarden::analysis::iam {
namespace {

TEST(CompileTest, ActionEntriesAreLowerCasedPatterns) {
  testing::PolicyReader reader;
  model::PolicyDocument doc = reader.Read(
      R"({"Version":"2012-10-17","Statement":{"Effect":"Allow",
          "Action":["S3:GetObject","DynamoDB:Get*","s3:Get?bject","x:A\\B"],"Resource":"*"}})");
  CompiledPolicy p = Compile(doc, PolicyKind::kIdentity);
  ASSERT_EQ(p.statements.size(), 1u);
  const auto& a = p.statements[0].actions;
  ASSERT_EQ(a.size(), 4u);
  EXPECT_EQ(a[0].text, "s3:getobject");
  EXPECT_FALSE(a[0].wildcard);
  EXPECT_EQ(a[1].text, "dynamodb:get*");
  EXPECT_TRUE(a[1].wildcard);
  EXPECT_TRUE(a[2].wildcard);
  EXPECT_EQ(a[3].text, "x:a\\\\b");  // a backslash is literal: doubled in the pattern
  EXPECT_FALSE(a[3].wildcard);
  EXPECT_FALSE(a[0].arn);
}

TEST(CompileTest, ResourceEntriesKeepCaseAndSplitArns) {
  testing::PolicyReader reader;
  model::PolicyDocument doc = reader.Read(
      R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*",
          "Resource":["arn:aws:s3:::Bucket/*","*","not-an-arn\\x"]}})");
  CompiledPolicy p = Compile(doc, PolicyKind::kIdentity);
  const auto& r = p.statements[0].resources;
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].text, "arn:aws:s3:::Bucket/*");
  EXPECT_TRUE(r[0].wildcard);
  ASSERT_TRUE(r[0].arn);
  ArnParts parts = EntryArnParts(r[0]);
  EXPECT_EQ(parts.part[2], "s3");
  EXPECT_EQ(parts.part[5], "Bucket/*");
  EXPECT_EQ(r[1].text, "*");
  EXPECT_TRUE(r[1].wildcard);
  EXPECT_FALSE(r[1].arn);
  EXPECT_EQ(r[2].text, "not-an-arn\\\\x");
  EXPECT_FALSE(r[2].wildcard);
}

}  // namespace
}  // namespace fnwarden::analysis::iam
