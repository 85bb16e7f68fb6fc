// The SAM transform's entry points: the logical IDs it generates, and the
// expansion of every AWS::Serverless::* resource in the order SAM needs
// (APIs before the events that add routes to them, connectors last, once
// the roles they extend exist).
#include "load/sam/sam.h"

#include <cctype>
#include <memory>
#include <utility>
#include <vector>

#include "load/sam/internal.h"

namespace fnwarden::load::sam {
namespace {

using internal::SamResource;
using syntax::Node;

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::string Alnum(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c))) out += c;
  }
  return out;
}

std::string_view Scalar(const Node* n) {
  return n != nullptr && n->is_scalar() ? n->scalar : std::string_view();
}

// Events (nodes) of a resource with no explicit API id: sets `rest`/`http`.
void ScanImplicitApis(const Node* events, bool* rest, bool* http) {
  if (events == nullptr || !events->is_map()) return;
  for (const syntax::MapEntry& e : events->entries) {
    std::string_view type = Scalar(e.value->Get("Type"));
    const Node* props = e.value->Get("Properties");
    if (type == "Api" && (props == nullptr || props->Get("RestApiId") == nullptr)) *rest = true;
    if (type == "HttpApi" && (props == nullptr || props->Get("ApiId") == nullptr)) *http = true;
  }
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

void DeclareFunction(const cfn::ResourceDecl& r, const Node* props, cfn::Evaluator& ev) {
  const std::string& id = r.id;
  auto get = [&](std::string_view key) { return props == nullptr ? nullptr : props->Get(key); };
  if (get("Role") == nullptr) ev.AddImplicitResource(id + "Role");
  if (const Node* alias = get("AutoPublishAlias"); alias != nullptr) {
    ev.AddImplicitResource(id + ".Alias");
    ev.AddImplicitResource(id + ".Version");
    ev.AddImplicitResource(id + "Version");
    if (alias->is_scalar()) ev.AddImplicitResource(id + "Alias" + Alnum(alias->scalar));
  }
  if (get("FunctionUrlConfig") != nullptr) {
    ev.AddImplicitResource(id + "Url");
    ev.AddImplicitResource(id + "UrlPublicPermissions");
  }
  if (get("EventInvokeConfig") != nullptr) {
    ev.AddImplicitResource(id + "EventInvokeConfig");
    ev.AddImplicitResource(id + ".DestinationQueue");
    ev.AddImplicitResource(id + ".DestinationTopic");
    for (const char* which : {"OnSuccess", "OnFailure"}) {
      for (const char* kind : {"Queue", "Topic"}) {
        ev.AddImplicitResource(id + "EventInvokeConfig" + which + kind);
      }
    }
  }
  if (const Node* events = get("Events"); events != nullptr && events->is_map()) {
    for (const syntax::MapEntry& e : events->entries) {
      std::string name(e.key->scalar);
      ev.AddImplicitResource(id + name);  // the mapping, rule, subscription or topic rule
      ev.AddImplicitResource(id + name + "Permission");
      if (Scalar(e.value->Get("Type")) == "ScheduleV2") ev.AddImplicitResource(id + name + "Role");
    }
  }
}

void DeclareApi(const cfn::ResourceDecl& r, const Node* props, bool http, cfn::Evaluator& ev) {
  const std::string& id = r.id;
  ev.AddImplicitResource(id + ".Stage");
  ev.AddImplicitResource(id + ".Deployment");
  ev.AddImplicitResource(id + ".DomainName");
  ev.AddImplicitResource(id + "Deployment");
  ev.AddImplicitResource(id + "DomainName");
  const Node* stage = props == nullptr ? nullptr : props->Get("StageName");
  if (http && (stage == nullptr || Scalar(stage) == "$default")) {
    ev.AddImplicitResource(id + "ApiGatewayDefaultStage");
  } else {
    ev.AddImplicitResource(id + Alnum(Scalar(stage)) + "Stage");
  }
  if (!http) {
    ev.AddImplicitResource(id + "UsagePlan");
    ev.AddImplicitResource(id + "UsagePlanKey");
    ev.AddImplicitResource(id + "ApiKey");
    ev.AddImplicitResource(id + ".UsagePlan");
    ev.AddImplicitResource(id + ".UsagePlanKey");
    ev.AddImplicitResource(id + ".ApiKey");
    ev.AddImplicitResource("ServerlessUsagePlan");
  }
}

}  // namespace

void DeclareGeneratedResources(const cfn::Template& t, cfn::Evaluator& ev) {
  internal::NodeArena arena;
  // Expand reports problems with Globals; this pass stays quiet.
  internal::GlobalSections globals = internal::ReadGlobals(t, nullptr);
  bool rest = false;
  bool http = false;
  for (const cfn::ResourceDecl& r : t.resources) {
    if (!StartsWith(r.type, "AWS::Serverless::")) continue;
    auto g = globals.find(r.type);
    const Node* props =
        internal::MergeGlobals(g == globals.end() ? nullptr : g->second, r.properties, &arena);
    if (r.type == "AWS::Serverless::Function") {
      DeclareFunction(r, props, ev);
      ScanImplicitApis(props == nullptr ? nullptr : props->Get("Events"), &rest, &http);
    } else if (r.type == "AWS::Serverless::StateMachine") {
      if (props == nullptr || props->Get("Role") == nullptr) ev.AddImplicitResource(r.id + "Role");
      bool unused = false;
      ScanImplicitApis(props == nullptr ? nullptr : props->Get("Events"), &rest, &unused);
    } else if (r.type == "AWS::Serverless::Api") {
      DeclareApi(r, props, false, ev);
    } else if (r.type == "AWS::Serverless::HttpApi") {
      DeclareApi(r, props, true, ev);
    } else if (r.type == "AWS::Serverless::Connector") {
      ev.AddImplicitResource(r.id + "PolicyDestination0");
    }
  }
  if (rest) {
    for (const char* id : {"ServerlessRestApi", "ServerlessRestApiProdStage",
                           "ServerlessRestApiDeployment", "ServerlessRestApi.Stage",
                           "ServerlessRestApi.Deployment"}) {
      ev.AddImplicitResource(id);
    }
  }
  if (http) {
    for (const char* id : {"ServerlessHttpApi", "ServerlessHttpApiApiGatewayDefaultStage",
                           "ServerlessHttpApi.Stage"}) {
      ev.AddImplicitResource(id);
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
