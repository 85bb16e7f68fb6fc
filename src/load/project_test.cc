#include "load/project.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "util/diagnostic.h"
#include "util/encoding.h"
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
                     : m.framework == model::Framework::kServerless     ? "serverless"
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
  util::ReadStatus Read(const std::string& path, const util::ReadOptions& options,
                        std::string* contents, uint64_t* size, std::string* err) const override {
    std::lock_guard<std::mutex> lock(mu_);
    return fs_.Read(path, options, contents, size, err);
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
  bool RealPath(const std::string& path, std::string* real, std::string* err) const override {
    std::lock_guard<std::mutex> lock(mu_);
    return fs_.RealPath(path, real, err);
  }
  util::LinkStatus ReadLink(const std::string& path, std::string* target,
                            std::string* err) const override {
    std::lock_guard<std::mutex> lock(mu_);
    return fs_.ReadLink(path, target, err);
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

// A compose file named on the command line loads the services it lists,
// each a unit of its own, and never a file outside the scanned folders.
TEST(LoadProjects, ComposeFileNamedAloneLoadsItsServices) {
  constexpr char kService[] = "service: s\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: h.h\n";
  util::MemoryFileSystem fs;
  fs.AddFile("app/serverless-compose.yml", R"(services:
  orders:
    path: orders
  users:
    path: users
    config: serverless.users.yml
  billing:
    path: billing
  escape:
    path: ../elsewhere
  broken: {}
)");
  fs.AddFile("app/orders/serverless.yml", kService);
  fs.AddFile("app/users/serverless.users.yml", kService);
  fs.AddFile("app/billing/README.md", "no service here");
  fs.AddFile("elsewhere/serverless.yml", kService);
  util::DiagnosticSink diags;
  LoadResult result;
  Load(fs, {"app/serverless-compose.yml"}, &diags, &result);
  EXPECT_EQ(Models(result),
            (std::vector<std::string>{"app/orders/serverless.yml serverless 1 0",
                                      "app/users/serverless.users.yml serverless 1 0"}));
  EXPECT_EQ(Headlines(diags),
            (std::vector<std::string>{
                "app/serverless-compose.yml:8:11: warning: service billing: no serverless.yml "
                "(or .yaml, .json) in billing; not read",
                "app/serverless-compose.yml:10:11: warning: service escape: folder ../elsewhere is "
                "outside the scanned folders; not read",
                "app/serverless-compose.yml:11:11: error: service broken needs `path`, the folder "
                "of its serverless.yml; skipped",
            }));
  std::vector<std::string> reads = fs.reads();
  EXPECT_EQ(std::count(reads.begin(), reads.end(), "elsewhere/serverless.yml"), 0);
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

TEST(LoadProjects, TooLargeFilesAreReportedWhenTheyLookLikeTemplates) {
  util::MemoryFileSystem fs;
  fs.AddFile("r/template.yaml", std::string(200, 'x'));
  fs.AddFile("r/data.json", std::string(200, 'x'));
  fs.AddFile("r/small.yaml", "Resources: {}\n");
  LoadOptions options;
  options.max_file_bytes = 100;
  util::DiagnosticSink diags;
  LoadResult result;
  Load(fs, {"r"}, &diags, &result, options);
  EXPECT_EQ(Headlines(diags),
            std::vector<std::string>{
                "r/template.yaml: error: too large: 200 bytes (the limit is 100 bytes); skipped"});
}

TEST(LoadProjects, LocalNestedStackBecomesPartOfItsParentsModel) {
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
  // Only the parent is named: the child is found through TemplateURL, and
  // its bucket is the parent's unit's.
  Load(fs, {"app/parent.yaml"}, &diags, &result);
  EXPECT_EQ(Models(result), (std::vector<std::string>{"app/parent.yaml cfn 0 1"}));
  EXPECT_EQ(result.models[0].included, std::vector<std::string>{"app/stacks/storage.json"});
  ASSERT_EQ(result.models[0].buckets.size(), 1u);
  EXPECT_EQ(result.models[0].buckets[0].loc.path(), "app/stacks/storage.json")
      << "findings still point into the nested template";
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
  EXPECT_EQ(Models(result), (std::vector<std::string>{"app/template.yaml cfn 0 1"}));
  EXPECT_EQ(fs.reads().size(), 2u) << "the parent passes no parameters: the walk's model serves";
}

// A role in the parent and a function in the nested template meet in one
// model: the parameter the parent passes keeps its reference to the role.
// Whether the walk finds the child first or the parent names it.
TEST(LoadProjects, NestedTemplateParametersAreBoundToWhatTheParentPasses) {
  util::MemoryFileSystem fs;
  fs.AddFile("app/template.yaml", R"(Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]
  Workers:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: workers/template.yaml
      Parameters:
        RoleArn: !GetAtt Role.Arn
        Runtime: python3.12
)");
  fs.AddFile("app/workers/template.yaml", R"(Parameters:
  RoleArn: {Type: String}
  Runtime: {Type: String, Default: python3.8}
Resources:
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      Role: !Ref RoleArn
      Runtime: !Ref Runtime
      Handler: app.handler
      Code: {ZipFile: "def handler(e, c): pass"}
)");
  for (const std::vector<std::string>& paths :
       {std::vector<std::string>{"app"}, std::vector<std::string>{"app/template.yaml"}}) {
    SCOPED_TRACE(paths.front());
    util::DiagnosticSink diags;
    LoadResult result;
    Load(fs, paths, &diags, &result);
    ASSERT_EQ(Models(result), (std::vector<std::string>{"app/template.yaml cfn 1 0"}));
    const model::Model& m = result.models[0];
    const model::Function* worker = m.FindFunction("Worker");
    ASSERT_NE(worker, nullptr);
    EXPECT_EQ(worker->role_id, "Role");
    EXPECT_EQ(worker->runtime.value, "python3.12") << "the parent's value, not the default";
    ASSERT_NE(m.FindRole("Role"), nullptr);
    EXPECT_EQ(m.FindRole("Role")->functions, std::vector<std::string>{"Worker"});
    EXPECT_EQ(Headlines(diags), std::vector<std::string>{});
  }
}

// The parent reads a nested stack's outputs: a policy of the parent names
// the function of one nested template (!GetAtt Api.Outputs.HandlerArn), and
// one nested stack passes another's output to its parameters (Workers gets
// Queues.Outputs.JobsArn), whether the walk finds the children first or the
// parent names them.
TEST(LoadProjects, NestedStackOutputsReachTheParentAndItsOtherStacks) {
  util::MemoryFileSystem fs;
  fs.AddFile("app/template.yaml", R"(Resources:
  Caller:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]
      Policies:
        - PolicyName: invoke
          PolicyDocument:
            Statement:
              - {Effect: Allow, Action: lambda:InvokeFunction, Resource: !GetAtt Api.Outputs.HandlerArn}
              - {Effect: Allow, Action: s3:GetObject, Resource: !GetAtt Api.Outputs.Missing}
  Api:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: api.yaml
  Queues:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: queues.yaml
  Workers:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: workers.yaml
      Parameters:
        JobsArn: !GetAtt Queues.Outputs.JobsArn
)");
  fs.AddFile("app/api.yaml", R"(Resources:
  Handler:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/handler
      Runtime: python3.12
      Handler: app.handler
      Code: {ZipFile: "def handler(e, c): pass"}
Outputs:
  HandlerArn:
    Value: !GetAtt Handler.Arn
)");
  fs.AddFile("app/queues.yaml", R"(Resources:
  Jobs:
    Type: AWS::SQS::Queue
Outputs:
  JobsArn:
    Value: !GetAtt Jobs.Arn
)");
  fs.AddFile("app/workers.yaml", R"(Parameters:
  JobsArn: {Type: String}
Resources:
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/worker
      Runtime: python3.12
      Handler: app.handler
      Code: {ZipFile: "def handler(e, c): pass"}
      Environment:
        Variables:
          JOBS: !Ref JobsArn
)");
  for (const std::vector<std::string>& paths :
       {std::vector<std::string>{"app"}, std::vector<std::string>{"app/template.yaml"}}) {
    SCOPED_TRACE(paths.front());
    util::DiagnosticSink diags;
    LoadResult result;
    Load(fs, paths, &diags, &result);
    ASSERT_EQ(Models(result), (std::vector<std::string>{"app/template.yaml cfn 2 0"}));
    const model::Model& m = result.models[0];
    const model::Role* caller = m.FindRole("Caller");
    ASSERT_NE(caller, nullptr);
    const std::vector<model::Statement>& statements = caller->policies.at(0).statements;
    ASSERT_EQ(statements.size(), 2u);
    const model::String& invoked = statements[0].resources.at(0);
    EXPECT_THAT(invoked.refs, ::testing::Contains("Handler")) << invoked.value;
    EXPECT_THAT(invoked.pieces,
                ::testing::Contains(model::Piece::Of("Handler", model::Attribute::kArn)));
    // An output the nested template does not declare stays unknown.
    EXPECT_TRUE(statements[1].resources.at(0).unknown());
    EXPECT_THAT(statements[1].resources.at(0).refs, ::testing::Not(::testing::Contains("Handler")));
    const model::Function* worker = m.FindFunction("Worker");
    ASSERT_NE(worker, nullptr);
    ASSERT_EQ(worker->environment.size(), 1u);
    EXPECT_THAT(worker->environment[0].value.refs, ::testing::Contains("Jobs"));
    EXPECT_EQ(Headlines(diags), std::vector<std::string>{});
  }
}

// Three levels, all found by the walk: the middle template takes the
// top's parameter and keeps the bottom template it nests.
TEST(LoadProjects, ThreeLevelsOfNestedStacksMeetInOneModel) {
  util::MemoryFileSystem fs;
  fs.AddFile("app/template.yaml", R"(Resources:
  Middle:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: middle.yaml
      Parameters: {Runtime: python3.12}
)");
  fs.AddFile("app/middle.yaml", R"(Parameters:
  Runtime: {Type: String, Default: python3.8}
Resources:
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/worker
      Runtime: !Ref Runtime
      Handler: app.handler
      Code: {ZipFile: "def handler(e, c): pass"}
  Bottom:
    Type: AWS::CloudFormation::Stack
    Properties: {TemplateURL: bottom.yaml}
)");
  fs.AddFile("app/bottom.yaml", "Resources:\n  Uploads:\n    Type: AWS::S3::Bucket\n");
  util::DiagnosticSink diags;
  LoadResult result;
  Load(fs, {"app"}, &diags, &result);
  ASSERT_EQ(Models(result), (std::vector<std::string>{"app/template.yaml cfn 1 1"}));
  const model::Model& m = result.models[0];
  ASSERT_NE(m.FindFunction("Worker"), nullptr);
  EXPECT_EQ(m.FindFunction("Worker")->runtime.value, "python3.12");
  EXPECT_NE(m.FindResource("Uploads"), nullptr) << "the bottom template is kept";
  EXPECT_EQ(Headlines(diags), std::vector<std::string>{});
}

TEST(LoadProjects, NestedTemplateReusingAParentIdStaysAUnitOfItsOwn) {
  util::MemoryFileSystem fs;
  fs.AddFile("app/template.yaml", R"(Resources:
  Data: {Type: AWS::S3::Bucket}
  Child:
    Type: AWS::CloudFormation::Stack
    Properties: {TemplateURL: child.yaml}
)");
  fs.AddFile("app/child.yaml", "Resources:\n  Data:\n    Type: AWS::S3::Bucket\n");
  util::DiagnosticSink diags;
  LoadResult result;
  Load(fs, {"app/template.yaml"}, &diags, &result);
  EXPECT_EQ(Models(result),
            (std::vector<std::string>{"app/child.yaml cfn 0 1", "app/template.yaml cfn 0 1"}));
  EXPECT_EQ(Headlines(diags),
            std::vector<std::string>{
                "app/template.yaml:5:31: warning: nested stack Child: its template uses logical IDs "
                "this one uses too (Data); scanned as a unit of its own"});
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
  EXPECT_EQ(Headlines(diags),
            (std::vector<std::string>{
                "openapi.yaml: warning: not a CloudFormation or SAM template (no "
                "AWSTemplateFormatVersion and no AWS:: resource types), a Serverless Framework "
                "service (no `service` and `provider`) nor a Terraform plan (no `format_version` "
                "and `planned_values`); skipped",
                "stack.yaml: warning: not a CloudFormation or SAM template (no "
                "AWSTemplateFormatVersion and no AWS:: resource types), a Serverless Framework "
                "service (no `service` and `provider`) nor a Terraform plan (no `format_version` "
                "and `planned_values`); skipped"}));
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

// Renders every diagnostic with its source line, to prove what is quoted.
std::string Rendered(const util::DiagnosticSink& diags) {
  std::string out;
  for (const util::Diagnostic& d : diags.Sorted()) out += util::Render(d);
  return out;
}

constexpr char kSecret[] = "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

TEST(LoadProjects, NestedStacksOutsideTheScanRootsAreRefused) {
  util::MemoryFileSystem fs;
  fs.AddFile("repo/app/template.yaml", R"(AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Climb:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ../../home/.aws/credentials.yaml
  ThroughALink:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: linked/child.yaml
  Absolute:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: /home/.aws/credentials.yaml
  Inside:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./stacks/../stacks/child.yaml
)");
  fs.AddFile("repo/app/stacks/child.yaml", "Resources:\n  B:\n    Type: AWS::S3::Bucket\n");
  fs.AddSymlink("repo/app/linked", "../../home/.aws");
  // Files that would parse as templates, and whose errors would quote them.
  std::string secret_template =
      std::string("Resources: {B: {Type: AWS::S3::Bucket}}\n") + kSecret + "\n  bad: [\n";
  fs.AddFile("home/.aws/credentials.yaml", secret_template);
  fs.AddFile("home/.aws/child.yaml", secret_template);
  fs.AddFile("/home/.aws/credentials.yaml", secret_template);
  util::DiagnosticSink diags;
  LoadResult result;
  Load(fs, {"repo/app/template.yaml"}, &diags, &result);
  EXPECT_EQ(Models(result), (std::vector<std::string>{"repo/app/template.yaml cfn 0 1"}));
  EXPECT_EQ(Headlines(diags),
            (std::vector<std::string>{
                "repo/app/template.yaml:6:20: warning: nested stack template "
                "../../home/.aws/credentials.yaml is outside the scanned folders; not read",
                "repo/app/template.yaml:10:20: warning: nested stack template linked/child.yaml "
                "is outside the scanned folders; not read",
                "repo/app/template.yaml:14:20: warning: nested stack template "
                "/home/.aws/credentials.yaml is outside the scanned folders; not read",
            }));
  for (const std::string& read : fs.reads()) EXPECT_TRUE(read.starts_with("repo/")) << read;
  EXPECT_EQ(Rendered(diags).find("wJalr"), std::string::npos) << Rendered(diags);
}

TEST(LoadProjects, LinkedTemplatesOutsideTheRootsAreNeverQuoted) {
  // A "template" that is a link to a credentials file: with the link
  // followed, its parse error would show the secret line.
  util::MemoryFileSystem fs;
  fs.AddFile("repo/template.yaml", kSamTemplate);
  fs.AddFile("home/.aws/credentials", std::string("AWSTemplateFormatVersion: [\n") + kSecret);
  fs.AddSymlink("repo/creds.template.yaml", "../home/.aws/credentials");
  util::DiagnosticSink diags;
  LoadResult result;
  Load(fs, {"repo"}, &diags, &result);
  EXPECT_EQ(Models(result), std::vector<std::string>{"repo/template.yaml sam 1 0"});
  EXPECT_EQ(Headlines(diags),
            std::vector<std::string>{
                "repo/creds.template.yaml: warning: not following symbolic link: its target is "
                "outside the scanned folders (use --follow-symlinks to follow it)"});
  EXPECT_EQ(fs.reads(), std::vector<std::string>{"repo/template.yaml"});
  EXPECT_EQ(Rendered(diags).find("wJalr"), std::string::npos);
}

TEST(LoadProjects, CodeFoldersOutsideTheRootsAreDropped) {
  util::MemoryFileSystem fs;
  fs.AddFile("repo/app/template.yaml", R"(AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Globals:
  Function: {Runtime: python3.12, Handler: app.handler}
Resources:
  Inside:
    Type: AWS::Serverless::Function
    Properties: {CodeUri: src/}
  Beside:
    Type: AWS::Serverless::Function
    Properties: {CodeUri: ./}
  Climb:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: ../../home/.ssh
  Linked:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: vendor-link
  Missing:
    Type: AWS::Serverless::Function
    Properties: {CodeUri: not-built-yet/}
  Plain:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Role: arn:aws:iam::123456789012:role/r
      Code: ../../home/.ssh
)");
  fs.AddFile("repo/app/src/app.py", "");
  fs.AddFile("home/.ssh/id_rsa", "-----BEGIN OPENSSH PRIVATE KEY-----");
  fs.AddSymlink("repo/app/vendor-link", "../../home/.ssh");
  util::DiagnosticSink diags;
  LoadResult result;
  Load(fs, {"repo/app"}, &diags, &result);
  ASSERT_EQ(result.models.size(), 1u);
  std::vector<std::string> dirs;
  for (const model::Function& fn : result.models[0].functions) {
    dirs.push_back(fn.id + " " + fn.code_dir);
  }
  std::sort(dirs.begin(), dirs.end());
  EXPECT_EQ(dirs,
            (std::vector<std::string>{"Beside repo/app", "Climb ", "Inside repo/app/src", "Linked ",
                                      "Missing repo/app/not-built-yet", "Plain "}));
  EXPECT_EQ(
      Headlines(diags),
      (std::vector<std::string>{
          "repo/app/template.yaml:15:16: warning: function Climb: code folder ../../home/.ssh "
          "is outside the scanned folders; its code is not read",
          "repo/app/template.yaml:19:16: warning: function Linked: code folder vendor-link is "
          "outside the scanned folders; its code is not read",
          "repo/app/template.yaml:29:13: warning: function Plain: code folder ../../home/.ssh "
          "is outside the scanned folders; its code is not read",
          "repo/app/vendor-link: warning: not following symbolic link: its target is outside "
          "the scanned folders (use --follow-symlinks to follow it)",
      }));
}

// `text` in UTF-16 or UTF-32 with a byte order mark.
std::string Encode(std::string_view text, int width, bool little) {
  std::string out;
  auto put = [&](uint32_t unit) {
    for (int i = 0; i < width; ++i) {
      out += static_cast<char>((unit >> (little ? 8 * i : 8 * (width - 1 - i))) & 0xFF);
    }
  };
  put(0xFEFF);
  for (char c : text) put(static_cast<unsigned char>(c));  // ASCII text only
  return out;
}

TEST(LoadProjects, Utf16AndUtf32TemplatesAreDecodedAndClassifiedByContent) {
  util::MemoryFileSystem fs;
  // Names that do not say "template": only the content can tell.
  fs.AddFile("r/a.yaml", Encode(kSamTemplate, 2, true));
  fs.AddFile("r/b.yaml", Encode(kSamTemplate, 2, false));
  fs.AddFile("r/c.json", Encode(kCfnTemplate, 4, true));
  fs.AddFile("r/d.json", Encode(kCfnTemplate, 4, false));
  fs.AddFile("r/e.yaml", Encode("openapi: 3.0.0\n", 2, true));  // decoded, not a template
  // A duplicate key is reported with its line and column in the decoded text.
  fs.AddFile(
      "r/f.yaml",
      Encode("Resources:\n  B: {Type: AWS::S3::Bucket}\n  B: {Type: AWS::S3::Bucket}\n", 2, true));
  util::DiagnosticSink diags;
  LoadResult result;
  Load(fs, {"r"}, &diags, &result);
  EXPECT_EQ(Models(result),
            (std::vector<std::string>{"r/a.yaml sam 1 0", "r/b.yaml sam 1 0", "r/c.json cfn 0 1",
                                      "r/d.json cfn 0 1", "r/f.yaml cfn 0 2"}));
  ASSERT_EQ(diags.size(), 1u) << Rendered(diags);
  EXPECT_EQ(Headlines(diags)[0],
            "r/f.yaml:3:3: warning: duplicate key 'B' (first defined at line 2)");
}

TEST(LoadProjects, InvalidUtf16IsAPreciseError) {
  util::MemoryFileSystem fs;
  std::string odd = Encode(kSamTemplate, 2, true) + "x";
  std::string lone = Encode("Resources: {}\n", 2, true);
  lone.insert(4, "\x00\xDC", 2);  // a low surrogate after "R"
  fs.AddFile("r/template.yaml", odd);
  fs.AddFile("r/stack.yaml", lone);  // says nothing: the prefix holds no marker
  fs.AddFile("r/app.template", Encode("AWSTemplateFormatVersion: x\n", 4, false) +
                                   std::string("\x00\x11\x00\x00", 4));
  util::DiagnosticSink diags;
  LoadResult result;
  Load(fs, {"r"}, &diags, &result);
  EXPECT_TRUE(result.models.empty());
  EXPECT_EQ(Headlines(diags),
            (std::vector<std::string>{
                "r/app.template: error: invalid UTF-32 at byte 116: a code point above U+10FFFF",
                "r/template.yaml: error: invalid UTF-16 at byte " + std::to_string(odd.size() - 1) +
                    ": the file ends in the middle of a character",
            }));
}

TEST(LoadProjects, NothingToReadLeavesFilesSeenAtZero) {
  util::MemoryFileSystem fs;
  fs.AddFile("r/README.md", "# app\n");
  fs.AddFile("r/package.json", "{}");
  fs.AddFile("r/src/app.py", "");
  fs.AddFile("r/tests/template.yaml", kSamTemplate);
  LoadOptions options;
  options.exclude = {"tests/"};
  util::DiagnosticSink diags;
  LoadResult result;
  Load(fs, {"r"}, &diags, &result, options);
  EXPECT_EQ(result.files_seen, 0u);
  EXPECT_TRUE(result.models.empty());
  EXPECT_EQ(diags.size(), 0u);
  EXPECT_TRUE(fs.reads().empty());  // excluded files are not even opened
}

// The real disk: a FIFO where a nested assembly's manifest should be.
TEST(LoadProjectsDisk, AFifoInACdkAssemblyDoesNotHangTheScan) {
  char tmpl[] = "/tmp/fnwarden-fifo-XXXXXX";
  ASSERT_NE(::mkdtemp(tmpl), nullptr);
  std::string dir = tmpl;
  std::filesystem::create_directories(dir + "/cdk.out/assembly-Prod");
  std::ofstream(dir + "/cdk.out/manifest.json") << R"({"artifacts": {
    "Orders": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "Orders.template.json"}},
    "Prod": {"type": "cdk:cloud-assembly", "properties": {"directoryName": "assembly-Prod"}}}})";
  std::ofstream(dir + "/cdk.out/Orders.template.json") << kCfnTemplate;
  std::string fifo = dir + "/cdk.out/assembly-Prod/manifest.json";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0644), 0);

  util::DiskFileSystem fs;
  util::DiagnosticSink diags;
  LoadResult result;
  // A hang guard, not a timing assertion.
  auto load = std::async(std::launch::async, [&] { LoadProjects(fs, {dir}, {}, &diags, &result); });
  if (load.wait_for(std::chrono::seconds(30)) != std::future_status::ready) {
    int w = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);  // lets a blocked open return
    if (w >= 0) ::close(w);
    load.wait();
    std::filesystem::remove_all(dir);
    FAIL() << "the scan blocked on a FIFO";
  }
  EXPECT_EQ(Models(result).size(), 1u);
  EXPECT_EQ(Headlines(diags),
            std::vector<std::string>{fifo + ": error: cannot read the CDK assembly manifest: not a "
                                            "regular file"});
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace fnwarden::load
