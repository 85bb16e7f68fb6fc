#include "analysis/iam/context.h"

#include <gtest/gtest.h>

namespace fnwarden::analysis::iam {
namespace {

TEST(ContextTest, KeysAreCaseInsensitiveAndStoredLowerCase) {
  Context ctx;
  ctx.Set("AWS:SourceIp", "10.0.0.1");
  ctx.Set("aws:sourceip", "10.0.0.2");  // the same key: replaces the value
  ctx.SetMulti("aws:TagKeys", {"a", "b"});
  ASSERT_EQ(ctx.entries().size(), 2u);
  EXPECT_EQ(ctx.entries()[0].key, "aws:sourceip");
  const ContextEntry* ip = ctx.Find("aws:sourceip");
  ASSERT_NE(ip, nullptr);
  ASSERT_EQ(ip->values.size(), 1u);
  EXPECT_EQ(ip->values[0], "10.0.0.2");
  EXPECT_FALSE(ip->multi);
  EXPECT_TRUE(ip->known);
  const ContextEntry* tags = ctx.Find("aws:tagkeys");
  ASSERT_NE(tags, nullptr);
  EXPECT_TRUE(tags->multi);
  EXPECT_EQ(tags->values.size(), 2u);
  EXPECT_EQ(ctx.Find("aws:TagKeys"), nullptr);  // Find takes the lower-cased key
}

TEST(ContextTest, UnknownValuesAndClosing) {
  Context ctx;
  ctx.Set("s3:prefix", "home/");
  ctx.SetUnknown("S3:Prefix", true);
  ASSERT_EQ(ctx.entries().size(), 1u);
  EXPECT_FALSE(ctx.entries()[0].known);
  EXPECT_TRUE(ctx.entries()[0].multi);
  EXPECT_TRUE(ctx.entries()[0].values.empty());
  EXPECT_FALSE(ctx.closed());
  ctx.Close();
  EXPECT_TRUE(ctx.closed());
}

}  // namespace
}  // namespace fnwarden::analysis::iam
