// libFuzzer target for the Terraform evaluator and compiler, and the JSON
// syntax's reader (an input starting with '{' is read as `.tf.json`): any
// file that parses must build a model (or be refused with a diagnostic),
// never crash, hang or take unbounded memory, whatever its variables,
// locals, count and for_each, functions, dynamic blocks and policies do;
// and the rules must run on the model. The parser has its own target
// (hcl_fuzzer); inputs that do not parse stop here.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "analysis/facts.h"
#include "fuzz_input.h"
#include "load/project.h"
#include "load/syntax/hcl.h"
#include "load/terraform/terraform.h"
#include "model/model.h"
#include "rules/rule.h"
#include "util/diagnostic.h"
#include "util/source.h"

using namespace fnwarden;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  bool json = size > 0 && data[0] == '{';
  util::SourceFile file = fuzz::FuzzFile(json ? "fuzz/main.tf.json" : "fuzz/main.tf", data, size);
  util::DiagnosticSink diags;
  std::unique_ptr<load::syntax::hcl::File> parsed =
      json ? load::syntax::hcl::ParseHclJson(&file, fuzz::FuzzLimits(), &diags)
           : load::syntax::hcl::ParseHcl(&file, fuzz::FuzzLimits(), &diags);
  if (parsed == nullptr) return 0;
  load::LoadOptions options;
  model::Model model;
  if (!load::terraform::BuildFileModel(*parsed, options, &diags, &model)) return 0;
  analysis::Facts facts(model);
  std::vector<model::Finding> findings;
  for (const rules::Rule& rule : rules::AllRules()) {
    rules::Context ctx(model, facts, rule.info, std::chrono::sys_days{}, &findings);
    rule.check(ctx);
  }
  return 0;
}
