// Golden reports: a fixed scan rendered as text, JSON and SARIF, compared
// byte for byte with tests/golden/*. After an intended change to the output,
// regenerate them with FNWARDEN_UPDATE_GOLDEN=1 and review the diff.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "test_util.h"

namespace fnwarden {
namespace {

// A small, stable set of rules, so the goldens change only when these do.
constexpr const char* kRules = "FNW-IAM-001,FNW-CFG-009,FNW-LOG-002";

std::string ReplaceAll(std::string s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
  return s;
}

// The text summary ends with the wall time: " in 0.01s".
std::string DropTime(std::string text) {
  size_t at = text.rfind(" in ");
  size_t end = text.find("s\n", at == std::string::npos ? 0 : at);
  if (at != std::string::npos && end != std::string::npos) text.replace(at, end - at + 1, " in <time>");
  return text;
}

void CheckGolden(const std::string& format, const std::string& golden_name) {
  std::string golden_dir = testing::SourceDir() + "/tests/golden";
  std::string old = std::filesystem::current_path();
  std::filesystem::current_path(golden_dir);
  testing::CommandResult r = testing::RunFnwarden({"scan", "--format", format, "--only", kRules, "-j", "2", "app"});
  std::filesystem::current_path(old);
  ASSERT_EQ(r.exit_code, 1) << r.err;
  std::string actual = ReplaceAll(r.out, "file://" + golden_dir + "/", "file://<root>/");
  if (format == "text") actual = DropTime(actual);

  std::string path = golden_dir + "/" + golden_name;
  const char* update = std::getenv("FNWARDEN_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    GTEST_SKIP() << "rewrote " << path;
  }
  ASSERT_TRUE(std::filesystem::exists(path)) << path << " is missing; run with FNWARDEN_UPDATE_GOLDEN=1";
  EXPECT_EQ(actual, testing::ReadFileOrDie(path)) << "golden " << golden_name << " differs";
}

TEST(ReportGolden, Text) { CheckGolden("text", "report.txt"); }
TEST(ReportGolden, Json) { CheckGolden("json", "report.json"); }
TEST(ReportGolden, Sarif) { CheckGolden("sarif", "report.sarif"); }

}  // namespace
}  // namespace fnwarden
