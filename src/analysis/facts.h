// Facts computed once per model and shared by the rules: which policy
// statements apply to each function, what invokes and exposes it, and the
// basic IAM matching the first rules need. (The full IAM evaluation engine
// lives in analysis/iam.)
#ifndef FNWARDEN_ANALYSIS_FACTS_H_
#define FNWARDEN_ANALYSIS_FACTS_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.h"
#include "util/thread_pool.h"

namespace fnwarden::analysis {

namespace iam {
class ModelPermissions;
class Resolver;
struct TrustAnalysis;
}

// A statement together with the policy it came from.
struct AppliedStatement {
  const model::PolicyDocument* policy;
  const model::Statement* statement;
};

// Where a function can be reached from the internet without AWS credentials
// or with them: API routes, function URLs.
struct Exposure {
  const model::Api* api = nullptr;       // set for routes
  const model::Route* route = nullptr;
  const model::FunctionUrl* url = nullptr;
};

struct FunctionFacts {
  const model::Function* function = nullptr;
  const model::Role* role = nullptr;                 // its role in this model, if any
  std::vector<AppliedStatement> statements;          // every identity-policy statement of the role
  std::vector<const model::Trigger*> triggers;
  std::vector<Exposure> exposures;
  std::vector<const model::Permission*> permissions;  // its resource-based policy
  const model::LogGroup* log_group = nullptr;        // explicit or /aws/lambda/<name> match
  // A caller without AWS credentials can make it run through one of its
  // exposures, as the reachability analysis says (Reachability::Invocable):
  // an API route the internet reaches that takes no AWS signature, a
  // function URL with AuthType NONE. Unknown is not internet-facing.
  bool internet_facing = false;
};

// Immutable after construction (Permissions(), IamResolver() and Trust() are
// computed once, on first use); safe to share across rule threads.
class Facts {
 public:
  // `jobs`: the threads Permissions() may use to build the model's roles
  // (0: every hardware thread); the engine gives a large model its jobs.
  explicit Facts(const model::Model& model, unsigned jobs = 1);
  ~Facts();
  Facts(const Facts&) = delete;
  Facts& operator=(const Facts&) = delete;

  const model::Model& model() const { return model_; }
  unsigned jobs() const { return jobs_; }
  const std::vector<FunctionFacts>& functions() const { return functions_; }
  const FunctionFacts* ForFunction(std::string_view id) const;
  // Every function's effective permissions, compiled once per model for all
  // the rules that ask (see iam/effective.h).
  const iam::ModelPermissions& Permissions() const;
  // The model's deployment-dependent values resolved (see iam/effective.h),
  // built once for the IAM rules and Permissions(): building it means naming
  // and writing the ARN of every resource of the model.
  const iam::Resolver& IamResolver() const;
  // The analysis of `role`'s trust policy (iam::AnalyzeTrust, FNW-ISO-004's
  // concerns when functions assume it), for a role of this model: built
  // once for every role, for the four rules that read it.
  const iam::TrustAnalysis& Trust(const model::Role& role) const;

 private:
  const model::Model& model_;
  unsigned jobs_;
  std::vector<FunctionFacts> functions_;
  std::map<std::string, size_t, std::less<>> by_id_;
  mutable util::Once permissions_once_;
  mutable std::unique_ptr<iam::ModelPermissions> permissions_;
  mutable util::Once resolver_once_;
  mutable std::unique_ptr<iam::Resolver> resolver_;
  mutable util::Once trust_once_;
  mutable std::unique_ptr<iam::TrustAnalysis[]> trust_;  // one per model_.roles
};

// True when a principal is everyone: "*", {"AWS": "*"}.
bool IsPublicPrincipal(const model::Principal& p);
// True when the statement has a condition on any of `keys` (case-insensitive).
bool HasConditionKey(const model::Statement& s, std::initializer_list<std::string_view> keys);

}  // namespace fnwarden::analysis

#endif  // FNWARDEN_ANALYSIS_FACTS_H_
