#include "analysis/iam/caller_keys.h"

#include <gtest/gtest.h>

#include <string_view>

namespace fnwarden::analysis::iam {
namespace {

TEST(CallerKeysTest, NetworksSourcesAndOrganizationsAreAbsentForBoth) {
  for (std::string_view key :
       {"aws:sourcevpc", "aws:sourcevpce", "aws:sourcevpcarn", "aws:vpcsourceip", "aws:sourcearn",
        "aws:sourceaccount", "aws:sourceowner", "aws:sourceorgid", "aws:sourceorgpaths",
        "aws:principalorgid", "aws:principalorgpaths", "aws:calledvia", "aws:calledviafirst",
        "aws:calledvialast"}) {
    EXPECT_TRUE(AbsentFor(Caller::kOutsider, key)) << key;
    EXPECT_TRUE(AbsentFor(Caller::kAnonymous, key)) << key;
  }
}

// An outsider has a principal (the engine answers aws:PrincipalArn and
// aws:PrincipalAccount from the request); an anonymous caller has none.
TEST(CallerKeysTest, PrincipalKeysAreAbsentForAnAnonymousCallerOnly) {
  for (std::string_view key :
       {"aws:principalarn", "aws:principalaccount", "aws:principaltag/team", "aws:username",
        "aws:federatedprovider", "aws:tokenissuetime", "aws:multifactorauthpresent",
        "aws:multifactorauthage", "aws:sourceidentity"}) {
    EXPECT_FALSE(AbsentFor(Caller::kOutsider, key)) << key;
    EXPECT_TRUE(AbsentFor(Caller::kAnonymous, key)) << key;
  }
  EXPECT_TRUE(AbsentFor(Caller::kOutsider, "aws:userid"));
  EXPECT_FALSE(AbsentFor(Caller::kAnonymous, "aws:userid"));  // "anonymous"
}

TEST(CallerKeysTest, KeysEveryRequestCarries) {
  for (std::string_view key : {"aws:sourceip", "aws:securetransport", "aws:currenttime",
                               "aws:requestedregion", "lambda:functionurlauthtype"}) {
    EXPECT_FALSE(AbsentFor(Caller::kOutsider, key)) << key;
    EXPECT_FALSE(AbsentFor(Caller::kAnonymous, key)) << key;
  }
  // A prefix entry matches only what it is a prefix of, and only lower case.
  EXPECT_FALSE(AbsentFor(Caller::kAnonymous, "aws:principaltag"));
  EXPECT_FALSE(AbsentFor(Caller::kOutsider, "aws:SourceVpce"));
  EXPECT_FALSE(AbsentFor(Caller::kOutsider, "aws:sourcevpce/x"));
}

}  // namespace
}  // namespace fnwarden::analysis::iam
