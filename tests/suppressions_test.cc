// Suppressions and configuration files end to end (docs/suppressions.md):
// the fnwarden binary on small projects in a scratch folder.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "test_util.h"

namespace fnwarden {
namespace {

using testing::CommandResult;
using testing::kAdminTemplate;
using Tree = testing::ScratchDir;

// "RULE:line" of each finding (or suppressed finding, with its kind).
struct Results {
  bool ok = false;
  std::vector<std::string> findings;
  std::vector<std::string> suppressed;
};

Results Parse(const std::string& json) {
  Results out;
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(simdjson::padded_string(json)).get(root)) return out;
  auto line = [](simdjson::dom::element f) {
    return std::string(std::string_view(f["rule_id"])) + ":" + std::to_string(uint64_t(f["line"]));
  };
  for (simdjson::dom::element f : root["findings"].get_array()) out.findings.push_back(line(f));
  for (simdjson::dom::element s : root["suppressed"].get_array()) {
    out.suppressed.push_back(line(s) + " " +
                             std::string(std::string_view(s["suppression"]["kind"])));
  }
  out.ok = true;
  return out;
}

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A `# fnwarden:ignore` line of inline code is the function's text.
TEST(Suppressions, InlineCodeIsNotAnIgnore) {
  Tree t;
  t.Write("template.yaml", R"(AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/app
      Code:
        ZipFile: |
          import os
          # fnwarden:ignore FNW-CFG-001 text of the function, not a comment of the template
      Runtime: python3.7
)");
  CommandResult r = t.Run({"scan", "--format", "json", "--only", "FNW-CFG-001"}, "");
  Results res = Parse(r.out);
  ASSERT_TRUE(res.ok) << r.out << r.err;
  EXPECT_EQ(res.findings, std::vector<std::string>{"FNW-CFG-001:12"});
  EXPECT_TRUE(res.suppressed.empty());
}

// In handler code, `# fnwarden:ignore` and `// fnwarden:ignore` cover the
// next line, or their own after code.
TEST(Suppressions, HandlerCodeCommentsIgnoreCodeFindings) {
  Tree t;
  t.Write("template.yaml", R"(AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Py:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: py/
      Events:
        Run:
          Type: HttpApi
  Js:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      CodeUri: js/
      Events:
        Run:
          Type: HttpApi
)");
  t.Write("py/app.py",
          "import os\n"
          "def handler(event, context):\n"
          "    # fnwarden:ignore FNW-CODE-001 the API model allows [a-z] only\n"
          "    os.system('ls ' + event['body'])\n"
          "    os.system('rm ' + event['body'])\n"
          "    eval(event['body'])  # fnwarden:ignore FNW-CODE-002 a sandboxed interpreter\n");
  t.Write("js/index.mjs",
          "import { execSync } from 'node:child_process';\n"
          "export const handler = async (event) => {\n"
          "  // fnwarden:ignore FNW-CODE-001 checked by the authorizer\n"
          "  execSync('ls ' + event.body);\n"
          "};\n");
  CommandResult r = t.Run({"scan", "--format", "json", "--only", "FNW-CODE-001,FNW-CODE-002"}, "");
  Results res = Parse(r.out);
  ASSERT_TRUE(res.ok) << r.out << r.err;
  EXPECT_EQ(res.findings, std::vector<std::string>{"FNW-CODE-001:5"});
  // app.py:4 and index.mjs:4, then app.py:6.
  EXPECT_EQ(res.suppressed, (std::vector<std::string>{"FNW-CODE-001:4 inline", "FNW-CODE-001:4 inline",
                                                      "FNW-CODE-002:6 inline"}));
}

// A comment above a function's logical ID covers the statement lines below.
TEST(Suppressions, AnIgnoreAboveAResourceCoversAllOfIt) {
  Tree t;
  std::string tmpl = kAdminTemplate;
  tmpl.replace(tmpl.find("  AdminFn:"), 0, "  # fnwarden:ignore FNW-IAM-001 sandbox account\n");
  t.Write("template.yaml", tmpl);
  CommandResult r = t.Run({"scan", "--format", "json", "--only", "iam-001"}, "");
  Results res = Parse(r.out);
  ASSERT_TRUE(res.ok) << r.out << r.err;
  EXPECT_TRUE(res.findings.empty()) << ::testing::PrintToString(res.findings);
  EXPECT_EQ(res.suppressed, std::vector<std::string>{"FNW-IAM-001:13 inline"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

// In a .tf file: a comment above a block covers the whole block, one at
// the end of a line covers that line, and a `#` inside a string or a
// heredoc is text.
TEST(Suppressions, TerraformCommentsAboveABlockOrOnALine) {
  Tree t;
  t.Write("main.tf", R"(resource "aws_iam_role" "r" {
  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole",
    Principal = { Service = "lambda.amazonaws.com" } }] })
}
# fnwarden:ignore FNW-CFG-001 retired next quarter
resource "aws_lambda_function" "old" {
  function_name = "old"
  role          = aws_iam_role.r.arn
  handler       = "app.handler"
  runtime       = "python3.7"
}
resource "aws_lambda_function" "also_old" {
  function_name = "also-old"
  role          = aws_iam_role.r.arn
  handler       = "app.handler"
  runtime       = "python3.7" # fnwarden:ignore FNW-CFG-001 same
}
resource "aws_lambda_function" "text" {
  function_name = "# fnwarden:ignore FNW-CFG-001 a string, not a comment"
  role          = aws_iam_role.r.arn
  handler       = "app.handler"
  runtime       = "python3.7"
}
)");
  CommandResult r = t.Run({"scan", "--format", "json", "--only", "FNW-CFG-001"}, "");
  Results res = Parse(r.out);
  ASSERT_TRUE(res.ok) << r.out << r.err;
  EXPECT_EQ(res.findings, std::vector<std::string>{"FNW-CFG-001:22"});
  EXPECT_EQ(res.suppressed,
            (std::vector<std::string>{"FNW-CFG-001:10 inline", "FNW-CFG-001:16 inline"}));
}

