// The other AWS::Serverless::* resources: SimpleTable, StateMachine (with
// its generated role "<SM>Role") and Application (a nested stack fnwarden
// does not open).
#include <cctype>
#include <utility>

#include "load/cfn/boundary.h"
#include "load/sam/internal.h"

namespace fnwarden::load::sam::internal {

using cfn::Val;

namespace {

bool Present(const Val* v) {
  return v != nullptr && !v->is_novalue() && v->kind != Val::Kind::kNull;
}

// Api events of a state machine: routes on the API; the state machine is the
// integration (no function).
void StateMachineEvents(Context& ctx, const SamResource& r) {
  const Val* events = r.val.Get("Events");
  if (events == nullptr || !events->is_map()) return;
  for (const auto& [name, body, at] : events->fields) {
    std::string type = Text(body.Get("Type"));
    if (type != "Api") continue;  // other sources start executions through a role
    const Val* props = body.Get("Properties");
    EventRoute er;
    er.loc = at;
    const Val* api_ref = props == nullptr ? nullptr : props->Get("RestApiId");
    if (api_ref == nullptr) {
      er.api_id = std::string(kImplicitRestApi);
    } else if (!api_ref->refs().empty()) {
      er.api_id = api_ref->refs().front();
    }
    er.path = cfn::ToString(props == nullptr ? nullptr : props->Get("Path"), er.loc);
    er.method = cfn::ToString(props == nullptr ? nullptr : props->Get("Method"), er.loc);
    if (er.method.known()) {
      for (char& c : er.method.value) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      }
    }
    er.auth = props == nullptr ? nullptr : props->Get("Auth");
    er.source_id = r.decl->id;
    AddEventRoute(ctx, er);
  }
}

}  // namespace

void ExpandSimpleTable(Context& ctx, const SamResource& r) {
  const cfn::ResourceDecl& d = *r.decl;
  model::Table table;
  InitResource(ctx, &table, d.id, d.type, d.loc, d);
  table.table_name = cfn::ToString(r.val.Get("TableName"), d.loc);
  if (const Val* sse = r.val.Get("SSESpecification"); Present(sse)) {
    table.sse_enabled = cfn::ToBool(sse->Get("SSEEnabled"), r.val.KeyLoc("SSESpecification"));
  }
  // Passed through to the table SAM creates (aws/serverless-application-model#3138, 2023).
  if (const Val* pitr = r.val.Get("PointInTimeRecoverySpecification"); Present(pitr)) {
    table.point_in_time_recovery =
        pitr->is_unknown() ? cfn::ToBool(pitr)
                           : cfn::ToBool(pitr->Get("PointInTimeRecoveryEnabled"),
                                         r.val.KeyLoc("PointInTimeRecoverySpecification"));
  }
  ctx.model->tables.push_back(std::move(table));
}

void ExpandLayerVersion(Context& ctx, const SamResource& r) {
  const cfn::ResourceDecl& d = *r.decl;
  model::Layer layer;
  InitResource(ctx, &layer, d.id, "AWS::Lambda::LayerVersion", d.loc, d);
  const Val* uri = r.val.Get("ContentUri");
  if (Present(uri) && !uri->is_map()) {
    layer.content = cfn::ToString(uri, r.val.KeyLoc("ContentUri"));
    if (layer.content.known() && layer.content.value.find("://") == std::string::npos) {
      layer.content_dir = JoinCodePath(ctx.template_dir, layer.content.value);
    }
  }
  ctx.model->layers.push_back(std::move(layer));
}

void ExpandStateMachine(Context& ctx, const SamResource& r) {
  const cfn::ResourceDecl& d = *r.decl;
  const Val& p = r.val;
  model::StateMachine sm;
  InitResource(ctx, &sm, d.id, d.type, d.loc, d);
  if (const Val* logging = p.Get("Logging"); Present(logging)) {
    sm.logging_level = cfn::ToString(logging->Get("Level"), p.KeyLoc("Logging"));
    const Val* dests = logging->Get("Destinations");
    sm.has_log_destination = dests != nullptr && dests->is_list() && !dests->items.empty();
  }
  const Val* tracing = p.Get("Tracing");
  if (Present(tracing)) {
    sm.tracing_enabled = cfn::ToBool(tracing->Get("Enabled"), p.KeyLoc("Tracing"));
  }
  sm.type = Present(p.Get("Type")) ? cfn::ToString(p.Get("Type"), d.loc)
                                   : model::String::Default("STANDARD", d.loc);
  std::optional<model::Role> role;
  if (Present(p.Get("Role"))) {
    sm.role = cfn::ToString(p.Get("Role"), p.KeyLoc("Role"));
  } else {
    role.emplace();
    InitResource(ctx, &*role, d.id + "Role", "AWS::IAM::Role", d.loc, d);
    role->trust = ServiceTrust("states.amazonaws.com", d.loc);
    if (const Val* boundary = p.Get("PermissionsBoundary"); Present(boundary)) {
      role->permissions_boundary = cfn::ToString(boundary, p.KeyLoc("PermissionsBoundary"));
      cfn::ResolveManagedBoundary(&*role);
    }
    ReadPolicies(ctx, r, &*role);
    if (sm.tracing_enabled.Is(true)) {
      role->policies.push_back(
          Managed("arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess", p.KeyLoc("Tracing")));
    }
    sm.role = Synthesized("${" + role->id + ".Arn}", d.loc, {role->id});
    sm.role_id = role->id;
  }
  StateMachineEvents(ctx, r);
  ctx.model->state_machines.push_back(std::move(sm));
  if (role) ctx.model->roles.push_back(std::move(*role));
}

void ExpandApplication(Context& ctx, const SamResource& r) {
  const cfn::ResourceDecl& d = *r.decl;
  model::NestedStack stack;
  InitResource(ctx, &stack, d.id, d.type, d.loc, d);
  const Val* location = r.val.Get("Location");
  util::Loc at = r.val.KeyLoc("Location");
  if (location != nullptr && location->is_map()) {  // {ApplicationId, SemanticVersion}
    std::string app = Text(location->Get("ApplicationId"));
    std::string version = Text(location->Get("SemanticVersion"));
    stack.location = Synthesized((app.empty() ? "${ApplicationId}" : app) + "@" +
                                     (version.empty() ? "${SemanticVersion}" : version),
                                 at, location->refs(), !app.empty() && !version.empty());
  } else {
    stack.location = cfn::ToString(location, at);
  }
  stack.parameters = cfn::StackParameters(r.val.Get("Parameters"));
  ctx.model->nested_stacks.push_back(std::move(stack));
}

}  // namespace fnwarden::load::sam::internal
