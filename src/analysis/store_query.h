// Small queries over the model's data stores, log groups and alarms that
// several rules share (encryption, logging and incident-response rules).
//
// Every query follows the model's rule for unknown values: when fnwarden
// cannot know the answer, the query says so (or answers the way that keeps
// rules quiet), never the way that makes them fire. All functions are pure
// and thread-safe.
#ifndef FNWARDEN_ANALYSIS_STORE_QUERY_H_
#define FNWARDEN_ANALYSIS_STORE_QUERY_H_

#include <string>
#include <string_view>
#include <vector>

#include "analysis/facts.h"
#include "model/model.h"
#include "util/source.h"

namespace fnwarden::analysis {

// Where a finding about `v` should point: the value itself when the template
// writes it, no position otherwise (absent or a service default), so that the
// finding falls back on its resource.
template <class T>
util::Loc WrittenAt(const model::Value<T>& v) {
  if (v.absent() || v.has(model::kDefaulted)) return {};
  return v.loc;
}

// True when the value is absent, or when every value it may take fails
// `is_set` (a known value, or every alternative of an undecided condition).
// False when it is unknown otherwise: a rule stays quiet on what it cannot
// know. A service default (kDefaulted) counts as written.
template <class T, class Pred>
bool AbsentOrNever(const model::Value<T>& v, Pred is_set) {
  if (v.absent()) return true;
  return v.Always([&](const T& x) { return !is_set(x); });
}

// The same for booleans: absent, or always false.
inline bool NotTrue(const model::Bool& b) {
  return AbsentOrNever(b, [](bool x) { return x; });
}

// Outcome of a question about policy documents.
enum class Answer : uint8_t { kNo, kYes, kUnknown };

// Whether `policies` (a bucket's or a queue's) deny requests that do not use
// TLS: a Deny statement conditioned on aws:SecureTransport (or on
// s3:TlsVersion). kUnknown when no such statement is found but a document or
// a statement could not be resolved.
Answer DeniesInsecureTransport(const std::vector<model::PolicyDocument>& policies);

// How messages name what a StorePolicy applies to, as written: "bucket
// shared-logs", "queue https://sqs.../inbox", "bucket ${BucketName}",
// "queues A and B"; followed by "(perhaps ArchiveBucket or LogsBucket)" when
// it may be a store of the model.
std::string StorePolicyTarget(const model::StorePolicy& policy);

// True when a StorePolicy of `model` may apply to the store `store_id` of the
// model: their names could not be compared.
bool MayHaveStorePolicy(const model::Model& model, std::string_view store_id);

// A log group of this model together with the functions that write to it.
struct FunctionLogGroup {
  const model::LogGroup* group = nullptr;
  std::vector<const model::Function*> functions;  // in model order
};

// The log groups of the model's deployed functions (explicit LogGroup
// resources matched through LoggingConfig or the /aws/lambda/<name> name),
// each once, in model order.
std::vector<FunctionLogGroup> FunctionLogGroups(const Facts& facts);

// Why a deployed function has no log group in the model.
enum class ImpliedLogGroup : uint8_t {
  kDeclared,       // the model has its log group: see FunctionFacts::log_group
  kExternal,       // LoggingConfig names a log group outside the model (or an unknown one)
  kMaybeDeclared,  // a log group of the model with a name fnwarden cannot read may be it
                   // (one without a name never is: CloudFormation generates that name)
  kImplied,        // none: Lambda creates /aws/lambda/<name> on first invocation
};
ImpliedLogGroup ClassifyLogGroup(const Facts& facts, const FunctionFacts& fn);

// The name Lambda gives the function's default log group, for messages:
// "/aws/lambda/orders" when the function name is known, else
// "/aws/lambda/<generated name of OrdersFunction>".
std::string ImpliedLogGroupName(const model::Function& fn);

// True when the model has a CloudWatch alarm with at least one action
// (AlarmActions not empty, ActionsEnabled not false) on one of `metrics`
// (e.g. {"Errors", "Throttles"}) of namespace AWS/Lambda that covers
// `function_id`: its dimensions name the function, or it has no function
// dimension (an account-wide Lambda alarm). Alarms whose metric or
// namespace fnwarden cannot read count as covering (quiet on unknown).
bool HasAlarmWithActions(const model::Model& model, std::string_view function_id,
                         std::initializer_list<std::string_view> metrics);

// True when the alarm can notify someone or trigger something: at least one
// AlarmActions entry (known or not) and ActionsEnabled not false.
bool AlarmHasActions(const model::Alarm& alarm);

// How messages name an API: "REST API OrdersApi", "HTTP API ChatApi",
// "WebSocket API ...", or "the implicit REST API ServerlessRestApi" for the
// one SAM creates from function events.
std::string ApiLabel(const model::Api& api);

// Where a fix for SAM's implicit API, which the template does not declare,
// is written: "Globals.Api, which SAM applies to the implicit API
// ServerlessRestApi (or declare an AWS::Serverless::Api and give the events
// its RestApiId)", and the same with Globals.HttpApi. "" for any other API.
std::string ImplicitApiSettings(const model::Api& api);

// A display name for an API stage: its StageName when known, else its id.
std::string StageName(const model::Stage& stage);

}  // namespace fnwarden::analysis

#endif  // FNWARDEN_ANALYSIS_STORE_QUERY_H_
