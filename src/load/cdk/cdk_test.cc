#include "load/cdk/cdk.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "util/diagnostic.h"
#include "util/fs.h"

namespace fnwarden::load::cdk {
namespace {

std::vector<std::string> Headlines(const util::DiagnosticSink& diags) {
  std::vector<std::string> out;
  for (const util::Diagnostic& d : diags.Sorted()) out.push_back(util::RenderHeadline(d));
  return out;
}

std::vector<std::string> Describe(const std::vector<CdkStack>& stacks) {
  std::vector<std::string> out;
  for (const CdkStack& s : stacks) {
    out.push_back(s.artifact_id + " (" + s.display_name + ") " + s.template_file + " -> " +
                  s.template_path);
  }
  return out;
}

constexpr char kManifest[] = R"({
  "version": "36.0.0",
  "artifacts": {
    "OrdersStack.assets": {
      "type": "cdk:asset-manifest",
      "properties": {"file": "OrdersStack.assets.json"}
    },
    "OrdersStack": {
      "type": "aws:cloudformation:stack",
      "environment": "aws://unknown-account/unknown-region",
      "properties": {"templateFile": "OrdersStack.template.json", "validateOnSynth": false},
      "displayName": "OrdersStack"
    },
    "assembly-Prod": {
      "type": "cdk:cloud-assembly",
      "properties": {"directoryName": "assembly-Prod", "displayName": "Prod"}
    },
    "Tree": {"type": "cdk:tree", "properties": {"file": "tree.json"}}
  }
})";

constexpr char kNestedManifest[] = R"({
  "version": "36.0.0",
  "artifacts": {
    "ProdOrdersStack1234": {
      "type": "aws:cloudformation:stack",
      "properties": {"templateFile": "ProdOrdersStack1234.template.json"},
      "displayName": "Prod/OrdersStack"
    },
    "Escape": {
      "type": "aws:cloudformation:stack",
      "properties": {"templateFile": "../../etc/passwd"}
    },
    "Absolute": {
      "type": "aws:cloudformation:stack",
      "properties": {"templateFile": "/etc/passwd"}
    },
    "Gone": {
      "type": "aws:cloudformation:stack",
      "properties": {"templateFile": "Gone.template.json"}
    }
  }
})";

TEST(CdkTest, ListsStacksOfTheAssemblyAndItsStages) {
  util::MemoryFileSystem fs;
  fs.AddFile("app/cdk.out/manifest.json", kManifest);
  fs.AddFile("app/cdk.out/OrdersStack.template.json", "{}");
  fs.AddFile("app/cdk.out/assembly-Prod/manifest.json", kNestedManifest);
  fs.AddFile("app/cdk.out/assembly-Prod/ProdOrdersStack1234.template.json", "{}");
  util::DiagnosticSink diags;
  util::ScanRoots roots(fs, {"app"}, false);
  std::vector<CdkStack> stacks = ListCdkStacks(fs, roots, "app/cdk.out", &diags);
  EXPECT_EQ(Describe(stacks),
            (std::vector<std::string>{
                "OrdersStack (OrdersStack) OrdersStack.template.json -> "
                "app/cdk.out/OrdersStack.template.json",
                "ProdOrdersStack1234 (Prod/OrdersStack) ProdOrdersStack1234.template.json -> "
                "app/cdk.out/assembly-Prod/ProdOrdersStack1234.template.json",
            }));
  EXPECT_EQ(Headlines(diags),
            (std::vector<std::string>{
                "app/cdk.out/assembly-Prod/manifest.json: error: stack Absolute names template "
                "\"/etc/passwd\" outside the assembly; skipped",
                "app/cdk.out/assembly-Prod/manifest.json: error: stack Escape names template "
                "\"../../etc/passwd\" outside the assembly; skipped",
                "app/cdk.out/assembly-Prod/manifest.json: error: stack Gone names template "
                "Gone.template.json, which does not exist",
            }));
  EXPECT_EQ(CdkStackTemplates(fs, roots, "app/cdk.out", &diags),
            (std::vector<std::string>{
                "app/cdk.out/OrdersStack.template.json",
                "app/cdk.out/assembly-Prod/ProdOrdersStack1234.template.json",
            }));
}

TEST(CdkTest, ParsesAManifestWithoutReadingFiles) {
  CdkManifest manifest;
  std::string err;
  std::vector<std::string> warnings;
  ASSERT_TRUE(ParseCdkManifest(kManifest, &manifest, &err, &warnings));
  ASSERT_EQ(manifest.stacks.size(), 1u);
  EXPECT_EQ(manifest.stacks[0].template_file, "OrdersStack.template.json");
  EXPECT_EQ(manifest.stacks[0].template_path, "");
  EXPECT_EQ(manifest.nested_assemblies, std::vector<std::string>{"assembly-Prod"});
  EXPECT_TRUE(warnings.empty());
}

