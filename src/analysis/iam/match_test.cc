#include "analysis/iam/match.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "analysis/iam/catalog.h"
#include "util/strings.h"

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

TEST(MatchTest, ShapeOverlaps) {
  const std::string any = std::string(1, kAnyText), seg = std::string(1, kAnySegment);
  struct Row {
    std::string pattern, shape;
    bool overlap;
  };
  for (const Row& r :
       {Row{"orders", "orders", true}, Row{"orders", "order", false}, Row{"*", seg, true},
        Row{"a/b", seg, false}, Row{"a/b", any, true}, Row{"*/*", "secret:" + seg, false},
        Row{"*/*", "secret:" + any, true}, Row{"prod/db-*", "secret:" + any, false},
        Row{"secret:prod/db-*", "secret:" + any, true}, Row{"b/*", seg + "/" + any, true},
        Row{"b", seg + "/" + any, false}, Row{"b/x/*", seg, false}, Row{"?", seg, true},
        Row{"?", "", false}, Row{"", any, true}, Row{"a*c", "a" + seg + "c", true},
        Row{"a*/c", "a" + seg + "c", false}}) {
    EXPECT_EQ(ShapeOverlaps(r.pattern, r.shape), r.overlap) << r.pattern;
  }
  EXPECT_TRUE(ArnShapeOverlaps("*", "arn:aws:s3:::" + seg));
  EXPECT_FALSE(ArnShapeOverlaps("arn:aws:s3:::b", "*"));
  // Wildcards in the first five parts do not span colons.
  EXPECT_FALSE(ArnShapeOverlaps("arn:aws:*:function:f", "arn:aws:lambda:r:1:function:f"));
}

TEST(MatchTest, ArnFormats) {
  const char* kBucket = "arn:${Partition}:s3:::${BucketName}";
  const char* kObject = "arn:${Partition}:s3:::${BucketName}/${ObjectName}";
  const char* kSecret = "arn:${Partition}:secretsmanager:${Region}:${Account}:secret:${SecretId}";
  struct Row {
    const char* pattern;
    const char* format;
    bool overlap;
  };
  for (const Row& r : {
           Row{"arn:aws:s3:::orders", kBucket, true},
           Row{"arn:aws:s3:::orders/*", kBucket, false},
           Row{"arn:aws:s3:::orders/*", kObject, true},
           Row{"arn:aws:s3:::orders", kObject, false},
           Row{"arn:aws:s3:::orders-*", kObject, true},
           Row{"arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf", kSecret,
               true},
           Row{"arn:aws:secretsmanager:us-east-1:123456789012:*/*", kSecret, true},
           Row{"arn:aws:secretsmanager:us-east-1:123456789012:prod/*", kSecret, false},
           Row{"arn:aws:dynamodb:us-east-1:1:table/Orders/index/*",
               "arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}", false},
           // "*" in a format stands for any value.
           Row{"arn:aws:dms:us-east-1:1:cert:ABC",
               "arn:${Partition}:dms:${Region}:${Account}:cert:*", true},
           // Alternatives separated by ", ".
           Row{"arn:aws:lex:us-east-1:1:bot:Orders",
               "arn:${Partition}:lex:${Region}:${Account}:bot/${BotId}, "
               "arn:${Partition}:lex:${Region}:${Account}:bot:${BotName}",
               true},
           Row{"arn:aws:lex:us-east-1:1:intent:Orders",
               "arn:${Partition}:lex:${Region}:${Account}:bot/${BotId}, "
               "arn:${Partition}:lex:${Region}:${Account}:bot:${BotName}",
               false},
       }) {
    EXPECT_EQ(ArnFormatOverlaps(r.pattern, r.format), r.overlap) << r.pattern << " vs " << r.format;
  }
}

// An ARN of `format` (one alternative) with every placeholder filled: a
// value with '/' in it wherever AWS allows one.
std::string ExampleArn(std::string_view format) {
  std::string out;
  size_t i = 0;
  while (i < format.size()) {
    if (format[i] == '*') {
      out += "any/thing";
      ++i;
      continue;
    }
    size_t close = format.substr(i, 2) == "${" ? format.find('}', i) : std::string_view::npos;
    if (close == std::string_view::npos) {
      out.push_back(format[i++]);
      continue;
    }
    std::string_view name = format.substr(i + 2, close - i - 2);
    if (name == "Partition") {
      out += "aws";
    } else if (name == "Region") {
      out += "eu-west-1";
    } else if (name == "Account") {
      out += "111122223333";
    } else {
      out += PlaceholderHasNoSlash(name) ? "name-1" : "team/name-1";
    }
    i = close + 1;
  }
  return out;
}

// Every resource type of the pinned catalog: a policy that names a resource
// of the type by its ARN names it.
TEST(MatchTest, EveryCatalogFormatMatchesItsOwnArns) {
  const Catalog& catalog = Catalog::Get();
  ASSERT_TRUE(catalog.loaded()) << catalog.error();
  std::set<std::string_view> formats;
  for (uint32_t id = 0; id < catalog.action_count(); ++id) {
    for (const ResourceTypeInfo& t : catalog.ResourceTypes(id)) formats.insert(t.arn_pattern);
  }
  ASSERT_GT(formats.size(), 2000u);
  size_t checked = 0;
  for (std::string_view format : formats) {
    for (std::string_view alt : util::Split(format, ',')) {
      while (alt.starts_with(' ')) alt.remove_prefix(1);
      std::string arn = ExampleArn(alt);
      ASSERT_TRUE(ArnFormatOverlaps(arn, format)) << arn << " is not of " << format;
      ++checked;
    }
  }
  EXPECT_GT(checked, formats.size());
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
