#include "analysis/secrets.h"

#include <gtest/gtest.h>

#include <string>

namespace fnwarden::analysis {
namespace {

TEST(ShannonEntropyTest, KnownValues) {
  EXPECT_DOUBLE_EQ(ShannonEntropy(""), 0.0);
  EXPECT_DOUBLE_EQ(ShannonEntropy("aaaa"), 0.0);
  EXPECT_DOUBLE_EQ(ShannonEntropy("ab"), 1.0);
  EXPECT_DOUBLE_EQ(ShannonEntropy("abcd"), 2.0);
  EXPECT_DOUBLE_EQ(ShannonEntropy("0123456789abcdef"), 4.0);
}

TEST(SecretLikeNameTest, SecretNames) {
  for (const char* name : {"DB_PASSWORD", "password", "dbPassword", "API_KEY", "stripe-api-key",
                           "CLIENT_SECRET", "GITHUB_TOKEN", "PRIVATE_KEY", "AWS_SECRET_ACCESS_KEY",
                           "ServiceCredentials", "DB_PWD", "jwt.signing.key"}) {
    EXPECT_TRUE(IsSecretLikeName(name)) << name;
  }
}

TEST(SecretLikeNameTest, OrdinaryAndPointerNames) {
  for (const char* name : {"TABLE_NAME", "LOG_LEVEL", "PWD", "SECRET_ARN", "DB_SECRET_NAME",
                           "TOKEN_TTL", "API_KEY_PARAMETER", "secretArn", "PASSWORD_MIN_LENGTH",
                           "AUTH_TOKEN_URL", "KEYWORDS", "SECRETS_EXTENSION_HTTP_PORT_TIMEOUT",
                           "SecretsManagerSecretForMQ", "SSM_DB_PASSWORD", "DbPasswordSsm"}) {
    EXPECT_FALSE(IsSecretLikeName(name)) << name;
  }
}

TEST(SecretStoreReferenceTest, ArnsAndDynamicReferences) {
  EXPECT_TRUE(IsSecretStoreReference(
      "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf"));
  EXPECT_TRUE(IsSecretStoreReference("arn:aws-us-gov:ssm:us-gov-west-1:123456789012:parameter/x"));
  EXPECT_TRUE(IsSecretStoreReference("{{resolve:secretsmanager:prod/db:SecretString:password}}"));
  EXPECT_FALSE(IsSecretStoreReference("arn:aws:s3:::orders-bucket"));
  EXPECT_FALSE(IsSecretStoreReference("secretsmanager"));
}

struct FormatCase {
  const char* value;
  const char* kind;  // nullptr: no match
};

class TokenFormatTest : public ::testing::TestWithParam<FormatCase> {};

TEST_P(TokenFormatTest, Classifies) {
  const FormatCase& c = GetParam();
  auto m = FindTokenFormat(c.value);
  if (c.kind == nullptr) {
    EXPECT_FALSE(m.has_value()) << c.value << " matched as " << m->kind;
  } else {
    ASSERT_TRUE(m.has_value()) << c.value;
    EXPECT_EQ(m->kind, c.kind);
    EXPECT_TRUE(m->by_format);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Formats, TokenFormatTest,
    ::testing::Values(
        FormatCase{"AKIA2E0A8F3B244C9986", "an AWS access key ID"},
        FormatCase{"ASIAY34FZKBOKMUTVV7A", "an AWS access key ID"},
        FormatCase{"AKIAIOSFODNN7EXAMPLE", nullptr},   // AWS documentation placeholder
        FormatCase{"AKIA2E0A8F3B244C99861", nullptr},  // too long: not a key ID
        FormatCase{"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", "a GitHub token"},
        FormatCase{"github_pat_11ABCDEFG0abcdefghijkl_mnopqrstuvwxyz0123456789",
                   "a GitHub fine-grained token"},
        FormatCase{"xoxb-263594206564-2343594206574-FGqddMF8t08v8N7Oq4i57vs1", "a Slack token"},
        FormatCase{"https://hooks.slack.com/services/T0ABCDEF1/B0ABCDEF2/q1w2e3r4t5y6u7i8o9p0a1s2",
                   "a Slack webhook URL"},
        FormatCase{"sk_live_4eC39HqLyjWDarjtT1zdp7dc", "a Stripe live key"},
        FormatCase{"sk_test_4eC39HqLyjWDarjtT1zdp7dc", nullptr},  // test-mode key
        FormatCase{"AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY", "a Google API key"},
        FormatCase{"-----BEGIN RSA PRIVATE KEY-----\nMIIEow...", "a private key"},
        FormatCase{"-----BEGIN PUBLIC KEY-----", nullptr},
        FormatCase{"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0."
                   "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
                   "a JSON Web Token"},
        FormatCase{"postgres://app:s3cr3tPassw0rd@db.internal:5432/orders", "credentials in a URL"},
        FormatCase{"postgres://app:${DB_PASSWORD}@db.internal:5432/orders", nullptr},
        FormatCase{"https://api.example.com/v1/orders", nullptr},
        FormatCase{"Server=db;User Id=app;Password=hunter22;", "a password in a connection string"},
        FormatCase{"Password=<password>", nullptr}, FormatCase{"orders", nullptr},
        FormatCase{"INFO", nullptr}));

TEST(ClassifySecretTest, HighEntropyUnderSecretName) {
  auto m = ClassifySecret("API_KEY", "9fK2xQ7mZp4Lw8Rt6Vb3Nc1Hd5Sj0Ga");
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->kind, "a high-entropy value");
  EXPECT_FALSE(m->by_format);
  // A 40-character hexadecimal token.
  EXPECT_TRUE(
      ClassifySecret("WEBHOOK_SECRET", "3f9a1c0e7b2d4f6a8c5e1b3d7f9a2c4e6b8d0f1a").has_value());
}

TEST(ClassifySecretTest, HighEntropyUnderOrdinaryNameIsQuiet) {
  EXPECT_FALSE(ClassifySecret("BUILD_ID", "9fK2xQ7mZp4Lw8Rt6Vb3Nc1Hd5Sj0Ga").has_value());
}

TEST(ClassifySecretTest, OrdinaryValuesUnderSecretNamesAreQuiet) {
  EXPECT_FALSE(ClassifySecret("DB_PASSWORD", "changeme").has_value());  // too short
  EXPECT_FALSE(
      ClassifySecret("SECRET_KEY", "aaaaaaaaaaaaaaaaaaaaaaaaaaaa").has_value());  // low entropy
  EXPECT_FALSE(ClassifySecret("API_TOKEN", "Set this in the console before deploying").has_value());
  EXPECT_FALSE(ClassifySecret("AUTH_TOKEN", "https://auth.example.com/oauth2/token").has_value());
  EXPECT_FALSE(ClassifySecret("DB_PASSWORD",
                              "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf")
                   .has_value());
}

TEST(ClassifySecretTest, TokenFormatFiresWhateverTheName) {
  auto m = ClassifySecret("CONFIG", "AKIA2E0A8F3B244C9986");
  ASSERT_TRUE(m.has_value());
  EXPECT_TRUE(m->by_format);
}

TEST(ClassifySecretTest, DynamicReferenceIsQuietEvenWithATokenShape) {
  EXPECT_FALSE(ClassifySecret("TOKEN", "{{resolve:ssm-secure:/prod/ghp_token}}").has_value());
}

}  // namespace
}  // namespace fnwarden::analysis
