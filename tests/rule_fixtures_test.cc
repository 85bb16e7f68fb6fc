// Closed-world fixture tests: every rule runs over the fixtures in its own
// folder, and every finding must be expected by an annotation, every
// `expect` met and every `ok` respected. See fixture_annotations.h.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "analysis/deps/osv.h"
#include "analysis/facts.h"
#include "fixture_annotations.h"
#include "load/frontend.h"
#include "load/project.h"
#include "load/syntax/hcl.h"
#include "load/syntax/node.h"
#include "load/terraform/terraform.h"
#include "rules/rule.h"
#include "test_util.h"
#include "util/fs.h"

namespace fnwarden {
namespace {

namespace fs = std::filesystem;
using testing::Annotation;
using testing::AnnotationKind;

struct FixtureCase {
  const rules::Rule* rule;
  std::string path;      // absolute
  std::string display;   // relative to the source tree
};

std::vector<FixtureCase> AllFixtures() {
  std::vector<FixtureCase> out;
  std::string root = testing::SourceDir() + "/src/rules/";
  for (const rules::Rule& rule : rules::AllRules()) {
    fs::path dir = fs::path(root) / std::string(rule.folder) / "fixtures";
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) continue;  // the catalog test reports missing fixtures
    std::vector<std::string> files;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      std::string ext = entry.path().extension().string();
      // A folder is an application with its code (see FolderFixture).
      if (ext == ".yaml" || ext == ".yml" || ext == ".json" || ext == ".tf" ||
          entry.is_directory(ec)) {
        files.push_back(entry.path().string());
      }
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      out.push_back({&rule, f, fs::relative(f, testing::SourceDir()).string()});
    }
  }
  return out;
}

