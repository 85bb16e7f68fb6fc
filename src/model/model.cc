#include "model/model.h"

#include <algorithm>
#include <iterator>
#include <set>
#include <string>
#include <type_traits>

namespace fnwarden::model {

void IdTable::Build(const Model& model) {
  first_.clear();
  others_.clear();
  sizes_.clear();
  size_t total = 0;
  ForEachResourceList(model, [&](const auto& items) { total += items.size(); });
  first_.reserve(total);
  uint32_t list = 0;
  ForEachResourceList(model, [&](const auto& items) {
    for (uint32_t pos = 0; pos < items.size(); ++pos) {
      auto [it, fresh] = first_.try_emplace(items[pos].id, Place{list, pos});
      if (!fresh && it->second.list != list) others_.try_emplace(Key{list, items[pos].id}, pos);
    }
    sizes_.push_back(items.size());
    ++list;
  });
}

const Function* Model::FindFunction(std::string_view id) const {
  return FindIn(*this, functions, id);
}
const Role* Model::FindRole(std::string_view id) const { return FindIn(*this, roles, id); }
const Group* Model::FindGroup(std::string_view id) const { return FindIn(*this, groups, id); }
const Queue* Model::FindQueue(std::string_view id) const { return FindIn(*this, queues, id); }
const LogGroup* Model::FindLogGroup(std::string_view id) const {
  return FindIn(*this, log_groups, id);
}

const Resource* Model::FindResource(std::string_view id) const {
  const IdTable::Place* first = ids.FindFirst(id);
  const Resource* found = nullptr;
  uint32_t list = 0;
  ForEachResourceList(*this, [&](const auto& items) {
    if (found != nullptr) return;
    // Where the scan of this list starts: past what the table covers when
    // the table rules the ID out there, else from the start (the table is
    // stale: the list shrank, or the entry it names moved).
    size_t from = 0;
    if (ids.Covered(list) <= items.size()) {
      if (first == nullptr || first->list > list) {
        from = ids.Covered(list);
      } else if (first->list == list && first->pos < items.size() && items[first->pos].id == id) {
        found = &items[first->pos];
      }
    }
    for (size_t i = from; found == nullptr && i < items.size(); ++i) {
      if (items[i].id == id) found = &items[i];
    }
    ++list;
  });
  return found;
}

std::vector<std::string> SharedIds(const Model& a, const Model& b) {
  std::set<std::string, std::less<>> ids;
  ForEachResource(a, [&](const Resource& r) { ids.insert(r.id); });
  std::set<std::string> shared;
  ForEachResource(b, [&](const Resource& r) {
    if (ids.contains(r.id)) shared.insert(r.id);
  });
  return {shared.begin(), shared.end()};
}

void AppendModel(Model* into, Model&& from) {
  ForEachResourceList(*into, [&](auto& list) {
    using List = std::decay_t<decltype(list)>;
    ForEachResourceList(from, [&](auto& other) {
      if constexpr (std::is_same_v<List, std::decay_t<decltype(other)>>) {
        list.insert(list.end(), std::make_move_iterator(other.begin()),
                    std::make_move_iterator(other.end()));
        other.clear();
      }
    });
  });
  auto move_all = [](auto& to, auto& source) {
    to.insert(to.end(), std::make_move_iterator(source.begin()),
              std::make_move_iterator(source.end()));
    source.clear();
  };
  move_all(into->triggers, from.triggers);
  move_all(into->inputs, from.inputs);
  move_all(into->outputs, from.outputs);
}

bool RemoveUndeployed(Model* model) {
  std::set<std::string, std::less<>> gone;
  ForEachResourceList(*model, [&](auto& list) {
    std::erase_if(list, [&](const Resource& r) {
      if (r.condition_known_false) gone.insert(r.id);
      return r.condition_known_false;
    });
  });
  if (gone.empty()) return false;
  auto is_gone = [&](const std::string& id) { return !id.empty() && gone.count(id) > 0; };
  // What a removed function or role leaves behind.
  std::erase_if(model->triggers, [&](const Trigger& t) { return is_gone(t.function_id); });
  std::erase_if(model->permissions, [&](const Permission& p) { return is_gone(p.function_id); });
  std::erase_if(model->function_urls, [&](const FunctionUrl& u) { return is_gone(u.function_id); });
  for (Api& api : model->apis) {
    std::erase_if(api.routes, [&](const Route& r) { return is_gone(r.function_id); });
  }
  for (Role& role : model->roles) {
    std::erase_if(role.functions, is_gone);
    std::erase_if(role.used_by, [&](const RoleUse& u) { return is_gone(u.resource_id); });
  }
  for (User& user : model->users) std::erase_if(user.groups, is_gone);
  for (Alarm& alarm : model->alarms) std::erase_if(alarm.function_ids, is_gone);
  for (Function& fn : model->functions) {
    if (is_gone(fn.role_id)) fn.role_id.clear();
  }
  for (StateMachine& sm : model->state_machines) {
    if (is_gone(sm.role_id)) sm.role_id.clear();
  }
  return true;
}

const char* RoleUseKindName(RoleUseKind kind) {
  switch (kind) {
    case RoleUseKind::kFunction:
      return "function";
    case RoleUseKind::kStateMachine:
      return "state machine";
    case RoleUseKind::kBuildProject:
      return "build project";
    case RoleUseKind::kEventTarget:
      return "event rule";
    case RoleUseKind::kSchedule:
      return "schedule";
    case RoleUseKind::kPipe:
      return "pipe";
    case RoleUseKind::kApiLogging:
      return "API Gateway logging";
    case RoleUseKind::kApiIntegration:
      return "API integration";
    case RoleUseKind::kContainerTask:
      return "ECS task";
    case RoleUseKind::kContainerExecution:
      return "ECS task execution";
    case RoleUseKind::kInstanceProfile:
      return "instance profile";
    case RoleUseKind::kIdentityPoolAuthenticated:
      return "identity pool (signed-in users)";
    case RoleUseKind::kIdentityPoolUnauthenticated:
      return "identity pool (guests)";
    case RoleUseKind::kGraphQlDataSource:
      return "AppSync data source";
    case RoleUseKind::kUserPoolSms:
      return "user pool SMS";
  }
  return "other";
}

const char* OriginName(Origin o) {
  switch (o) {
    case Origin::kWritten: return "written";
    case Origin::kSam: return "SAM";
    case Origin::kServerless: return "the Serverless Framework";
    case Origin::kCdk: return "CDK";
    case Origin::kTerraformModule: return "a Terraform module";
  }
  return "written";
}

const char* TriggerKindName(TriggerKind kind) {
  switch (kind) {
    case TriggerKind::kApi: return "Api";
    case TriggerKind::kHttpApi: return "HttpApi";
    case TriggerKind::kWebSocket: return "WebSocket";
    case TriggerKind::kS3: return "S3";
    case TriggerKind::kSqs: return "SQS";
    case TriggerKind::kSns: return "SNS";
    case TriggerKind::kSchedule: return "Schedule";
    case TriggerKind::kEventBridge: return "EventBridgeRule";
    case TriggerKind::kDynamoDb: return "DynamoDB";
    case TriggerKind::kKinesis: return "Kinesis";
    case TriggerKind::kMsk: return "MSK";
    case TriggerKind::kMq: return "MQ";
    case TriggerKind::kDocumentDb: return "DocumentDB";
    case TriggerKind::kSelfManagedKafka: return "SelfManagedKafka";
    case TriggerKind::kCognito: return "Cognito";
    case TriggerKind::kIot: return "IoTRule";
    case TriggerKind::kAlexa: return "AlexaSkill";
    case TriggerKind::kCloudWatchLogs: return "CloudWatchLogs";
    case TriggerKind::kFunctionUrl: return "FunctionUrl";
    case TriggerKind::kLoadBalancer: return "LoadBalancer";
    case TriggerKind::kStepFunctions: return "StepFunctions";
    case TriggerKind::kOther: return "Other";
  }
  return "Other";
}

bool HandlerCode::Complete(std::string_view service) const {
  return analysed && !partial &&
         !std::binary_search(partial_services.begin(), partial_services.end(), service);
}

}  // namespace fnwarden::model
