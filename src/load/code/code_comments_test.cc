#include "load/code/code_comments.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace fnwarden::load::code {
namespace {

std::vector<std::string> Shown(Language language, std::string text) {
  util::SourceFile file("f", std::move(text));
  std::vector<std::string> out;
  for (const util::SourceComment& c : FnwardenComments(language, file)) {
    out.push_back(std::to_string(c.line) + ":" + std::to_string(c.col) + " [" +
                  std::to_string(c.first_line) + "-" + std::to_string(c.last_line) + "]" +
                  std::string(c.text));
  }
  return out;
}

TEST(CodeCommentsTest, PythonIgnoresCoverTheNextLineOrTheirOwn) {
  EXPECT_EQ(Shown(Language::kPython,
                  "def handler(event, context):\n"
                  "    # fnwarden:ignore FNW-CODE-001 checked upstream\n"
                  "    # (the API model allows csv and json only)\n"
                  "    os.system(cmd)\n"
                  "    eval(x)  # fnwarden:ignore FNW-CODE-002 a constant\n"
                  "    # fnwarden:ignore FNW-CODE-003 nothing follows\n"
                  "\n"
                  "    s = 'fnwarden is a scanner'\n"),
            (std::vector<std::string>{"2:5 [4-4] fnwarden:ignore FNW-CODE-001 checked upstream",
                                      "5:14 [5-5] fnwarden:ignore FNW-CODE-002 a constant",
                                      "6:5 [0-0] fnwarden:ignore FNW-CODE-003 nothing follows"}));
}

TEST(CodeCommentsTest, JavaScriptUsesSlashes) {
  EXPECT_EQ(Shown(Language::kTypeScript,
                  "// fnwarden:ignore FNW-CODE-007 the host is fixed\n"
                  "await fetch(url);\n"
                  "const a = '# fnwarden:ignore FNW-CODE-001 not a comment in JS';\n"),
            (std::vector<std::string>{"1:1 [2-2] fnwarden:ignore FNW-CODE-007 the host is fixed"}));
}

}  // namespace
}  // namespace fnwarden::load::code
