// AWS::Serverless::Function: the function, its generated execution role
// "<Fn>Role" (when Role is absent), its URL and the URL's public permission.
// Events are in events.cc.
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "load/cfn/boundary.h"
#include "load/sam/internal.h"

namespace fnwarden::load::sam::internal {
namespace {

using cfn::Val;

// `dir` + `rel` with "." and ".." folded; "." for the scan root.
std::string JoinPath(const std::string& dir, const std::string& rel) {
  std::string joined = rel.empty()                    ? dir
                       : rel[0] == '/' || dir.empty() ? rel
                                                      : dir + "/" + rel;
  bool absolute = !joined.empty() && joined[0] == '/';
  std::vector<std::string_view> parts;  // views into `joined`
  size_t start = 0;
  while (start <= joined.size()) {
    size_t end = joined.find('/', start);
    if (end == std::string::npos) end = joined.size();
    std::string_view part = std::string_view(joined).substr(start, end - start);
    if (part == "..") {
      if (!parts.empty() && parts.back() != "..") {
        parts.pop_back();
      } else if (!absolute) {
        parts.push_back(part);
      }
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    start = end + 1;
  }
  std::string out = absolute ? "/" : "";
  out.reserve(joined.size() + 1);
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += '/';
    out += parts[i];
  }
  return out.empty() ? "." : out;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool Present(const Val* v) {
  return v != nullptr && !v->is_novalue() && v->kind != Val::Kind::kNull;
}

// Metadata: {BuildMethod: esbuild, BuildProperties: {EntryPoints: [...]}}.
void ReadEntryPoints(const SamResource& r, model::Function* fn) {
  if (r.decl->metadata == nullptr) return;
  const syntax::Node* props = r.decl->metadata->Get("BuildProperties");
  const syntax::Node* entries = props != nullptr ? props->Get("EntryPoints") : nullptr;
  if (entries == nullptr || !entries->is_seq()) return;
  for (const syntax::Node* e : entries->items) {
    if (e != nullptr && e->is_scalar() && !e->scalar.empty()) {
      fn->entry_points.emplace_back(e->scalar);
    }
  }
}

void ReadCode(Context& ctx, const SamResource& r, model::Function* fn) {
  const Val& p = r.val;
  const std::string& dir = ctx.template_dir;
  if (const Val* image = p.Get("ImageUri"); Present(image)) {
    fn->code_uri = cfn::ToString(image, p.KeyLoc("ImageUri"));
  }
  if (fn->package_type.Is("Image")) {
    // sam build reads the image's sources from Metadata.DockerContext.
    if (r.decl->metadata != nullptr) {
      const syntax::Node* context = r.decl->metadata->Get("DockerContext");
      if (context != nullptr && context->is_scalar()) {
        fn->code_dir = JoinPath(dir, std::string(context->scalar));
      }
    }
    return;
  }
  if (const Val* inline_code = p.Get("InlineCode"); Present(inline_code)) {
    fn->inline_code = true;
    fn->inline_source = cfn::ToString(inline_code, p.KeyLoc("InlineCode"));
    return;
  }
  const Val* uri = p.Get("CodeUri");
  if (!Present(uri)) {
    fn->code_dir = JoinPath(dir, "");  // sam build packages the template's folder
    return;
  }
  util::Loc at = p.KeyLoc("CodeUri");
  if (uri->is_map()) {  // {Bucket, Key, Version}
    std::string bucket = Text(uri->Get("Bucket"));
    std::string key = Text(uri->Get("Key"));
    bool known = !bucket.empty() && !key.empty();
    std::vector<std::string> refs = uri->refs();
    fn->code_uri = Synthesized("s3://" + (bucket.empty() ? "${Bucket}" : bucket) + "/" +
                                   (key.empty() ? "${Key}" : key),
                               at, refs, known);
    return;
  }
  fn->code_uri = cfn::ToString(uri, at);
  if (fn->code_uri.known() && !StartsWith(fn->code_uri.value, "s3://") &&
      fn->code_uri.value.find("://") == std::string::npos) {
    fn->code_dir = JoinPath(dir, fn->code_uri.value);
  }
  ReadEntryPoints(r, fn);
}

void ReadEnvironment(const Val& p, model::Function* fn) {
  const Val* env = p.Get("Environment");
  if (!Present(env)) return;
  fn->environment_loc = p.KeyLoc("Environment");
  const Val* vars = env->Get("Variables");
  if (vars == nullptr || !vars->is_map()) return;
  for (const auto& [name, value, at] : vars->fields) {
    if (value.is_novalue()) continue;
    fn->environment.push_back({name, at, cfn::ToString(&value, at)});
  }
}

// EventInvokeConfig.DestinationConfig.{OnSuccess,OnFailure}: the
// destination and, for a generated role, the policy SAM adds for it.
void ReadDestinations(const SamResource& r, model::Function* fn,
                      model::Role* role) {
  const Val* config = r.val.Get("EventInvokeConfig");
  const Val* dests = config == nullptr ? nullptr : config->Get("DestinationConfig");
  if (dests == nullptr) return;
  for (const char* which : {"OnSuccess", "OnFailure"}) {
    const Val* d = dests->Get(which);
    if (d == nullptr) continue;
    util::Loc at = dests->KeyLoc(which);
    std::string type = Text(d->Get("Type"));
    std::string prefix = fn->id + "EventInvokeConfig" + which;
    model::String target;
    if (const Val* dest = d->Get("Destination"); Present(dest)) {
      target = cfn::ToString(dest, at);
    } else if (type == "SQS" || type == "SNS") {
      // SAM creates the queue or topic: "<Fn>EventInvokeConfigOnFailureQueue".
      target = ArnOf(prefix + (type == "SQS" ? "Queue" : "Topic"), at);
    }
    if (std::string_view(which) == "OnFailure") fn->on_failure_destination = target;
    if (role == nullptr || target.absent()) continue;
    std::string action;
    if (type == "SQS") action = "sqs:SendMessage";
    if (type == "SNS") action = "sns:Publish";
    if (type == "EventBridge") action = "events:PutEvents";
    if (type == "Lambda") action = "lambda:InvokeFunction";
    if (action.empty()) continue;
    role->policies.push_back(Document(prefix + type + "Policy", model::PolicySource::kInline, at,
                                      {AllowStatement({action}, {target}, at)}));
  }
}

// The execution role SAM generates when Role is absent.
model::Role GeneratedRole(Context& ctx, const SamResource& r, model::Function* fn) {
  const cfn::ResourceDecl& d = *r.decl;
  const Val& p = r.val;
  model::Role role;
  InitResource(ctx, &role, d.id + "Role", "AWS::IAM::Role", d.loc, d);
  if (const Val* trust = p.Get("AssumeRolePolicyDocument"); Present(trust)) {
    role.trust = cfn::ToPolicyDocument(trust, model::PolicySource::kInline,
                                       "AssumeRolePolicyDocument",
                                       p.KeyLoc("AssumeRolePolicyDocument"));
  } else {
    role.trust = ServiceTrust("lambda.amazonaws.com", d.loc);
  }
  if (const Val* boundary = p.Get("PermissionsBoundary"); Present(boundary)) {
    role.permissions_boundary = cfn::ToString(boundary, p.KeyLoc("PermissionsBoundary"));
    // A ManagedPolicy of the template is resolved in the CloudFormation
    // adapters' second pass (cfn/boundary.h).
    cfn::ResolveManagedBoundary(&role);
  }
  role.policies.push_back(
      Managed("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", d.loc));
  // SAM tests the property's truth, not its value: any Tracing adds X-Ray.
  if (Present(p.Get("Tracing"))) {
    role.policies.push_back(
        Managed("arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess", p.KeyLoc("Tracing")));
  }
  if (Present(p.Get("VpcConfig"))) {
    role.policies.push_back(
        Managed("arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole",
                p.KeyLoc("VpcConfig")));
  }
  ReadPolicies(ctx, r, &role);
  if (const Val* dlq = p.Get("DeadLetterQueue"); Present(dlq)) {
    std::string type = Text(dlq->Get("Type"));
    util::Loc at = p.KeyLoc("DeadLetterQueue");
    std::string action = type == "SQS" ? "sqs:SendMessage" : type == "SNS" ? "sns:Publish" : "";
    if (!action.empty()) {
      role.policies.push_back(
          Document("DeadLetterQueuePolicy", model::PolicySource::kInline, at,
                   {AllowStatement({action}, {cfn::ToString(dlq->Get("TargetArn"), at)}, at)}));
    }
  }
  fn->role = Synthesized("${" + role.id + ".Arn}", d.loc, {role.id});
  fn->role_id = role.id;
  return role;
}

void ReadUrl(Context& ctx, const SamResource& r, const model::Function& fn) {
  const Val* url = r.val.Get("FunctionUrlConfig");
  if (!Present(url)) return;
  const cfn::ResourceDecl& d = *r.decl;
  util::Loc at = r.val.KeyLoc("FunctionUrlConfig");
  model::FunctionUrl u;
  InitResource(ctx, &u, d.id + "Url", "AWS::Lambda::Url", at, d);
  u.function_id = fn.id;
  u.auth_type = cfn::ToString(url->Get("AuthType"), at);
  if (const Val* cors = url->Get("Cors"); Present(cors)) {
    u.cors_allow_origins = cfn::ToStringList(cors->Get("AllowOrigins"));
    u.cors_allow_credentials = cfn::ToBool(cors->Get("AllowCredentials"), url->KeyLoc("Cors"));
  }
  u.invoke_mode = cfn::ToString(url->Get("InvokeMode"), at);
  // SAM grants the public invoke permission only for AuthType NONE.
  bool may_be_public =
      u.auth_type.Is("NONE") ||
      (u.auth_type.unknown() && std::find(u.auth_type.alternatives.begin(),
                                          u.auth_type.alternatives.end(),
                                          "NONE") != u.auth_type.alternatives.end());
  if (may_be_public) {
    model::Permission perm;
    InitResource(ctx, &perm, d.id + "UrlPublicPermissions", "AWS::Lambda::Permission", at, d);
    perm.function = Synthesized("${" + fn.id + "}", at, {fn.id});
    perm.function_id = fn.id;
    perm.action = model::String::Literal("lambda:InvokeFunctionUrl", at);
    perm.principal = model::String::Literal("*", at);
    perm.function_url_auth_type = u.auth_type;
    ctx.model->permissions.push_back(std::move(perm));
  }
  ctx.model->function_urls.push_back(std::move(u));
}

}  // namespace

std::string JoinCodePath(const std::string& dir, const std::string& rel) { return JoinPath(dir, rel); }

void BuildFunction(Context& ctx, const SamResource& r, FunctionParts* out) {
  const cfn::ResourceDecl& d = *r.decl;
  const Val& p = r.val;
  model::Function& fn = out->fn;
  InitResource(ctx, &fn, d.id, d.type, d.loc, d);
  fn.function_name = cfn::ToString(p.Get("FunctionName"), d.loc);
  fn.runtime = cfn::ToString(p.Get("Runtime"), d.loc);
  fn.handler = cfn::ToString(p.Get("Handler"), d.loc);
  if (Present(p.Get("PackageType"))) {
    fn.package_type = cfn::ToString(p.Get("PackageType"), d.loc);
  } else {
    fn.package_type =
        model::String::Default(Present(p.Get("ImageUri")) ? "Image" : "Zip", d.loc);
  }
  ReadCode(ctx, r, &fn);
  fn.timeout = Present(p.Get("Timeout")) ? cfn::ToInt(p.Get("Timeout"), d.loc)
                                         : model::Int::Default(3, d.loc);
  fn.memory_size = Present(p.Get("MemorySize")) ? cfn::ToInt(p.Get("MemorySize"), d.loc)
                                                : model::Int::Default(128, d.loc);
  ReadEnvironment(p, &fn);
  fn.kms_key_arn = cfn::ToString(p.Get("KmsKeyArn"), d.loc);
  fn.tracing = cfn::ToString(p.Get("Tracing"), d.loc);
  fn.reserved_concurrency = cfn::ToInt(p.Get("ReservedConcurrentExecutions"), d.loc);
  if (const Val* dlq = p.Get("DeadLetterQueue"); Present(dlq)) {
    fn.dead_letter_target = cfn::ToString(dlq->Get("TargetArn"), p.KeyLoc("DeadLetterQueue"));
  }
  fn.code_signing_config = cfn::ToString(p.Get("CodeSigningConfigArn"), d.loc);
  if (const Val* layers = p.Get("Layers"); layers != nullptr && layers->is_list()) {
    for (const Val& layer : layers->items) {
      if (!layer.is_novalue()) fn.layers.push_back(cfn::ToString(&layer, layers->loc));
    }
  }
  if (Present(p.Get("VpcConfig"))) {
    fn.in_vpc = true;
    fn.vpc_loc = p.KeyLoc("VpcConfig");
  }
  if (const Val* logging = p.Get("LoggingConfig"); Present(logging)) {
    fn.log_group = cfn::ToString(logging->Get("LogGroup"), p.KeyLoc("LoggingConfig"));
  }
  fn.has_version_or_alias = Present(p.Get("AutoPublishAlias"));
  fn.architectures = cfn::ToStringList(p.Get("Architectures"));

  std::optional<model::Role>& role = out->role;
  if (Present(p.Get("Role"))) {
    fn.role = cfn::ToString(p.Get("Role"), p.KeyLoc("Role"));
  } else {
    role = GeneratedRole(ctx, r, &fn);
  }
  ReadDestinations(r, &fn, role ? &*role : nullptr);
}

void AddFunction(Context& ctx, const SamResource& r, FunctionParts* parts) {
  model::Role* role = parts->role ? &*parts->role : nullptr;
  ExpandEvents(ctx, r, &parts->fn, role);
  ReadUrl(ctx, r, parts->fn);
  ctx.model->functions.push_back(std::move(parts->fn));
  if (role != nullptr) ctx.model->roles.push_back(std::move(*role));
}

}  // namespace fnwarden::load::sam::internal
