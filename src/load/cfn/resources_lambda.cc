// AWS::Lambda::* resources: functions, permissions, URLs, event source
// mappings, invoke configs, versions and aliases.
#include <string>
#include <string_view>

#include "load/cfn/resources_internal.h"

namespace fnwarden::load::cfn::internal {
namespace {

// Code: {ZipFile}, {S3Bucket, S3Key}, {ImageUri}, or the local path that
// `aws cloudformation package` replaces. CDK writes the local asset folder in
// the resource's Metadata (aws:asset:path, relative to cdk.out).
void ReadCode(const Decl& d, const AdaptContext& ctx, model::Function* f) {
  const Val* code = d.props.Get("Code");
  if (code != nullptr && code->is_map()) {
    if (const Val* zip = code->Get("ZipFile")) {
      f->inline_code = true;
      f->inline_source = ToString(zip, code->KeyLoc("ZipFile"));
    } else if (const Val* image = code->Get("ImageUri")) {
      f->code_uri = ToString(image, code->KeyLoc("ImageUri"));
    } else {
      model::String bucket = Str(*code, "S3Bucket");
      model::String key = Str(*code, "S3Key");
      if (bucket.known() && key.known()) {
        f->code_uri = bucket;
        f->code_uri.value = "s3://" + bucket.value + "/" + key.value;
        f->code_uri.refs.insert(f->code_uri.refs.end(), key.refs.begin(), key.refs.end());
        if (key.state == model::ValueState::kResolved) f->code_uri.state = key.state;
        f->code_uri.flags |= key.flags;
      } else if (!bucket.absent() || !key.absent()) {
        f->code_uri = model::String::Unknown(code->loc);
        f->code_uri.value =
            "s3://" + (bucket.known() ? bucket.value : "?") + "/" + (key.known() ? key.value : "?");
      }
    }
  } else if (code != nullptr) {
    f->code_uri = ToString(code, d.props.KeyLoc("Code"));
    if (f->code_uri.known()) f->code_dir = JoinLocalPath(ctx.template_dir, f->code_uri.value);
  }
  const syntax::Node* metadata = d.decl->metadata;
  const syntax::Node* asset = metadata != nullptr ? metadata->Get("aws:asset:path") : nullptr;
  const syntax::Node* property =
      metadata != nullptr ? metadata->Get("aws:asset:property") : nullptr;
  if (asset != nullptr && asset->is_scalar() &&
      (property == nullptr || (property->is_scalar() && property->scalar == "Code"))) {
    f->code_dir = asset->scalar.starts_with("/") ? std::string(asset->scalar)
                                                 : JoinLocalPath(ctx.template_dir, asset->scalar);
  }
}

void ReadEnvironment(const Val& props, model::Function* f) {
  const Val* env = props.Get("Environment");
  f->environment_loc = props.KeyLoc("Environment");
  const Val* vars = Field(env, "Variables");
  if (vars == nullptr) return;
  f->environment_loc = env->KeyLoc("Variables");
  if (!vars->is_map()) return;
  for (const auto& [name, value, at] : vars->fields) {
    if (value.is_novalue()) continue;
    model::EnvVar var;
    var.name = name;
    var.loc = at;
    var.value = ToString(&value, var.loc);
    f->environment.push_back(std::move(var));
  }
}

}  // namespace

void AdaptLayerVersion(const Decl& d, AdaptContext& ctx) {
  model::Layer layer = Make<model::Layer>(d);
  const Val* content = d.props.Get("Content");
  if (content != nullptr && content->is_map()) {
    model::String bucket = Str(*content, "S3Bucket");
    model::String key = Str(*content, "S3Key");
    layer.content = bucket;
    if (bucket.known() && key.known()) layer.content.value = "s3://" + bucket.value + "/" + key.value;
  } else if (content != nullptr) {
    // A local path: the Serverless Framework's `path`, or a template before
    // `aws cloudformation package` uploads it.
    layer.content = ToString(content, d.props.KeyLoc("Content"));
    if (layer.content.known()) {
      layer.content_dir = JoinLocalPath(ctx.template_dir, layer.content.value);
    }
  }
  const syntax::Node* metadata = d.decl->metadata;
  const syntax::Node* asset = metadata != nullptr ? metadata->Get("aws:asset:path") : nullptr;
  const syntax::Node* property =
      metadata != nullptr ? metadata->Get("aws:asset:property") : nullptr;
  if (asset != nullptr && asset->is_scalar() && property != nullptr && property->is_scalar() &&
      property->scalar == "Content") {
    layer.content_dir = asset->scalar.starts_with("/") ? std::string(asset->scalar)
                                                       : JoinLocalPath(ctx.template_dir, asset->scalar);
  }
  ctx.model->layers.push_back(std::move(layer));
}

void AdaptLambdaFunction(const Decl& d, AdaptContext& ctx) {
  const Val& p = d.props;
  model::Function f = Make<model::Function>(d);
  f.function_name = Str(p, "FunctionName");
  f.runtime = Str(p, "Runtime");
  f.package_type = Str(p, "PackageType");
  f.handler = Str(p, "Handler");
  ReadCode(d, ctx, &f);
  f.timeout = IntOf(p, "Timeout");
  // Service defaults point at the resource: that is where the property goes.
  if (f.timeout.absent()) f.timeout = model::Int::Default(3, d.base.loc);
  f.memory_size = IntOf(p, "MemorySize");
  ReadEnvironment(p, &f);
  f.role = Str(p, "Role");
  f.kms_key_arn = Str(p, "KmsKeyArn");
  if (const Val* tracing = p.Get("TracingConfig")) {
    f.tracing = Str(*tracing, "Mode");
  } else {
    f.tracing = ToString(nullptr, p.KeyLoc("TracingConfig"));
  }
  f.reserved_concurrency = IntOf(p, "ReservedConcurrentExecutions");
  if (const Val* dlq = p.Get("DeadLetterConfig")) {
    f.dead_letter_target = Str(*dlq, "TargetArn");
  }
  f.code_signing_config = Str(p, "CodeSigningConfigArn");
  f.layers = StrList(p, "Layers");
  if (const Val* vpc = p.Get("VpcConfig")) {
    f.vpc_loc = p.KeyLoc("VpcConfig");
    // {SubnetIds: []} detaches the function from any VPC.
    const Val* subnets = vpc->Get("SubnetIds");
    f.in_vpc = vpc->is_map()
                   ? !(subnets == nullptr || (subnets->is_list() && Items(subnets).empty()))
                   : vpc->is_unknown();
  }
  if (const Val* logging = p.Get("LoggingConfig")) f.log_group = Str(*logging, "LogGroup");
  f.architectures = StrList(p, "Architectures");
  ctx.model->functions.push_back(std::move(f));
}

model::Permission BuildLambdaPermission(const Decl& d, const AdaptContext& ctx) {
  const Val& p = d.props;
  model::Permission perm = Make<model::Permission>(d);
  perm.function = Str(p, "FunctionName");
  perm.function_id = ResolveFunctionVal(ctx, p.Get("FunctionName"));
  perm.action = Str(p, "Action");
  perm.principal = Str(p, "Principal");
  perm.source_arn = Str(p, "SourceArn");
  perm.source_account = Str(p, "SourceAccount");
  perm.principal_org_id = Str(p, "PrincipalOrgID");
  perm.function_url_auth_type = Str(p, "FunctionUrlAuthType");
  return perm;
}

void AddLambdaPermission(model::Permission&& perm, AdaptContext& ctx) {
  ctx.model->permissions.push_back(std::move(perm));
}

void AttachLambdaUrl(const Decl& d, AdaptContext& ctx) {
  const Val& p = d.props;
  model::FunctionUrl url = Make<model::FunctionUrl>(d);
  url.function_id = ResolveFunctionVal(ctx, p.Get("TargetFunctionArn"));
  url.auth_type = Str(p, "AuthType");
  if (const Val* cors = p.Get("Cors")) {
    url.cors_allow_origins = StrList(*cors, "AllowOrigins");
    url.cors_allow_credentials = BoolOf(*cors, "AllowCredentials");
  }
  url.invoke_mode = Str(p, "InvokeMode");
  ctx.model->function_urls.push_back(std::move(url));
}

namespace {

// The kind of an event source mapping: from the type of the resource its
// EventSourceArn references, else from the service in a literal ARN.
model::TriggerKind SourceKind(const AdaptContext& ctx, const Val& p, const model::String& source) {
  if (p.Get("SelfManagedEventSource") != nullptr) return model::TriggerKind::kSelfManagedKafka;
  for (const std::string& ref : source.refs) {
    std::string_view type = ctx.TypeOf(ref);
    if (type == "AWS::SQS::Queue") return model::TriggerKind::kSqs;
    if (type == "AWS::Kinesis::Stream") return model::TriggerKind::kKinesis;
    if (type == "AWS::DynamoDB::Table" || type == "AWS::DynamoDB::GlobalTable" ||
        type == "AWS::Serverless::SimpleTable") {
      return model::TriggerKind::kDynamoDb;
    }
    if (type == "AWS::MSK::Cluster" || type == "AWS::MSK::ServerlessCluster") {
      return model::TriggerKind::kMsk;
    }
    if (type == "AWS::AmazonMQ::Broker") return model::TriggerKind::kMq;
    if (type == "AWS::DocDB::DBCluster") return model::TriggerKind::kDocumentDb;
  }
  // Literal ARNs, or the display form of a Sub ("arn:${AWS::Partition}:sqs:...").
  std::string_view arn = source.value;
  if (arn.find(":sqs:") != std::string_view::npos) return model::TriggerKind::kSqs;
  if (arn.find(":kinesis:") != std::string_view::npos) return model::TriggerKind::kKinesis;
  if (arn.find(":dynamodb:") != std::string_view::npos) return model::TriggerKind::kDynamoDb;
  if (arn.find(":kafka:") != std::string_view::npos) return model::TriggerKind::kMsk;
  if (arn.find(":mq:") != std::string_view::npos) return model::TriggerKind::kMq;
  if (arn.find(":rds:") != std::string_view::npos) return model::TriggerKind::kDocumentDb;
  if (p.Get("Queues") != nullptr) return model::TriggerKind::kMq;
  if (p.Get("DocumentDBEventSourceConfig") != nullptr) return model::TriggerKind::kDocumentDb;
  return model::TriggerKind::kOther;
}

}  // namespace

model::Trigger BuildEventSourceMapping(const Decl& d, const AdaptContext& ctx) {
  const Val& p = d.props;
  model::Trigger trigger;
  trigger.function_id = ResolveFunctionVal(ctx, p.Get("FunctionName"));
  trigger.name = d.base.id;
  trigger.loc = d.base.loc;
  trigger.source = Str(p, "EventSourceArn");
  trigger.kind = SourceKind(ctx, p, trigger.source);
  if (const Val* destination = FieldPath(&p, {"DestinationConfig", "OnFailure"})) {
    trigger.on_failure_destination = Str(*destination, "Destination");
  }
  return trigger;
}

void AddEventSourceMapping(model::Trigger&& trigger, AdaptContext& ctx) {
  ctx.model->triggers.push_back(std::move(trigger));
}

void AttachEventInvokeConfig(const Decl& d, AdaptContext& ctx) {
  model::Function* f = model::FindIn(*ctx.model, ctx.model->functions,
                                     ResolveFunctionVal(ctx, d.props.Get("FunctionName")));
  const Val* on_failure = FieldPath(&d.props, {"DestinationConfig", "OnFailure"});
  if (f == nullptr || on_failure == nullptr) return;
  f->on_failure_destination = Str(*on_failure, "Destination");
}

void AttachVersionOrAlias(const Decl& d, AdaptContext& ctx) {
  model::Function* f = model::FindIn(*ctx.model, ctx.model->functions,
                                     ResolveFunctionVal(ctx, d.props.Get("FunctionName")));
  if (f != nullptr) f->has_version_or_alias = true;
}

}  // namespace fnwarden::load::cfn::internal
