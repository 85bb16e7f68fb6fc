// The SAM transform's entry points: the logical IDs it generates, and the
// expansion of every AWS::Serverless::* resource in the order SAM needs
// (APIs before the events that add routes to them, connectors last, once
// the roles they extend exist).
#include "load/sam/sam.h"

#include <memory>
#include <utility>
#include <vector>

#include "load/sam/internal.h"

namespace fnwarden::load::sam {
namespace {

using internal::SamResource;

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// CloudFormation rejects AWS::Serverless::* types unless the SAM transform is
// declared; such a template is still read as SAM, which is what its author
// meant, but the reader is told once, at its first SAM resource.
void WarnIfTransformMissing(const cfn::Template& t, util::DiagnosticSink* diags) {
  for (const std::string& transform : t.transforms) {
    if (StartsWith(transform, "AWS::Serverless")) return;
  }
  for (const cfn::ResourceDecl& d : t.resources) {
    if (!StartsWith(d.type, "AWS::Serverless::")) continue;
    diags->Warning(d.loc, "resource '" + d.id + "' has the SAM type " + d.type +
                              " but the template has no 'Transform: "
                              "AWS::Serverless-2016-10-31': CloudFormation rejects it as "
                              "written; fnwarden reads the template as SAM");
    return;
  }
}

}  // namespace

void DeclareGeneratedResources(const cfn::Template& t, cfn::Evaluator& ev) {
  // The evaluator knows every ID that extends the ID of a SAM resource or
  // of an implicit API ("<Fn>Role", "<Fn><Event>Permission", "<Api>.Stage",
  // "ServerlessRestApiProdStage"...): what SAM generates is named so. The
  // one exception is the usage plan that APIs with `CreateUsagePlan: SHARED`
  // share.
  for (const cfn::ResourceDecl& r : t.resources) {
    if (r.type == "AWS::Serverless::Api") {
      ev.AddImplicitResource("ServerlessUsagePlan");
      return;
    }
  }
}

void Expand(const cfn::Template& t, cfn::Evaluator& ev, const std::string& template_dir,
            util::DiagnosticSink* diags, model::Model* model, unsigned jobs) {
  WarnIfTransformMissing(t, diags);
  internal::Context ctx(t, ev, diags, model);
  ctx.template_dir = template_dir;
  ctx.globals = internal::ReadGlobals(t, diags);
  if (t.is_sam()) model->framework = model::Framework::kSam;
  for (const cfn::ResourceDecl& d : t.resources) {
    if (!StartsWith(d.type, "AWS::Serverless::")) continue;
    SamResource r;
    r.decl = &d;
    auto g = ctx.globals.find(d.type);
    r.props = internal::MergeGlobals(g == ctx.globals.end() ? nullptr : g->second, d.properties,
                                     &ctx.arena);
    ctx.resources.push_back(std::move(r));
  }
  // Each evaluated once, and each function built from its properties, on
  // any job for a large template. A function is built on a context of its
  // own: its job's evaluator, and an arena for the policy templates it
  // expands.
  std::vector<std::unique_ptr<internal::FunctionParts>> built(ctx.resources.size());
  ev.SideBySide(ctx.resources.size(), jobs, [&](size_t i, cfn::Evaluator& on) {
    SamResource& r = ctx.resources[i];
    r.val = r.props != nullptr ? on.Eval(r.props) : cfn::Val{};
    if (!r.val.is_map()) {
      r.val = cfn::Val{};
      r.val.kind = cfn::Val::Kind::kMap;
      r.val.loc = r.decl->loc;
    }
    if (r.decl->type != "AWS::Serverless::Function") return;
    internal::Context own(ctx.t, on, ctx.diags, /*model=*/nullptr);  // not BuildFunction's
    own.template_dir = ctx.template_dir;
    built[i] = std::make_unique<internal::FunctionParts>();
    internal::BuildFunction(own, r, built[i].get());
  });

  // APIs first: function and state machine events add routes to them.
  for (const SamResource& r : ctx.resources) {
    if (r.decl->type == "AWS::Serverless::Api") internal::ExpandApi(ctx, r, false);
    if (r.decl->type == "AWS::Serverless::HttpApi") internal::ExpandApi(ctx, r, true);
  }
  bool rest_done = false;
  bool http_done = false;
  for (const SamResource& r : ctx.resources) {
    const std::string& type = r.decl->type;
    if (type != "AWS::Serverless::Function" && type != "AWS::Serverless::StateMachine") continue;
    const cfn::Val* events = r.val.Get("Events");
    if (events == nullptr || !events->is_map()) continue;
    for (const auto& [name, body, at] : events->fields) {
      std::string event_type = internal::Text(body.Get("Type"));
      const cfn::Val* props = body.Get("Properties");
      if (event_type == "Api" && !rest_done && (props == nullptr || props->Get("RestApiId") == nullptr) &&
          ctx.FindApi(internal::kImplicitRestApi) == nullptr) {
        internal::ExpandImplicitApi(ctx, false, *r.decl, at);
        rest_done = true;
      }
      if (event_type == "HttpApi" && !http_done && type == "AWS::Serverless::Function" &&
          (props == nullptr || props->Get("ApiId") == nullptr) &&
          ctx.FindApi(internal::kImplicitHttpApi) == nullptr) {
        internal::ExpandImplicitApi(ctx, true, *r.decl, at);
        http_done = true;
      }
    }
  }

  size_t functions = 0;
  for (const SamResource& r : ctx.resources) functions += r.decl->type == "AWS::Serverless::Function";
  model->functions.reserve(model->functions.size() + functions);
  for (size_t i = 0; i < ctx.resources.size(); ++i) {
    SamResource& r = ctx.resources[i];
    const std::string& type = r.decl->type;
    if (type == "AWS::Serverless::Function") {
      internal::AddFunction(ctx, r, built[i].get());
      built[i].reset();
      // Nothing reads a function's properties once it is expanded: a
      // template of thousands of functions need not hold them all.
      r.val = cfn::Val{};
    }
    if (type == "AWS::Serverless::StateMachine") internal::ExpandStateMachine(ctx, r);
    if (type == "AWS::Serverless::SimpleTable") internal::ExpandSimpleTable(ctx, r);
    if (type == "AWS::Serverless::LayerVersion") internal::ExpandLayerVersion(ctx, r);
    if (type == "AWS::Serverless::Application") internal::ExpandApplication(ctx, r);
  }
  // Connectors extend the roles generated above.
  for (const SamResource& r : ctx.resources) {
    if (r.decl->type == "AWS::Serverless::Connector") internal::ExpandConnector(ctx, r);
  }
  for (const cfn::ResourceDecl& d : t.resources) internal::ExpandEmbeddedConnectors(ctx, d);
}

}  // namespace fnwarden::load::sam
