#include "analysis/store_query.h"

#include <algorithm>
#include <unordered_map>

#include "analysis/policy_query.h"
#include "util/strings.h"

namespace fnwarden::analysis {

Answer DeniesInsecureTransport(const std::vector<model::PolicyDocument>& policies) {
  bool unsure = false;
  for (const auto& doc : policies) {
    if (!doc.known) {
      unsure = true;
      continue;
    }
    for (const auto& s : doc.statements) {
      if (!s.known || s.effect.unknown()) {
        unsure = true;
        continue;
      }
      if (!s.effect.Is(model::Effect::kDeny)) continue;
      // Any Deny on the transport counts: the usual form is
      // Bool aws:SecureTransport "false"; s3:TlsVersion NumericLessThan 1.2
      // is stricter still.
      if (HasConditionKey(s, {"aws:SecureTransport", "s3:TlsVersion"})) return Answer::kYes;
    }
  }
  return unsure ? Answer::kUnknown : Answer::kNo;
}

std::string StorePolicyTarget(const model::StorePolicy& policy) {
  std::string_view kind = policy.store_kind == model::StoreKind::kBucket  ? "bucket"
                          : policy.store_kind == model::StoreKind::kQueue ? "queue"
                                                                          : "topic";
  std::vector<std::string> names;
  for (const model::String& target : policy.targets) {
    // An unknown name is shown as written ("${BucketName}").
    names.push_back(!target.value.empty()       ? target.value
                    : policy.targets.size() > 1 ? "one named at deployment"
                                                : "named at deployment");
  }
  std::string out = std::string(kind) + (names.size() > 1 ? "s " : " ") + JoinNames(names);
  for (size_t i = 0; i < policy.may_be.size(); ++i) {
    out += i == 0 ? " (perhaps " : i + 1 == policy.may_be.size() ? " or " : ", ";
    out += policy.may_be[i];
  }
  if (!policy.may_be.empty()) out += ")";
  return out;
}

bool MayHaveStorePolicy(const model::Model& model, std::string_view store_id) {
  for (const auto& p : model.store_policies) {
    if (std::find(p.may_be.begin(), p.may_be.end(), store_id) != p.may_be.end()) return true;
  }
  return false;
}

std::vector<FunctionLogGroup> FunctionLogGroups(const Facts& facts) {
  std::vector<FunctionLogGroup> out;
  std::unordered_map<const model::LogGroup*, size_t> index;  // position in `out`
  for (const auto& fn : facts.functions()) {
    if (!fn.log_group) continue;
    auto [it, added] = index.try_emplace(fn.log_group, out.size());
    if (added) out.push_back({fn.log_group, {}});
    out[it->second].functions.push_back(fn.function);
  }
  return out;
}

namespace {

bool RefersTo(const model::String& v, std::string_view id) {
  return std::find(v.refs.begin(), v.refs.end(), id) != v.refs.end();
}

// True when the log group is matched to some function of the model.
bool ClaimedByAFunction(const Facts& facts, const model::LogGroup& g) {
  for (const auto& fn : facts.functions()) {
    if (fn.log_group == &g) return true;
  }
  return false;
}

}  // namespace

ImpliedLogGroup ClassifyLogGroup(const Facts& facts, const FunctionFacts& fn) {
  if (fn.log_group) return ImpliedLogGroup::kDeclared;
  const model::Function& f = *fn.function;
  if (!f.log_group.absent()) return ImpliedLogGroup::kExternal;
  for (const auto& g : facts.model().log_groups) {
    if (ClaimedByAFunction(facts, g)) continue;
    // Without a name, CloudFormation generates one (stack-LogicalId-random)
    // that is never /aws/lambda/<function>.
    if (g.log_group_name.absent()) continue;
    if (!g.log_group_name.known()) {
      // A name fnwarden cannot read may be this function's, unless it is
      // built from another function's name.
      bool other_function = false;
      for (const auto& other : facts.functions()) {
        if (other.function != &f && RefersTo(g.log_group_name, other.function->id)) {
          other_function = true;
        }
      }
      if (!other_function) return ImpliedLogGroup::kMaybeDeclared;
      continue;
    }
    // A literal /aws/lambda/... name may be this function's when its own
    // name is unknown (a generated name never matches a literal).
    if (f.function_name.unknown() && g.log_group_name.value.starts_with("/aws/lambda/")) {
      return ImpliedLogGroup::kMaybeDeclared;
    }
  }
  return ImpliedLogGroup::kImplied;
}

std::string ImpliedLogGroupName(const model::Function& fn) {
  if (fn.function_name.known()) return "/aws/lambda/" + fn.function_name.value;
  return "/aws/lambda/<generated name of " + fn.id + ">";
}

bool AlarmHasActions(const model::Alarm& alarm) {
  if (alarm.actions_enabled.Always([](bool on) { return !on; })) return false;
  return !alarm.alarm_actions.empty();
}

bool HasAlarmWithActions(const model::Model& model, std::string_view function_id,
                         std::initializer_list<std::string_view> metrics) {
  for (const auto& alarm : model.alarms) {
    if (!AlarmHasActions(alarm)) continue;
    if (alarm.namespace_.known() && !util::EqualsIgnoreCase(alarm.namespace_.value, "AWS/Lambda")) {
      continue;
    }
    if (alarm.metric_name.known()) {
      bool wanted = std::any_of(metrics.begin(), metrics.end(),
                                [&](std::string_view m) { return alarm.metric_name.value == m; });
      if (!wanted) continue;
    }
    const auto& ids = alarm.function_ids;
    if (ids.empty() || std::find(ids.begin(), ids.end(), function_id) != ids.end()) return true;
  }
  return false;
}

std::string ApiLabel(const model::Api& api) {
  const char* kind = api.kind == model::ApiKind::kRest   ? "REST API "
                     : api.kind == model::ApiKind::kHttp ? "HTTP API "
                                                         : "WebSocket API ";
  return (api.from_events ? std::string("the implicit ") : std::string()) + kind + api.id;
}

std::string ImplicitApiSettings(const model::Api& api) {
  if (!api.from_events) return "";
  bool http = api.kind == model::ApiKind::kHttp;
  return std::string(http ? "Globals.HttpApi" : "Globals.Api") +
         ", which SAM applies to the implicit API " + api.id + " (or declare an " +
         (http ? "AWS::Serverless::HttpApi and give the events its ApiId"
               : "AWS::Serverless::Api and give the events its RestApiId") +
         ")";
}

std::string StageName(const model::Stage& stage) {
  if (stage.stage_name.known() && !stage.stage_name.value.empty()) return stage.stage_name.value;
  return stage.id;
}

}  // namespace fnwarden::analysis
