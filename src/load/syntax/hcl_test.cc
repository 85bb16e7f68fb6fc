// The HCL2 parser: every construct of the native syntax, positions,
// comments, each kind of bad input, and every .tf file of the shared corpus.
#include "load/syntax/hcl.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "test_util.h"
#include "util/diagnostic.h"
#include "util/source.h"

namespace fnwarden::load::syntax::hcl {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<std::string> Headlines(const util::DiagnosticSink& sink) {
  std::vector<std::string> out;
  for (const util::Diagnostic& d : sink.Sorted()) out.push_back(util::RenderHeadline(d));
  return out;
}

struct Parsed {
  util::SourceFile source;
  util::DiagnosticSink diags;
  std::unique_ptr<File> file;
  explicit Parsed(std::string text, ParseLimits limits = {}) : source("main.tf", std::move(text)) {
    file = ParseHcl(&source, limits, &diags);
  }
  std::string Body() const { return file != nullptr ? Dump(file->body()) : "<failed>"; }
  // The value of the first attribute of the file.
  std::string First() const {
    if (file == nullptr) return "<failed: " + ::testing::PrintToString(Headlines(diags)) + ">";
    if (file->body()->items.empty()) return "<empty>";
    const BodyItem& item = file->body()->items.front();
    return item.attribute != nullptr ? Dump(item.attribute->value) : "<block>";
  }
};

std::string Expr1(const std::string& expression) {
  return Parsed("x = " + expression + "\n").First();
}

TEST(HclParser, BlocksLabelsAndAttributes) {
  Parsed p(R"(# A Lambda function.
resource "aws_lambda_function" "api" {
  function_name = "orders-api"
  runtime       = "python3.12"
  timeout       = 30
  publish       = true
  layers        = null

  environment {
    variables = {
      TABLE = aws_dynamodb_table.orders.name
      "quoted key" = 1
    }
  }
}

locals {}
variable "region" { default = "us-east-1" }
terraform_data unquoted_label {}
)");
  ASSERT_NE(p.file, nullptr) << ::testing::PrintToString(Headlines(p.diags));
  EXPECT_EQ(p.Body(),
            "resource \"aws_lambda_function\" \"api\" { function_name = \"orders-api\"; "
            "runtime = \"python3.12\"; timeout = 30; publish = true; layers = null; "
            "environment { variables = {\"TABLE\" = aws_dynamodb_table.orders.name, "
            "\"quoted key\" = 1} } }; locals {}; variable \"region\" { default = \"us-east-1\" }; "
            "terraform_data unquoted_label {}");
  const Body& body = *p.file->body();
  std::vector<const Block*> resources = body.Blocks("resource");
  ASSERT_EQ(resources.size(), 1u);
  EXPECT_EQ(resources[0]->loc.line, 2u);
  EXPECT_EQ(resources[0]->labels[1].text, "api");
  EXPECT_EQ(resources[0]->labels[1].loc.col, 32u);
  const Attribute* timeout = resources[0]->body->Get("timeout");
  ASSERT_NE(timeout, nullptr);
  EXPECT_EQ(timeout->loc.line, 5u);
  EXPECT_EQ(timeout->loc.col, 3u);
  EXPECT_EQ(timeout->value->loc.col, 19u);
  EXPECT_EQ(p.source.text().substr(resources[0]->begin, 8), "resource");
  EXPECT_EQ(p.source.text()[resources[0]->end - 1], '}');
}

TEST(HclParser, Operators) {
  EXPECT_EQ(Expr1("1 + 2 * 3 - 4"), "((1 + (2 * 3)) - 4)");
  EXPECT_EQ(Expr1("a || b && c == d"), "(a || (b && (c == d)))");
  EXPECT_EQ(Expr1("a < b != c >= d"), "((a < b) != (c >= d))");
  EXPECT_EQ(Expr1("!a && -b % 2 > 0"), "(!a && ((-b % 2) > 0))");
  EXPECT_EQ(Expr1("(1 + 2) * 3"), "((1 + 2) * 3)");
  EXPECT_EQ(Expr1("a ? b : c ? d : e"), "(a ? b : (c ? d : e))");
  EXPECT_EQ(Expr1("x == null ? 1.5e3 : -0.25"), "((x == null) ? 1.5e3 : -0.25)");
}

TEST(HclParser, TraversalsAndSplats) {
  EXPECT_EQ(Expr1("aws_iam_role.lambda.arn"), "aws_iam_role.lambda.arn");
  EXPECT_EQ(Expr1("var.names[0]"), "var.names[0]");
  EXPECT_EQ(Expr1("aws_lambda_function.fn[\"billing\"].arn"),
            "aws_lambda_function.fn[\"billing\"].arn");
  EXPECT_EQ(Expr1("aws_subnet.a.0.id"), "aws_subnet.a[0].id");
  EXPECT_EQ(Expr1("aws_instance.web.*.id"), "aws_instance.web[*].id");
  EXPECT_EQ(Expr1("var.list[*].name[0]"), "var.list[*].name[0]");
  EXPECT_EQ(Expr1("module.api.this[count.index]"), "module.api.this[count.index]");
  EXPECT_EQ(Expr1("dashed-name.x"), "dashed-name.x");
}

TEST(HclParser, CollectionsCallsAndForExpressions) {
  EXPECT_EQ(Expr1("[1, \"two\", [3],]"), "[1, \"two\", [3]]");
  EXPECT_EQ(Expr1("{\n  a = 1\n  b : 2,\n  (var.k) = 3\n}"), "{\"a\" = 1, \"b\" = 2, var.k = 3}");
  EXPECT_EQ(Expr1("jsonencode({Version = \"2012-10-17\"})"),
            "jsonencode({\"Version\" = \"2012-10-17\"})");
  EXPECT_EQ(Expr1("concat(var.a, [\n  \"b\",\n]...)"), "concat(var.a, [\"b\"]...)");
  EXPECT_EQ(Expr1("provider::aws::arn_parse(var.arn)"), "provider::aws::arn_parse(var.arn)");
  EXPECT_EQ(Expr1("[for s in var.list : upper(s) if s != \"\"]"),
            "[for s in var.list : upper(s) if (s != \"\")]");
  EXPECT_EQ(Expr1("{for k, v in var.map : k => v...}"), "{for k, v in var.map : k => v...}");
  EXPECT_EQ(Expr1("{ for = 1 }"), "{\"for\" = 1}");
}

TEST(HclParser, TemplatesAndHeredocs) {
  EXPECT_EQ(Expr1("\"plain \\\"text\\\"\\n\""), "\"plain \\\"text\\\"\\n\"");
  EXPECT_EQ(Expr1("\"arn:aws:s3:::${var.bucket}/*\""), "\"arn:aws:s3:::${var.bucket}/*\"");
  EXPECT_EQ(Expr1("\"$${literal} %%{also} \\u00e9\""), "\"${literal} %{also} \xc3\xa9\"");
  EXPECT_EQ(Expr1("\"${~ var.x ~}\""), "\"${var.x}\"");
  EXPECT_EQ(Expr1("\"%{ if var.on }yes%{ else }no%{ endif }\""),
            "\"%{if var.on}yes%{else}no%{endif}\"");
  EXPECT_EQ(Expr1("\"%{for i, n in var.names}${i}=${n},%{endfor}\""),
            "\"%{for i, n in var.names}${i}=${n},%{endfor}\"");
  Parsed heredoc(
      "policy = <<EOF\n{\n  \"Resource\": \"${aws_s3_bucket.b.arn}\"\n}\nEOF\nnext = 1\n");
  ASSERT_NE(heredoc.file, nullptr) << ::testing::PrintToString(Headlines(heredoc.diags));
  EXPECT_EQ(heredoc.Body(),
            "policy = \"{\\n  \\\"Resource\\\": \\\"${aws_s3_bucket.b.arn}\\\"\\n}\\n\"; next = 1");
  const Attribute* next = heredoc.file->body()->Get("next");
  ASSERT_NE(next, nullptr);
  EXPECT_EQ(next->loc.line, 6u);
  Parsed flush("x = <<-EOT\n    line one\n      indented\n    EOT\ny = 2\n");
  ASSERT_NE(flush.file, nullptr) << ::testing::PrintToString(Headlines(flush.diags));
  EXPECT_EQ(flush.Body(), "x = \"line one\\n  indented\\n\"; y = 2");
  EXPECT_EQ(flush.file->body()->Get("y")->loc.line, 5u);
}

TEST(HclParser, CommentsAreCollectedAndNewlinesEndAttributes) {
  Parsed p(
      "a = 1 # trailing\n// line\n/* block\n   comment */ b = [\n  1, # inside\n  2\n]\nc = 3\n");
  ASSERT_NE(p.file, nullptr) << ::testing::PrintToString(Headlines(p.diags));
  EXPECT_EQ(p.Body(), "a = 1; b = [1, 2]; c = 3");
  std::vector<std::string> comments;
  for (const Comment& c : p.file->comments()) {
    comments.push_back(std::to_string(c.line) + ":" + std::to_string(c.col) + std::string(c.text));
  }
  EXPECT_THAT(comments,
              ElementsAre("1:7 trailing", "2:1 line", "3:1 block\n   comment ", "5:6 inside"));
  EXPECT_EQ(p.file->body()->Get("c")->loc.line, 8u);
}

TEST(HclParser, EmptyFileAndByteOrderMark) {
  Parsed empty("");
  ASSERT_NE(empty.file, nullptr);
  EXPECT_TRUE(empty.file->body()->items.empty());
  Parsed bom("\xEF\xBB\xBFx = 1\n");
  ASSERT_NE(bom.file, nullptr);
  EXPECT_EQ(bom.file->body()->Get("x")->loc.col, 1u);
}

// Each kind of bad input: one precise error, no crash.
TEST(HclParser, BadInputGetsOnePreciseError) {
  auto error = [](const std::string& text) {
    Parsed p(text);
    EXPECT_EQ(p.file, nullptr) << text;
    std::vector<std::string> h = Headlines(p.diags);
    return h.size() == 1 ? h[0] : ::testing::PrintToString(h);
  };
  EXPECT_EQ(error("x = \"open\ny = 1\n"),
            "main.tf:1:5: error: unterminated string: this \" has no closing quote on its line");
  EXPECT_EQ(error("x = \"a ${var.b\n"),
            "main.tf:1:8: error: unterminated interpolation: this ${ has no closing }");
  EXPECT_EQ(error("x = <<EOF\nno end\n"),
            "main.tf:1:5: error: unterminated heredoc: <<EOF has no closing EOF line");
  EXPECT_EQ(error("resource \"a\" \"b\" {\n  x = 1\n"),
            "main.tf:1:18: error: unbalanced braces: this { is never closed");
  EXPECT_EQ(error("x = 1\n}\n"), "main.tf:2:1: error: unbalanced braces: } closes nothing");
  EXPECT_EQ(error("x = [1, 2\n"),
            "main.tf:1:5: error: unbalanced brackets: this [ is never closed");
  EXPECT_EQ(error("x = f(1,\n"),
            "main.tf:1:6: error: unbalanced parentheses: the ( of f(...) is never closed");
  EXPECT_EQ(error("/* open\n"), "main.tf:1:1: error: unterminated comment: /* has no closing */");
  EXPECT_EQ(error("x = \"\\q\"\n"),
            "main.tf:1:6: error: invalid escape sequence \\q (valid: \\n \\r \\t \\\" \\\\ \\uNNNN "
            "\\UNNNNNNNN)");
  EXPECT_EQ(error("x = \"%{if a}b\"\n"), "main.tf:1:6: error: %{if} has no matching %{endif}");
  EXPECT_EQ(error("x = \"%{endif}\"\n"),
            "main.tf:1:5: error: %{endif} without its %{if} or %{for}");
  EXPECT_EQ(error("x = 1 2\n"), "main.tf:1:7: error: expected a newline, found '2'");
  EXPECT_EQ(error("x = \n"),
            "main.tf:1:5: error: expected an expression, found the end of the line");
  EXPECT_EQ(error("resource \"${x}\" {}\n"),
            "main.tf:1:10: error: a block label cannot hold interpolations or directives");
  EXPECT_EQ(error("= 1\n"), "main.tf:1:1: error: expected an attribute or a block, found '='");
  EXPECT_THAT(error(std::string("x = 1\0\n", 7)), HasSubstr("binary"));
}

TEST(HclParser, DeepNestingAndTooManyNodesAreCut) {
  std::string deep = "x = " + std::string(10'000, '[') + std::string(10'000, ']') + "\n";
  Parsed nested(deep);
  EXPECT_EQ(nested.file, nullptr);
  EXPECT_THAT(Headlines(nested.diags), ElementsAre(HasSubstr("nesting deeper than 256 levels")));
  std::string unary = "x = " + std::string(10'000, '!') + "a\n";
  Parsed bangs(unary);
  EXPECT_THAT(Headlines(bangs.diags), ElementsAre(HasSubstr("nesting deeper than")));
  std::string blocks;
  for (int i = 0; i < 300; ++i) blocks += "b {\n";
  Parsed nested_blocks(blocks);
  EXPECT_THAT(Headlines(nested_blocks.diags), ElementsAre(HasSubstr("nesting deeper than")));
  ParseLimits small;
  small.max_nodes = 100;
  std::string many = "x = [";
  for (int i = 0; i < 200; ++i) many += "1, ";
  Parsed big(many + "]\n", small);
  EXPECT_THAT(Headlines(big.diags), ElementsAre(HasSubstr("more than 100 expressions")));
}

// Every .tf file of the shared corpus parses (skipped without it).
TEST(HclParser, EveryCorpusFileParses) {
  std::string shared = fnwarden::testing::SharedDir();
  if (shared.empty()) GTEST_SKIP() << "no shared corpus";
  size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(shared + "/corpus")) {
    if (!entry.is_regular_file() || entry.path().extension() != ".tf") continue;
    util::SourceFile source(entry.path().string(),
                            fnwarden::testing::ReadFileOrDie(entry.path().string()));
    util::DiagnosticSink sink;
    std::unique_ptr<File> file = ParseHcl(&source, {}, &sink);
    EXPECT_NE(file, nullptr) << ::testing::PrintToString(Headlines(sink));
    ++files;
  }
  EXPECT_GT(files, 600u);
}

}  // namespace
}  // namespace fnwarden::load::syntax::hcl
