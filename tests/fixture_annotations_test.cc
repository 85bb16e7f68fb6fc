#include "fixture_annotations.h"

#include <gtest/gtest.h>

namespace fnwarden::testing {
namespace {

TEST(FixtureAnnotationsTest, TrailingAndStandaloneTargets) {
  std::vector<std::string> errors;
  auto a = ParseInlineAnnotations(
      "Resources:\n"
      "  Fn:   # fnwarden: expect FNW-CFG-003\n"
      "    # fnwarden: ok FNW-CFG-001, FNW-CFG-002\n"
      "\n"
      "    # a comment\n"
      "    Runtime: python3.12\n",
      &errors);
  ASSERT_TRUE(errors.empty());
  ASSERT_EQ(a.size(), 3u);
  EXPECT_EQ(a[0].kind, AnnotationKind::kExpect);
  EXPECT_EQ(a[0].rule_id, "FNW-CFG-003");
  EXPECT_EQ(a[0].line, 2u);
  EXPECT_EQ(a[1].kind, AnnotationKind::kOk);
  EXPECT_EQ(a[1].line, 6u);
  EXPECT_EQ(a[2].rule_id, "FNW-CFG-002");
  EXPECT_EQ(a[2].source_line, 3u);
}

TEST(FixtureAnnotationsTest, MalformedAnnotationsAreErrors) {
  std::vector<std::string> errors;
  ParseInlineAnnotations("a: 1 # fnwarden: expected FNW-CFG-003\nb: 2 # fnwarden: ok\n",
                         &errors);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0], "line 1: expected '# fnwarden: expect|ok|todo-expect|todo-ok RULE-ID'");
  errors.clear();
  ParseInlineAnnotations("a: 1\n# fnwarden: expect FNW-CFG-003\n", &errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0], "line 2: annotation with no code after it");
}

TEST(FixtureAnnotationsTest, Sidecar) {
  std::vector<std::string> errors;
  auto a = ParseSidecarAnnotations("# comment\nexpect FNW-ENC-001 12\ntodo-ok FNW-ENC-001 20\nbad\n",
                                   &errors);
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0].line, 12u);
  EXPECT_EQ(a[1].kind, AnnotationKind::kTodoOk);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0], "sidecar line 4: expected 'expect|ok|todo-expect|todo-ok RULE-ID LINE'");
}

}  // namespace
}  // namespace fnwarden::testing
