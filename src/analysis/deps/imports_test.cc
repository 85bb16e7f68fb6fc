#include "analysis/deps/imports.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace fnwarden::analysis::deps {
namespace {

TEST(ImportNames, PythonDistributionsMapToTheirModules) {
  struct Case {
    model::Ecosystem ecosystem;
    std::string package;
    std::vector<std::string> modules;
  };
  const Case kCases[] = {
      {model::Ecosystem::kPyPI, "PyYAML", {"pyyaml", "yaml"}},
      {model::Ecosystem::kPyPI, "beautifulsoup4", {"beautifulsoup4", "bs4"}},
      {model::Ecosystem::kPyPI, "python-jose", {"jose", "python_jose"}},
      {model::Ecosystem::kPyPI, "aws-xray-sdk", {"aws_xray_sdk"}},
      {model::Ecosystem::kPyPI, "Jinja2", {"jinja2"}},
      {model::Ecosystem::kNpm, "@aws-sdk/client-s3", {"@aws-sdk/client-s3"}},
      {model::Ecosystem::kGo, "golang.org/x/text", {"golang.org/x/text"}},
  };
  for (const Case& c : kCases) {
    EXPECT_EQ(ImportNames(c.ecosystem, c.package), c.modules) << c.package;
  }
}

model::Function Importing(std::vector<std::string> modules, bool partial = false) {
  model::Function fn;
  fn.code.analysed = true;
  fn.code.partial = partial;
  fn.code.imported_modules = std::move(modules);
  return fn;
}

// express → body-parser → qs; lodash stands alone.
model::PackageSet NpmSet() {
  model::PackageSet set;
  for (const char* name : {"express", "body-parser", "qs", "lodash"}) {
    model::Package p;
    p.name = name;
    p.version = "1.0.0";
    set.packages.push_back(p);
  }
  set.packages[0].dependencies = {1};
  set.packages[1].dependencies = {2};
  return set;
}

TEST(PackageUse, ImportedPackagesPullInWhatTheyRequire) {
  model::PackageSet set = NpmSet();
  model::Function fn = Importing({"express"});
  PackageUse use(set, {&fn});
  EXPECT_TRUE(use.Known());
  EXPECT_TRUE(use.Imported(0));
  EXPECT_FALSE(use.Imported(2));
  EXPECT_EQ(use.PulledInBy(1), "express");
  EXPECT_EQ(use.PulledInBy(2), "express");
  EXPECT_FALSE(use.Imported(3));
  EXPECT_EQ(use.PulledInBy(3), "");
}

TEST(PackageUse, AnyFunctionOfTheSetCountsAndPartialCodeIsNotKnown) {
  model::PackageSet set = NpmSet();
  model::Function a = Importing({"express"});
  model::Function b = Importing({"lodash"}, /*partial=*/true);
  PackageUse use(set, {&a, &b});
  EXPECT_TRUE(use.Imported(3));
  EXPECT_FALSE(use.Known());
  model::Function unread;  // code not analysed
  EXPECT_FALSE(PackageUse(set, {&unread}).Known());
}

TEST(PackageUse, PythonImportNamesAndInstalledModulesMatch) {
  model::PackageSet set;
  set.ecosystem = model::Ecosystem::kPyPI;
  for (const char* name : {"PyYAML", "Jinja2", "acme-tools"}) {
    model::Package p;
    p.name = name;
    set.packages.push_back(p);
  }
  set.packages[2].modules = {"acme"};  // top_level.txt of an installed distribution
  model::Function fn = Importing({"yaml", "acme"});
  PackageUse use(set, {&fn});
  EXPECT_TRUE(use.Imported(0));
  EXPECT_FALSE(use.Imported(1));
  EXPECT_TRUE(use.Imported(2));
}

TEST(PackageUse, AnNpmAliasIsImportedByItsFolderName) {
  model::PackageSet set;
  model::Package p;
  p.name = "lodash";
  p.installed_as = "lodash-old";
  set.packages.push_back(p);
  model::Function fn = Importing({"lodash-old"});
  EXPECT_TRUE(PackageUse(set, {&fn}).Imported(0));
}

}  // namespace
}  // namespace fnwarden::analysis::deps