TEST(Suppressions, UnusedAndMisspeltIgnoresAreWarnings) {
  Tree t;
  std::string tmpl = kAdminTemplate;
  tmpl.replace(tmpl.find("  AdminFn:"), 0, "  # fnwarden:ignore FNW-CFG-003 no URL here\n");
  tmpl.replace(tmpl.find("            - Effect: Allow"), 0,
               "            # fnwarden: ignore FNW-IAM-001 sandbox account\n");
  t.Write("template.yaml", tmpl);
  CommandResult r = t.Run({"scan", "--format", "json"}, "");
  Results res = Parse(r.out);
  ASSERT_TRUE(res.ok) << r.out << r.err;
  EXPECT_TRUE(Has(r.err,
                  "template.yaml:4:5: warning: fnwarden:ignore FNW-CFG-003 suppressed "
                  "nothing: no FNW-CFG-003 finding on lines 5-16, which it covers; remove it"))
      << r.err;
  EXPECT_TRUE(Has(r.err,
                  "template.yaml:13:15: warning: '# fnwarden: ignore FNW-IAM-001 sandbox "
                  "account' is not applied: fnwarden reads ignores written '# "
                  "fnwarden:ignore FNW-IAM-001 sandbox account'"))
      << r.err;
  // The misspelt ignore is not applied.
  EXPECT_NE(std::find(res.findings.begin(), res.findings.end(), "FNW-IAM-001:14"),
            res.findings.end());
  // Not judged when the rule does not run.
  CommandResult skipped = t.Run({"scan", "--format", "json", "--skip", "CFG-003"}, "");
  EXPECT_FALSE(Has(skipped.err, "suppressed nothing")) << skipped.err;
}