std::string CaseName(const ::testing::TestParamInfo<FixtureCase>& info) {
  std::string name = std::string(info.param.rule->info.id) + "_" +
                     fs::path(info.param.path).filename().string();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

// The scan date of every fixture, so that no fixture changes with the
// calendar (runtime deprecations).
constexpr std::chrono::sys_days kFixtureDate{std::chrono::year{2026} / 12 / 1};

std::string DiagnosticsText(const util::DiagnosticSink& diags) {
  std::string out;
  for (const util::Diagnostic& d : diags.Sorted()) out += util::RenderHeadline(d) + "\n";
  return out;
}

class RuleFixtureTest : public ::testing::TestWithParam<FixtureCase> {};

// Whether a file of a folder fixture may hold annotations.
bool Annotated(const fs::path& p) {
  static const std::set<std::string> kExtensions = {".yaml", ".yml", ".tf",   ".py",  ".js",
                                                    ".mjs",  ".cjs", ".ts",   ".tsx", ".txt",
                                                    ".toml", ".lock", ".mod", ".json"};
  static const std::set<std::string> kNames = {"Pipfile"};
  return kExtensions.count(p.extension().string()) != 0 || kNames.count(p.filename().string()) != 0;
}

// The annotations of a file of a folder fixture: inline, or for JSON (no
// comments) in a sidecar `<file>.expect`.
std::vector<Annotation> FileAnnotationsOf(const fs::path& p, std::vector<std::string>* errors) {
  if (p.extension() == ".json") {
    std::string sidecar = p.string() + ".expect";
    if (!fs::exists(sidecar)) return {};
    return testing::ParseSidecarAnnotations(testing::ReadFileOrDie(sidecar), errors);
  }
  return testing::ParseInlineAnnotations(testing::ReadFileOrDie(p.string()), errors);
}

// The advisories of tests/data/osv (a few real ones), matched against the
// packages every folder fixture ships, as `fnwarden scan --osv-db` does.
const analysis::deps::AdvisoryDb& FixtureAdvisories() {
  static const analysis::deps::AdvisoryDb* db = [] {
    auto* out = new analysis::deps::AdvisoryDb;
    util::DiskFileSystem disk;
    util::DiagnosticSink diags;
    out->Load(disk, testing::SourceDir() + "/tests/data/osv", &diags);
    out->Finish();
    for (const auto& d : diags.Sorted()) ADD_FAILURE() << util::Render(d);
    return out;
  }();
  return *db;
}

// A fixture that is a folder: a template, service or module with its handler
// code, scanned whole as `fnwarden scan` would. Every file may hold
// annotations in its comment syntax; a finding meets those of the file it
// points into, at its line (or at its resource's line in the same file).
void FolderFixture(const FixtureCase& fc) {
  const rules::Rule& rule = *fc.rule;
  struct FileAnnotations {
    std::string rel;  // path inside the fixture
    std::vector<Annotation> annotations;
  };
  std::vector<FileAnnotations> annotated;
  std::error_code ec;
  for (const auto& entry : fs::recursive_directory_iterator(fc.path, ec)) {
    if (!entry.is_regular_file(ec) || !Annotated(entry.path())) continue;
    std::vector<std::string> errors;
    std::string rel = fs::relative(entry.path(), fc.path).string();
    std::vector<Annotation> annotations = FileAnnotationsOf(entry.path(), &errors);
    for (const auto& e : errors) ADD_FAILURE() << fc.display << "/" << rel << ": " << e;
    std::erase_if(annotations, [&](const Annotation& a) { return a.rule_id != rule.info.id; });
    annotated.push_back({rel, std::move(annotations)});
  }
  std::sort(annotated.begin(), annotated.end(),
            [](const FileAnnotations& a, const FileAnnotations& b) { return a.rel < b.rel; });

  util::DiskFileSystem disk;
  util::DiagnosticSink diags;
  load::LoadOptions options;
  options.jobs = 1;
  load::LoadResult result;
  load::LoadProjects(disk, {fc.path}, options, &diags, &result);
  for (const auto& d : diags.Sorted()) {
    if (d.level == util::DiagLevel::kError) ADD_FAILURE() << util::Render(d);
  }
  ASSERT_FALSE(result.models.empty()) << fc.display << " holds no template or service";
  for (model::Model& m : result.models) {
    for (model::PackageSet& set : m.package_sets) {
      analysis::deps::MatchPackages(FixtureAdvisories(), &set);
    }
  }

  struct Found {
    model::Finding finding;
    uint32_t resource_line;  // in the finding's file, 0 when elsewhere
  };
  std::vector<Found> findings;
  for (const model::Model& model : result.models) {
    analysis::Facts facts(model);
    std::vector<model::Finding> out;
    rules::Context ctx(model, facts, rule.info, kFixtureDate, &out);
    rule.check(ctx);
    for (model::Finding& f : out) {
      const model::Resource* r = model.FindResource(f.resource);
      uint32_t line = r != nullptr && r->loc.file == f.loc.file ? r->loc.line : 0;
      findings.push_back({std::move(f), line});
    }
  }
  auto in_file = [&](const model::Finding& f, const std::string& rel) {
    std::string_view path = f.loc.path();
    return path == rel || path.ends_with("/" + rel);
  };
  std::vector<bool> claimed(findings.size(), false);
  for (const FileAnnotations& file : annotated) {
    for (const Annotation& a : file.annotations) {
      bool found = false;
      for (size_t i = 0; i < findings.size(); ++i) {
        const Found& f = findings[i];
        if (!in_file(f.finding, file.rel)) continue;
        if (f.finding.loc.line != a.line && f.resource_line != a.line) continue;
        found = true;
        if (a.kind != AnnotationKind::kOk) claimed[i] = true;
      }
      std::string where = fc.display + "/" + file.rel + ":" + std::to_string(a.line);
      if (a.kind == AnnotationKind::kExpect) {
        EXPECT_TRUE(found) << where << ": expected " << a.rule_id << " (annotation at line "
                           << a.source_line << ")";
      } else if (a.kind == AnnotationKind::kOk) {
        EXPECT_FALSE(found) << where << ": " << a.rule_id
                            << " must not fire here (annotation at line " << a.source_line << ")";
      }
    }
  }
  for (size_t i = 0; i < findings.size(); ++i) {
    if (claimed[i]) continue;
    const model::Finding& f = findings[i].finding;
    ADD_FAILURE() << f.loc.path() << ":" << f.loc.line << ":" << f.loc.col << ": unexpected "
                  << rule.info.id << " on " << f.resource << ": " << f.message;
  }
}

TEST_P(RuleFixtureTest, FindingsMatchAnnotations) {
  const FixtureCase& fc = GetParam();
  if (fs::is_directory(fc.path)) {
    FolderFixture(fc);
    return;
  }
  const rules::Rule& rule = *fc.rule;
  util::SourceSet sources;
  const util::SourceFile* file = sources.Add(fc.display, testing::ReadFileOrDie(fc.path));
  bool is_json = fs::path(fc.path).extension() == ".json";

  std::vector<std::string> errors;
  std::vector<Annotation> annotations =
      is_json ? testing::ParseSidecarAnnotations(
                    fs::exists(fc.path + ".expect") ? testing::ReadFileOrDie(fc.path + ".expect")
                                                    : std::string(),
                    &errors)
              : testing::ParseInlineAnnotations(file->text(), &errors);
  for (const auto& e : errors) ADD_FAILURE() << fc.display << ": " << e;
  // Annotations for other rules are allowed (shared fixtures), but only this
  // rule's are checked here.
  std::erase_if(annotations, [&](const Annotation& a) { return a.rule_id != rule.info.id; });

  util::DiagnosticSink diags;
  load::syntax::ParseLimits limits;
  model::Model model;
  load::LoadOptions options;
  if (fs::path(fc.path).extension() == ".tf") {
    std::unique_ptr<load::syntax::hcl::File> tf = load::syntax::hcl::ParseHcl(file, limits, &diags);
    ASSERT_NE(tf, nullptr) << fc.display << " did not parse: " << DiagnosticsText(diags);
    ASSERT_TRUE(load::terraform::BuildFileModel(*tf, options, &diags, &model))
        << fc.display << " did not build";
  } else {
    std::unique_ptr<load::syntax::Document> doc =
        is_json ? load::syntax::ParseJson(file, limits, &diags)
                : load::syntax::ParseYaml(file, limits, &diags);
    ASSERT_NE(doc, nullptr) << fc.display << " did not parse";
    ASSERT_TRUE(load::BuildUnitModel(*doc, options, &diags, &model))
        << fc.display << " is neither a template nor a Serverless service";
  }
  for (const auto& d : diags.Sorted()) {
    if (d.level == util::DiagLevel::kError) ADD_FAILURE() << util::Render(d);
  }

  analysis::Facts facts(model);
  std::vector<model::Finding> findings;
  rules::Context ctx(model, facts, rule.info, kFixtureDate, &findings);
  rule.check(ctx);

  auto resource_line = [&](const model::Finding& f) -> uint32_t {
    const model::Resource* r = model.FindResource(f.resource);
    return r ? r->loc.line : 0;
  };
  auto matches = [&](const Annotation& a, const model::Finding& f) {
    return f.loc.line == a.line || resource_line(f) == a.line;
  };

  std::vector<bool> claimed(findings.size(), false);
  for (const Annotation& a : annotations) {
    bool found = false;
    for (size_t i = 0; i < findings.size(); ++i) {
      if (!matches(a, findings[i])) continue;
      found = true;
      if (a.kind == AnnotationKind::kExpect || a.kind == AnnotationKind::kTodoExpect ||
          a.kind == AnnotationKind::kTodoOk) {
        claimed[i] = true;
      }
    }
    switch (a.kind) {
      case AnnotationKind::kExpect:
        EXPECT_TRUE(found) << fc.display << ":" << a.line << ": expected " << a.rule_id
                           << " (annotation at line " << a.source_line << ")";
        break;
      case AnnotationKind::kOk:
        EXPECT_FALSE(found) << fc.display << ":" << a.line << ": " << a.rule_id
                            << " must not fire here (annotation at line " << a.source_line
                            << ")";
        break;
      case AnnotationKind::kTodoExpect:
        if (found) {
          std::printf("note: %s:%u: todo-expect %s now fires: make it an expect\n",
                      fc.display.c_str(), a.line, a.rule_id.c_str());
        }
        break;
      case AnnotationKind::kTodoOk:
        break;
    }
  }
  for (size_t i = 0; i < findings.size(); ++i) {
    if (claimed[i]) continue;
    const model::Finding& f = findings[i];
    ADD_FAILURE() << fc.display << ":" << f.loc.line << ":" << f.loc.col << ": unexpected "
                  << rule.info.id << " on " << f.resource << ": " << f.message;
  }
  // A fingerprint is the rule, the file, the resource and the attribute:
  // two findings of one rule in one file that share the last two could not
  // be told apart by a baseline or a suppression.
  std::set<std::pair<std::string, std::string>> seen;
  for (const model::Finding& f : findings) {
    EXPECT_TRUE(seen.insert({f.resource, f.attribute}).second)
        << fc.display << ":" << f.loc.line << ": a second " << rule.info.id << " on "
        << f.resource << " with attribute " << f.attribute << ": " << f.message;
  }
}

INSTANTIATE_TEST_SUITE_P(Rules, RuleFixtureTest, ::testing::ValuesIn(AllFixtures()), CaseName);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(RuleFixtureTest);

}  // namespace
}  // namespace fnwarden
