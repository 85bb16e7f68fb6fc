// FNW-IAM-015: an Allow statement gives an action only resources of the
// wrong type (s3:GetObject on arn:aws:s3:::bucket without /*, s3:ListBucket
// on object ARNs, a DynamoDB action on a bucket): the action is granted on
// nothing, and the usual reaction is to widen Resource to "*".
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analysis/iam/effective.h"
#include "analysis/policy_query.h"
#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

namespace iam = analysis::iam;

constexpr char kAnyRun = '\x01';      // a placeholder whose value may contain '/'
constexpr char kAnySegment = '\x02';  // a placeholder without '/' (a bucket or table name)
constexpr char kPlaceholders[] = {kAnyRun, kAnySegment, '\0'};

// A resource type's ARN pattern with its ${...} placeholders as kAnyRun or
// kAnySegment.
std::string TypePattern(std::string_view arn) {
  std::string out;
  size_t i = 0;
  while (i < arn.size()) {
    size_t open = arn.find("${", i);
    size_t close = open == std::string_view::npos ? open : arn.find('}', open);
    if (close == std::string_view::npos) break;
    out.append(arn.substr(i, open - i));
    std::string_view name = arn.substr(open + 2, close - open - 2);
    bool slashes = name.find("Object") != std::string_view::npos ||
                   name.find("Path") != std::string_view::npos ||
                   name.find("LogGroup") != std::string_view::npos ||
                   name.find("Parameter") != std::string_view::npos ||
                   name.find("Key") != std::string_view::npos ||
                   name.find("Prefix") != std::string_view::npos;
    out.push_back(slashes ? kAnyRun : kAnySegment);
    i = close + 1;
  }
  out.append(arn.substr(i));
  return out;
}

// Whether some string matches both `policy` (IAM wildcards * and ?) and
// `type` (literal text with kAnyRun and kAnySegment placeholders): a search
// over pairs of positions.
bool Overlap(std::string_view policy, std::string_view type) {
  // Most ARN parts need no search: literal text on both sides ("arn",
  // "s3"), or a type part that is one placeholder ("${Region}").
  if (type.size() == 1 && type[0] == kAnyRun) return true;
  if (type.size() == 1 && type[0] == kAnySegment) return policy.find('/') == std::string_view::npos;
  if (policy.find_first_of("*?") == std::string_view::npos &&
      type.find_first_of(kPlaceholders) == std::string_view::npos) {
    return policy == type;
  }
  const size_t n = policy.size(), m = type.size();
  std::vector<char> seen((n + 1) * (m + 1), 0);
  std::vector<std::pair<size_t, size_t>> todo = {{0, 0}};
  auto push = [&](size_t i, size_t j) {
    if (!seen[i * (m + 1) + j]) {
      seen[i * (m + 1) + j] = 1;
      todo.emplace_back(i, j);
    }
  };
  seen[0] = 1;
  while (!todo.empty()) {
    auto [i, j] = todo.back();
    todo.pop_back();
    if (i == n && j == m) return true;
    bool pstar = i < n && policy[i] == '*';
    bool tstar = j < m && (type[j] == kAnyRun || type[j] == kAnySegment);
    if (pstar) push(i + 1, j);  // the star matches nothing more
    if (tstar) push(i, j + 1);
    if (i == n || j == m) continue;
    // Both sides produce one character.
    char p = policy[i], t = type[j];
    bool any_p = p == '*' || p == '?';
    bool ok;
    if (!tstar) {
      ok = any_p || p == t;
    } else {
      ok = type[j] == kAnyRun || (any_p || p != '/');
    }
    if (!ok) continue;
    size_t ni = pstar ? i : i + 1, nj = tstar ? j : j + 1;
    if (ni == i && nj == j) continue;
    push(ni, nj);
  }
  return false;
}

// Whether a policy resource could name a resource of the type, part by part
// (wildcards in the first five ARN parts do not span colons).
bool CouldMatch(std::string_view resource, std::string_view arn_pattern) {
  iam::ArnParts r = iam::SplitArn(resource);
  iam::ArnParts t = iam::SplitArn(arn_pattern);
  if (!r.valid || !t.valid) return true;  // not an ARN: fnwarden cannot tell
  for (size_t k = 0; k < 6; ++k) {
    if (!Overlap(r.part[k], TypePattern(t.part[k]))) return false;
  }
  return true;
}

std::string TypeNames(const std::vector<iam::ResourceTypeInfo>& types) {
  std::vector<std::string> names;
  for (const auto& t : types)
    names.push_back(std::string(t.name) + " (" + std::string(t.arn_pattern) + ")");
  return iam::SummarizeNames(names, 2);
}

void Check(Context& ctx) {
  const iam::Catalog& catalog = iam::Catalog::Get();
  const iam::Resolver& resolver = ctx.facts.IamResolver();
  std::set<const model::Role*> seen;
  for (const auto& fn : ctx.facts.functions()) {
    if (fn.role == nullptr || !seen.insert(fn.role).second) {
      continue;
    }
    std::vector<std::string> users;
    for (const auto& other : ctx.facts.functions()) {
      if (other.role == fn.role) users.push_back(other.function->id);
    }
    for (const auto& applied : fn.statements) {
      const model::PolicyDocument& doc = *applied.policy;
      if (doc.source != model::PolicySource::kInline &&
          doc.source != model::PolicySource::kCustomerManaged) {
        continue;
      }
      const model::Statement& s = *applied.statement;
      if (!s.known || !s.effect.Is(model::Effect::kAllow) || s.not_action || s.not_resource)
        continue;
      // Every resource must be a known ARN: "*" or an unknown value may cover anything.
      std::vector<std::string> arns, shown;
      bool judgeable = !s.resources.empty();
      for (const auto& r : s.resources) {
        model::String v = resolver.Resolve(r);
        if (!v.known() || !iam::SplitArn(v.value).valid) {
          judgeable = false;
          break;
        }
        arns.push_back(v.value);
        shown.push_back(r.value);  // as written, not as fnwarden resolved it
      }
      if (!judgeable) continue;
      for (const auto& a : s.actions) {
        if (!a.known() || a.value.find_first_of("*?") != std::string::npos) continue;
        std::optional<iam::ActionInfo> info = catalog.FindAction(a.value);
        if (!info || info->wildcard_only) continue;
        std::vector<iam::ResourceTypeInfo> types = catalog.ResourceTypes(info->id);
        if (types.empty()) continue;
        bool any = false;
        for (const auto& arn : arns) {
          for (const auto& t : types) any = any || CouldMatch(arn, t.arn_pattern);
        }
        if (any) continue;
        ctx.Report(*fn.function, a.loc, analysis::StatementAttribute(applied) + ".Action",
                   analysis::JoinNames(users) + " gets nothing from " + a.value +
                       " here: it acts on " + TypeNames(types) + ", but the statement names only " +
                       iam::SummarizeNames(shown, 2) + ", " + iam::Where(s.loc),
                   "Give " + a.value +
                       " a resource of the right type in its own statement (for "
                       "S3 objects, the bucket ARN followed by /*); do not widen it to \"*\".");
      }
    }
  }
}

}  // namespace

extern const RuleDef kRuleIam015;
const RuleDef kRuleIam015 = {
    .title = "Action granted only on resources of the wrong type",
    .severity = model::Severity::kLow,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kLeastPrivilege,
    .check = &Check,
};

}  // namespace fnwarden::rules
