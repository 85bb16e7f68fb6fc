// Fuzz target for the whole scan of one template: bytes -> syntax tree (YAML,
// or JSON when the input starts with '{') -> model (load::BuildTemplateModel:
// evaluator, SAM transform, adapters, Link) -> every rule through the engine
// (facts, IAM engine, suppressions) -> the text, JSON and SARIF reports.
//
// Beyond "no crash, no hang, bounded memory" it checks what a consumer of the
// reports relies on: the JSON and SARIF documents parse as JSON, and every
// finding points into the scanned file.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "fuzz_input.h"
#include "load/project.h"
#include "load/syntax/node.h"
#include "model/finding.h"
#include "model/model.h"
#include "report/report.h"
#include "rules/engine.h"
#include "rules/rule.h"
#include "simdjson.h"
#include "util/diagnostic.h"
#include "util/source.h"

using namespace fnwarden;

namespace {

// The engine's options with every rule selected, built once.
const rules::EngineOptions& AllRulesOptions() {
  static const rules::EngineOptions* const kOptions = [] {
    auto* options = new rules::EngineOptions();
    std::string err;
    if (!rules::SelectRules(rules::AllRules(), {}, {}, &options->rules, &err)) std::abort();
    options->jobs = 1;
    options->known_ids = rules::KnownIds(rules::AllRules());
    return options;
  }();
  return *kOptions;
}

void CheckJson(const std::string& text) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(simdjson::padded_string(text)).get(root) != simdjson::SUCCESS) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  util::SourceFile file = fuzz::FuzzFile("fuzz/template.yaml", data, size);
  util::DiagnosticSink diags;
  load::LoadOptions load_options;
  load_options.limits = fuzz::FuzzLimits();
  // Some inputs get a parameter override, to reach those paths.
  if (size % 3 == 0) load_options.parameters["AWS::Region"] = "eu-west-1";

  std::unique_ptr<load::syntax::Document> doc =
      fuzz::ParseFuzzInput(file, load_options.limits, &diags);
  if (doc == nullptr) return 0;

  std::vector<model::Model> models(1);
  if (!load::BuildTemplateModel(*doc, load_options, &diags, &models[0])) return 0;
  doc.reset();  // models keep no pointer into the tree

  rules::EngineResult result;
  rules::RunEngine(models, AllRulesOptions(), &diags, &result);

  report::ScanReport report;
  report.tool_version = "fuzz";
  report.jobs = 1;
  report.findings = std::move(result.findings);
  report.suppressed = std::move(result.suppressed);
  report.diagnostics = diags.Sorted();
  for (const rules::Rule* rule : AllRulesOptions().rules) report.rules.push_back(&rule->info);
  report.summary.files = 1;
  report.summary.projects = models.size();
  report::CountFindings(&report);
  for (const model::Finding& f : report.findings) {
    if (f.loc.file != nullptr &&
        (f.loc.file != &file || f.loc.line == 0 || f.loc.line > file.line_count())) {
      std::abort();
    }
  }

  report::TextOptions text_options;
  text_options.color = size % 2 == 0;
  (void)report::RenderText(report, text_options);
  CheckJson(report::RenderJson(report));
  CheckJson(report::RenderSarif(report));
  return 0;
}
