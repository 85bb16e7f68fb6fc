#include "analysis/iam/match.h"

#include <gtest/gtest.h>

namespace fnwarden::analysis::iam {
namespace {

TEST(MatchTest, Glob) {
  struct Row {
    const char* pattern;
    const char* text;
    bool match;
  };
  for (const Row& r : {Row{"*", "", true}, Row{"*", "abc", true}, Row{"a*c", "abbbc", true},
                       Row{"a*c", "abbb", false}, Row{"a?c", "abc", true}, Row{"a?c", "ac", false},
                       Row{"*a*b*", "xxaxxbxx", true}, Row{"ab", "AB", false},
                       Row{"a\\*", "a*", true}, Row{"a\\*", "ab", false}, Row{"a\\?", "a?", true},
                       Row{"a\\\\b", "a\\b", true}, Row{"**", "x", true}, Row{"", "", true},
                       Row{"", "x", false}}) {
    EXPECT_EQ(GlobMatch(r.pattern, r.text), r.match) << r.pattern << " vs " << r.text;
  }
  EXPECT_TRUE(HasWildcard("a*"));
  EXPECT_FALSE(HasWildcard("a\\*"));
  EXPECT_EQ(EscapePattern("a\\b*"), "a\\\\b*");
}

TEST(MatchTest, Arns) {
  ArnParts p = SplitArn("arn:aws:lambda:us-east-1:111122223333:function:f:1");
  ASSERT_TRUE(p.valid);
  EXPECT_EQ(p.part[2], "lambda");
  EXPECT_EQ(p.part[4], "111122223333");
  EXPECT_EQ(p.part[5], "function:f:1");
  EXPECT_FALSE(SplitArn("arn:aws:s3::bucket").valid);
  EXPECT_FALSE(SplitArn("*").valid);
  EXPECT_TRUE(ArnMatch("*", "anything"));
  EXPECT_TRUE(ArnMatch("arn:aws:s3:::b/*", "arn:aws:s3:::b/x/y"));
  EXPECT_FALSE(ArnMatch("arn:aws:s3:::b/*", "arn:aws:s3:::b"));
  EXPECT_FALSE(ArnMatch("arn:aws:*:function:f", "arn:aws:lambda:r:1:function:f"));
  EXPECT_TRUE(ArnMatch("arn:*:lambda:*:*:function:*", "arn:aws-cn:lambda:r:1:function:f:2"));
  EXPECT_FALSE(ArnMatch("arn:aws:s3:::*", "*"));
  EXPECT_TRUE(ArnMatch("*", "*"));
}

class FakeKeys : public KeySource {
 public:
  KeyValues Get(std::string_view key) const override {
    KeyValues v;
    if (key == "aws:username") {
      v.state = KeyState::kPresent;
      v.one = "al*ce";
    } else if (key == "aws:sourceip") {
      v.state = KeyState::kUnknown;
    }
    return v;
  }
};

TEST(MatchTest, Substitute) {
  FakeKeys keys;
  std::string out;
  EXPECT_EQ(Substitute("home/${aws:username}/*", keys, true, &out), Tri::kTrue);
  EXPECT_EQ(out, "home/al\\*ce/*");
  EXPECT_EQ(Substitute("home/${aws:username}/*", keys, false, &out), Tri::kTrue);
  EXPECT_EQ(out, "home/al*ce/*");
  EXPECT_EQ(Substitute("${AWS:UserName}", keys, false, &out), Tri::kTrue);
  EXPECT_EQ(out, "al*ce");
  EXPECT_EQ(Substitute("x${*}${?}${$}", keys, true, &out), Tri::kTrue);
  EXPECT_EQ(out, "x\\*\\?$");
  EXPECT_EQ(Substitute("${aws:userid}", keys, false, &out), Tri::kFalse);
  EXPECT_EQ(Substitute("${aws:userid, 'none'}", keys, false, &out), Tri::kTrue);
  EXPECT_EQ(out, "none");
  EXPECT_EQ(Substitute("${aws:SourceIp}", keys, false, &out), Tri::kUnknown);
  EXPECT_EQ(Substitute("no variables", keys, false, &out), Tri::kTrue);
  EXPECT_EQ(out, "no variables");
  EXPECT_EQ(Substitute("unclosed ${aws:username", keys, false, &out), Tri::kTrue);
  EXPECT_EQ(out, "unclosed ${aws:username");
}

TEST(MatchTest, TriLogic) {
  EXPECT_EQ(And(Tri::kTrue, Tri::kUnknown), Tri::kUnknown);
  EXPECT_EQ(And(Tri::kFalse, Tri::kUnknown), Tri::kFalse);
  EXPECT_EQ(Or(Tri::kTrue, Tri::kUnknown), Tri::kTrue);
  EXPECT_EQ(Or(Tri::kFalse, Tri::kUnknown), Tri::kUnknown);
  EXPECT_EQ(Not(Tri::kUnknown), Tri::kUnknown);
  EXPECT_EQ(Not(Tri::kTrue), Tri::kFalse);
}

}  // namespace
}  // namespace fnwarden::analysis::iam
