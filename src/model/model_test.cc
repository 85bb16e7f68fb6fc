#include <gtest/gtest.h>

#include "model/finding.h"
#include "model/model.h"
#include "model/value.h"

namespace fnwarden::model {
namespace {

TEST(RuleInfoTest, AreaOfTwoThreeAndFourLetterIds) {
  RuleInfo info;
  info.id = "FNW-CFG-003";
  EXPECT_EQ(info.area(), "CFG");
  info.id = "FNW-IR-001";
  EXPECT_EQ(info.area(), "IR");
  info.id = "FNW-CODE-010";
  EXPECT_EQ(info.area(), "CODE");
  info.id = "bogus";
  EXPECT_EQ(info.area(), "");
}

TEST(ValueTest, ComparisonsOnUnknownAreFalse) {
  String absent;
  EXPECT_FALSE(absent.Is(""));
  String unknown = String::Unknown({});
  EXPECT_FALSE(unknown.Is(""));
  EXPECT_FALSE(unknown.Always([](const std::string&) { return true; }));
  String literal = String::Literal("NONE", {});
  EXPECT_TRUE(literal.Is("NONE"));
  EXPECT_FALSE(literal.Is("AWS_IAM"));
}

TEST(ValueTest, AlwaysHoldsOnlyWhenEveryAlternativeAgrees) {
  String undecided = String::Unknown({});
  undecided.alternatives = {"NONE", "AWS_IAM"};
  EXPECT_FALSE(undecided.Always([](const std::string& v) { return v == "NONE"; }));
  EXPECT_TRUE(undecided.Always([](const std::string& v) { return !v.empty(); }));
}

TEST(SeverityTest, NamesRoundTrip) {
  for (Severity s : {Severity::kInfo, Severity::kLow, Severity::kMedium, Severity::kHigh,
                     Severity::kCritical}) {
    EXPECT_EQ(ParseSeverity(SeverityName(s)), s);
  }
  EXPECT_EQ(ParseSeverity("HIGH"), Severity::kHigh);
  EXPECT_FALSE(ParseSeverity("severe").has_value());
}

TEST(FingerprintTest, IgnoresNothingButItsFourParts) {
  std::string a = Fingerprint("FNW-CFG-003", "app/template.yaml", "Fn", "FunctionUrlConfig");
  EXPECT_EQ(a, Fingerprint("FNW-CFG-003", "app/template.yaml", "Fn", "FunctionUrlConfig"));
  EXPECT_NE(a, Fingerprint("FNW-CFG-003", "app/template.yaml", "Fn2", "FunctionUrlConfig"));
  EXPECT_NE(a, Fingerprint("FNW-CFG-003", "other.yaml", "Fn", "FunctionUrlConfig"));
  EXPECT_EQ(a.size(), 16u);
}

TEST(ModelTest, FindsResourcesOfEveryKindById) {
  Model m;
  m.functions.emplace_back().id = "Fn";
  m.queues.emplace_back().id = "Q";
  m.alarms.emplace_back().id = "Alarm";
  EXPECT_EQ(m.FindFunction("Fn"), &m.functions[0]);
  EXPECT_EQ(m.FindQueue("Q"), &m.queues[0]);
  EXPECT_EQ(m.FindResource("Alarm"), &m.alarms[0]);
  EXPECT_EQ(m.FindResource("Nope"), nullptr);
}

}  // namespace
}  // namespace fnwarden::model
