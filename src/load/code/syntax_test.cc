#include "load/code/syntax.h"

#include <gtest/gtest.h>

#include <string>

namespace fnwarden::load::code {
namespace {

TEST(Grammars, EveryGrammarIsAcceptedByTheRuntime) { EXPECT_EQ(GrammarError(), ""); }

TEST(LanguageOfPath, ByExtension) {
  Language l{};
  ASSERT_TRUE(LanguageOfPath("src/app.py", &l));
  EXPECT_EQ(l, Language::kPython);
  ASSERT_TRUE(LanguageOfPath("index.mjs", &l));
  EXPECT_EQ(l, Language::kJavaScript);
  ASSERT_TRUE(LanguageOfPath("handler.cts", &l));
  EXPECT_EQ(l, Language::kTypeScript);
  ASSERT_TRUE(LanguageOfPath("view.tsx", &l));
  EXPECT_EQ(l, Language::kTsx);
  EXPECT_FALSE(LanguageOfPath("types.d.ts", &l));
  EXPECT_FALSE(LanguageOfPath("Main.java", &l));
  EXPECT_FALSE(LanguageOfPath("py", &l));
}

TEST(Parse, EachLanguageGivesItsTree) {
  struct Case {
    Language language;
    std::string text;
    std::string root;
  };
  for (const Case& c : {Case{Language::kPython, "def handler(event, context):\n  return 1\n", "module"},
                        Case{Language::kJavaScript, "exports.handler = async () => 1;\n", "program"},
                        Case{Language::kTypeScript, "export const h = (e: string): number => 1;\n",
                             "program"},
                        Case{Language::kTsx, "export const V = () => <div>{1}</div>;\n", "program"}}) {
    Tree tree = Parse(c.language, c.text);
    ASSERT_TRUE(tree.ok()) << LanguageName(c.language);
    EXPECT_EQ(Type(tree.root()), c.root);
    EXPECT_FALSE(ts_node_has_error(tree.root())) << LanguageName(c.language);
    uint32_t line = 0, col = 0;
    std::string what;
    EXPECT_FALSE(FirstSyntaxError(tree, &line, &col, &what));
  }
}

TEST(FirstSyntaxError, PointsAtTheFirstError) {
  std::string text = "import os\n\ndef handler(event:\n    return os.environ[\n";
  Tree tree = Parse(Language::kPython, text);
  ASSERT_TRUE(tree.ok());
  uint32_t line = 0, col = 0;
  std::string what;
  ASSERT_TRUE(FirstSyntaxError(tree, &line, &col, &what));
  EXPECT_GE(line, 3u);
  EXPECT_FALSE(what.empty());
}

TEST(FirstSyntaxError, ReportsAMissingToken) {
  Tree tree = Parse(Language::kJavaScript, "const a = (1 + 2;\n");
  uint32_t line = 0, col = 0;
  std::string what;
  ASSERT_TRUE(FirstSyntaxError(tree, &line, &col, &what));
  EXPECT_EQ(line, 1u);
}

TEST(Parse, DeepNestingDoesNotExhaustTheStack) {
  std::string text = "x = " + std::string(20000, '[') + std::string(20000, ']') + "\n";
  Tree tree = Parse(Language::kPython, text);
  ASSERT_TRUE(tree.ok());
  uint32_t line = 0, col = 0;
  std::string what;
  FirstSyntaxError(tree, &line, &col, &what);  // iterative: returns whatever the depth
}

// tree-sitter-python's scanner overflows its buffer on deep indentation
// with a string open: such text is refused, never parsed.
TEST(Parse, RefusesPythonIndentedDeeperThanTheGrammarTakes) {
  std::string text;
  for (int i = 0; i < 511; ++i) text += std::string(i, ' ') + "if 1:\n";
  text += std::string(511, ' ') + "'x'\n";
  EXPECT_TRUE(PythonIndentedTooDeep(text));
  EXPECT_FALSE(Parse(Language::kPython, text).ok());
  // JavaScript has no such limit, and ordinary Python is parsed.
  EXPECT_TRUE(Parse(Language::kJavaScript, text).ok());
  EXPECT_FALSE(PythonIndentedTooDeep("def f():\n\tif x:\n\t\treturn 1\n"));
  EXPECT_FALSE(PythonIndentedTooDeep(std::string(300, 'x') + "\n  y\n"));
}

}  // namespace
}  // namespace fnwarden::load::code