// A single file finds the configuration above it, up to the repository.
TEST(Suppressions, ConfigurationFoundAboveASingleFile) {
  Tree t;
  t.Write("repo/.git/HEAD", "ref: refs/heads/main\n");
  t.Write("repo/.fnwarden.yml",
          "ignore:\n  - id: IAM-001\n    paths: [\"app/**\"]\n    reason: sandbox account\n");
  t.Write("repo/app/template.yaml", kAdminTemplate);
  CommandResult r =
      t.Run({"scan", "--format", "json", "--only", "IAM-001", "app/template.yaml"}, "repo");
  Results res = Parse(r.out);
  ASSERT_TRUE(res.ok) << r.out << r.err;
  EXPECT_EQ(res.suppressed, std::vector<std::string>{"FNW-IAM-001:12 config"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

// A Serverless function is named in a configuration by its key, as its
// author wrote it, or by the logical ID the framework gives it.
TEST(Suppressions, ServerlessFunctionsByEitherName) {
  Tree t;
  t.Write(".fnwarden.yml",
          "ignore:\n  - id: CFG-009\n    resources: [api]\n    reason: signed in the pipeline\n"
          "  - id: CFG-009\n    resources: [WorkerLambdaFunction]\n    reason: same\n");
  t.Write("serverless.yml", R"(service: s
provider:
  name: aws
  runtime: python3.12
functions:
  api:
    handler: h.h
  worker:
    handler: h.h
  other:
    handler: h.h
)");
  CommandResult r = t.Run({"scan", "--format", "json", "--only", "CFG-009"}, "");
  Results res = Parse(r.out);
  ASSERT_TRUE(res.ok) << r.out << r.err;
  EXPECT_EQ(res.findings, std::vector<std::string>{"FNW-CFG-009:10"});
  EXPECT_EQ(res.suppressed,
            (std::vector<std::string>{"FNW-CFG-009:6 config", "FNW-CFG-009:8 config"}));
}

// Each scanned path finds its own configuration, whose ignores apply to the
// files under its folder only.
TEST(Suppressions, EachPathItsConfiguration) {
  Tree t;
  t.Write("repo/.git/HEAD", "");
  t.Write("repo/one/.fnwarden.yml", "ignore:\n  - id: IAM-001\n    reason: sandbox account\n");
  t.Write("repo/one/template.yaml", kAdminTemplate);
  t.Write("repo/two/template.yaml", kAdminTemplate);
  CommandResult r = t.Run({"scan", "--format", "json", "--only", "IAM-001", "one", "two"}, "repo");
  Results res = Parse(r.out);
  ASSERT_TRUE(res.ok) << r.out << r.err;
  EXPECT_EQ(res.findings, std::vector<std::string>{"FNW-IAM-001:12"});  // two/template.yaml
  EXPECT_EQ(res.suppressed, std::vector<std::string>{"FNW-IAM-001:12 config"});
  EXPECT_TRUE(Has(r.out, "\"file\": \"two/template.yaml\"")) << r.out;
}

TEST(Suppressions, ABrokenConfigurationStopsTheScan) {
  Tree t;
  t.Write("repo/.git/HEAD", "");
  t.Write("repo/.fnwarden.yml",
          "ignore:\n  - id: FNW-IAM-001\n    paths: app/**\n    reason: sandbox account\n");
  t.Write("repo/app/template.yaml", kAdminTemplate);
  CommandResult r = t.Run({"scan", "app"}, "repo");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Has(r.err,
                  ".fnwarden.yml:3:5: error: paths must be a list of globs, e.g. paths: "
                  "[\"legacy/**\"]"))
      << r.err;
}

// A repository whose configuration links to the runner's credentials: never
// read, never shown.
TEST(Suppressions, AConfigurationLinkingOutIsRefused) {
  Tree t;
  t.Write("home/.aws/credentials",
          "[default]\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n");
  t.Write("repo/.git/HEAD", "");
  t.Write("repo/template.yaml", kAdminTemplate);
  std::filesystem::create_symlink(t.path() + "/home/.aws/credentials",
                                  t.path() + "/repo/.fnwarden.yml");
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"scan", "."},
        std::vector<std::string>{"scan", "--config", ".fnwarden.yml", "."}}) {
    CommandResult r = t.Run(args, "repo");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(Has(r.err,
                    ".fnwarden.yml: error: the configuration is a link to a file outside "
                    "the repository; it is not read"))
        << r.err;
    EXPECT_FALSE(Has(r.err + r.out, "wJalrXUtnFEMI")) << r.err;
  }
}

}  // namespace
}  // namespace fnwarden
