#include "analysis/iam/evaluate.h"

#include <algorithm>

#include "util/strings.h"

namespace fnwarden::analysis::iam {
namespace {

// The request, prepared once per evaluation.
struct Prepared {
  const Request* request = nullptr;
  std::string_view action;  // lower-cased
  ArnParts resource;
  std::string_view principal_account;
  std::string_view resource_account;
  bool has_boundary = false;  // a permissions boundary is attached (resolved or not)
};

// Condition keys and policy variables: the context first, then what the
// request itself says.
class RequestKeys : public KeySource {
 public:
  explicit RequestKeys(const Prepared& p) : p_(p) {}

  KeyValues Get(std::string_view key) const override {
    const Context* ctx = p_.request->context;
    if (ctx != nullptr) {
      if (const ContextEntry* e = ctx->Find(key)) {
        KeyValues v;
        v.multi = e->multi;
        if (!e->known) {
          v.state = KeyState::kValueUnknown;
          return v;
        }
        v.state = KeyState::kPresent;
        v.list = &e->values;
        return v;
      }
    }
    std::string_view builtin;
    const RequestPrincipal& who = p_.request->principal;
    if (key == "aws:principalarn") {
      builtin = who.arn;
    } else if (key == "aws:principalaccount") {
      builtin = p_.principal_account;
    } else if (key == "aws:resourceaccount") {
      builtin = p_.resource_account;
    } else if (key == "aws:principalservicename") {
      builtin = who.service;
    }
    KeyValues v;
    if (!builtin.empty()) {
      v.state = KeyState::kPresent;
      v.one = builtin;
      return v;
    }
    v.state = ctx != nullptr && ctx->closed() ? KeyState::kAbsent : KeyState::kUnknown;
    return v;
  }

