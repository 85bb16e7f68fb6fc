// Who can reach the application's API routes and function URLs from the
// internet.
//
// The question asked of each route is the one an attacker asks: can an
// anonymous caller on the internet (no AWS credentials, outside every VPC,
// calling from an address no policy of the template names) invoke
// `execute-api:Invoke` on the route's ARN? The endpoint type and the API's
// resource policy decide it, and the policy is read by the IAM engine
// (iam/evaluate.h), never by the text of one statement:
//  - a PRIVATE endpoint is reachable only through VPC endpoints: no;
//  - REST APIs with a resource policy: the policy must allow the caller.
//    Allowed is yes; explicitly or implicitly denied is no (an allow list
//    of VPC endpoints, VPCs, accounts or address ranges, a deny for every
//    request outside a VPC endpoint); conditional (a condition on a value
//    the scan cannot know, such as a time window or an unresolved
//    parameter) is unknown;
//  - every other route (no policy, HTTP and WebSocket APIs) is reachable.
//
// A function's own resource-based policy, its Lambda permissions, is read
// by the engine too (PublicInvoke, PublicUrlInvoke; the action CloudFront
// may call on a signed function URL), never by the text of one permission.
//
// The caller's request context: the keys iam::AbsentFor(Caller::kAnonymous)
// names (iam/caller_keys.h: VPCs and VPC endpoints, sources, organizations,
// calling services and every key that describes a principal) are absent;
// aws:SecureTransport is true; aws:SourceIp is an address that no range of
// the policy singles out (an address a range of the policy covers only
// when it covers the whole internet), so that an allow list of ranges keeps
// the caller out and a block list lets it in. Other keys the policy tests
// are present with unknown values.
//
// A Reachability is built from the facts of one model and refers to them;
// it is immutable after construction and safe to share between threads.
#ifndef FNWARDEN_ANALYSIS_REACHABILITY_H_
#define FNWARDEN_ANALYSIS_REACHABILITY_H_

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "analysis/facts.h"
#include "model/model.h"

namespace fnwarden::analysis {

struct ApiReachPolicy;  // an API's resource policy, resolved and compiled (reachability.cc)

enum class Reach : uint8_t {
  kInternet,     // an anonymous caller on the internet gets through
  kNotInternet,  // the endpoint is private, or the resource policy keeps such a caller out
  kUnknown,      // it depends on something the scan cannot know
};

// Who a function's resource-based policy lets invoke it: the Lambda
// permissions of the model on the function, each read as the statement
// Lambda writes (an Allow of its Action to its Principal, with its SourceArn,
// SourceAccount, PrincipalOrgID and FunctionUrlAuthType as conditions) and
// the policy evaluated by the engine. kInternet lists the permissions that
// let the caller in; conditional answers are kUnknown; no permission at all
// is kNotInternet.
struct Invokers {
  Reach reach = Reach::kNotInternet;
  std::vector<const model::Permission*> through;
};

class Reachability {
 public:
  explicit Reachability(const Facts& facts);
  ~Reachability();
  Reachability(const Reachability&) = delete;
  Reachability& operator=(const Reachability&) = delete;

  // Whether the internet reaches `route` of `api` on some stage of the API.
  // The route's own authorization is not considered (see Invocable).
  Reach Route(const model::Api& api, const model::Route& route) const;
  // Whether the internet reaches some route of `api` on `stage` (some path,
  // when the model knows no route of the API).
  Reach Stage(const model::Api& api, const model::Stage& stage) const;
  // Whether a caller without AWS credentials can make a function run through
  // `exposure`: a route the internet reaches whose authorization is not
  // AWS_IAM (Cognito, JWT and Lambda authorizers take tokens that internet
  // users obtain), or a function URL whose AuthType is NONE, or one with
  // AWS_IAM that the function lets CloudFront invoke (a distribution with
  // origin access control signs every viewer's request).
  Reach Invocable(const Exposure& exposure) const;
  // Whether anyone may call the Invoke API on a function
  // (lambda:InvokeFunction), given `permissions`, all on that function: an
  // IAM identity of an account the template does not name (anyone can
  // create one), calling directly and not through a function URL, outside
  // the application's organizations, sources and networks
  // (iam::Caller::kOutsider). Other condition keys are present with values
  // the scan cannot know.
  Invokers PublicInvoke(std::span<const model::Permission* const> permissions) const;
  // Whether an anonymous caller on the internet, the caller described at the
  // top, may invoke the function of `url` through it
  // (lambda:InvokeFunctionUrl, with lambda:FunctionUrlAuthType the URL's
  // AuthType), given the function's permissions. The URL's AuthType itself
  // is not considered (see Invocable). kUnknown for a function outside the
  // model.
  Invokers PublicUrlInvoke(const model::FunctionUrl& url) const;

 private:
  const ApiReachPolicy* PolicyOf(const model::Api& api) const;
  Reach SignedUrl(const model::FunctionUrl& url) const;

  const Facts& facts_;
  std::vector<std::unique_ptr<ApiReachPolicy>> policies_;
};

}  // namespace fnwarden::analysis

#endif  // FNWARDEN_ANALYSIS_REACHABILITY_H_
