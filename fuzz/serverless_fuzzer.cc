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

#include "load/frontend.h"
#include "load/serverless/compose.h"
#include "load/serverless/serverless.h"
#include "load/syntax/node.h"
#include "model/model.h"
#include "util/diagnostic.h"
#include "util/source.h"

using namespace fnwarden;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  util::SourceFile file("fuzz/serverless.yml",
                        std::string(reinterpret_cast<const char*>(data), size));
  util::DiagnosticSink diags;
  load::LoadOptions options;
  options.limits.max_nodes = 200'000;
  options.limits.max_alias_expansion = 20'000;
  if (size % 2 == 0) {
    options.stage = "prod";
    options.parameters["domain"] = "example.com";
  }
  std::string_view text = file.text();
  size_t first = text.find_first_not_of(" \t\r\n");
  std::unique_ptr<load::syntax::Document> doc =
      first != std::string_view::npos && text[first] == '{'
          ? load::syntax::ParseJson(&file, options.limits, &diags)
          : load::syntax::ParseYaml(&file, options.limits, &diags);
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
