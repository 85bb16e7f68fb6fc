// Which parts of a function's event a caller controls, given what invokes
// the function. The code's flows (model::CodeFlow) name a path below the
// event; whether that path is attacker-controlled depends on the trigger:
// the body of an API request is, the bucket name of an S3 notification is
// not, and a function no trigger invokes has no such part at all.
//
// Per trigger kind, the controlled parts (and everything below them; a
// prefix, such as the whole event or "Records[]", contains them):
//  - API routes (REST v1 and HTTP v2 payloads), function URLs: body,
//    queryStringParameters, multiValueQueryStringParameters,
//    pathParameters, headers, multiValueHeaders, cookies, rawPath,
//    rawQueryString, path;
//  - S3: Records[].s3.object.key; SQS: Records[].body and
//    Records[].messageAttributes; SNS: Records[].Sns.Message, .Subject and
//    .MessageAttributes; EventBridge rules: detail; DynamoDB streams:
//    Records[].dynamodb.NewImage, .OldImage and .Keys; Kinesis:
//    Records[].kinesis.data; Cognito triggers: request.userAttributes,
//    request.clientMetadata, request.validationData, userName.
// Schedules, and triggers of other kinds, control nothing.
#ifndef FNWARDEN_ANALYSIS_EVENT_SOURCES_H_
#define FNWARDEN_ANALYSIS_EVENT_SOURCES_H_

#include <optional>
#include <string>
#include <string_view>

#include "analysis/facts.h"
#include "model/model.h"

namespace fnwarden::analysis {

// How exposed the caller who controls the data is.
enum class SourceExposure : uint8_t {
  kAnonymous,      // anyone on the internet: a route without authorization, a URL with AuthType
                   // NONE, an internet-facing load balancer that signs no one in
  kAuthenticated,  // a caller with a token the internet can get (Cognito, JWT, Lambda authorizer)
  kInternal,       // an AWS-signed caller or a service's event (IAM-authorised routes, S3, SQS...)
};

struct EventSource {
  // What invokes the function with it: "POST /preview", "its function URL",
  // "the S3 bucket Uploads", "the queue Jobs".
  std::string trigger;
  // The part of the event, for messages: "the request body's `url`", "the
  // S3 object key", "the whole event".
  std::string part;
  SourceExposure exposure = SourceExposure::kInternal;
};

// The most exposed trigger of `fn` whose callers control `path` of its
// event (model::CodeFlow::source); nullopt when none does.
std::optional<EventSource> ControlledSource(const Facts& facts, const model::Function& fn,
                                            std::string_view path);

// Whether `fn` is invoked by an HTTP request (an API route or a function
// URL): an HTML response reaches a browser.
bool ServesHttp(const Facts& facts, const model::Function& fn);

}  // namespace fnwarden::analysis

#endif  // FNWARDEN_ANALYSIS_EVENT_SOURCES_H_
