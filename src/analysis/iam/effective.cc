#include "analysis/iam/effective.h"

#include <algorithm>
#include <bit>
#include <mutex>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include "analysis/facts.h"
#include "analysis/iam/breadth.h"
#include "analysis/iam/match.h"
#include "analysis/iam/service_roles.h"
#include "analysis/iam/trust.h"
#include "util/strings.h"
#include "util/thread_pool.h"

namespace fnwarden::analysis::iam {

// What a statement's Action entries can match, by service. Most entries
// name their service before any wildcard ("s3:Get*", "logs:CreateLogGroup"):
// such an entry matches only actions of that service, and a role's few
// statements then rule out most of the catalog without matching a pattern.
// Entries "*" and "s3:*" match every action (of the service) outright.
// Services are lower-cased, with their colon: "s3:".
struct ActionServices {
  bool every_action = false;          // an entry is "*"
  std::vector<std::string> whole;     // services with an entry "s3:*"
  bool any = true;                    // some entry may match an action of any service
  std::vector<std::string> prefixes;  // otherwise: the services entries may match
  // Every entry is a plain pattern (no variable, unresolved value or
  // escape): whether the statement names a catalog action can be looked up
  // in the actions its entries match (StatementIds).
  bool by_id = false;
};

// The catalog actions a statement's entries match, sorted: one entry's are
// Catalog::ExpandIds' own (`single`), several entries' are merged. Gathered
// the first time a query needs them: most statements never are asked.
struct StatementIds {
  util::Once once;
  const std::vector<uint32_t>* single = nullptr;
  std::vector<uint32_t> merged;

