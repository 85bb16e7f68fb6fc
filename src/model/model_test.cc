#include <array>
#include <string>
#include <vector>

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

TEST(SplitFixTest, EachFrameworkGetsTheCommonPartAndItsSection) {
  constexpr std::string_view kFix =
      "Encrypt it.\n\n"
      "### SAM, CloudFormation\n\n```yaml\nKmsKeyArn: x\n### not a heading\n```\n\n"
      "### CDK\n\n```ts\nnew Key()\n```\n\n"
      "### Serverless\n\n```yaml\nkmsKeyArn: x\n```\n";
  std::array<int, kFrameworkCount> named{};
  std::vector<std::string> unknown;
  auto fixes = SplitFix(kFix, &named, &unknown);
  EXPECT_TRUE(unknown.empty());
  EXPECT_EQ(fixes[static_cast<size_t>(Framework::kSam)],
            "Encrypt it.\n\n```yaml\nKmsKeyArn: x\n### not a heading\n```");
  EXPECT_EQ(fixes[static_cast<size_t>(Framework::kCloudFormation)],
            fixes[static_cast<size_t>(Framework::kSam)]);
  EXPECT_EQ(fixes[static_cast<size_t>(Framework::kCdk)], "Encrypt it.\n\n```ts\nnew Key()\n```");
  EXPECT_EQ(fixes[static_cast<size_t>(Framework::kServerless)],
            "Encrypt it.\n\n```yaml\nkmsKeyArn: x\n```");
  // No section: the whole text.
  EXPECT_EQ(fixes[static_cast<size_t>(Framework::kTerraform)], std::string(kFix.substr(0, kFix.size() - 1)));
  EXPECT_EQ(named, (std::array<int, kFrameworkCount>{1, 1, 1, 1, 0}));
}

TEST(SplitFixTest, UnknownHeadingNamesAreCollectedAndATextWithoutSectionsIsWhole) {
  std::vector<std::string> unknown;
  auto fixes = SplitFix("Do it.\n\n### Pulumi\n\nx", nullptr, &unknown);
  EXPECT_EQ(unknown, std::vector<std::string>{"Pulumi"});
  EXPECT_EQ(SplitFix("Do it.")[static_cast<size_t>(Framework::kServerless)], "Do it.");
  RuleInfo info;
  info.fix = "Do it.";
  EXPECT_EQ(info.FixFor(Framework::kCdk), "Do it.") << "fix_for unset: the whole fix";
}

TEST(PieceTest, AdjacentTextJoinsAndTheDisplayNamesEveryPiece) {
  std::vector<Piece> p;
  AppendPiece(&p, Piece::Text("arn:"));
  AppendPiece(&p, Piece::Deployment(Piece::Kind::kPartition));
  AppendPiece(&p, Piece::Text(":s3:::"));
  AppendPiece(&p, Piece::Text(""));
  AppendPiece(&p, Piece::Of("Uploads", Attribute::kName));
  AppendPiece(&p, Piece::Text("/"));
  AppendPiece(&p, Piece::Text("*"));
  ASSERT_EQ(p.size(), 5u);
  EXPECT_EQ(p[4].text, "/*");
  EXPECT_EQ(DisplayPieces(p), "arn:${partition}:s3:::${Uploads.name}/*");
}

Model WithIds(std::initializer_list<const char*> functions,
              std::initializer_list<const char*> queues) {
  Model m;
  for (const char* id : functions) m.functions.emplace_back().id = id;
  for (const char* id : queues) m.queues.emplace_back().id = id;
  return m;
}

// Look-ups give the same answer before and after IndexIds, after appending
// and after a copy; the table only makes them faster.
TEST(IdTableTest, LookUpsAreTheSameIndexedOrNot) {
  Model m = WithIds({"A", "B", "Shared"}, {"Q", "Shared"});
  auto check = [](const Model& model) {
    ASSERT_NE(model.FindFunction("B"), nullptr);
    EXPECT_EQ(model.FindFunction("B"), &model.functions[1]);
    EXPECT_EQ(model.FindQueue("Q"), &model.queues[0]);
    EXPECT_EQ(model.FindFunction("Q"), nullptr);  // a queue's ID is not a function's
    EXPECT_EQ(model.FindQueue("Shared"), &model.queues[1]);
    // Any kind: the first list in ForEachResourceList order.
    EXPECT_EQ(model.FindResource("Shared"), &model.functions[2]);
    EXPECT_EQ(model.FindResource("missing"), nullptr);
  };
  check(m);
  m.IndexIds();
  check(m);
  Model copy = m;
  check(copy);
  // Appended after the table was built: found by scanning the new tail.
  m.functions.emplace_back().id = "Late";
  m.queues.emplace_back().id = "LateQueue";
  EXPECT_EQ(m.FindFunction("Late"), &m.functions.back());
  EXPECT_EQ(m.FindQueue("LateQueue"), &m.queues.back());
  EXPECT_EQ(m.FindResource("LateQueue"), &m.queues.back());
  EXPECT_EQ(m.FindFunction("LateQueue"), nullptr);
}

// A list that shrank is scanned whole until the table is built again.
TEST(IdTableTest, ErasedResourcesAreNotFound) {
  Model m = WithIds({"A", "B", "C"}, {});
  m.IndexIds();
  m.functions.erase(m.functions.begin());
  EXPECT_EQ(m.FindFunction("A"), nullptr);
  EXPECT_EQ(m.FindFunction("C"), &m.functions[1]);
  m.IndexIds();
  EXPECT_EQ(m.FindFunction("A"), nullptr);
  EXPECT_EQ(m.FindFunction("C"), &m.functions[1]);
}

// FindResource looks an ID up once, for every list: when the list that held
// its first resource changed since, the later lists are still searched.
TEST(IdTableTest, AnyKindFoundAfterTheFirstHolderChanged) {
  Model m = WithIds({"A", "Shared"}, {"Q", "Shared"});
  m.IndexIds();
  m.functions.pop_back();  // the list shrank: scanned whole
  EXPECT_EQ(m.FindResource("Shared"), &m.queues[1]);
  m.IndexIds();
  EXPECT_EQ(m.FindResource("Shared"), &m.queues[1]);
  m.functions.emplace_back().id = "Shared";  // appended: found first again
  EXPECT_EQ(m.FindResource("Shared"), &m.functions.back());
}

// RemoveUndeployed says whether it erased anything, which is when loaders
// index the model again.
TEST(RemoveUndeployedTest, SaysWhetherItRemovedAnything) {
  Model m = WithIds({"A", "B"}, {"Q"});
  m.permissions.emplace_back().function_id = "B";
  EXPECT_FALSE(RemoveUndeployed(&m));
  EXPECT_EQ(m.functions.size(), 2u);
  EXPECT_EQ(m.permissions.size(), 1u);
  m.functions[1].condition_known_false = true;
  EXPECT_TRUE(RemoveUndeployed(&m));
  ASSERT_EQ(m.functions.size(), 1u);
  EXPECT_EQ(m.functions[0].id, "A");
  EXPECT_TRUE(m.permissions.empty());  // it hung on B
  EXPECT_EQ(m.queues.size(), 1u);
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
