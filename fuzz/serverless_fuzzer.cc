// Fuzz target for the Serverless Framework frontend: bytes -> syntax tree
// (YAML, or JSON when the input starts with '{') -> variable resolution ->
// the compiled CloudFormation -> evaluator -> adapters -> Link, and the same
// tree read as a compose file (the services it lists). Files and the
// environment are never read (the resolver's flags stay off, as in a default
// scan); some inputs get a stage and a --param, to reach those paths.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "fuzz_input.h"
#include "load/frontend.h"
#include "load/serverless/compose.h"
#include "load/serverless/serverless.h"
#include "load/syntax/node.h"
#include "model/model.h"
#include "util/diagnostic.h"
#include "util/source.h"

using namespace fnwarden;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  util::SourceFile file = fuzz::FuzzFile("fuzz/serverless.yml", data, size);
  util::DiagnosticSink diags;
  load::LoadOptions options;
  options.limits = fuzz::FuzzLimits();
  if (size % 2 == 0) {
    options.stage = "prod";
    options.parameters["domain"] = "example.com";
  }
  std::unique_ptr<load::syntax::Document> doc = fuzz::ParseFuzzInput(file, options.limits, &diags);
  if (doc == nullptr) return 0;
  load::UnitContext ctx;
  ctx.options = &options;
  model::Model m;
  (void)load::serverless::Build(*doc, ctx, &diags, &m);
  for (const load::serverless::ComposedService& s : load::serverless::ReadCompose(*doc, &diags)) {
    (void)load::serverless::ServiceFileNames(s);
  }
  return 0;
}
