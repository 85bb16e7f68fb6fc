#include "load/project.h"

#include <algorithm>
#include <mutex>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "util/diagnostic.h"
#include "util/fs.h"

namespace fnwarden::load {
namespace {

constexpr char kSamTemplate[] = R"(AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage:
    Type: String
    Default: dev
Resources:
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
)";

constexpr char kCfnTemplate[] = R"({
  "Resources": {
    "Receipts": {"Type": "AWS::S3::Bucket"}
  }
})";

std::vector<std::string> Headlines(const util::DiagnosticSink& diags) {
  std::vector<std::string> out;
  for (const util::Diagnostic& d : diags.Sorted()) out.push_back(util::RenderHeadline(d));
  return out;
}

// "root framework functions buckets" per model.
std::vector<std::string> Models(const LoadResult& r) {
  std::vector<std::string> out;
  for (const model::Model& m : r.models) {
    const char* fw = m.framework == model::Framework::kSam              ? "sam"
                     : m.framework == model::Framework::kCloudFormation ? "cfn"
                     : m.framework == model::Framework::kCdk            ? "cdk"
                                                                        : "other";
    out.push_back(m.root + " " + fw + " " + std::to_string(m.functions.size()) + " " +
                  std::to_string(m.buckets.size()));
  }
  return out;
}

// MemoryFileSystem records reads without a lock; LoadProjects reads from
// several threads, so parallel tests go through this wrapper.
class LockedFileSystem : public util::FileSystem {
 public:
  explicit LockedFileSystem(const util::FileSystem& fs) : fs_(fs) {}
  util::EntryKind Stat(const std::string& path, uint64_t* size) const override {
    std::lock_guard<std::mutex> lock(mu_);
    return fs_.Stat(path, size);
  }
  bool ReadFile(const std::string& path, uint64_t max_bytes, std::string* contents,
                std::string* err) const override {
    std::lock_guard<std::mutex> lock(mu_);
    return fs_.ReadFile(path, max_bytes, contents, err);
  }
  bool ListDir(const std::string& path, std::vector<util::DirEntry>* entries,
               std::string* err) const override {
    std::lock_guard<std::mutex> lock(mu_);
    return fs_.ListDir(path, entries, err);
  }
  std::string Identity(const std::string& path) const override {
    std::lock_guard<std::mutex> lock(mu_);
    return fs_.Identity(path);
  }

 private:
  const util::FileSystem& fs_;
  mutable std::mutex mu_;
};

// LoadProjects through a LockedFileSystem.
void Load(const util::FileSystem& fs, const std::vector<std::string>& paths,
          util::DiagnosticSink* diags, LoadResult* result, const LoadOptions& options = {}) {
  LockedFileSystem locked(fs);
  LoadProjects(locked, paths, options, diags, result);
}

TEST(LoadProjects, ClassifiesByContentAndReadsEachFileOnce) {
  util::MemoryFileSystem fs;
  fs.AddFile("repo/orders/template.yaml", kSamTemplate);
  fs.AddFile("repo/infra/storage.template", kCfnTemplate);  // JSON in a .template file
  fs.AddFile("repo/.github/workflows/ci.yml", "on: push\njobs: {}\n");
  fs.AddFile("repo/openapi.yaml",
             "openapi: 3.0.0\npaths:\n  /x:\n    get:\n      x-region: ${AWS::Region}\n");
  fs.AddFile("repo/broken-config.yaml", "a: [1, 2\n");  // no template markers: not reported
  fs.AddFile("repo/package.json", "{\"name\": \"orders\"}");
  util::DiagnosticSink diags;
  LoadResult result;
  Load(fs, {"repo"}, &diags, &result);

  EXPECT_EQ(Models(result), (std::vector<std::string>{"repo/infra/storage.template cfn 0 1",
                                                      "repo/orders/template.yaml sam 1 0"}));
  EXPECT_EQ(Headlines(diags), std::vector<std::string>{});
  EXPECT_EQ(result.files_seen, 5u);    // everything but package.json
  EXPECT_EQ(result.files_parsed, 3u);  // the two templates and the OpenAPI file
  std::vector<std::string> reads = fs.reads();
  std::sort(reads.begin(), reads.end());
  EXPECT_EQ(reads,
            (std::vector<std::string>{"repo/.github/workflows/ci.yml", "repo/broken-config.yaml",
                                      "repo/infra/storage.template", "repo/openapi.yaml",
                                      "repo/orders/template.yaml"}));
}

