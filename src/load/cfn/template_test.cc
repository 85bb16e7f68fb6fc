#include "load/cfn/template.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "load/cfn/test_helpers.h"
#include "test_util.h"

namespace fnwarden::load::cfn {
namespace {

using testing::Load;

TEST(TemplateTest, ReadsEverySection) {
  auto t = Load(R"(AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage:
    Type: String
    Default: prod
    AllowedValues: [dev, prod]
  Password: {Type: String, NoEcho: true}
  Token: {Type: String, NoEcho: "true"}
Mappings:
  M: {a: {b: c}}
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Globals:
  Function: {Timeout: 10}
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Condition: IsProd
    Metadata: {fnwarden: {ignore: [{id: FNW-CFG-001, reason: ok}]}}
    Properties: {Handler: app.handler}
  Bucket:
    Type: AWS::S3::Bucket
)");
  ASSERT_TRUE(t->is_template);
  const Template& tm = t->tmpl;
  EXPECT_TRUE(tm.has_format_version);
  EXPECT_EQ(tm.transforms, std::vector<std::string>{"AWS::Serverless-2016-10-31"});
  EXPECT_TRUE(tm.is_sam());
  ASSERT_EQ(tm.parameters.size(), 3u);
  EXPECT_EQ(tm.parameters[0].name, "Stage");
  EXPECT_EQ(tm.parameters[0].type, "String");
  EXPECT_EQ(tm.parameters[0].loc.line, 4u);
  EXPECT_EQ(tm.parameters[0].loc.col, 3u);
  ASSERT_NE(tm.parameters[0].default_value, nullptr);
  EXPECT_EQ(tm.parameters[0].default_value->scalar, "prod");
  EXPECT_EQ(tm.parameters[0].allowed_values, (std::vector<std::string>{"dev", "prod"}));
  EXPECT_FALSE(tm.parameters[0].no_echo);
  EXPECT_TRUE(tm.parameters[1].no_echo);
  EXPECT_EQ(tm.parameters[1].default_value, nullptr);
  EXPECT_TRUE(tm.parameters[2].no_echo);
  EXPECT_NE(tm.mappings, nullptr);
  EXPECT_NE(tm.conditions, nullptr);
  EXPECT_NE(tm.globals, nullptr);
  ASSERT_EQ(tm.resources.size(), 2u);
  const ResourceDecl* fn = tm.FindResource("Fn");
  ASSERT_NE(fn, nullptr);
  EXPECT_EQ(fn->type, "AWS::Serverless::Function");
  EXPECT_EQ(fn->condition, "IsProd");
  EXPECT_EQ(fn->loc.line, 17u);
  EXPECT_NE(fn->properties, nullptr);
  EXPECT_NE(fn->metadata, nullptr);
  EXPECT_EQ(tm.FindResource("Bucket")->properties, nullptr);
  EXPECT_EQ(tm.FindResource("Nope"), nullptr);
  EXPECT_EQ(t->Diags(), std::vector<std::string>{});

  std::vector<model::ResourceIgnore> ignores = ReadIgnores(*fn, *t->ev);
  ASSERT_EQ(ignores.size(), 1u);
  EXPECT_EQ(ignores[0].rule_id, "FNW-CFG-001");
  EXPECT_EQ(ignores[0].reason, "ok");
  EXPECT_EQ(ignores[0].loc.line, 20u);
}

// Of two resources with one logical ID (the parser warns about the
// duplicate key) the first is found, as by a scan; a resource added after
// reading is found too.
TEST(TemplateTest, FindResourceGivesTheFirstOfDuplicates) {
  auto t = Load(R"(Resources:
  A: {Type: AWS::S3::Bucket}
  B: {Type: AWS::SQS::Queue}
  A: {Type: AWS::SNS::Topic}
)");
  ASSERT_TRUE(t->is_template);
  Template& tm = t->tmpl;
  ASSERT_EQ(tm.resources.size(), 3u);
  EXPECT_EQ(tm.FindResource("A"), &tm.resources[0]);
  EXPECT_EQ(tm.FindResource("B"), &tm.resources[1]);
  EXPECT_EQ(tm.FindResource("C"), nullptr);
  ResourceDecl added;
  added.id = "C";
  tm.resources.push_back(added);
  EXPECT_EQ(tm.FindResource("C"), &tm.resources[3]);
  EXPECT_EQ(tm.FindResource("A"), &tm.resources[0]);
}

TEST(TemplateTest, TransformsInEveryForm) {
  auto t = Load(R"(Transform:
  - AWS::LanguageExtensions
  - Name: AWS::Include
    Parameters: {Location: s3://b/k}
  - AWS::Serverless-2016-10-31
Resources:
  R: {Type: AWS::SNS::Topic}
)");
  ASSERT_TRUE(t->is_template);
  EXPECT_FALSE(t->tmpl.has_format_version);
  EXPECT_EQ(t->tmpl.transforms, (std::vector<std::string>{"AWS::LanguageExtensions", "AWS::Include",
                                                          "AWS::Serverless-2016-10-31"}));
  EXPECT_TRUE(t->tmpl.is_sam());
}

TEST(TemplateTest, LooksLikeTemplate) {
  struct Case {
    const char* yaml;
    bool want;
  };
  const Case cases[] = {
      {"AWSTemplateFormatVersion: '2010-09-09'\n", true},
      {"Resources:\n  R: {Type: AWS::S3::Bucket}\n", true},
      {"Resources:\n  R: {Type: Custom::Thing}\n", true},
      {"Resources:\n  R: {Type: Thing}\n", false},
      {"service: my-service\nprovider: {name: aws}\n", false},
      {"- a\n- b\n", false},
      {"hello\n", false},
      {"", false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.yaml);
    auto t = Load(c.yaml);
    EXPECT_EQ(LooksLikeTemplate(t->doc != nullptr ? t->doc->root() : nullptr), c.want);
    EXPECT_EQ(t->is_template, c.want);
  }
}

TEST(TemplateTest, StructuralProblemsAreDiagnosed) {
  auto t = Load(R"(AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Bad: just-a-string
Resources:
  NoType: {Properties: {}}
  NotAMap: hello
  Good: {Type: AWS::S3::Bucket, Condition: Missing}
)");
  ASSERT_TRUE(t->is_template);
  ASSERT_EQ(t->tmpl.resources.size(), 1u);
  EXPECT_EQ(t->tmpl.resources[0].id, "Good");
  EXPECT_EQ(t->Diags(),
            (std::vector<std::string>{
                "t.yaml:3:3: error: parameter 'Bad' must be a map with a Type",
                "t.yaml:5:3: error: resource 'NoType' has no Type",
                "t.yaml:6:3: error: resource 'NotAMap' must be a map with a Type",
                "t.yaml:7:44: error: resource 'Good' has undeclared condition 'Missing'",
            }));

  auto u = Load("AWSTemplateFormatVersion: x\nResources: [a]\n");
  ASSERT_TRUE(u->is_template);
  EXPECT_EQ(u->Diags(),
            std::vector<std::string>{
                "t.yaml:2:12: error: Resources must be a map of logical IDs to resources"});
}

TEST(TemplateTest, ReadIgnoresShapes) {
  auto t = Load(R"(Resources:
  A:
    Type: AWS::S3::Bucket
    Metadata:
      fnwarden:
        ignore:
          - {id: FNW-ENC-001}
          - FNW-LOG-002
          - {reason: no id}
  B:
    Type: AWS::S3::Bucket
    Metadata: {fnwarden: {ignore: {id: FNW-ENC-003, reason: !Sub "tracked in ${AWS::StackName}"}}}
  C:
    Type: AWS::S3::Bucket
    Metadata: {cfn-lint: {config: {}}}
)");
  ASSERT_TRUE(t->is_template);
  std::vector<model::ResourceIgnore> a = ReadIgnores(*t->tmpl.FindResource("A"), *t->ev);
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0].rule_id, "FNW-ENC-001");
  EXPECT_EQ(a[0].reason, "");
  EXPECT_EQ(a[0].loc.line, 7u);
  EXPECT_EQ(a[1].rule_id, "FNW-LOG-002");
  EXPECT_EQ(a[1].reason, "");
  std::vector<model::ResourceIgnore> b = ReadIgnores(*t->tmpl.FindResource("B"), *t->ev);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0].rule_id, "FNW-ENC-003");
  EXPECT_EQ(b[0].reason, "");  // an unresolved reason is no reason
  EXPECT_TRUE(ReadIgnores(*t->tmpl.FindResource("C"), *t->ev).empty());
}