TEST(CdkTest, MalformedManifests) {
  struct Case {
    const char* text;
    const char* err;
  };
  const Case kCases[] = {
      {"", "the CDK assembly manifest is not valid JSON: "},
      {"{\"artifacts\": [", "the CDK assembly manifest is not valid JSON: "},
      {"{\"version\": \"36.0.0\"}", "the CDK assembly manifest has no \"artifacts\" object"},
      {"[]", "the CDK assembly manifest has no \"artifacts\" object"},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.text);
    CdkManifest manifest;
    std::string err;
    std::vector<std::string> warnings;
    EXPECT_FALSE(ParseCdkManifest(c.text, &manifest, &err, &warnings));
    EXPECT_TRUE(err.starts_with(c.err)) << err;
  }
  util::MemoryFileSystem fs;
  fs.AddFile("cdk.out/manifest.json",
             "{\"artifacts\": {\"S\": {\"type\": \"aws:cloudformation:stack\"}}}");
  util::DiagnosticSink diags;
  util::ScanRoots roots(fs, {"cdk.out"}, false);
  EXPECT_TRUE(ListCdkStacks(fs, roots, "cdk.out", &diags).empty());
  EXPECT_EQ(Headlines(diags),
            (std::vector<std::string>{"cdk.out/manifest.json: error: stack S has no "
                                      "properties.templateFile; skipped"}));
  util::DiagnosticSink missing;
  EXPECT_TRUE(ListCdkStacks(fs, roots, "elsewhere", &missing).empty());
  EXPECT_EQ(missing.size(), 1u);
}

TEST(CdkTest, NestedAssembliesAreBounded) {
  // Every level names itself as its own nested assembly.
  util::MemoryFileSystem fs;
  std::string dir = "cdk.out";
  for (int i = 0; i < 12; ++i) {
    fs.AddFile(
        dir + "/manifest.json",
        R"({"artifacts": {"a": {"type": "cdk:cloud-assembly", "properties": {"directoryName": "a"}}}})");
    dir += "/a";
  }
  util::DiagnosticSink diags;
  EXPECT_TRUE(ListCdkStacks(fs, util::ScanRoots(fs, {"."}, false), "cdk.out", &diags).empty());
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_NE(Headlines(diags)[0].find("more than 8 levels deep"), std::string::npos);
}

TEST(CdkTest, LinksOutOfTheScanRootsAreNotFollowed) {
  util::MemoryFileSystem fs;
  fs.AddFile("app/cdk.out/manifest.json", kManifest);
  fs.AddSymlink("app/cdk.out/OrdersStack.template.json", "../../home/.aws/credentials");
  fs.AddSymlink("app/cdk.out/assembly-Prod", "/elsewhere/assembly");
  fs.AddFile("home/.aws/credentials", "aws_secret_access_key = hunter2");
  fs.AddFile("/elsewhere/assembly/manifest.json", kNestedManifest);
  fs.AddFile("/elsewhere/assembly/ProdOrdersStack1234.template.json", "{}");
  util::DiagnosticSink diags;
  util::ScanRoots roots(fs, {"app"}, false);
  EXPECT_TRUE(ListCdkStacks(fs, roots, "app/cdk.out", &diags).empty());
  EXPECT_EQ(Headlines(diags),
            (std::vector<std::string>{
                "app/cdk.out/assembly-Prod/manifest.json: error: cannot read the CDK assembly "
                "manifest: outside the scanned folders",
                "app/cdk.out/manifest.json: error: stack OrdersStack names template "
                "OrdersStack.template.json, which is outside the scanned folders; skipped",
            }));
  EXPECT_TRUE(fs.reads().size() == 1u && fs.reads()[0] == "app/cdk.out/manifest.json")
      << fs.reads().size();
}

TEST(CdkTest, AManifestThatIsNotARegularFileIsRefused) {
  util::MemoryFileSystem fs;
  fs.AddFile("app/cdk.out/manifest.json", kManifest);
  fs.AddFile("app/cdk.out/OrdersStack.template.json", "{}");
  fs.AddSpecial("app/cdk.out/assembly-Prod/manifest.json");  // a FIFO
  util::DiagnosticSink diags;
  util::ScanRoots roots(fs, {"app"}, false);
  EXPECT_EQ(ListCdkStacks(fs, roots, "app/cdk.out", &diags).size(), 1u);
  EXPECT_EQ(Headlines(diags), (std::vector<std::string>{
                                  "app/cdk.out/assembly-Prod/manifest.json: error: cannot read "
                                  "the CDK assembly manifest: not a regular file",
                              }));
}

}  // namespace
}  // namespace fnwarden::load::cdk
