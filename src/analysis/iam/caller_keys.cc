#include "analysis/iam/caller_keys.h"

#include <array>

namespace fnwarden::analysis::iam {
namespace {

struct AbsentKey {
  std::string_view key;  // lower case; a trailing '/' makes it a prefix
  bool outsider;         // absent for Caller::kOutsider
  bool anonymous;        // absent for Caller::kAnonymous
};

constexpr std::array<AbsentKey, 24> kAbsentKeys = {{
    // Networks: the caller is outside every VPC and VPC endpoint.
    {"aws:sourcevpc", true, true},
    {"aws:sourcevpce", true, true},
    {"aws:sourcevpcarn", true, true},
    {"aws:vpcsourceip", true, true},
    // Sources: it calls on behalf of no resource, account or organization.
    {"aws:sourcearn", true, true},
    {"aws:sourceaccount", true, true},
    {"aws:sourceowner", true, true},
    {"aws:sourceorgid", true, true},
    {"aws:sourceorgpaths", true, true},
    // Organizations: its account belongs to none of the application's.
    {"aws:principalorgid", true, true},
    {"aws:principalorgpaths", true, true},
    // It calls directly, through no AWS service.
    {"aws:calledvia", true, true},
    {"aws:calledviafirst", true, true},
    {"aws:calledvialast", true, true},
    // An outsider's user ID is none the application knows; an anonymous
    // caller's is "anonymous" (set by reachability).
    {"aws:userid", true, false},
    // Only an anonymous caller has no principal and no session.
    {"aws:principalarn", false, true},
    {"aws:principalaccount", false, true},
    {"aws:principaltag/", false, true},
    {"aws:username", false, true},
    {"aws:federatedprovider", false, true},
    {"aws:tokenissuetime", false, true},
    {"aws:multifactorauthpresent", false, true},
    {"aws:multifactorauthage", false, true},
    {"aws:sourceidentity", false, true},
}};

}  // namespace

bool AbsentFor(Caller caller, std::string_view lower_key) {
  for (const AbsentKey& k : kAbsentKeys) {
    if (!(caller == Caller::kOutsider ? k.outsider : k.anonymous)) continue;
    if (k.key.back() == '/' ? lower_key.starts_with(k.key) : lower_key == k.key) return true;
  }
  return false;
}

}  // namespace fnwarden::analysis::iam