// Every template of the shared corpus reads and evaluates (every resource's
// properties, every condition, every output) without a diagnostic from the
// template reader or the evaluator.
TEST(TemplateTest, CorpusEvaluatesWithoutDiagnostics) {
  std::string shared = fnwarden::testing::SharedDir();
  if (shared.empty()) GTEST_SKIP() << "no ../shared";
  namespace fs = std::filesystem;
  fs::path root = fs::path(shared) / "corpus" / "serverless-patterns";
  if (!fs::exists(root)) GTEST_SKIP() << "no corpus";
  size_t templates = 0;
  std::vector<std::string> unexpected;
  for (const fs::directory_entry& e : fs::recursive_directory_iterator(root)) {
    if (!e.is_regular_file()) continue;
    std::string ext = e.path().extension().string();
    if (ext != ".yaml" && ext != ".yml" && ext != ".json") continue;
    std::string text = fnwarden::testing::ReadFileOrDie(e.path().string());
    util::SourceFile file(fs::relative(e.path(), root).string(), text);
    util::DiagnosticSink parse_diags;
    size_t first = text.find_first_not_of(" \t\r\n");
    std::unique_ptr<syntax::Document> doc =
        first != std::string::npos && text[first] == '{'
            ? syntax::ParseJson(&file, syntax::ParseLimits{}, &parse_diags)
            : syntax::ParseYaml(&file, syntax::ParseLimits{}, &parse_diags);
    if (doc == nullptr) continue;
    util::DiagnosticSink diags;
    Template t;
    if (!ReadTemplate(*doc, &t, &diags)) continue;
    ++templates;
    Evaluator ev(t, {}, &diags);
    ev.AddImplicitResource("ServerlessRestApi");
    ev.AddImplicitResource("ServerlessHttpApi");
    for (const ResourceDecl& r : t.resources) {
      ev.Eval(r.properties);
      if (!r.condition.empty()) ev.Condition(r.condition);
    }
    if (t.conditions != nullptr) {
      for (const syntax::MapEntry& c : t.conditions->entries) ev.Condition(c.key->scalar);
    }
    ev.Eval(doc->root()->Get("Outputs"));
    for (const util::Diagnostic& d : diags.Sorted()) {
      unexpected.push_back(util::RenderHeadline(d));
    }
  }
  EXPECT_GT(templates, 500u);
  EXPECT_EQ(unexpected, std::vector<std::string>{});
}

}  // namespace
}  // namespace fnwarden::load::cfn