TEST(LoadProjects, ParseErrorIsReportedAndOtherFilesStillLoad) {
  util::MemoryFileSystem fs;
  fs.AddFile("a/template.yaml",
             "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n   x: [\n");
  fs.AddFile("b/template.json", kCfnTemplate);
  util::DiagnosticSink diags;
  LoadResult result;
  Load(fs, {"a", "b"}, &diags, &result);
  EXPECT_EQ(Models(result), std::vector<std::string>{"b/template.json cfn 0 1"});
  ASSERT_EQ(diags.size(), 1u);
  util::Diagnostic d = diags.Sorted()[0];
  EXPECT_EQ(d.level, util::DiagLevel::kError);
  EXPECT_EQ(d.path, "a/template.yaml");
  EXPECT_TRUE(d.loc.known()) << util::RenderHeadline(d);
  EXPECT_EQ(d.loc.line, 4u) << util::RenderHeadline(d);
  EXPECT_EQ(result.files_parsed, 1u);
}

TEST(LoadProjects, UnreadableAndBinaryFiles) {
  util::MemoryFileSystem fs;
  fs.AddUnreadable("r/template.yaml", "Permission denied");
  fs.AddFile("r/other/template.yaml", std::string("AWSTemplate\0FormatVersion", 25));
  fs.AddFile("r/data/blob.json", std::string("{\"AWS::\0", 8));  // binary, not template-named
  fs.AddFile("r/ok/template.yaml", kSamTemplate);
  util::DiagnosticSink diags;
  LoadResult result;
  Load(fs, {"r"}, &diags, &result);
  EXPECT_EQ(Models(result), std::vector<std::string>{"r/ok/template.yaml sam 1 0"});
  EXPECT_EQ(
      Headlines(diags),
      (std::vector<std::string>{
          "r/other/template.yaml: error: binary file (a NUL byte in its first 8 KiB); skipped",
          "r/template.yaml: error: cannot read: Permission denied"}));
  EXPECT_TRUE(diags.has_errors());
}

TEST(LoadProjects, LocalNestedStackIsLoadedAsItsOwnModel) {
  util::MemoryFileSystem fs;
  fs.AddFile("app/parent.yaml", R"(AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Storage:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./nested/../stacks/storage.json
  Remote:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: https://s3.amazonaws.com/bucket/remote.yaml
)");
  fs.AddFile("app/stacks/storage.json", kCfnTemplate);
  util::DiagnosticSink diags;
  LoadResult result;
  // Only the parent is named: the child is found through TemplateURL.
  Load(fs, {"app/parent.yaml"}, &diags, &result);
  EXPECT_EQ(Models(result), (std::vector<std::string>{"app/parent.yaml cfn 0 0",
                                                      "app/stacks/storage.json cfn 0 1"}));
  EXPECT_EQ(Headlines(diags), std::vector<std::string>{});
  EXPECT_EQ(result.files_seen, 2u);
}

TEST(LoadProjects, NestedStackReachedTwiceIsLoadedOnce) {
  util::MemoryFileSystem fs;
  fs.AddFile("app/template.yaml", R"(Resources:
  Child:
    Type: AWS::CloudFormation::Stack
    Properties: {TemplateURL: child.yaml}
)");
  fs.AddFile("app/child.yaml", "Resources:\n  B:\n    Type: AWS::S3::Bucket\n");
  util::DiagnosticSink diags;
  LoadResult result;
  Load(fs, {"app"}, &diags, &result);
  EXPECT_EQ(Models(result),
            (std::vector<std::string>{"app/child.yaml cfn 0 1", "app/template.yaml cfn 0 0"}));
  EXPECT_EQ(fs.reads().size(), 2u);
}

