// The shared reader of policy documents written as data.
#include "load/policy.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "load/syntax/node.h"

namespace fnwarden::load {
namespace {

struct Parsed {
  std::unique_ptr<util::SourceFile> file;
  std::unique_ptr<syntax::Document> doc;
  util::DiagnosticSink diags;
};

std::unique_ptr<Parsed> Parse(std::string text, bool json) {
  auto p = std::make_unique<Parsed>();
  p->file = std::make_unique<util::SourceFile>(json ? "p.json" : "p.yaml", std::move(text));
  p->doc = json ? syntax::ParseJson(p->file.get(), syntax::ParseLimits{}, &p->diags)
                : syntax::ParseYaml(p->file.get(), syntax::ParseLimits{}, &p->diags);
  return p;
}

TEST(PolicyReader, EveryShapeOfAStatement) {
  auto p = Parse(R"({"Version": "2012-10-17", "Statement": {
      "Effect": "Allow", "NotAction": "iam:*", "Resource": ["arn:aws:s3:::b/*", "*"],
      "Condition": {"Bool": {"aws:SecureTransport": true}}}})",
                 true);
  model::PolicyDocument doc;
  ASSERT_TRUE(ReadPolicyFile(*p->doc, "p", &doc, &p->diags));
  ASSERT_EQ(doc.statements.size(), 1u);
  const model::Statement& s = doc.statements[0];
  EXPECT_TRUE(s.not_action);
  ASSERT_EQ(s.actions.size(), 1u);
  EXPECT_EQ(s.actions[0].value, "iam:*");
  EXPECT_EQ(s.resources.size(), 2u);
  ASSERT_EQ(s.conditions.size(), 1u);
  EXPECT_EQ(s.conditions[0].values[0].value, "true");
  EXPECT_EQ(s.loc.line, 1u);
}

TEST(PolicyReader, AwsCliWrappersAreUnwrapped) {
  auto p = Parse(R"({"PolicyVersion": {"Document": {"Statement": [
      {"Effect": "Deny", "Action": ["s3:*"], "Resource": "*"}]}}})",
                 true);
  model::PolicyDocument doc;
  ASSERT_TRUE(ReadPolicyFile(*p->doc, "p", &doc, &p->diags));
  ASSERT_EQ(doc.statements.size(), 1u);
  EXPECT_TRUE(doc.statements[0].effect.Is(model::Effect::kDeny));
}

TEST(PolicyReader, NothingIsEvaluated) {
  auto p = Parse(
      "Statement:\n  - Effect: Allow\n    Action: s3:GetObject\n"
      "    Resource: !Sub arn:aws:s3:::${Bucket}/*\n",
      false);
  model::PolicyDocument doc;
  ASSERT_TRUE(ReadPolicyFile(*p->doc, "p", &doc, &p->diags));
  ASSERT_EQ(doc.statements.size(), 1u);
  ASSERT_EQ(doc.statements[0].resources.size(), 1u);
  EXPECT_TRUE(doc.statements[0].resources[0].unknown());
}

TEST(PolicyReader, NotAPolicyIsAnErrorAtThePlace) {
  auto p = Parse("{\"Version\": \"2012-10-17\"}", true);
  model::PolicyDocument doc;
  EXPECT_FALSE(ReadPolicyFile(*p->doc, "p", &doc, &p->diags));
  ASSERT_TRUE(p->diags.has_errors());
  EXPECT_NE(util::RenderHeadline(p->diags.Sorted()[0]).find("p.json:1:1"), std::string::npos);
  auto empty = Parse("", true);
  EXPECT_FALSE(ReadPolicyFile(*empty->doc, "p", &doc, &empty->diags));
}

}  // namespace
}  // namespace fnwarden::load
