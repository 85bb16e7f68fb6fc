#include "load/lockfile/attach.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "load/project.h"
#include "util/fs.h"

namespace fnwarden::load::lockfile {
namespace {

// A SAM template with one function per entry: name, runtime, handler, code folder.
std::string Template(const std::vector<std::vector<std::string>>& functions) {
  std::string out =
      "AWSTemplateFormatVersion: \"2010-09-09\"\nTransform: AWS::Serverless-2016-10-31\n"
      "Resources:\n";
  for (const auto& f : functions) {
    out += "  " + f[0] + ":\n    Type: AWS::Serverless::Function\n    Properties:\n" +
           "      Runtime: " + f[1] + "\n      Handler: " + f[2] + "\n      CodeUri: " + f[3] +
           "\n";
  }
  return out;
}

struct Loaded {
  LoadResult result;
  util::DiagnosticSink diags;
  const model::Model& model() const { return result.models.front(); }
  // "path: name version [direct] [dev]" for each package the function ships.
  std::vector<std::string> Packages(std::string_view id) const {
    std::vector<std::string> out;
    const model::Function* fn = model().FindFunction(id);
    if (fn == nullptr) return {"no function " + std::string(id)};
    for (uint32_t i : fn->package_sets) {
      const model::PackageSet& set = model().package_sets[i];
      for (const model::Package& p : set.packages) {
        out.push_back(set.path + ": " + p.name + " " + p.version + (p.direct ? " direct" : "") +
                      (p.dev ? " dev" : ""));
      }
    }
    return out;
  }
  std::vector<std::string> Diagnostics() const {
    std::vector<std::string> out;
    for (const util::Diagnostic& d : diags.Sorted()) out.push_back(util::RenderHeadline(d));
    return out;
  }
};

void Load(const util::FileSystem& fs, Loaded* out) {
  LoadOptions options;
  options.jobs = 1;
  LoadProjects(fs, {"app"}, options, &out->diags, &out->result);
  ASSERT_EQ(out->result.models.size(), 1u);
}

constexpr const char* kLock =
    "{\"name\": \"x\", \"lockfileVersion\": 3, \"packages\": {\n"
    "  \"\": {\"dependencies\": {\"lodash\": \"^4.17.0\"}},\n"
    "  \"node_modules/lodash\": {\"version\": \"4.17.15\"}\n"
    "}}\n";

TEST(AttachDependencies, EachFunctionTakesTheLockfilesOfItsOwnFolder) {
  util::MemoryFileSystem fs;
  fs.AddFile("app/template.yaml",
             Template({{"Orders", "nodejs20.x", "index.handler", "orders/"},
                       {"Reports", "python3.12", "app.handler", "reports/"}}));
  fs.AddFile("app/orders/index.mjs", "export const handler = async () => 1;\n");
  fs.AddFile("app/orders/package-lock.json", kLock);
  fs.AddFile("app/reports/app.py", "def handler(e, c):\n    return 1\n");
  fs.AddFile("app/reports/requirements.txt", "PyYAML==5.3.1\nrequests>=2\n");
  fs.AddFile("app/reports/requirements-dev.txt", "pytest==8.0.0\n");
  Loaded l;
  Load(fs, &l);
  EXPECT_EQ(l.Packages("Orders"),
            (std::vector<std::string>{"app/orders/package-lock.json: lodash 4.17.15 direct"}));
  EXPECT_EQ(l.Packages("Reports"),
            (std::vector<std::string>{"app/reports/requirements-dev.txt: pytest 8.0.0 direct dev",
                                      "app/reports/requirements.txt: PyYAML 5.3.1 direct",
                                      "app/reports/requirements.txt: requests  direct"}));
  EXPECT_EQ(l.Diagnostics(), std::vector<std::string>{});
}

// A monorepo: one lockfile at the project's root serves every function; a
// lockfile of another language nearer the code does not stop the search.
TEST(AttachDependencies, WalksUpToTheProjectFolderAndSharesOneSet) {
  util::MemoryFileSystem fs;
  fs.AddFile("app/template.yaml",
             Template({{"A", "nodejs20.x", "index.handler", "functions/a/"},
                       {"B", "nodejs20.x", "index.handler", "functions/b/"}}));
  fs.AddFile("app/functions/a/index.mjs", "export const handler = async () => 1;\n");
  fs.AddFile("app/functions/b/index.mjs", "export const handler = async () => 1;\n");
  fs.AddFile("app/functions/b/requirements.txt", "boto3==1.34.0\n");
  fs.AddFile("app/package-lock.json", kLock);
  // Above the project's folder: never read.
  fs.AddFile("package-lock.json", kLock);
  Loaded l;
  Load(fs, &l);
  EXPECT_EQ(l.Packages("A"),
            (std::vector<std::string>{"app/package-lock.json: lodash 4.17.15 direct"}));
  EXPECT_EQ(l.Packages("B"), l.Packages("A"));
  EXPECT_EQ(l.model().package_sets.size(), 1u);
}

TEST(AttachDependencies, ManifestMarksDirectAndAPackageJsonAloneIsUnlocked) {
  util::MemoryFileSystem fs;
  fs.AddFile("app/template.yaml",
             Template({{"Locked", "nodejs20.x", "index.handler", "locked/"},
                       {"Loose", "nodejs20.x", "index.handler", "loose/"}}));
  fs.AddFile("app/locked/index.mjs", "export const handler = async () => 1;\n");
  fs.AddFile("app/locked/package.json",
             "{\"name\": \"x\", \"dependencies\": {\"lodash\": \"^4.17.21\"}}\n");
  fs.AddFile("app/locked/package-lock.json", kLock);
  fs.AddFile("app/loose/index.mjs", "export const handler = async () => 1;\n");
  fs.AddFile("app/loose/package.json",
             "{\"name\": \"y\", \"dependencies\": {\"nanoid\": \"^5.0.0\"},\n"
             " \"devDependencies\": {\"vitest\": \"^1.0.0\"}}\n");
  Loaded l;
  Load(fs, &l);
  const model::Model& m = l.model();
  const model::Function* locked = m.FindFunction("Locked");
  ASSERT_NE(locked, nullptr);
  ASSERT_EQ(locked->package_sets.size(), 1u);
  const model::PackageSet& set = m.package_sets[locked->package_sets[0]];
  EXPECT_TRUE(set.locked);
  EXPECT_EQ(set.manifest_path, "app/locked/package.json");
  ASSERT_EQ(set.declared.size(), 1u);
  EXPECT_EQ(set.declared[0].requirement, "^4.17.21");
  EXPECT_EQ(l.Packages("Loose"), (std::vector<std::string>{"app/loose/package.json: nanoid  direct",
                                                           "app/loose/package.json: vitest  direct dev"}));
  const model::Function* loose = m.FindFunction("Loose");
  ASSERT_NE(loose, nullptr);
  EXPECT_FALSE(m.package_sets[loose->package_sets[0]].locked);
}

TEST(AttachDependencies, ALockfileThatDoesNotParseIsReportedAndTheScanGoesOn) {
  util::MemoryFileSystem fs;
  fs.AddFile("app/template.yaml",
             Template({{"Orders", "nodejs20.x", "index.handler", "orders/"}}));
  fs.AddFile("app/orders/index.mjs", "export const handler = async () => 1;\n");
  fs.AddFile("app/orders/package-lock.json", "{ not json");
  Loaded l;
  Load(fs, &l);
  EXPECT_EQ(l.Packages("Orders"), std::vector<std::string>{});
  std::vector<std::string> diags = l.Diagnostics();
  ASSERT_FALSE(diags.empty());
  EXPECT_NE(diags.front().find("app/orders/package-lock.json:1:"), std::string::npos)
      << diags.front();
}

// A layer the application builds ships its packages with every function
// that lists it: its lockfile, or what is installed in it.
TEST(AttachDependencies, FunctionsShipTheirLayersPackages) {
  util::MemoryFileSystem fs;
  fs.AddFile("app/template.yaml",
             "Transform: AWS::Serverless-2016-10-31\n"
             "Resources:\n"
             "  DepsLayer:\n"
             "    Type: AWS::Serverless::LayerVersion\n"
             "    Properties:\n"
             "      ContentUri: layers/deps/\n"
             "  VendoredLayer:\n"
             "    Type: AWS::Serverless::LayerVersion\n"
             "    Properties:\n"
             "      ContentUri: layers/vendored/\n"
             "  Orders:\n"
             "    Type: AWS::Serverless::Function\n"
             "    Properties:\n"
             "      Runtime: python3.12\n"
             "      Handler: app.handler\n"
             "      CodeUri: orders/\n"
             "      Layers: [!Ref DepsLayer, !Ref VendoredLayer]\n"
             "  Plain:\n"
             "    Type: AWS::Serverless::Function\n"
             "    Properties:\n"
             "      Runtime: python3.12\n"
             "      Handler: app.handler\n"
             "      CodeUri: plain/\n");
  fs.AddFile("app/orders/app.py", "import yaml\ndef handler(e, c):\n    return 1\n");
  fs.AddFile("app/plain/app.py", "def handler(e, c):\n    return 1\n");
  fs.AddFile("app/layers/deps/requirements.txt", "PyYAML==5.3.1\n");
  fs.AddFile("app/layers/vendored/python/acme_tools-1.2.0.dist-info/METADATA",
             "Metadata-Version: 2.1\nName: acme-tools\nVersion: 1.2.0\n");
  fs.AddFile("app/layers/vendored/python/acme_tools-1.2.0.dist-info/top_level.txt", "acme\n");
  Loaded l;
  Load(fs, &l);
  std::vector<std::string> orders = l.Packages("Orders");
  ASSERT_EQ(orders.size(), 2u) << ::testing::PrintToString(orders);
  EXPECT_EQ(orders[0], "app/layers/deps/requirements.txt: PyYAML 5.3.1 direct");
  EXPECT_NE(orders[1].find("acme-tools 1.2.0"), std::string::npos) << orders[1];
  EXPECT_EQ(l.Packages("Plain"), std::vector<std::string>{});
  const model::Function* fn = l.model().FindFunction("Orders");
  ASSERT_NE(fn, nullptr);
  const model::PackageSet& vendored = l.model().package_sets[fn->package_sets[1]];
  ASSERT_EQ(vendored.packages.size(), 1u);
  EXPECT_EQ(vendored.packages[0].modules, std::vector<std::string>{"acme"});
}

TEST(AttachDependencies, TerraformLayersAndFunctionsFromTheirArchives) {
  util::MemoryFileSystem fs;
  fs.AddFile("app/main.tf", R"(
data "archive_file" "deps" {
  type        = "zip"
  source_dir  = "${path.module}/layers/deps"
  output_path = "${path.module}/build/deps.zip"
}
resource "aws_lambda_layer_version" "deps" {
  layer_name = "deps"
  filename   = data.archive_file.deps.output_path
}
data "archive_file" "api" {
  type        = "zip"
  source_dir  = "${path.module}/src"
  output_path = "${path.module}/build/api.zip"
}
resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = "arn:aws:iam::123456789012:role/api"
  handler       = "app.handler"
  runtime       = "python3.12"
  filename      = data.archive_file.api.output_path
  layers        = [aws_lambda_layer_version.deps.arn]
}
)");
  fs.AddFile("app/src/app.py", "def handler(e, c):\n    return 1\n");
  fs.AddFile("app/src/requirements.txt", "requests==2.31.0\n");
  fs.AddFile("app/layers/deps/requirements.txt", "PyYAML==5.3.1\n");
  Loaded l;
  Load(fs, &l);
  EXPECT_EQ(l.Packages("aws_lambda_function.api"),
            (std::vector<std::string>{"app/src/requirements.txt: requests 2.31.0 direct",
                                      "app/layers/deps/requirements.txt: PyYAML 5.3.1 direct"}))
      << ::testing::PrintToString(l.Diagnostics());
}

TEST(AttachDependencies, RuntimesNameTheirEcosystem) {
  EXPECT_TRUE([] {
    model::Ecosystem e{};
    return EcosystemOfRuntime("nodejs20.x", &e) && e == model::Ecosystem::kNpm &&
           EcosystemOfRuntime("python3.12", &e) && e == model::Ecosystem::kPyPI &&
           EcosystemOfRuntime("go1.x", &e) && e == model::Ecosystem::kGo &&
           !EcosystemOfRuntime("provided.al2023", &e);
  }());
}

}  // namespace
}  // namespace fnwarden::load::lockfile
