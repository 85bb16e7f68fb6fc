// The condition keys that a request from outside the application does not
// carry, for the callers the analyses imagine when they ask who gets in:
//
//  - kOutsider: an IAM identity of an account the template does not name,
//    signing with its own credentials and calling directly (through no AWS
//    service, on behalf of no source resource), from outside every VPC, VPC
//    endpoint and organization of the application (iam/public_access.h,
//    direct invocation through a Lambda permission);
//  - kAnonymous: the same without any AWS credentials, a request from the
//    internet to an API route or a function URL (reachability.h): no key
//    that describes a principal or its session either.
//
// Keys not listed are present in such a request, with values the analysis
// sets or leaves unknown (aws:SourceIp, aws:CurrentTime, aws:userid, which
// is "anonymous" for an anonymous caller). Pure functions; thread-safe.
#ifndef FNWARDEN_ANALYSIS_IAM_CALLER_KEYS_H_
#define FNWARDEN_ANALYSIS_IAM_CALLER_KEYS_H_

#include <cstdint>
#include <string_view>

namespace fnwarden::analysis::iam {

enum class Caller : uint8_t { kOutsider, kAnonymous };

// Whether every request of `caller` lacks the condition key `lower_key`
// (lower-cased, as iam::Context stores keys): "aws:sourcevpce" for both,
// "aws:principaltag/team" for an anonymous caller only.
bool AbsentFor(Caller caller, std::string_view lower_key);

}  // namespace fnwarden::analysis::iam

#endif  // FNWARDEN_ANALYSIS_IAM_CALLER_KEYS_H_