TEST(LoadProjects, CdkAssemblyStacksAreModelsOfTheirOwn) {
  util::MemoryFileSystem fs;
  fs.AddFile("app/cdk.out/manifest.json", R"({"version": "36.0.0", "artifacts": {
    "OrdersStack": {"type": "aws:cloudformation:stack",
                    "environment": "aws://unknown-account/unknown-region",
                    "properties": {"templateFile": "OrdersStack.template.json"}},
    "OrdersStack.assets": {"type": "cdk:asset-manifest",
                           "properties": {"file": "OrdersStack.assets.json"}}}})");
  fs.AddFile("app/cdk.out/OrdersStack.template.json", kCfnTemplate);
  fs.AddFile("app/cdk.out/OrdersStack.assets.json", "{\"AWS::\": 1}");
  fs.AddFile("app/cdk.out/asset.0a1b/template.yaml", kSamTemplate);  // copied code, not ours
  util::DiagnosticSink diags;
  LoadResult result;
  Load(fs, {"app"}, &diags, &result);
  EXPECT_EQ(Models(result),
            std::vector<std::string>{"app/cdk.out/OrdersStack.template.json cdk 0 1"});
  EXPECT_EQ(Headlines(diags), std::vector<std::string>{});
  std::vector<std::string> reads = fs.reads();
  std::sort(reads.begin(), reads.end());
  EXPECT_EQ(reads, (std::vector<std::string>{"app/cdk.out/OrdersStack.template.json",
                                             "app/cdk.out/manifest.json"}));
}

TEST(LoadProjects, NamedFileThatIsNotATemplateGetsAWarning) {
  util::MemoryFileSystem fs;
  fs.AddFile("openapi.yaml", "openapi: 3.0.0\n");
  fs.AddFile("stack.yaml", "Resources:\n  X:\n    Type: Acme::AWS::Thing\n");
  util::DiagnosticSink diags;
  LoadResult result;
  Load(fs, {"openapi.yaml", "stack.yaml"}, &diags, &result);
  EXPECT_TRUE(result.models.empty());
  EXPECT_EQ(
      Headlines(diags),
      (std::vector<std::string>{"openapi.yaml: warning: not a CloudFormation or SAM template (no "
                                "AWSTemplateFormatVersion and no AWS:: resource types); skipped",
                                "stack.yaml: warning: not a CloudFormation or SAM template (no "
                                "AWSTemplateFormatVersion and no AWS:: resource types); skipped"}));
  EXPECT_FALSE(diags.has_errors());
}

TEST(LoadProjects, ParametersFromOptions) {
  util::MemoryFileSystem fs;
  fs.AddFile("template.yaml", kSamTemplate);
  LoadOptions options;
  options.parameters = {{"Stage", "prod"}};
  util::DiagnosticSink diags;
  LoadResult result;
  Load(fs, {"template.yaml"}, &diags, &result, options);
  ASSERT_EQ(result.models.size(), 1u);
  EXPECT_EQ(result.models[0].parameters.at("Stage"), "prod");
}

TEST(LoadProjects, SequentialAndParallelLoadsAgree) {
  util::MemoryFileSystem fs;
  for (int i = 0; i < 40; ++i) {
    fs.AddFile("many/app" + std::to_string(i) + "/template.yaml", kSamTemplate);
  }
  std::vector<std::string> by_jobs[2];
  for (unsigned jobs : {1u, 4u}) {
    LoadOptions options;
    options.jobs = jobs;
    util::DiagnosticSink diags;
    LoadResult result;
    Load(fs, {"many"}, &diags, &result, options);
    by_jobs[jobs == 1 ? 0 : 1] = Models(result);
  }
  EXPECT_EQ(by_jobs[0].size(), 40u);
  EXPECT_EQ(by_jobs[0], by_jobs[1]);
}

TEST(BuildTemplateModel, NotATemplate) {
  util::SourceSet sources;
  const util::SourceFile* file = sources.Add("x.yaml", "a: 1\n");
  util::DiagnosticSink diags;
  auto doc = syntax::ParseYaml(file, syntax::ParseLimits{}, &diags);
  ASSERT_NE(doc, nullptr);
  model::Model m;
  EXPECT_FALSE(BuildTemplateModel(*doc, LoadOptions{}, &diags, &m));
}

}  // namespace
}  // namespace fnwarden::load
