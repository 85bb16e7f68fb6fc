#include "model/model.h"

#include <algorithm>

namespace fnwarden::model {
namespace {

template <class T>
const T* FindIn(const std::vector<T>& items, std::string_view id) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& r) { return r.id == id; });
  return it == items.end() ? nullptr : &*it;
}

}  // namespace

const Function* Model::FindFunction(std::string_view id) const { return FindIn(functions, id); }
const Role* Model::FindRole(std::string_view id) const { return FindIn(roles, id); }
const Queue* Model::FindQueue(std::string_view id) const { return FindIn(queues, id); }
const LogGroup* Model::FindLogGroup(std::string_view id) const { return FindIn(log_groups, id); }

const Resource* Model::FindResource(std::string_view id) const {
  const Resource* found = nullptr;
  auto look = [&](const auto& items) {
    if (!found) found = FindIn(items, id);
  };
  look(functions); look(roles); look(permissions); look(function_urls); look(apis);
  look(usage_plans); look(buckets); look(tables); look(queues); look(topics); look(secrets);
  look(ssm_parameters); look(keys); look(log_groups); look(state_machines); look(event_buses);
  look(user_pools); look(identity_pools); look(trails); look(web_acls); look(alarms);
  look(nested_stacks);
  return found;
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
    case TriggerKind::kStepFunctions: return "StepFunctions";
    case TriggerKind::kOther: return "Other";
  }
  return "Other";
}

}  // namespace fnwarden::model
