// AdaptResources: plain CloudFormation resources into the model. The
// adapters of each service live in resources_<service>.cc; this file holds
// the dispatch tables, the two passes and the field helpers they share.
#include <algorithm>
#include <functional>
#include <iterator>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "load/cfn/names.h"
#include "load/cfn/resources_internal.h"
#include "load/cfn/template.h"
#include "util/thread_pool.h"

namespace fnwarden::load::cfn {
namespace internal {

size_t Runs(size_t n, unsigned jobs) {
  return util::Threads(jobs) == 1 || n < 2 * kRun ? 0 : (n + kRun - 1) / kRun;
}

namespace {

// A staged attacher (resources_internal.h) over the declarations it applies
// to, in source order.
using StagedFn = void (*)(std::span<const Decl* const> decls, AdaptContext& ctx, unsigned jobs);

// Build for every declaration, side by side for a large template, then Add
// for each item in order.
template <class Item, Item (*Build)(const Decl&, const AdaptContext&),
          void (*Add)(Item&&, AdaptContext&)>
void BuildThenAdd(std::span<const Decl* const> decls, AdaptContext& ctx, unsigned jobs) {
  const size_t n = decls.size();
  const size_t runs = Runs(n, jobs);
  if (runs == 0) {
    for (const Decl* d : decls) Add(Build(*d, ctx), ctx);
    return;
  }
  std::vector<Item> items(n);
  util::ParallelFor(runs, jobs, [&](size_t k) {
    for (size_t i = k * kRun; i < std::min(n, (k + 1) * kRun); ++i) {
      items[i] = Build(*decls[i], ctx);
    }
  });
  for (Item& item : items) Add(std::move(item), ctx);
}

struct AdapterEntry {
  std::string_view type;
  AdaptFn adapt;  // null for a staged attacher
  // Pass 2 only: the adapter adds a model resource (which keeps its
  // condition_known_false) rather than modifying others.
  bool creates = false;
  StagedFn staged = nullptr;  // pass 2 only, instead of `adapt`
};

// Pass 1: types that become a model struct.
constexpr AdapterEntry kCreators[] = {
    {"AWS::Lambda::Function", &AdaptLambdaFunction},
    {"AWS::Lambda::LayerVersion", &AdaptLayerVersion},
    {"AWS::IAM::Role", &AdaptRole},
    {"AWS::ApiGateway::RestApi", &AdaptRestApi},
    {"AWS::ApiGatewayV2::Api", &AdaptHttpApi},
    {"AWS::S3::Bucket", &AdaptBucket},
    {"AWS::DynamoDB::Table", &AdaptTable},
    {"AWS::DynamoDB::GlobalTable", &AdaptTable},
    {"AWS::SQS::Queue", &AdaptQueue},
    {"AWS::SNS::Topic", &AdaptTopic},
    {"AWS::SecretsManager::Secret", &AdaptSecret},
    {"AWS::SSM::Parameter", &AdaptSsmParameter},
    {"AWS::KMS::Key", &AdaptKey},
    {"AWS::Logs::LogGroup", &AdaptLogGroup},
    {"Custom::LogRetention", &AdaptLogRetention},
    {"AWS::StepFunctions::StateMachine", &AdaptStateMachine},
    {"AWS::Events::EventBus", &AdaptEventBus},
    {"AWS::Cognito::UserPool", &AdaptUserPool},
    {"AWS::Cognito::IdentityPool", &AdaptIdentityPool},
    {"AWS::CloudTrail::Trail", &AdaptTrail},
    {"AWS::WAFv2::WebACL", &AdaptWebAcl},
    {"AWS::CloudWatch::Alarm", &AdaptAlarm},
    {"AWS::CloudFormation::Stack", &AdaptNestedStack},
    {"AWS::IAM::User", &AdaptUser},
    {"AWS::IAM::Group", &AdaptGroup},
};

// Pass 2: types that modify structs of pass 1 (or of the SAM expansion).
// Order matters where one attachment reads another's result: domains and
// stages before the WAF associations that point at them.
constexpr AdapterEntry kAttachers[] = {
    {"AWS::IAM::Policy", &AttachIamPolicy},
    {"AWS::IAM::ManagedPolicy", &AttachIamPolicy},
    {"AWS::Lambda::Permission", nullptr, true,
     &BuildThenAdd<model::Permission, &BuildLambdaPermission, &AddLambdaPermission>},
    {"AWS::Lambda::Url", &AttachLambdaUrl, true},
    {"AWS::Lambda::EventSourceMapping", nullptr, false,
     &BuildThenAdd<model::Trigger, &BuildEventSourceMapping, &AddEventSourceMapping>},
    {"AWS::Lambda::EventInvokeConfig", &AttachEventInvokeConfig},
    {"AWS::Lambda::Version", &AttachVersionOrAlias},
    {"AWS::Lambda::Alias", &AttachVersionOrAlias},
    {"AWS::Events::Rule", &AttachEventRule},
    {"AWS::SNS::Subscription", &AttachSnsSubscription},
    {"AWS::SNS::Topic", &AttachTopicSubscriptions},
    {"AWS::S3::Bucket", &AttachBucketNotifications},
    {"AWS::ElasticLoadBalancingV2::TargetGroup", &AttachTargetGroup},
    {"AWS::ApiGatewayV2::Api", &AttachHttpApiQuickCreate},
    {"AWS::ApiGateway::Method", nullptr, false,
     &BuildThenAdd<MethodRoute, &BuildApiResourceMethod, &AddApiResourceMethod>},
    {"AWS::ApiGateway::Stage", &AttachApiStage},
    {"AWS::ApiGateway::Deployment", &AttachApiDeployment},
    {"AWS::ApiGateway::Authorizer", &AttachApiAuthorizer},
    {"AWS::ApiGateway::BasePathMapping", &AttachApiDomain},
    {"AWS::ApiGateway::BasePathMappingV2", &AttachApiDomain},
    {"AWS::ApiGatewayV2::ApiMapping", &AttachApiDomain},
    {"AWS::ApiGatewayV2::Route", &AttachHttpApiRoute},
    {"AWS::ApiGatewayV2::Stage", &AttachHttpApiStage},
    {"AWS::ApiGatewayV2::Authorizer", &AttachHttpApiAuthorizer},
    {"AWS::ApiGateway::UsagePlan", &AttachUsagePlan, true},
    {"AWS::S3::BucketPolicy", &AttachBucketPolicy},
    {"AWS::SQS::QueuePolicy", &AttachQueuePolicy},
    {"AWS::SNS::TopicPolicy", &AttachTopicPolicy},
    {"AWS::SecretsManager::ResourcePolicy", &AttachSecretPolicy},
    {"AWS::SecretsManager::RotationSchedule", &AttachSecretRotation},
    {"AWS::Events::EventBusPolicy", &AttachEventBusPolicy},
    {"AWS::Cognito::UserPoolClient", &AttachUserPoolClient, true},
    {"AWS::WAFv2::WebACLAssociation", &AttachWebAclAssociation},
    {"AWS::WAFv2::LoggingConfiguration", &AttachWebAclLogging},
    {"AWS::CloudWatch::Alarm", &AttachAlarmFunctions},
    {"AWS::IAM::User", &AttachUserGroups},
    {"AWS::IAM::UserToGroupAddition", &AttachUserToGroup},
    {"AWS::CodeBuild::Project", &AttachRoleUse},
    {"AWS::Events::Rule", &AttachRoleUse},
    {"AWS::Scheduler::Schedule", &AttachRoleUse},
    {"AWS::Pipes::Pipe", &AttachRoleUse},
    {"AWS::ApiGateway::Account", &AttachRoleUse},
    {"AWS::ApiGateway::Method", &AttachRoleUse},
    {"AWS::ApiGatewayV2::Integration", &AttachRoleUse},
    {"AWS::ECS::TaskDefinition", &AttachRoleUse},
    {"AWS::IAM::InstanceProfile", &AttachRoleUse},
    {"AWS::Cognito::IdentityPoolRoleAttachment", &AttachRoleUse},
    {"AWS::AppSync::DataSource", &AttachRoleUse},
    {"AWS::Cognito::UserPool", &AttachRoleUse},
};

// Types that neither pass adapts but that adapters read through references.
constexpr std::string_view kReferenced[] = {
    "AWS::ApiGateway::Resource",      "AWS::ApiGateway::DomainName",
    "AWS::ApiGateway::DomainNameV2",  "AWS::ApiGatewayV2::DomainName",
    "AWS::ApiGatewayV2::Integration",
    "AWS::ElasticLoadBalancingV2::LoadBalancer",
    "AWS::ElasticLoadBalancingV2::Listener",
    "AWS::ElasticLoadBalancingV2::ListenerRule",
};

// The creator of each type of kCreators (each type has one).
const std::unordered_map<std::string_view, AdaptFn>& CreatorsByType() {
  static const std::unordered_map<std::string_view, AdaptFn> kByType = [] {
    std::unordered_map<std::string_view, AdaptFn> out;
    for (const AdapterEntry& e : kCreators) out.emplace(e.type, e.adapt);
    return out;
  }();
  return kByType;
}

// Whether either pass adapts `type`, or an adapter reads it (kReferenced).
bool Modelled(std::string_view type) {
  static const std::unordered_set<std::string_view> kTypes = [] {
    std::unordered_set<std::string_view> out;
    for (const AdapterEntry& e : kCreators) out.insert(e.type);
    for (const AdapterEntry& e : kAttachers) out.insert(e.type);
    for (std::string_view t : kReferenced) out.insert(t);
    return out;
  }();
  return kTypes.count(type) != 0;
}

std::string FolderOf(const Template& t) {
  if (t.file == nullptr) return "";
  std::string_view path = t.file->path();
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? "" : std::string(path.substr(0, slash));
}

// Appends the lists of `runs`, in order, to the same lists of `to`: each
// resource list on one of `jobs` threads, then the rest (model::AppendModel).
void AppendRuns(std::vector<model::Model>* runs, model::Model* to, unsigned jobs) {
  // The lists of every model in ForEachResourceList's order; the same
  // place holds the same list (and type) in each.
  auto lists_of = [](model::Model& m) {
    std::vector<void*> out;
    model::ForEachResourceList(m, [&](auto& list) { out.push_back(&list); });
    return out;
  };
  std::vector<std::vector<void*>> from;
  for (model::Model& run : *runs) from.push_back(lists_of(run));
  std::vector<std::function<void()>> appends;
  size_t place = 0;
  model::ForEachResourceList(*to, [&](auto& list) {
    using List = std::remove_reference_t<decltype(list)>;
    appends.push_back([&from, &list, place] {
      size_t total = list.size();
      for (const auto& run : from) total += static_cast<List*>(run[place])->size();
      list.reserve(total);
      for (const auto& run : from) {
        List& items = *static_cast<List*>(run[place]);
        std::move(items.begin(), items.end(), std::back_inserter(list));
        List().swap(items);
      }
    });
    ++place;
  });
  util::ParallelFor(appends.size(), jobs, [&](size_t i) { appends[i](); });
  // Creators write resources only, but a run loses nothing it holds.
  for (model::Model& run : *runs) model::AppendModel(to, std::move(run));
}

// Pass 1 over `ctx.decls`. A large template's declarations are cut into
// runs, and each run is made into a model of its own on any job; the runs'
// lists are then appended in order, so that every list holds its resources
// in source order, as one pass over the declarations gives them.
void Create(AdaptContext& ctx, unsigned jobs) {
  const auto& creators = CreatorsByType();
  auto create = [&](size_t from, size_t to, AdaptContext& into) {
    for (size_t i = from; i < to; ++i) {
      const Decl& d = ctx.decls[i];
      auto creator = creators.find(d.decl->type);
      if (creator != creators.end()) creator->second(d, into);
    }
  };
  const size_t n = ctx.decls.size();
  const size_t runs = Runs(n, jobs);
  if (runs == 0) {
    create(0, n, ctx);
    return;
  }
  std::vector<model::Model> made(runs);
  util::ParallelFor(runs, jobs, [&](size_t k) {
    AdaptContext run{ctx.t,     ctx.ev,        ctx.diags, &made[k], ctx.template_dir,
                     ctx.decls, ctx.decl_index};
    create(k * kRun, std::min(n, (k + 1) * kRun), run);
  });
  AppendRuns(&made, ctx.model, jobs);
}

}  // namespace

const Decl* AdaptContext::Find(std::string_view id) const {
  auto it = decl_index->find(id);
  return it == decl_index->end() ? nullptr : &decls[it->second];
}

std::string_view AdaptContext::TypeOf(std::string_view id) const {
  const ResourceDecl* r = t.FindResource(id);
  return r == nullptr ? std::string_view() : std::string_view(r->type);
}

const Val* Field(const Val* map, std::string_view key) {
  return map == nullptr ? nullptr : map->Get(key);
}

const Val* FieldPath(const Val* map, std::initializer_list<std::string_view> path) {
  for (std::string_view key : path) {
    map = Field(map, key);
    if (map == nullptr) return nullptr;
  }
  return map;
}

model::String Str(const Val& map, std::string_view key) {
  return ToString(map.Get(key), map.KeyLoc(key));
}

model::Int IntOf(const Val& map, std::string_view key) {
  return ToInt(map.Get(key), map.KeyLoc(key));
}

model::Bool BoolOf(const Val& map, std::string_view key) {
  return ToBool(map.Get(key), map.KeyLoc(key));
}

model::Value<double> DoubleOf(const Val& map, std::string_view key) {
  return ToDouble(map.Get(key), map.KeyLoc(key));
}

std::vector<model::String> StrList(const Val& map, std::string_view key) {
  return ToStringList(map.Get(key));
}

std::vector<const Val*> Items(const Val* list) {
  std::vector<const Val*> out;
  if (list == nullptr || !list->is_list()) return out;
  for (const Val& item : list->items) {
    if (!item.is_novalue()) out.push_back(&item);
  }
  return out;
}

std::string JoinLocalPath(std::string_view dir, std::string_view path) {
  if (path.empty() || path.front() == '/' || path.find("://") != std::string_view::npos) {
    return "";
  }
  while (path.starts_with("./")) path.remove_prefix(2);
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  if (path == "." || path.empty()) return dir.empty() ? "." : std::string(dir);
  if (dir.empty() || dir == ".") return std::string(path);
  return std::string(dir) + "/" + std::string(path);
}

std::string ResolveFunctionVal(const AdaptContext& ctx, const Val* v) {
  if (v == nullptr) return "";
  model::String s = ToString(v);
  // A Version or Alias of the template stands for its function.
  for (int depth = 0; depth < 4; ++depth) {
    std::string id = ResolveFunction(*ctx.model, s);
    if (!id.empty()) return id;
    const Decl* via = nullptr;
    for (const std::string& ref : s.refs) {
      std::string_view type = ctx.TypeOf(ref);
      if (type == "AWS::Lambda::Version" || type == "AWS::Lambda::Alias") via = ctx.Find(ref);
    }
    if (via == nullptr) return "";
    s = Str(via->props, "FunctionName");
  }
  return "";
}

}  // namespace internal

void AdaptResources(const Template& t, Evaluator& ev, util::DiagnosticSink* diags,
                    model::Model* model, unsigned jobs) {
  using internal::Decl;
  std::vector<const ResourceDecl*> modelled;
  for (const ResourceDecl& r : t.resources) {
    if (internal::Modelled(r.type)) modelled.push_back(&r);
  }
  // Each declaration evaluated once, on any job for a large template.
  std::vector<Decl> decls(modelled.size());
  ev.SideBySide(modelled.size(), jobs, [&](size_t i, Evaluator& on) {
    const ResourceDecl& r = *modelled[i];
    Decl d;
    d.decl = &r;
    d.props = on.Eval(r.properties);
    d.base.id = r.id;
    d.base.type = r.type;
    d.base.loc = r.loc;
    d.base.condition = r.condition;
    if (!r.condition.empty()) {
      std::optional<bool> holds = on.Condition(r.condition);
      d.base.condition_known_false = holds.has_value() && !*holds;
    }
    d.base.ignores = ReadIgnores(r, on);
    decls[i] = std::move(d);
  });
  std::unordered_map<std::string_view, size_t> decl_index;
  decl_index.reserve(decls.size());
  // The declarations of each type, in source order: each attacher reads
  // those of its type only (a template of thousands of functions has tens
  // of thousands of declarations, and the tables a hundred types).
  std::unordered_map<std::string_view, std::vector<const Decl*>> by_type;
  for (size_t i = 0; i < decls.size(); ++i) {
    decl_index.try_emplace(decls[i].decl->id, i);
    by_type[decls[i].decl->type].push_back(&decls[i]);
  }
  internal::AdaptContext ctx{t, ev, diags, model, internal::FolderOf(t), decls, &decl_index};
  auto count = [&](std::string_view type) {
    auto it = by_type.find(type);
    return it == by_type.end() ? size_t{0} : it->second.size();
  };
  // The structs that grow by thousands, made room for once.
  model->functions.reserve(model->functions.size() + count("AWS::Lambda::Function"));
  model->roles.reserve(model->roles.size() + count("AWS::IAM::Role"));
  model->permissions.reserve(model->permissions.size() + count("AWS::Lambda::Permission"));
  internal::Create(ctx, jobs);
  model->IndexIds();  // the attachers look up what the creators made
  for (const internal::AdapterEntry& e : internal::kAttachers) {
    auto of_type = by_type.find(e.type);
    if (of_type == by_type.end()) continue;
    std::vector<const Decl*> applied;
    applied.reserve(of_type->second.size());
    for (const Decl* d : of_type->second) {
      // A resource that will not be created modifies nothing.
      if (!d->base.condition_known_false || e.creates) applied.push_back(d);
    }
    if (e.staged != nullptr) {
      e.staged(applied, ctx, jobs);
    } else {
      for (const Decl* d : applied) e.adapt(*d, ctx);
    }
  }
  internal::AdaptInputsAndOutputs(ctx);
  NameResources(model, jobs);
}

}  // namespace fnwarden::load::cfn