 private:
  const Prepared& p_;
};

// An unknown entry with alternatives matches when all of them do.
template <class F>
Tri MatchUnknown(const CompiledEntry& e, const F& match) {
  if (e.alternatives.empty()) return Tri::kUnknown;
  bool any_true = false, any_false = false;
  for (const CompiledEntry& alt : e.alternatives) {
    Tri t = match(alt);
    any_true = any_true || t == Tri::kTrue;
    any_false = any_false || t == Tri::kFalse;
    if (t == Tri::kUnknown || (any_true && any_false)) return Tri::kUnknown;
  }
  return ToTri(any_true);
}

Tri MatchAction(const CompiledEntry& e, std::string_view action) {
  switch (e.state) {
    case CompiledEntry::kLiteral:
      return ToTri(e.wildcard ? GlobMatch(e.text, action) : e.text == action);
    case CompiledEntry::kUnknown:
      return MatchUnknown(e, [&](const CompiledEntry& alt) { return MatchAction(alt, action); });
    case CompiledEntry::kVariable: return Tri::kUnknown;
  }
  return Tri::kUnknown;
}

// `missing` is the answer for a variable whose key is absent without a
// default: such an entry matches neither way (kFalse for Resource, kTrue for
// NotResource, so that NotResource does not then cover every resource).
Tri MatchResource(const CompiledEntry& e, const Prepared& p, const KeySource& keys, Tri missing) {
  std::string_view resource = p.request->resource;
  switch (e.state) {
    case CompiledEntry::kLiteral:
      if (!e.wildcard && !e.arn) return ToTri(e.text == resource);
      return ToTri(ArnMatch(e.text, EntryArnParts(e), resource, p.resource));
    case CompiledEntry::kVariable: {
      std::string pattern;
      Tri t = SubstituteArn(e.text, keys, true, &pattern);
      if (t == Tri::kFalse) {
        // Only when the text before the variable matches: otherwise the
        // entry plainly misses the resource.
        std::string_view text = e.text;
        std::string prefix = EscapePattern(text.substr(0, text.find("${"))) + "*";
        return ArnMatch(prefix, SplitArn(prefix), resource, p.resource) ? missing : Tri::kFalse;
      }
      if (t != Tri::kTrue) return t;
      return ToTri(ArnMatch(pattern, SplitArn(pattern), resource, p.resource));
    }
    case CompiledEntry::kUnknown:
      return MatchUnknown(e, [&](const CompiledEntry& alt) { return MatchResource(alt, p, keys, missing); });
  }
  return Tri::kUnknown;
}

// Whether a statement's action, resource and conditions apply (not its
// principal).
// `action_applies`: ActionApplies' answer when the request gives it.
Tri Applies(const CompiledStatement& s, const CompiledPolicy& policy, const Prepared& p,
            const KeySource& keys, const Tri* action_applies) {
  if (!s.known) return Tri::kUnknown;
  Tri m = action_applies != nullptr ? *action_applies : ActionApplies(s, p.action);
  if (m == Tri::kFalse) return m;

  if (s.has_resource) {
    Tri r = Tri::kFalse;
    for (const CompiledEntry& e : s.resources) {
      r = Or(r, MatchResource(e, p, keys, ToTri(s.not_resource)));
      if (r == Tri::kTrue) break;
    }
    m = And(m, s.not_resource ? Not(r) : r);
  } else if (policy.kind != PolicyKind::kResource && policy.kind != PolicyKind::kTrust) {
    return Tri::kFalse;  // an identity-shaped statement without Resource is invalid
  }
  if (m == Tri::kFalse) return m;

  for (const CompiledCondition& c : s.conditions) {
    m = And(m, EvaluateCondition(c, keys, policy.variables));
    if (m == Tri::kFalse) break;
  }
  return m;
}

// How a resource policy statement's principal covers the request's.
struct PrincipalMatch {
  Tri unbounded = Tri::kFalse;  // names the role session or the IAM user itself
  Tri bounded = Tri::kFalse;    // names the role, or the service
  Tri account = Tri::kFalse;    // names the principal's account: delegates to its IAM
  // For an IAM caller: names everyone, or is a NotPrincipal that leaves the
  // caller out. That names the calling session itself, so the permissions
  // boundary does not limit it; the session policy does.
  Tri everyone = Tri::kFalse;
  Tri Any() const { return Or(Or(unbounded, bounded), Or(account, everyone)); }
};

bool IsAccountId(std::string_view s) {
  return s.size() == 12 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "111122223333" or "arn:aws:iam::111122223333:root": the account; else "".
std::string_view AccountPrincipal(std::string_view id) {
  if (IsAccountId(id)) return id;
  ArnParts parts = SplitArn(id);
  if (parts.valid && parts.part[2] == "iam" && parts.part[5] == "root") return parts.part[4];
  return {};
}

// An IAM user's ARN, not a role's. Asked only of a resource policy that
// names the caller's ARN.
bool IsUserArn(std::string_view arn) {
  ArnParts parts = SplitArn(arn);
  return parts.valid && parts.part[5].substr(0, 5) == "user/";
}

PrincipalMatch MatchPrincipals(const CompiledStatement& s, const Prepared& p) {
  PrincipalMatch m;
  if (!s.known) {
    // A statement the scan could not read may name anyone: it may apply to
    // the caller, never certainly.
    m.unbounded = m.bounded = m.account = m.everyone = Tri::kUnknown;
    return m;
  }
  if (!s.has_principal) return m;
  const RequestPrincipal& who = p.request->principal;
  bool iam_identity = !who.external();
  for (const CompiledPrincipal& pr : s.principals) {
    if (!pr.known && pr.kind != CompiledPrincipal::kEveryone) {
      m.bounded = Or(m.bounded, Tri::kUnknown);
      m.account = Or(m.account, Tri::kUnknown);
      continue;
    }
    switch (pr.kind) {
      // "*" names every principal, the calling role session or IAM user
      // itself included: like a grant to the session ARN, the boundary and
      // the session policy do not limit it.
      case CompiledPrincipal::kEveryone:
        (iam_identity ? m.everyone : m.bounded) = Tri::kTrue;
        break;
      case CompiledPrincipal::kAws: {
        if (!iam_identity) break;
        std::string_view account = AccountPrincipal(pr.id);
        if (!account.empty()) {
          if (account == p.principal_account) m.account = Tri::kTrue;
        } else if (!who.session_arn.empty() && pr.id == who.session_arn) {
          m.unbounded = Tri::kTrue;
        } else if (!who.arn.empty() && pr.id == who.arn) {
          if (IsUserArn(who.arn)) {
            m.unbounded = Tri::kTrue;
          } else {
            m.bounded = Tri::kTrue;
          }
        }
        break;
      }
      case CompiledPrincipal::kService:
        if (!who.service.empty() && util::EqualsIgnoreCase(pr.id, who.service)) {
          m.bounded = Tri::kTrue;
        }
        break;
      case CompiledPrincipal::kFederated:
        if (!who.federated.empty() && util::EqualsIgnoreCase(pr.id, who.federated)) {
          m.bounded = Tri::kTrue;
        }
        break;
      default: break;
    }
  }
  if (s.not_principal) {
    // A NotPrincipal that leaves the caller out names it directly, as "*" does.
    PrincipalMatch out;
    (iam_identity ? out.everyone : out.bounded) = Not(m.Any());
    return out;
  }
  return m;
}

struct Outcome {
  Tri deny = Tri::kFalse;
  Tri allow = Tri::kFalse;
  PrincipalMatch via;  // resource policies: how the allowing statements name the principal
};

struct Lists {
  std::vector<StatementRef> allow, deny, unknown;
};

// `action_applies`: null, or ActionApplies for each statement of `policy`.
void EvaluatePolicy(const CompiledPolicy& policy, const Prepared& p, const KeySource& keys,
                    Outcome* out, Lists* lists, const Tri* action_applies = nullptr) {
  const bool resource_side =
      policy.kind == PolicyKind::kResource || policy.kind == PolicyKind::kTrust;
  if (!policy.known) {
    out->deny = Or(out->deny, Tri::kUnknown);
    out->allow = Or(out->allow, Tri::kUnknown);
    out->via.bounded = Or(out->via.bounded, Tri::kUnknown);
    return;
  }
  for (uint32_t i = 0; i < policy.statements.size(); ++i) {
    const CompiledStatement& s = policy.statements[i];
    Tri m = Applies(s, policy, p, keys, action_applies ? action_applies + i : nullptr);
    if (m == Tri::kFalse) continue;
    PrincipalMatch via{Tri::kFalse, m, Tri::kFalse};
    if (resource_side) {
      PrincipalMatch pm = MatchPrincipals(s, p);
      // AWS: "The NotPrincipal element with a Deny effect will always deny any
      // IAM principal that has a permissions boundary policy attached,
      // regardless of the values specified in the NotPrincipal element."
      if (s.effect == CompiledStatement::kDeny && s.not_principal && p.has_boundary &&
          !p.request->principal.external()) {
        pm = PrincipalMatch{};
        pm.unbounded = Tri::kTrue;
      }
      via = PrincipalMatch{And(m, pm.unbounded), And(m, pm.bounded), And(m, pm.account),
                           And(m, pm.everyone)};
      m = via.Any();
      if (m == Tri::kFalse) continue;
    }
    StatementRef ref{&policy, i};
    if (s.effect == CompiledStatement::kDeny) {
      out->deny = Or(out->deny, m);
      (m == Tri::kTrue ? lists->deny : lists->unknown).push_back(ref);
    } else if (s.effect == CompiledStatement::kAllow) {
      out->allow = Or(out->allow, m);
      out->via.unbounded = Or(out->via.unbounded, via.unbounded);
      out->via.bounded = Or(out->via.bounded, via.bounded);
      out->via.account = Or(out->via.account, via.account);
      out->via.everyone = Or(out->via.everyone, via.everyone);
      (m == Tri::kTrue ? lists->allow : lists->unknown).push_back(ref);
    } else {  // either effect: it may deny, and it may allow
      out->deny = Or(out->deny, Tri::kUnknown);
      out->allow = Or(out->allow, Tri::kUnknown);
      out->via.bounded = Or(out->via.bounded, Tri::kUnknown);
      lists->unknown.push_back(ref);
    }
  }
}

std::string_view AccountOf(std::string_view given, std::string_view arn) {
  if (!given.empty()) return given;
  ArnParts parts = SplitArn(arn);
  return parts.valid ? parts.part[4] : std::string_view();
}

}  // namespace

Tri ActionApplies(const CompiledStatement& s, std::string_view lowered_action) {
  if (!s.known) return Tri::kUnknown;
  Tri m = Tri::kFalse;
  for (const CompiledEntry& e : s.actions) {
    m = Or(m, MatchAction(e, lowered_action));
    if (m == Tri::kTrue) break;
  }
  return s.not_action ? Not(m) : m;
}

const char* DecisionName(Decision d) {
  switch (d) {
    case Decision::kAllowed: return "allowed";
    case Decision::kExplicitlyDenied: return "explicitly denied";
    case Decision::kImplicitlyDenied: return "implicitly denied";
    case Decision::kConditional: return "conditional";
  }
  return "?";
}

Result Evaluate(const Request& request, const PolicySet& policies) {
  Prepared p;
  p.request = &request;
  char lowered[256];
  if (request.action.size() <= sizeof lowered) {
    for (size_t i = 0; i < request.action.size(); ++i) lowered[i] = util::AsciiLower(request.action[i]);
    p.action = std::string_view(lowered, request.action.size());
  }  // a longer action matches no catalog action; leave it empty
  p.resource = SplitArn(request.resource);
  p.principal_account = AccountOf(request.principal.account, request.principal.arn);
  p.resource_account = AccountOf(request.resource_account, request.resource);
  p.has_boundary = policies.boundary != nullptr || policies.boundary_unknown;
  RequestKeys keys(p);

  // The request's ActionApplies answers, advanced past each policy.
  const Tri* applies = nullptr;
  if (!request.action_applies.empty()) {
    size_t count = 0;
    for (const CompiledPolicy* policy : policies.identity) count += policy->statements.size();
    if (policies.boundary != nullptr) count += policies.boundary->statements.size();
    if (policies.session != nullptr) count += policies.session->statements.size();
    if (count == request.action_applies.size()) applies = request.action_applies.data();
  }
  auto next = [&](const CompiledPolicy& policy) {
    const Tri* out = applies;
    if (applies != nullptr) applies += policy.statements.size();
    return out;
  };

  Lists lists;
  Outcome identity, resource, boundary, session;
  for (const CompiledPolicy* policy : policies.identity) {
    EvaluatePolicy(*policy, p, keys, &identity, &lists, next(*policy));
  }
  if (policies.resource != nullptr) EvaluatePolicy(*policies.resource, p, keys, &resource, &lists);
  Tri bound = Tri::kTrue;
  if (policies.boundary != nullptr) {
    EvaluatePolicy(*policies.boundary, p, keys, &boundary, &lists, next(*policies.boundary));
    bound = boundary.allow;
  } else if (policies.boundary_unknown) {
    bound = boundary.deny = Tri::kUnknown;
  }
  Tri session_bound = Tri::kTrue;
  if (policies.session != nullptr) {
    EvaluatePolicy(*policies.session, p, keys, &session, &lists, next(*policies.session));
    session_bound = session.allow;
    bound = And(bound, session.allow);
  }

  Result result;
  Tri deny = Or(Or(identity.deny, resource.deny), Or(boundary.deny, session.deny));
  if (deny == Tri::kTrue) {
    result.decision = Decision::kExplicitlyDenied;
    result.statements = std::move(lists.deny);
    return result;
  }

  const PrincipalMatch& res = resource.via;
  Tri id = And(identity.allow, bound);
  Tri allow;
  Tri direct = Or(res.unbounded, Or(And(res.bounded, bound), And(res.everyone, session_bound)));
  if (request.principal.external()) {
    allow = res.Any();
  } else if (!p.principal_account.empty() && !p.resource_account.empty() &&
             p.principal_account != p.resource_account) {
    allow = And(id, res.Any());
  } else if (policies.resource_mode == ResourcePolicyMode::kOrdinary) {
    allow = Or(id, direct);
  } else {
    allow = Or(direct, And(res.account, id));
  }

  if (allow == Tri::kFalse) {
    result.decision = Decision::kImplicitlyDenied;
  } else if (allow == Tri::kTrue && deny == Tri::kFalse) {
    result.decision = Decision::kAllowed;
    result.statements = std::move(lists.allow);
  } else {
    result.decision = Decision::kConditional;
    result.statements = std::move(lists.unknown);
  }
  return result;
}

}  // namespace fnwarden::analysis::iam
