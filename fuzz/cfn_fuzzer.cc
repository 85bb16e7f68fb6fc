// Fuzz target for the CloudFormation/SAM adapter: bytes -> syntax tree
// (YAML, or JSON when the input starts with '{') -> template -> evaluator ->
// SAM transform -> CloudFormation adapters -> Link. Every intrinsic of every
// resource property is evaluated along the way.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "fuzz_input.h"
#include "load/cfn/template.h"
#include "load/link.h"
#include "load/sam/sam.h"
#include "load/syntax/node.h"
#include "model/model.h"
#include "util/diagnostic.h"
#include "util/source.h"

using namespace fnwarden;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  util::SourceFile file = fuzz::FuzzFile("fuzz/template.yaml", data, size);
  util::DiagnosticSink diags;
  std::unique_ptr<load::syntax::Document> doc =
      fuzz::ParseFuzzInput(file, fuzz::FuzzLimits(), &diags);
  if (doc == nullptr) return 0;

  load::cfn::Template t;
  if (!load::cfn::ReadTemplate(*doc, &t, &diags)) return 0;
  load::cfn::EvalOptions options;
  // Some inputs get a pseudo parameter and an override, to reach those paths.
  if (size % 2 == 0) {
    options.parameters["AWS::Region"] = "eu-west-1";
    if (!t.parameters.empty()) options.parameters[t.parameters.front().name] = "a,b";
  }
  load::cfn::Evaluator ev(t, options, &diags);
  load::sam::DeclareGeneratedResources(t, ev);
  for (const load::cfn::ResourceDecl& r : t.resources) {
    load::cfn::Val v = ev.Eval(r.properties);
    (void)load::cfn::ToPolicyDocument(&v, model::PolicySource::kInline, r.id, r.loc);
    (void)load::cfn::ReadIgnores(r, ev);
    if (!r.condition.empty()) (void)ev.Condition(r.condition);
  }
  model::Model m;
  load::sam::Expand(t, ev, "fuzz", &diags, &m);
  load::cfn::AdaptResources(t, ev, &diags, &m);
  load::Link(&m);
  (void)ev.ParameterValues();
  return 0;
}
