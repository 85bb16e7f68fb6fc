#include "analysis/deps/cvss.h"

#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <ostream>
#include <string>

namespace fnwarden::analysis::deps {
namespace {

struct ScoreCase {
  const char* vector;
  double base;
  const char* severity;
};

void PrintTo(const ScoreCase& c, std::ostream* os) { *os << c.vector; }

class CvssScoreTest : public ::testing::TestWithParam<ScoreCase> {};

TEST_P(CvssScoreTest, MatchesPublishedScore) {
  const ScoreCase& c = GetParam();
  std::optional<CvssScore> score = ScoreCvss(c.vector);
  ASSERT_TRUE(score.has_value());
  EXPECT_DOUBLE_EQ(score->base, c.base);
  EXPECT_EQ(SeverityOfScore(*score), c.severity);
}

// Scores as NVD and FIRST's calculator publish them.
INSTANTIATE_TEST_SUITE_P(
    Published, CvssScoreTest,
    ::testing::Values(ScoreCase{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, "critical"},
                      ScoreCase{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0, "critical"},
                      ScoreCase{"CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N", 5.9, "medium"},
                      ScoreCase{"CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 7.8, "high"},
                      ScoreCase{"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1, "medium"},
                      // From tests/data/osv: lodash (CVE-2020-8203), jinja2 (CVE-2024-22195),
                      // urllib3 (CVE-2023-43804), golang.org/x/text (CVE-2022-32149).
                      ScoreCase{"CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H", 7.4, "high"},
                      ScoreCase{"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:L/A:N", 5.4, "medium"},
                      ScoreCase{"CVSS:3.1/AV:N/AC:H/PR:H/UI:N/S:U/C:H/I:H/A:N", 5.9, "medium"},
                      ScoreCase{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", 7.5, "high"},
                      // Scope changed with privileges: PR weights 0.68 and 0.5.
                      ScoreCase{"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 9.9, "critical"},
                      ScoreCase{"CVSS:3.1/AV:N/AC:L/PR:H/UI:R/S:C/C:L/I:L/A:N", 4.8, "medium"},
                      ScoreCase{"CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:L/I:N/A:N", 2.5, "low"},
                      ScoreCase{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0, ""},
                      // v3.0 shares the base equations; order of metrics is free; temporal
                      // metrics do not change the base score.
                      ScoreCase{"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, "critical"},
                      ScoreCase{"CVSS:3.1/S:U/AV:N/AC:L/PR:N/UI:N/C:H/I:H/A:H", 9.8, "critical"},
                      ScoreCase{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C", 9.8,
                                "critical"},
                      // v2, with NVD's rating (no critical).
                      ScoreCase{"AV:N/AC:L/Au:N/C:P/I:P/A:P", 7.5, "high"},
                      ScoreCase{"AV:N/AC:L/Au:N/C:C/I:C/A:C", 10.0, "high"},
                      ScoreCase{"AV:N/AC:M/Au:N/C:N/I:P/A:N", 4.3, "medium"},
                      ScoreCase{"(AV:L/AC:L/Au:N/C:P/I:N/A:N)", 2.1, "low"},
                      ScoreCase{"AV:N/AC:M/Au:N/C:P/I:P/A:P", 6.8, "medium"},
                      ScoreCase{"AV:N/AC:L/Au:N/C:N/I:N/A:N", 0.0, ""}));

class CvssRejectTest : public ::testing::TestWithParam<const char*> {};

TEST_P(CvssRejectTest, IsNotScored) { EXPECT_FALSE(ScoreCvss(GetParam()).has_value()); }

INSTANTIATE_TEST_SUITE_P(
    Malformed, CvssRejectTest,
    ::testing::Values(
        "",                                                                 // empty
        "CVSS:3.1/",                                                        // no metrics
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H",                         // missing A
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/A:L",                 // duplicate A
        "CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",                // duplicate, same value
        "CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",                     // unknown value
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:H",                // unknown metric
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/",                    // trailing slash
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A",                       // no value
        "CVSS:3.1/AV:n/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",                     // lower-case value
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:Z",                 // bad temporal value
        "CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",                     // unknown version
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",  // v4: not scored
        "AV:N/AC:L/Au:N/C:P/I:P",                                           // v2 missing A
        "AV:N/AC:L/Au:N/C:P/I:P/A:P/A:P",                                   // v2 duplicate
        "AV:N/AC:L/Au:X/C:P/I:P/A:P",                                       // v2 unknown value
        "AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",                              // v3 without prefix
        "(AV:N/AC:L/Au:N/C:P/I:P/A:P",                       // unbalanced parenthesis
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\n"));  // trailing newline

TEST(CvssTest, OverlongVectorIsNotScored) {
  std::string vector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
  while (vector.size() <= 600) vector += "/E:X";
  EXPECT_FALSE(ScoreCvss(vector).has_value());
}

TEST(CvssTest, ReportsVersion) {
  EXPECT_EQ(ScoreCvss("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")->version, CvssVersion::kV3_0);
  EXPECT_EQ(ScoreCvss("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")->version, CvssVersion::kV3_1);
  EXPECT_EQ(ScoreCvss("AV:N/AC:L/Au:N/C:P/I:P/A:P")->version, CvssVersion::kV2);
}

// Every combination of the eight v3 base metrics scores between 0 and 10
// with one decimal, and more impact never lowers the score.
TEST(CvssTest, AllBaseVectorsAreInRangeAndMonotonicInImpact) {
  const char* av[] = {"N", "A", "L", "P"};
  const char* ac[] = {"L", "H"};
  const char* pr[] = {"N", "L", "H"};
  const char* ui[] = {"N", "R"};
  const char* s[] = {"U", "C"};
  const char* cia[] = {"N", "L", "H"};
  int scored = 0;
  for (const char* a1 : av)
    for (const char* a2 : ac)
      for (const char* a3 : pr)
        for (const char* a4 : ui)
          for (const char* a5 : s)
            for (const char* c : cia)
              for (const char* i : cia) {
                double previous = -1;
                for (const char* a : cia) {
                  std::string v = std::string("CVSS:3.1/AV:") + a1 + "/AC:" + a2 + "/PR:" + a3 +
                                  "/UI:" + a4 + "/S:" + a5 + "/C:" + c + "/I:" + i + "/A:" + a;
                  std::optional<CvssScore> score = ScoreCvss(v);
                  ASSERT_TRUE(score.has_value()) << v;
                  EXPECT_GE(score->base, 0) << v;
                  EXPECT_LE(score->base, 10) << v;
                  EXPECT_DOUBLE_EQ(score->base * 10, std::round(score->base * 10)) << v;
                  EXPECT_GE(score->base, previous) << v;
                  previous = score->base;
                  ++scored;
                }
              }
  EXPECT_EQ(scored, 4 * 2 * 3 * 2 * 2 * 27);
}

}  // namespace
}  // namespace fnwarden::analysis::deps
