// Which statements of a resource-based policy (a bucket, queue, topic or
// event bus policy) let anyone in, as the IAM engine evaluates the whole
// policy: its Deny statements, NotPrincipal and conditions count.
//
// The caller is an IAM identity of an account the template does not name,
// whose own policies allow everything (they are its to write), calling over
// TLS from outside every VPC and organization of the application: the keys
// that name a source resource, account, organization, VPC or VPC endpoint
// (iam::AbsentFor(Caller::kOutsider), caller_keys.h) are absent from its
// request, and every other key a condition of the
// policy tests (aws:SourceIp among them) is present with a value the scan
// cannot know. So an allow list of accounts, organizations, sources or VPC
// endpoints keeps it out, a Deny for every request outside one applies, and
// a condition on a value the caller chooses is no finding (unknown is never
// a violation). A resource entry of the statement that the scan could not
// resolve (a computed bucket name) is taken for the policy's own store: a
// resource policy can name no other.
//
// Pure functions; thread-safe.
#ifndef FNWARDEN_ANALYSIS_IAM_PUBLIC_ACCESS_H_
#define FNWARDEN_ANALYSIS_IAM_PUBLIC_ACCESS_H_

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/iam/effective.h"
#include "model/model.h"

namespace fnwarden::analysis::iam {

// A concrete request for a statement: its first action (a pattern becomes
// the first catalog action it covers) on its first resource other than "*"
// (wildcards filled in), or on `fallback` when it names none. False when
// the statement names no action the catalog knows, or no resource and
// `fallback` is empty.
bool StatementRequest(const model::Statement& s, std::string_view fallback, std::string* action,
                      std::string* resource);

// The request context of the caller described above for a request on
// `doc`: over TLS, without the keys of Caller::kOutsider nor `also_absent`
// (lower case), and with every other key that a condition of `doc` tests
// present with a value the scan cannot know. Closed.
Context OutsiderContext(const model::PolicyDocument& doc,
                        std::initializer_list<std::string_view> also_absent = {});

// The statements of `doc` (pointers into it) through which the caller
// described above is allowed its request (StatementRequest, with `owner_arn`
// as fallback), in order. `doc` is resolved with `resolver` first.
std::vector<const model::Statement*> PublicStatements(const model::PolicyDocument& doc,
                                                      const Resolver& resolver,
                                                      std::string_view owner_arn);

}  // namespace fnwarden::analysis::iam

#endif  // FNWARDEN_ANALYSIS_IAM_PUBLIC_ACCESS_H_