  const std::vector<uint32_t>& Get(const CompiledStatement& st) {
    once.Call([&] {
      const Catalog& catalog = Catalog::Get();
      if (st.actions.size() == 1) {
        single = &catalog.ExpandIds(st.actions.front().text);
        return;
      }
      for (const CompiledEntry& e : st.actions) {
        const std::vector<uint32_t>& ids = catalog.ExpandIds(e.text);
        merged.insert(merged.end(), ids.begin(), ids.end());
      }
      std::sort(merged.begin(), merged.end());
      merged.erase(std::unique(merged.begin(), merged.end()), merged.end());
    });
    return single != nullptr ? *single : merged;
  }
};

// A principal's policies, resolved and compiled once, shared by every view
// of it (the functions that assume one role).
struct PrincipalData {
  const model::Role* role = nullptr;  // when the principal is a role
  // Every identity policy, readable or not, in order, and who holds each
  // ("role R", "IAM group G").
  std::vector<const model::PolicyDocument*> policies;
  std::vector<std::string> owners;
  // Copies of the policies with deployment-dependent values, resolved (see
  // Resolver::Resolve); the others compile as they are.
  std::vector<std::optional<model::PolicyDocument>> resolved;
  std::vector<CompiledPolicy> compiled;              // readable policies, resolved
  std::vector<const model::PolicyDocument*> origin;  // the model's document of each
  std::optional<model::PolicyDocument> boundary_resolved;
  CompiledPolicy boundary;
  PolicySet set;
  bool unreadable = false;
  std::string arn, session_arn;  // session_arn: roles only
  // The parts of the arbitrary resources CanOnAny asks about: the assumed
  // ones and any literal value the principal's resources use.
  std::vector<std::string> partitions, regions, accounts;
  util::Once once;
  std::vector<ActionGrant> on_any;
  // Every statement of `set` (identity, boundary, session), and CanOnAny's
  // answers by a key of how each covers the action and, unless no statement
  // depends on the resource, the action's resource types (see OnAnyKey).
  std::vector<const CompiledStatement*> statements;
  // Per statement: its answer cannot depend on the requested resource (it is
  // unresolved, has no Resource, or lists a literal "*").
  std::vector<bool> resource_free;
  // Per statement: how its Action entries cover each service (ServicesOf),
  // and the catalog actions they match.
  std::vector<ActionServices> services;
  std::unique_ptr<StatementIds[]> ids;
  std::mutex memo_mutex;
  // Entries are never erased: references to them stay valid.
  std::unordered_map<std::string, Result, util::StringViewHash, std::equal_to<>> on_any_memo;
  util::Once breadth_once;
  std::unique_ptr<Breadth> breadth;
  // Of `policies`: those AWS publishes for the services that alone can
  // assume the role (service_roles.h).
  std::vector<const model::PolicyDocument*> service_designed;
};

// What a principal's data is built from.
struct PrincipalSource {
  const model::Role* role = nullptr;
  std::vector<const model::PolicyDocument*> policies;
  std::vector<std::string> owners;                  // one per policy
  const model::PolicyDocument* boundary = nullptr;  // its document, when resolved
  bool boundary_unknown = false;                    // set, but not resolved
  std::string arn, session_arn;
};

namespace {

std::string NameOr(const model::String& name, std::string_view id) {
  return name.known() && !name.value.empty() ? name.value : std::string(id);
}

bool IsAccountId(std::string_view s) {
  return s.size() == 12 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

void AddOnce(std::vector<std::string>* v, std::string_view s) {
  if (std::find(v->begin(), v->end(), s) == v->end()) v->emplace_back(s);
}

// `s` in lower case, in `buffer` when it fits (catalog names always do).
std::string_view LowerInto(std::string_view s, char (&buffer)[256]) {
  if (s.size() > sizeof buffer) return s;
  for (size_t i = 0; i < s.size(); ++i) buffer[i] = util::AsciiLower(s[i]);
  return {buffer, s.size()};
}

// A resource type's ARN pattern with concrete parts: the partition, region
// and account given, and a name no policy of the template names. Into
// `*out`, a buffer callers reuse.
void ProbeArn(std::string_view pattern, std::string_view partition, std::string_view region,
              std::string_view account, std::string* out) {
  out->clear();
  size_t i = 0;
  while (i < pattern.size()) {
    size_t open = pattern.find("${", i);
    if (open == std::string_view::npos) break;
    size_t close = pattern.find('}', open);
    if (close == std::string_view::npos) break;
    out->append(pattern.substr(i, open - i));
    std::string_view name = pattern.substr(open + 2, close - open - 2);
    if (name == "Partition") {
      out->append(partition);
    } else if (name == "Region") {
      out->append(region);
    } else if (name == "Account") {
      out->append(account);
    } else {
      out->append("fnwarden-any");
    }
    i = close + 1;
  }
  out->append(pattern.substr(i));
}

bool Denied(const Result& r) {
  return r.decision == Decision::kExplicitlyDenied || r.decision == Decision::kImplicitlyDenied;
}

void Append(std::vector<StatementRef>* to, const std::vector<StatementRef>& from) {
  for (const StatementRef& s : from) {
    bool seen = std::any_of(to->begin(), to->end(), [&](const StatementRef& t) {
      return t.policy == s.policy && t.index == s.index;
    });
    if (!seen) to->push_back(s);
  }
}

// Either request allowed.
Result OrResults(Result a, const Result& b) {
  if (a.decision == Decision::kAllowed) return a;
  if (b.decision == Decision::kAllowed) return b;
  if (a.decision == Decision::kConditional || b.decision == Decision::kConditional) {
    Result out;
    out.decision = Decision::kConditional;
    if (a.decision == Decision::kConditional) out.statements = std::move(a.statements);
    if (b.decision == Decision::kConditional) Append(&out.statements, b.statements);
    return out;
  }
  return a.decision == Decision::kExplicitlyDenied ? a : b;
}

// Both requests allowed.
Result AndResults(Result a, const Result& b) {
  if (a.decision == Decision::kExplicitlyDenied) return a;
  if (b.decision == Decision::kExplicitlyDenied) return b;
  if (Denied(a)) return a;
  if (Denied(b)) return b;
  if (a.decision == Decision::kAllowed && b.decision == Decision::kAllowed) {
    Append(&a.statements, b.statements);
    return a;
  }
  Result out;
  out.decision = Decision::kConditional;
  if (a.decision == Decision::kConditional) out.statements = std::move(a.statements);
  if (b.decision == Decision::kConditional) Append(&out.statements, b.statements);
  return out;
}

void AddArnParts(const model::PolicyDocument& doc, PrincipalData* d) {
  for (const auto& s : doc.statements) {
    for (const auto& r : s.resources) {
      if (!r.known()) continue;
      ArnParts parts = SplitArn(r.value);
      if (!parts.valid) continue;
      if (!HasWildcard(parts.part[1]) && !parts.part[1].empty())
        AddOnce(&d->partitions, parts.part[1]);
      if (!HasWildcard(parts.part[3]) && !parts.part[3].empty())
        AddOnce(&d->regions, parts.part[3]);
      if (IsAccountId(parts.part[4])) AddOnce(&d->accounts, parts.part[4]);
    }
  }
}

bool Contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

ActionServices ServicesOf(const CompiledStatement& st) {
  ActionServices out;
  if (!st.known) return out;  // ActionApplies answers unknown for every action
  bool bound = true;
  for (const CompiledEntry& e : st.actions) {
    if (e.state != CompiledEntry::kLiteral) {
      bound = false;  // a variable or an unresolved value may match anything
      continue;
    }
    std::string_view text = e.text;
    size_t colon = text.find(':');
    size_t special = 0;  // the first wildcard or escape (find_first_of calls memchr per byte)
    while (special < text.size() && text[special] != '*' && text[special] != '?' &&
           text[special] != '\\') {
      ++special;
    }
    if (special == text.size()) special = std::string_view::npos;
    if (text == "*") out.every_action = true;
    if (colon != std::string_view::npos && special == colon + 1 && special + 1 == text.size()) {
      AddOnce(&out.whole, text.substr(0, colon + 1));
    }
    // Literal text without a colon names no action.
    if (colon == std::string_view::npos && special == std::string_view::npos) continue;
    if (colon == std::string_view::npos || special < colon) {
      bound = false;  // a wildcard (or an escape) in the service
      continue;
    }
    AddOnce(&out.prefixes, text.substr(0, colon + 1));
  }
  out.any = !bound;
  out.by_id = std::all_of(st.actions.begin(), st.actions.end(), [](const CompiledEntry& e) {
    return e.state == CompiledEntry::kLiteral && e.text.find('\\') == std::string::npos;
  });
  return out;
}

// ActionApplies for a catalog action and the statement `i` of `d`, through
// the statement's catalog actions when it can.
Tri AppliesToCatalogAction(const PrincipalData& d, size_t i, const ActionInfo& action,
                           std::string_view* lowered, char (&buffer)[256]) {
  const CompiledStatement& st = *d.statements[i];
  if (!d.services[i].by_id) {
    if (lowered->empty()) *lowered = LowerInto(action.name, buffer);
    return ActionApplies(st, *lowered);
  }
  const std::vector<uint32_t>& ids = d.ids[i].Get(st);
  bool named = std::binary_search(ids.begin(), ids.end(), action.id);
  return ToTri(named != st.not_action);
}

std::unique_ptr<PrincipalData> Build(PrincipalSource src, const Resolver& resolver) {
  auto d = std::make_unique<PrincipalData>();
  d->role = src.role;
  d->policies = std::move(src.policies);
  d->owners = std::move(src.owners);
  d->arn = std::move(src.arn);
  d->session_arn = std::move(src.session_arn);
  d->partitions = {std::string(kAssumedPartition)};
  d->regions = {std::string(kAssumedRegion)};
  d->accounts = {std::string(kAssumedAccount)};
  // Sized up front: `docs` points into `resolved`.
  d->resolved.resize(d->policies.size());
  std::vector<const model::PolicyDocument*> docs;
  for (size_t i = 0; i < d->policies.size(); ++i) {
    const model::PolicyDocument& p = *d->policies[i];
    if (!p.known) {
      d->unreadable = true;
      continue;
    }
    docs.push_back(&resolver.Resolve(p, &d->resolved[i]));
    d->origin.push_back(&p);
  }
  d->compiled.reserve(docs.size());
  for (const model::PolicyDocument* doc : docs) {
    d->compiled.push_back(Compile(*doc, PolicyKind::kIdentity));
    d->set.identity.push_back(&d->compiled.back());
    AddArnParts(*doc, d.get());
  }
  if (src.boundary != nullptr && src.boundary->known) {
    d->boundary =
        Compile(resolver.Resolve(*src.boundary, &d->boundary_resolved), PolicyKind::kBoundary);
    d->set.boundary = &d->boundary;
  } else if (src.boundary != nullptr || src.boundary_unknown) {
    d->set.boundary_unknown = true;
  }
  auto add_statements = [&](const CompiledPolicy* p) {
    if (p == nullptr) return;
    for (const CompiledStatement& st : p->statements) {
      d->statements.push_back(&st);
      bool star = st.has_resource && !st.not_resource &&
                  std::any_of(st.resources.begin(), st.resources.end(), [](const CompiledEntry& e) {
                    return e.state == CompiledEntry::kLiteral && e.text == "*";
                  });
      d->resource_free.push_back(!st.known || !st.has_resource || star);
      d->services.push_back(ServicesOf(st));
    }
  };
  for (const CompiledPolicy* p : d->set.identity) add_statements(p);
  add_statements(d->set.boundary);
  add_statements(d->set.session);
  d->ids = std::make_unique<StatementIds[]>(d->statements.size());
  return d;
}

std::string IamArn(std::string_view kind, std::string_view name) {
  return "arn:" + std::string(kAssumedPartition) + ":iam::" + std::string(kAssumedAccount) + ":" +
         std::string(kind) + "/" + std::string(name);
}

std::unique_ptr<PrincipalData> BuildRole(const model::Role& role, const Resolver& resolver) {
  PrincipalSource src;
  src.role = &role;
  for (const model::PolicyDocument& p : role.policies) {
    src.policies.push_back(&p);
    src.owners.push_back("role " + role.id);
  }
  if (role.has_boundary_policy) {
    src.boundary = &role.boundary_policy;
  } else {
    src.boundary_unknown = !role.permissions_boundary.absent();
  }
  std::string name = NameOr(resolver.Resolve(role.role_name), role.id);
  src.arn = IamArn("role", name);
  src.session_arn = "arn:" + std::string(kAssumedPartition) +
                    ":sts::" + std::string(kAssumedAccount) + ":assumed-role/" + name + "/fnwarden";
  std::unique_ptr<PrincipalData> d = Build(std::move(src), resolver);
  // The trust policy is evaluated only for a role that holds a policy of a
  // service's role.
  bool holds_service_policy = std::any_of(
      role.policies.begin(), role.policies.end(),
      [](const model::PolicyDocument& p) { return !ServicesOfServiceRolePolicy(p).empty(); });
  if (holds_service_policy) {
    d->service_designed = ServiceDesignedPolicies(role, SoleTrustedServices(role, resolver));
  }
  return d;
}

// A statement's entry in CanOnAny's cache key that is not a Tri: how the
// statement covers an action depends on the action itself.
constexpr char kPerAction = 3;

// The service of an action name, lower-cased with its colon ("s3:"), in
// `buffer`; empty when the name has no colon.
std::string_view ServiceOf(std::string_view action, char (&buffer)[256]) {
  size_t colon = action.find(':');
  return colon == std::string_view::npos ? std::string_view()
                                         : LowerInto(action.substr(0, colon + 1), buffer);
}

// For each statement of `d`, how its Action entries cover every action of
// `service` (as ServiceOf gives it): a Tri, or kPerAction when the
// statement's services do not decide.
std::string CoverOfService(const PrincipalData& d, std::string_view service) {
  std::string out(d.statements.size(), kPerAction);
  if (service.empty()) return out;
  for (size_t i = 0; i < out.size(); ++i) {
    const ActionServices& services = d.services[i];
    bool not_action = d.statements[i]->not_action;
    if (services.every_action || Contains(services.whole, service)) {
      out[i] = static_cast<char>(not_action ? Tri::kFalse : Tri::kTrue);
    } else if (!services.any && !Contains(services.prefixes, service)) {
      out[i] = static_cast<char>(not_action ? Tri::kTrue : Tri::kFalse);
    }
  }
  return out;
}

// True when OnAnyKey gives every action of a service whose CoverOfService
// is `cover` the same key: the statements' services decide how each covers
// them, and none that may cover them depends on the resource.
bool KeyIsServiceWide(const PrincipalData& d, std::string_view cover) {
  for (size_t i = 0; i < cover.size(); ++i) {
    if (cover[i] == kPerAction) return false;
    if (cover[i] != static_cast<char>(Tri::kFalse) && !d.resource_free[i]) return false;
  }
  return true;
}

// The key of CanOnAny's cache (PrincipalData::on_any_memo) for `action`, given
// CoverOfService for its service, into `*key` (a buffer callers reuse). The
// answer depends on the action only through how each statement covers it
// (the key's first byte per statement: a Tri) and through the resources it is
// requested on: the key holds both. When every statement that may cover it
// answers alike for any resource, each probe gets the same answer, and the
// resource types do not matter.
void OnAnyKey(const PrincipalData& d, const ActionInfo& action, std::string_view cover,
              std::string* key) {
  key->assign(cover);
  char buffer[256];
  std::string_view lowered;  // only when a pattern must match the name
  bool resource_free = true;
  for (size_t i = 0; i < key->size(); ++i) {
    char& c = (*key)[i];
    if (c == kPerAction) c = static_cast<char>(AppliesToCatalogAction(d, i, action, &lowered, buffer));
    resource_free = resource_free && (c == static_cast<char>(Tri::kFalse) || d.resource_free[i]);
  }
  if (resource_free) {
    key->push_back('*');
  } else {
    key->push_back(action.wildcard_only ? 'w' : 't');
    key->append(Catalog::Get().ResourceTypeKey(action.id));
  }
}

}  // namespace

// ---------------------------------------------------------------- Resolver

Resolver::Resolver(const model::Model& m) {
  // Names first: an ARN's pieces name the resource itself.
  model::ForEachResource(m, [&](const model::Resource& r) {
    if (r.deployed_arn.absent() && r.deployed_name.absent()) return;
    Names& n = names_[r.id];
    n.name = NameOr(r.deployed_name, r.id);
    n.ref = r.ref_attribute;
  });
  model::ForEachResource(m, [&](const model::Resource& r) {
    if (r.deployed_arn.absent() && r.deployed_name.absent()) return;
    std::string arn;
    if (r.deployed_arn.known()) {
      arn = r.deployed_arn.value;
    } else if (!Substitute(r.deployed_arn.pieces, &arn)) {
      arn.clear();
    }
    names_[r.id].arn = std::move(arn);
  });

  own_accounts_.emplace_back(kAssumedAccount);
  for (const auto& r : m.roles) {
    for (const auto& p : r.policies) AddOwnAccounts(p);
  }
  for (const auto& b : m.buckets) {
    for (const auto& p : b.policies) AddOwnAccounts(p);
  }
  for (const auto& q : m.queues) {
    for (const auto& p : q.policies) AddOwnAccounts(p);
  }
  for (const auto& t : m.topics) {
    for (const auto& p : t.policies) AddOwnAccounts(p);
  }
  for (const auto& s : m.secrets) {
    for (const auto& p : s.policies) AddOwnAccounts(p);
  }
  for (const auto& p : m.store_policies) AddOwnAccounts(p.policy);
  for (const auto& u : m.users) {
    for (const auto& p : u.policies) AddOwnAccounts(p);
  }
  for (const auto& g : m.groups) {
    for (const auto& p : g.policies) AddOwnAccounts(p);
  }
  for (const auto& p : m.standalone_policies) AddOwnAccounts(p.document);
}

void Resolver::AddOwnAccounts(const model::PolicyDocument& doc) {
  for (const auto& s : doc.statements) {
    for (const auto& r : s.resources) {
      if (!r.known()) continue;
      ArnParts parts = SplitArn(r.value);
      if (parts.valid && IsAccountId(parts.part[4])) AddOnce(&own_accounts_, parts.part[4]);
    }
  }
}

bool Resolver::IsOwnAccount(std::string_view account) const {
  return std::find(own_accounts_.begin(), own_accounts_.end(), account) != own_accounts_.end();
}

bool Resolver::Substitute(const model::Piece& piece, std::string* out) const {
  using Kind = model::Piece::Kind;
  switch (piece.kind) {
    case Kind::kText:
    case Kind::kGenerated:  // a sample of the form AWS generates
      out->append(piece.text);
      return true;
    case Kind::kAccount: out->append(kAssumedAccount); return true;
    case Kind::kRegion: out->append(kAssumedRegion); return true;
    case Kind::kPartition: out->append(kAssumedPartition); return true;
    case Kind::kUrlSuffix: out->append("amazonaws.com"); return true;
    case Kind::kOpaque: return false;
    case Kind::kResource: break;
  }
  auto it = names_.find(piece.text);
  if (it == names_.end()) return false;
  const Names& n = it->second;
  model::Attribute attribute = piece.attribute;
  if (attribute == model::Attribute::kRef) attribute = n.ref;
  switch (attribute) {
    case model::Attribute::kRef:
    case model::Attribute::kName:
    case model::Attribute::kId:  // generated IDs: the resource's id stands for it
      out->append(n.name);
      return true;
    case model::Attribute::kArn:
      if (n.arn.empty()) return false;
      out->append(n.arn);
      return true;
    case model::Attribute::kStreamArn:  // the stream label is a timestamp
      if (n.arn.empty()) return false;
      out->append(n.arn).append("/stream/2024-01-01T00:00:00.000");
      return true;
    case model::Attribute::kUrl:  // a queue's
      out->append("https://sqs.").append(kAssumedRegion).append(".amazonaws.com/");
      out->append(kAssumedAccount).append("/").append(n.name);
      return true;
  }
  return false;
}

bool Resolver::Substitute(const std::vector<model::Piece>& pieces, std::string* out) const {
  for (const model::Piece& p : pieces) {
    if (!Substitute(p, out)) return false;
  }
  return true;
}

namespace {

// False for a value Resolver::Resolve returns as it is: known, or unknown
// for reasons other than a ${...} the deployment decides.
bool MayResolve(const model::String& v) {
  return v.unknown() && v.alternatives.empty() && !v.pieces.empty();
}

bool MayResolve(const model::PolicyDocument& doc) {
  for (const auto& s : doc.statements) {
    for (const auto& a : s.actions) {
      if (MayResolve(a)) return true;
    }
    for (const auto& r : s.resources) {
      if (MayResolve(r)) return true;
    }
    for (const auto& p : s.principals) {
      if (MayResolve(p.id)) return true;
    }
    for (const auto& c : s.conditions) {
      for (const auto& v : c.values) {
        if (MayResolve(v)) return true;
      }
    }
  }
  return false;
}

}  // namespace

model::String Resolver::Resolve(const model::String& v) const {
  if (!MayResolve(v)) return v;
  std::string out;
  if (!Substitute(v.pieces, &out)) return v;
  model::String resolved = v;
  resolved.state = model::ValueState::kResolved;
  resolved.value = std::move(out);
  resolved.pieces.clear();
  static const std::string kTrail = "as deployed to account " + std::string(kAssumedAccount) +
                                    ", " + std::string(kAssumedRegion);
  resolved.trail.push_back(kTrail);
  return resolved;
}

const model::PolicyDocument& Resolver::Resolve(
    const model::PolicyDocument& doc, std::optional<model::PolicyDocument>* storage) const {
  if (!MayResolve(doc)) return doc;
  return storage->emplace(Resolve(doc));
}

model::PolicyDocument Resolver::Resolve(const model::PolicyDocument& doc) const {
  model::PolicyDocument out = doc;
  // Only the values that may change are copied again.
  auto resolve = [&](model::String* v) {
    if (MayResolve(*v)) *v = Resolve(*v);
  };
  for (auto& s : out.statements) {
    for (auto& a : s.actions) resolve(&a);
    for (auto& r : s.resources) resolve(&r);
    for (auto& p : s.principals) resolve(&p.id);
    for (auto& c : s.conditions) {
      for (auto& v : c.values) resolve(&v);
    }
  }
  return out;
}

std::string Resolver::ArnOf(std::string_view id) const {
  auto it = names_.find(id);
  return it == names_.end() ? "" : it->second.arn;
}

// ---------------------------------------------------------------- PrincipalPermissions

PrincipalPermissions::PrincipalPermissions(const model::Function& fn, const PrincipalData* data,
                                           std::vector<const model::Permission*> inbound)
    : kind_(PrincipalKind::kFunction),
      resource_(&fn),
      function_(&fn),
      data_(data),
      inbound_(std::move(inbound)) {}

PrincipalPermissions::PrincipalPermissions(PrincipalKind kind, const model::Resource& resource,
                                           const PrincipalData* data)
    : kind_(kind), resource_(&resource), data_(data) {}

const model::Role* PrincipalPermissions::role() const { return data_ ? data_->role : nullptr; }

const std::vector<const model::Function*>& PrincipalPermissions::sharing() const {
  static const std::vector<const model::Function*> kNone;
  return sharing_ != nullptr ? *sharing_ : kNone;
}

bool PrincipalPermissions::has_unreadable_policies() const { return data_ && data_->unreadable; }

std::vector<const model::PolicyDocument*> PrincipalPermissions::policies() const {
  return data_ ? data_->policies : std::vector<const model::PolicyDocument*>();
}

std::string PrincipalPermissions::OwnerOf(const model::PolicyDocument* policy) const {
  if (data_ != nullptr) {
    for (size_t i = 0; i < data_->policies.size(); ++i) {
      if (data_->policies[i] == policy) return data_->owners[i];
    }
  }
  return Holder();
}

std::string_view PrincipalPermissions::own_arn() const {
  if (data_ == nullptr || kind_ == PrincipalKind::kGroup || kind_ == PrincipalKind::kPolicy) {
    return {};
  }
  return data_->arn;
}

bool PrincipalPermissions::IsServiceDesigned(const model::PolicyDocument* policy) const {
  if (data_ == nullptr || policy == nullptr) return false;
  const std::vector<const model::PolicyDocument*>& designed = data_->service_designed;
  return std::find(designed.begin(), designed.end(), policy) != designed.end();
}

const Breadth& PrincipalPermissions::breadth() const {
  static const Breadth kNone;
  if (data_ == nullptr) return kNone;
  PrincipalData* d = const_cast<PrincipalData*>(data_);
  d->breadth_once.Call([&] { d->breadth = std::make_unique<Breadth>(ComputeBreadth(*this)); });
  return *d->breadth;
}

Result PrincipalPermissions::Can(std::string_view action, std::string_view resource) const {
  return Can(action, resource, Context());
}

Request PrincipalPermissions::RequestFor(std::string_view action,
                                         std::string_view resource) const {
  Request req;
  req.principal.arn = data_->arn;
  req.principal.session_arn = data_->session_arn;
  req.principal.account = kAssumedAccount;
  req.action = action;
  req.resource = resource;
  // Only the role's own grant is in question: treat the resource as the
  // role's account's, whatever account its ARN names.
  req.resource_account = kAssumedAccount;
  return req;
}

Result PrincipalPermissions::Can(std::string_view action, std::string_view resource,
                                 const Context& context) const {
  if (data_ == nullptr) return Result{Decision::kConditional, {}};
  Request req = RequestFor(action, resource);
  req.context = context.entries().empty() && !context.closed() ? nullptr : &context;
  return Evaluate(req, data_->set);
}

Result PrincipalPermissions::CanOnAny(std::string_view action) const {
  std::optional<ActionInfo> info = Catalog::Get().FindAction(action);
  if (!info) return Result{};
  return CanOnAny(*info);
}

Result PrincipalPermissions::CanOnAny(const ActionInfo& action) const {
  if (data_ == nullptr) return Result{Decision::kConditional, {}};
  char buffer[256];
  std::string key;
  OnAnyKey(*data_, action, CoverOfService(*data_, ServiceOf(action.name, buffer)), &key);
  return MemoOnAny(action, key);
}

const Result& PrincipalPermissions::MemoOnAny(const ActionInfo& action,
                                              std::string_view key) const {
  PrincipalData* d = const_cast<PrincipalData*>(data_);
  {
    std::lock_guard<std::mutex> lock(d->memo_mutex);
    auto it = d->on_any_memo.find(key);
    if (it != d->on_any_memo.end()) return it->second;
  }
  // The key starts with how each statement covers the action.
  std::vector<Tri> applies(d->statements.size());
  for (size_t i = 0; i < applies.size(); ++i) applies[i] = static_cast<Tri>(key[i]);
  Result r = ProbeOnAny(action, applies);
  std::lock_guard<std::mutex> lock(d->memo_mutex);
  return d->on_any_memo.emplace(std::string(key), std::move(r)).first->second;
}

Result PrincipalPermissions::ProbeOnAny(const ActionInfo& action,
                                        std::span<const Tri> applies) const {
  auto can = [&](std::string_view resource) {
    Request req = RequestFor(action.name, resource);
    req.action_applies = applies;
    return Evaluate(req, data_->set);
  };
  std::vector<ResourceTypeInfo> types = Catalog::Get().ResourceTypes(action.id);
  if (action.wildcard_only || types.empty()) return can("*");
  bool any_required =
      std::any_of(types.begin(), types.end(), [](const ResourceTypeInfo& t) { return t.required; });
  Result total;
  bool first = true;
  for (const ResourceTypeInfo& type : types) {
    if (any_required && !type.required) continue;
    // An arbitrary resource of this type, in any partition, region and
    // account the role's policies use.
    // Each combination of them once, partition first, until one is allowed.
    const PrincipalData& d = *data_;
    const size_t regions = d.regions.size(), accounts = d.accounts.size();
    const size_t combinations = d.partitions.size() * regions * accounts;
    Result for_type;
    std::string probe;
    std::vector<std::string> tried;  // only when there are several
    for (size_t c = 0; c < combinations && for_type.decision != Decision::kAllowed; ++c) {
      ProbeArn(type.arn_pattern, d.partitions[c / (regions * accounts)],
               d.regions[c / accounts % regions], d.accounts[c % accounts], &probe);
      if (combinations > 1) {
        if (Contains(tried, probe)) continue;
        tried.push_back(probe);
      }
      for_type = OrResults(std::move(for_type), can(probe));
    }
    if (first) {
      total = std::move(for_type);
      first = false;
    } else {
      total = any_required ? AndResults(std::move(total), for_type)
                           : OrResults(std::move(total), for_type);
    }
  }
  return total;
}

const std::vector<ActionGrant>& PrincipalPermissions::AllowedOnAny() const {
  static const std::vector<ActionGrant> kNone;
  if (data_ == nullptr) return kNone;
  PrincipalData* d = const_cast<PrincipalData*>(data_);
  d->once.Call([&] {
    const Catalog& catalog = Catalog::Get();
    // The candidate actions as a set of catalog IDs: one bit each, so that
    // a policy of hundreds of patterns (ReadOnlyAccess) costs one pass over
    // each pattern's IDs, and reading the bits gives them in catalog order.
    std::vector<uint64_t> marked((catalog.action_count() + 63) / 64);
    auto mark = [&](const std::vector<uint32_t>& ids) {
      for (uint32_t id : ids) marked[id >> 6] |= uint64_t{1} << (id & 63);
    };
    auto expand = [&](std::string_view pattern) { mark(catalog.ExpandIds(pattern)); };
    // Only a statement whose resources can cover a resource the template
    // does not name (a wildcard, NotResource, an unknown value) can grant
    // an action on any resource; CanOnAny decides the rest.
    auto may_cover_any = [](const model::Statement& st) {
      if (st.not_resource || !st.has_resource) return true;
      for (const model::String& r : st.resources) {
        if (!r.known() || r.value.find_first_of("*?") != std::string::npos) return true;
      }
      return false;
    };
    size_t index = 0;  // of the statement in d->statements, which lists these first
    for (const CompiledPolicy* p : d->set.identity) {
      for (const CompiledStatement& s : p->statements) {
        size_t i = index++;
        if (!s.known || s.effect == CompiledStatement::kDeny) continue;
        if (!may_cover_any(*s.source)) continue;
        if (s.not_action) {
          expand("*");
          continue;
        }
        // The statement's catalog actions, which OnAnyKey reads again.
        if (d->services[i].by_id) {
          mark(d->ids[i].Get(s));
          continue;
        }
        for (const model::String& a : s.source->actions) {
          if (a.known()) expand(a.value);
          for (const std::string& alt : a.alternatives) expand(alt);
        }
      }
    }
    std::vector<uint32_t> candidates;
    for (size_t word = 0; word < marked.size(); ++word) {
      for (uint64_t bits = marked[word]; bits != 0; bits &= bits - 1) {
        candidates.push_back(static_cast<uint32_t>(word * 64 + std::countr_zero(bits)));
      }
    }
    // Candidates come service by service: how each statement covers the
    // service is worked out once per service. Neighbours tend to share a key
    // (a whole service granted by one statement): reuse the last answer
    // without taking the lock.
    // Often the key is even the same for every action of the service.
    std::string_view service;
    std::string cover;
    bool service_wide = false;
    std::string key, last_key;
    const Result* last = nullptr;
    d->on_any.reserve(candidates.size());
    for (uint32_t id : candidates) {
      ActionInfo info = catalog.action(id);
      bool new_service = cover.empty() || info.service != service;
      if (new_service) {
        char buffer[256];
        service = info.service;
        cover = CoverOfService(*d, ServiceOf(info.name, buffer));
        service_wide = KeyIsServiceWide(*d, cover);
      }
      if (new_service || !service_wide) {
        OnAnyKey(*d, info, cover, &key);
        if (last == nullptr || key != last_key) {
          last = &MemoOnAny(info, key);
          std::swap(key, last_key);
        }
      }
      if (last->decision == Decision::kAllowed) d->on_any.push_back({info, last});
    }
  });
  return d->on_any;
}

const ActionGrant* PrincipalPermissions::FindOnAny(uint32_t action_id) const {
  const std::vector<ActionGrant>& grants = AllowedOnAny();
  auto it = std::lower_bound(grants.begin(), grants.end(), action_id,
                             [](const ActionGrant& g, uint32_t id) { return g.action.id < id; });
  return it != grants.end() && it->action.id == action_id ? &*it : nullptr;
}

bool PrincipalPermissions::IsAllowedOnAny(std::string_view action) const {
  if (data_ == nullptr) return false;
  std::optional<ActionInfo> info = Catalog::Get().FindAction(action);
  if (!info) return false;
  if (data_->once.done()) return FindOnAny(info->id) != nullptr;
  return CanOnAny(*info).decision == Decision::kAllowed;
}

AppliedStatement PrincipalPermissions::Origin(const StatementRef& ref) const {
  if (data_ != nullptr) {
    for (size_t i = 0; i < data_->compiled.size(); ++i) {
      if (&data_->compiled[i] != ref.policy) continue;
      const model::PolicyDocument* doc = data_->origin[i];
      return {doc, &doc->statements[ref.index]};
    }
  }
  return {nullptr, nullptr};
}

std::vector<AppliedStatement> PrincipalPermissions::Origins(const Result& r) const {
  std::vector<AppliedStatement> out;
  for (const StatementRef& ref : r.statements) {
    AppliedStatement a = Origin(ref);
    if (a.statement == nullptr) continue;
    bool seen = std::any_of(out.begin(), out.end(),
                            [&](const AppliedStatement& o) { return o.statement == a.statement; });
    if (!seen) out.push_back(a);
  }
  return out;
}

// ---------------------------------------------------------------- ModelPermissions

// The resolver comes from the facts, so that the rules that resolve
// documents themselves share it.
ModelPermissions::ModelPermissions(const Facts& facts) : resolver_(facts.IamResolver()) {
  // The roles to build, in the order their principals are listed: function
  // roles as functions first name them, then the roles no function assumes.
  // Each is built on its own, on the jobs Facts was given (a template of
  // thousands of functions gets them all); a failure is rethrown here, as
  // it would have been thrown on one thread.
  std::vector<const model::Role*> roles;
  std::set<const model::Role*> function_role_set;
  for (const FunctionFacts& f : facts.functions()) {
    if (f.role != nullptr && function_role_set.insert(f.role).second) roles.push_back(f.role);
  }
  const size_t function_roles = roles.size();
  for (const model::Role& role : facts.model().roles) {
    if (role.functions.empty()) roles.push_back(&role);
  }
  std::vector<std::unique_ptr<PrincipalData>> built(roles.size());
  std::vector<std::string> errors(roles.size());
  util::ParallelFor(roles.size(), facts.jobs(), [&](size_t i) {
    try {
      built[i] = BuildRole(*roles[i], resolver_);
    } catch (const std::exception& e) {
      errors[i] = e.what();
    }
  });
  for (const std::string& error : errors) {
    if (!error.empty()) throw std::runtime_error(error);
  }

  std::map<const model::Role*, size_t> by_role;  // index in principals_
  functions_.reserve(facts.functions().size());
  size_t next_role = 0;
  for (const FunctionFacts& f : facts.functions()) {
    const PrincipalData* data = nullptr;
    if (f.role != nullptr) {
      auto it = by_role.find(f.role);
      if (it != by_role.end()) {
        const PrincipalPermissions& shared = principals_[it->second];
        shared.sharing_->push_back(f.function);
        functions_.emplace_back(*f.function, shared.data_, f.permissions);
        functions_.back().sharing_ = shared.sharing_;
        continue;
      }
      data_.push_back(std::move(built[next_role++]));
      data = data_.back().get();
      by_role.emplace(f.role, principals_.size());
    }
    functions_.emplace_back(*f.function, data, f.permissions);
    functions_.back().sharing_ =
        std::make_shared<std::vector<const model::Function*>>(1, f.function);
    principals_.push_back(functions_.back());
  }
  for (size_t i = function_roles; i < roles.size(); ++i) {
    data_.push_back(std::move(built[i]));
    principals_.emplace_back(PrincipalKind::kRole, *roles[i], data_.back().get());
  }
  AddOtherPrincipals(facts.model());
}

void ModelPermissions::AddOtherPrincipals(const model::Model& m) {
  auto add = [&](PrincipalKind kind, const model::Resource& r, PrincipalSource src) {
    data_.push_back(Build(std::move(src), resolver_));
    principals_.emplace_back(kind, r, data_.back().get());
  };
  // Roles are the constructor's: built with the functions' roles.
  std::set<std::string_view> groups_with_users;
  for (const model::User& user : m.users) {
    PrincipalSource src;
    for (const model::PolicyDocument& p : user.policies) {
      src.policies.push_back(&p);
      src.owners.push_back("IAM user " + user.id);
    }
    for (const std::string& id : user.groups) {
      groups_with_users.insert(id);
      if (const model::Group* g = m.FindGroup(id)) {
        for (const model::PolicyDocument& p : g->policies) {
          src.policies.push_back(&p);
          src.owners.push_back("IAM group " + g->id);
        }
      }
    }
    if (user.has_boundary_policy) {
      src.boundary = &user.boundary_policy;
    } else {
      src.boundary_unknown = !user.permissions_boundary.absent();
    }
    src.arn = IamArn("user", NameOr(resolver_.Resolve(user.user_name), user.id));
    add(PrincipalKind::kUser, user, std::move(src));
  }
  for (const model::Group& group : m.groups) {
    if (groups_with_users.count(group.id) != 0) continue;  // seen through its users
    PrincipalSource src;
    for (const model::PolicyDocument& p : group.policies) {
      src.policies.push_back(&p);
      src.owners.push_back("IAM group " + group.id);
    }
    src.arn = IamArn("user", "fnwarden-member-of-" + group.id);
    add(PrincipalKind::kGroup, group, std::move(src));
  }
  for (const model::StandalonePolicy& policy : m.standalone_policies) {
    PrincipalSource src;
    src.policies.push_back(&policy.document);
    src.owners.push_back("");  // the policy itself
    src.arn = IamArn("role", "fnwarden-any");
    add(PrincipalKind::kPolicy, policy, std::move(src));
  }
}

ModelPermissions::~ModelPermissions() = default;

const PrincipalPermissions* ModelPermissions::ForFunction(std::string_view id) const {
  for (const PrincipalPermissions& f : functions_) {
    if (f.function()->id == id) return &f;
  }
  return nullptr;
}

std::vector<ServiceGrants> GroupByService(const std::vector<ActionGrant>& grants) {
  std::vector<ServiceGrants> out;
  for (const ActionGrant& g : grants) {
    if (out.empty() || out.back().service != g.action.service) {
      out.push_back(ServiceGrants{g.action.service, {}});
    }
    out.back().by_level[static_cast<size_t>(g.action.level)].push_back(g.action.name);
  }
  return out;
}

std::string Where(util::Loc loc) {
  if (!loc.known()) return "";
  return std::string(loc.path()) + ":" + std::to_string(loc.line);
}

}  // namespace fnwarden::analysis::iam

// ---------------------------------------------------------------- for rules

namespace fnwarden::analysis::iam {

std::string SummarizeNames(const std::vector<std::string>& names, size_t max) {
  if (names.empty()) return "";
  size_t shown = names.size() <= max ? names.size() : max;
  std::string out;
  for (size_t i = 0; i < shown; ++i) {
    if (i > 0) out += (i + 1 == shown && shown == names.size()) ? " and " : ", ";
    out += names[i];
  }
  if (shown < names.size()) out += " and " + std::to_string(names.size() - shown) + " more";
  return out;
}

std::string ResourceSummary(const model::Statement& s) {
  std::vector<std::string> names;
  for (const auto& r : s.resources) {
    if (r.known() && r.value == "*" && !s.not_resource) return "*";
    names.push_back(r.value.empty() ? "?" : r.value);
  }
  std::string list = SummarizeNames(names, 1);
  if (s.not_resource) return "every resource but " + list;
  return list.empty() ? "its resources" : list;
}

std::string GrantText(const std::vector<std::string>& actions, const AppliedStatement& origin) {
  const model::Statement& s = *origin.statement;
  std::string out = SummarizeNames(actions) + " on " + ResourceSummary(s);
  std::string where = Where(s.loc);
  if (!where.empty()) out += ", " + where;
  if (origin.policy != nullptr && origin.policy->source != model::PolicySource::kInline &&
      !origin.policy->name.empty()) {
    out += " (" + origin.policy->name + ")";
  }
  return out;
}

Result ResourcePolicyAllows(const CompiledPolicy& policy, ResourcePolicyMode mode,
                            std::string_view principal_arn, std::string_view service,
                            std::string_view action, std::string_view resource) {
  RequestPrincipal caller;
  caller.arn = principal_arn;
  caller.service = service;
  return ResourcePolicyAllows(policy, mode, caller, action, resource);
}

Result ResourcePolicyAllows(const CompiledPolicy& policy, ResourcePolicyMode mode,
                            const RequestPrincipal& caller, std::string_view action,
                            std::string_view resource, const Context* context) {
  static const model::PolicyDocument kAllowAll = [] {
    model::PolicyDocument doc;
    model::Statement s;
    s.effect = model::Value<model::Effect>::Literal(model::Effect::kAllow, {});
    s.actions.push_back(model::String::Literal("*", {}));
    s.has_resource = true;
    s.resources.push_back(model::String::Literal("*", {}));
    doc.statements.push_back(std::move(s));
    return doc;
  }();
  static const CompiledPolicy kAllowAllCompiled = Compile(kAllowAll, PolicyKind::kIdentity);
  PolicySet set;
  if (!caller.external()) set.identity.push_back(&kAllowAllCompiled);
  set.resource = &policy;
  set.resource_mode = mode;
  Request req;
  req.principal = caller;
  req.action = action;
  req.resource = resource;
  req.resource_account = kAssumedAccount;
  req.context = context;
  Result r = Evaluate(req, set);
  // Only the resource policy's statements matter to the caller of this.
  std::erase_if(r.statements, [&](const StatementRef& ref) { return ref.policy != &policy; });
  return r;
}

std::vector<std::string> ForeignPrincipals(const model::Statement& resolved,
                                           const Resolver& resolver) {
  std::vector<std::string> out;
  for (const model::Principal& p : resolved.principals) {
    if (p.kind != "AWS" || !p.id.known()) continue;
    std::string_view id = p.id.value;
    std::string account;
    std::string arn;
    if (IsAccountId(id)) {
      account = std::string(id);
    } else {
      ArnParts parts = SplitArn(id);
      if (!parts.valid || parts.part[2] != "iam" || !IsAccountId(parts.part[4])) continue;
      account = std::string(parts.part[4]);
      if (parts.part[5] != "root") arn = std::string(id);
    }
    if (resolver.IsOwnAccount(account)) continue;
    if (arn.empty()) arn = "arn:aws:iam::" + account + ":role/fnwarden-any";
    AddOnce(&out, arn);
  }
  return out;
}

}  // namespace fnwarden::analysis::iam
