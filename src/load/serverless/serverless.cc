#include "load/serverless/serverless.h"

#include <map>
#include <set>
#include <string>

#include "load/cfn/template.h"
#include "load/discover_internal.h"
#include "load/link.h"
#include "load/serverless/variables.h"
#include "util/strings.h"

namespace fnwarden::load::serverless {

bool MayClaim(std::string_view path, std::string_view text) {
  // A file named serverless.yml is parsed whatever it holds, so that its
  // syntax errors are reported.
  std::string name = util::ToLower(path.substr(path.rfind('/') + 1));
  if (name == "serverless.yml" || name == "serverless.yaml" || name == "serverless.json") {
    return true;
  }
  return text.find("service") != std::string_view::npos &&
         text.find("provider") != std::string_view::npos;
}

bool Claims(std::string_view, const syntax::Node* root) {
  if (root == nullptr || !root->is_map()) return false;
  const syntax::Node* service = root->Get("service");
  const syntax::Node* provider = root->Get("provider");
  if (service == nullptr || provider == nullptr) return false;
  // `provider: aws` is the short form.
  if (provider->is_scalar()) return provider->scalar == "aws";
  if (!provider->is_map()) return false;
  const syntax::Node* name = provider->Get("name");
  return name == nullptr || (name->is_scalar() && name->scalar == "aws");
}

bool Build(const syntax::Document& doc, const UnitContext& ctx, util::DiagnosticSink* diags,
           model::Model* out) {
  const syntax::Node* root = doc.root();
  if (!Claims("", root)) return false;
  // Nodes live in `arena`, which the model does not outlive: models keep
  // positions, which point into the source text, never nodes.
  syntax::NodeArena arena(doc.file());
  std::string dir = internal::DirName(doc.file()->path());
  Resolver resolver(root, ctx, dir, &arena, diags);
  const syntax::Node* service = resolver.Resolve();
  std::set<std::string, std::less<>> written;  // the logical IDs of `resources`
  const syntax::Node* compiled = Compile(service, resolver.stage(), &arena, diags, &written);
  arena.doc()->AddRoot(compiled);

  cfn::Template t;
  if (!cfn::ReadTemplate(*arena.doc(), &t, diags)) return false;
  cfn::EvalOptions eval{ctx.options->parameters};
  const syntax::Node* provider = service->Get("provider");
  const syntax::Node* region = provider != nullptr ? provider->Get("region") : nullptr;
  if (region != nullptr && region->is_scalar() && region->tag.empty() &&
      !eval.parameters.contains("AWS::Region")) {
    eval.parameters["AWS::Region"] = std::string(region->scalar);
  }
  cfn::Evaluator ev(t, eval, diags);
  out->root = doc.file()->path();
  out->framework = model::Framework::kServerless;
  cfn::AdaptResources(t, ev, diags, out, ctx.options->jobs);
  // Functions keep the names their authors gave them, beside the logical IDs.
  if (const syntax::Node* fns = service->Get("functions"); fns != nullptr && fns->is_map()) {
    std::map<std::string, std::string, std::less<>> keys;
    for (const syntax::MapEntry& e : fns->entries) {
      keys.emplace(FunctionLogicalId(e.key->scalar), std::string(e.key->scalar));
    }
    for (model::Function& f : out->functions) {
      if (auto it = keys.find(f.id); it != keys.end()) f.source_name = it->second;
    }
  }
  // What the service's `resources` declares was written by its author; the
  // rest the framework generated.
  model::ForEachResourceList(*out, [&](auto& list) {
    for (model::Resource& r : list) {
      if (!written.contains(r.id)) r.origin = model::Origin::kServerless;
    }
  });
  out->IndexIds();
  Link(out);
  if (model::RemoveUndeployed(out)) out->IndexIds();
  out->parameters = ev.ParameterValues();
  out->parameters["stage"] = resolver.stage();
  return true;
}

}  // namespace fnwarden::load::serverless
