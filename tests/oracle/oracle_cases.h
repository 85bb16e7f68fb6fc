// Generated IAM evaluation cases for the differential test against
// @cloud-copilot/iam-simulate (tests/iam_oracle_test.cc) and its benchmark
// (bench/iam_oracle_bench.cc). Header-only; test and benchmark code only.
//
// A Case is one fully described request: the principal (a role session, an
// IAM user or a service), one action on one resource, a closed context (every
// condition key either present, single- or multi-valued, or absent), and the
// policies that apply: identity policies, a resource policy (a KMS key policy
// or a role trust policy where those need an explicit allow), a permissions
// boundary and a session policy. Cases are built from a fixed vocabulary so
// that random statements match the request often enough to be interesting:
// Action/NotAction, Resource/NotResource, Principal/NotPrincipal, every
// condition operator family with IfExists and the set prefixes, and policy
// variables with and without defaults.
//
// The oracle differs from AWS in documented ways; Classify() names the
// classes a case belongs to and ForOracle() rewrites such a case into one
// that means the same to AWS and is outside the class, so that the oracle's
// answer on the rewrite is AWS's answer on the original:
//  - kVersion2008Variables: in a policy whose Version is 2008-10-17 (or
//    absent) AWS reads ${...} as literal text; the oracle substitutes it.
//    Rewrite: Version 2012-10-17, with every "${" written "${$}{" (a literal
//    "$" followed by the rest of the text).
//  - kEpochDates: AWS reads an integer date as seconds since the epoch; the
//    oracle reads it as milliseconds. Rewrite: the same instant in ISO 8601.
//  - kServiceWildcard: AWS matches an action pattern against the whole
//    "service:action" text, so a wildcard may stand in the service prefix
//    ("s*:GetObject"); the oracle rejects such a policy. Rewrite: each such
//    entry becomes the requested action when the pattern matches it
//    (ignoring case), and an action that matches nothing otherwise.
#ifndef FNWARDEN_TESTS_ORACLE_ORACLE_CASES_H_
#define FNWARDEN_TESTS_ORACLE_ORACLE_CASES_H_

#include <cstdint>
#include <cstdio>
#include <deque>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analysis/iam/evaluate.h"
#include "analysis/iam/iam_test_util.h"

namespace fnwarden::testing::oracle {

constexpr const char* kAccount = "111122223333";
constexpr const char* kOtherAccount = "444455556666";
constexpr const char* kRoleArn = "arn:aws:iam::111122223333:role/fn";
constexpr const char* kSessionArn = "arn:aws:sts::111122223333:assumed-role/fn/s1";
constexpr const char* kUserArn = "arn:aws:iam::111122223333:user/alice";

// ---------------------------------------------------------------------------
// The case model.

struct Condition {
  std::string op;   // "ForAnyValue:StringLikeIfExists"
  std::string key;  // "aws:TagKeys"
  std::vector<std::string> values;
};

struct Principal {
  std::string type;  // "*" (everyone), "AWS" or "Service"
  std::string id;
};

struct Statement {
  bool allow = true;
  bool not_action = false;
  std::vector<std::string> actions;
  bool has_resource = true;
  bool not_resource = false;
  std::vector<std::string> resources;
  bool has_principal = false;
  bool not_principal = false;
  std::vector<Principal> principals;
  std::vector<Condition> conditions;
};

struct Policy {
  std::string version;  // "" when the policy has no Version
  std::vector<Statement> statements;
};

struct ContextKey {
  std::string key;
  std::vector<std::string> values;
  bool multi = false;
};

enum class Caller : uint8_t { kRoleSession, kUser, kService };

struct Case {
  uint32_t id = 0;
  Caller caller = Caller::kRoleSession;
  std::string service_principal;  // kService: "lambda.amazonaws.com"
  std::string action;
  std::string resource;  // an ARN, or "*" for a wildcard-only action
  std::string resource_account;
  bool explicit_allow_required = false;  // KMS key policy or role trust policy
  bool trust_policy = false;             // the resource policy is a role trust policy
  std::vector<ContextKey> context;       // keys not listed are absent
  std::vector<Policy> identity;
  std::optional<Policy> resource_policy;
  std::optional<Policy> boundary;
  std::optional<Policy> session;
};

// ---------------------------------------------------------------------------
// JSON.

inline void AppendJsonString(std::string_view s, std::string* out) {
  out->push_back('"');
  for (char c : s) {
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\t': out->append("\\t"); break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          const char* hex = "0123456789abcdef";
          unsigned char u = static_cast<unsigned char>(c);
          out->append("\\u00");
          out->push_back(hex[u >> 4]);
          out->push_back(hex[u & 0xf]);
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

inline void AppendJsonList(const std::vector<std::string>& items, std::string* out) {
  if (items.size() == 1) {
    AppendJsonString(items[0], out);
    return;
  }
  out->push_back('[');
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out->push_back(',');
    AppendJsonString(items[i], out);
  }
  out->push_back(']');
}

inline void AppendPrincipals(const std::vector<Principal>& ps, std::string* out) {
  if (ps.size() == 1 && ps[0].type == "*") {
    out->append("\"*\"");
    return;
  }
  out->push_back('{');
  bool first_type = true;
  for (const char* type : {"AWS", "Service"}) {
    std::vector<std::string> ids;
    for (const Principal& p : ps) {
      if (p.type == type) ids.push_back(p.id);
    }
    if (ids.empty()) continue;
    if (!first_type) out->push_back(',');
    first_type = false;
    AppendJsonString(type, out);
    out->push_back(':');
    AppendJsonList(ids, out);
  }
  out->push_back('}');
}

inline std::string PolicyJson(const Policy& p) {
  std::string out = "{";
  if (!p.version.empty()) {
    out.append("\"Version\":");
    AppendJsonString(p.version, &out);
    out.push_back(',');
  }
  out.append("\"Statement\":[");
  for (size_t i = 0; i < p.statements.size(); ++i) {
    const Statement& s = p.statements[i];
    if (i > 0) out.push_back(',');
    out.append(s.allow ? "{\"Effect\":\"Allow\"" : "{\"Effect\":\"Deny\"");
    if (s.has_principal) {
      out.append(s.not_principal ? ",\"NotPrincipal\":" : ",\"Principal\":");
      AppendPrincipals(s.principals, &out);
    }
    out.append(s.not_action ? ",\"NotAction\":" : ",\"Action\":");
    AppendJsonList(s.actions, &out);
    if (s.has_resource) {
      out.append(s.not_resource ? ",\"NotResource\":" : ",\"Resource\":");
      AppendJsonList(s.resources, &out);
    }
    if (!s.conditions.empty()) {
      // Conditions with the same operator share one block.
      out.append(",\"Condition\":{");
      std::vector<bool> done(s.conditions.size(), false);
      bool first_op = true;
      for (size_t c = 0; c < s.conditions.size(); ++c) {
        if (done[c]) continue;
        if (!first_op) out.push_back(',');
        first_op = false;
        AppendJsonString(s.conditions[c].op, &out);
        out.append(":{");
        bool first_key = true;
        for (size_t k = c; k < s.conditions.size(); ++k) {
          if (done[k] || s.conditions[k].op != s.conditions[c].op) continue;
          done[k] = true;
          if (!first_key) out.push_back(',');
          first_key = false;
          AppendJsonString(s.conditions[k].key, &out);
          out.push_back(':');
          AppendJsonList(s.conditions[k].values, &out);
        }
        out.push_back('}');
      }
      out.push_back('}');
    }
    out.push_back('}');
  }
  out.append("]}");
  return out;
}

inline std::string ContextJson(const std::vector<ContextKey>& context) {
  std::string out = "{";
  for (size_t i = 0; i < context.size(); ++i) {
    if (i > 0) out.push_back(',');
    AppendJsonString(context[i].key, &out);
    out.push_back(':');
    if (context[i].multi) {
      out.push_back('[');
      for (size_t v = 0; v < context[i].values.size(); ++v) {
        if (v > 0) out.push_back(',');
        AppendJsonString(context[i].values[v], &out);
      }
      out.push_back(']');
    } else {
      AppendJsonString(context[i].values[0], &out);
    }
  }
  out.push_back('}');
  return out;
}

inline std::string CallerArn(const Case& c) {
  switch (c.caller) {
    case Caller::kRoleSession: return kSessionArn;
    case Caller::kUser: return kUserArn;
    case Caller::kService: return c.service_principal;
  }
  return "";
}

// One input line of tests/oracle/simulate.js: the library's Simulation.
inline std::string SimulationLine(const Case& c) {
  std::string out = "{\"id\":" + std::to_string(c.id) + ",\"simulation\":{\"request\":{\"principal\":";
  AppendJsonString(CallerArn(c), &out);
  out.append(",\"action\":");
  AppendJsonString(c.action, &out);
  out.append(",\"resource\":{\"resource\":");
  AppendJsonString(c.resource, &out);
  out.append(",\"accountId\":");
  AppendJsonString(c.resource_account, &out);
  out.append("},\"contextVariables\":");
  out.append(ContextJson(c.context));
  out.append("},\"identityPolicies\":[");
  for (size_t i = 0; i < c.identity.size(); ++i) {
    if (i > 0) out.push_back(',');
    out.append("{\"name\":\"identity" + std::to_string(i) + "\",\"policy\":");
    out.append(PolicyJson(c.identity[i]));
    out.push_back('}');
  }
  out.append("],\"serviceControlPolicies\":[],\"resourceControlPolicies\":[]");
  if (c.resource_policy) out.append(",\"resourcePolicy\":" + PolicyJson(*c.resource_policy));
  if (c.boundary) {
    out.append(",\"permissionBoundaryPolicies\":[{\"name\":\"boundary\",\"policy\":" +
               PolicyJson(*c.boundary) + "}]");
  }
  if (c.session) out.append(",\"sessionPolicy\":" + PolicyJson(*c.session));
  out.append("}}");
  return out;
}

// The case as one JSON object, for failure messages.
inline std::string CaseJson(const Case& c) {
  std::string out = "{\"id\":" + std::to_string(c.id) + ",\"principal\":";
  AppendJsonString(CallerArn(c), &out);
  if (c.caller == Caller::kRoleSession) out.append(",\"role\":\"" + std::string(kRoleArn) + "\"");
  out.append(",\"action\":");
  AppendJsonString(c.action, &out);
  out.append(",\"resource\":");
  AppendJsonString(c.resource, &out);
  out.append(",\"resourceAccount\":");
  AppendJsonString(c.resource_account, &out);
  out.append(",\"context\":" + ContextJson(c.context) + ",\"identityPolicies\":[");
  for (size_t i = 0; i < c.identity.size(); ++i) {
    if (i > 0) out.push_back(',');
    out.append(PolicyJson(c.identity[i]));
  }
  out.push_back(']');
  if (c.resource_policy) {
    out.append(c.trust_policy ? ",\"trustPolicy\":"
                              : (c.explicit_allow_required ? ",\"keyPolicy\":" : ",\"resourcePolicy\":"));
    out.append(PolicyJson(*c.resource_policy));
  }
  if (c.boundary) out.append(",\"permissionsBoundary\":" + PolicyJson(*c.boundary));
  if (c.session) out.append(",\"sessionPolicy\":" + PolicyJson(*c.session));
  out.push_back('}');
  return out;
}

// ---------------------------------------------------------------------------
// fnwarden's engine on a case.

inline const char* OracleName(analysis::iam::Decision d) {
  switch (d) {
    case analysis::iam::Decision::kAllowed: return "Allowed";
    case analysis::iam::Decision::kExplicitlyDenied: return "ExplicitlyDenied";
    case analysis::iam::Decision::kImplicitlyDenied: return "ImplicitlyDenied";
    case analysis::iam::Decision::kConditional: return "Conditional";
  }
  return "?";
}

// A case read and compiled once, ready to evaluate any number of times.
// Keeps views into `c`, which must outlive it. Not copyable (it points into
// itself).
class EngineCase {
 public:
  // Reads the case's policies from their JSON with the test reader.
  explicit EngineCase(const Case& c) {
    auto read = [&](const Policy& p) {
      docs_.push_back(reader_.Read(PolicyJson(p)));
      return &docs_.back();
    };
    std::vector<const model::PolicyDocument*> docs;
    for (const Policy& p : c.identity) docs.push_back(read(p));
    if (c.resource_policy) docs.push_back(read(*c.resource_policy));
    if (c.boundary) docs.push_back(read(*c.boundary));
    if (c.session) docs.push_back(read(*c.session));
    Build(c, docs);
  }
  // The case's policies read elsewhere, in case order: the identity
  // policies, then the resource, boundary and session policies the case
  // has. They must outlive this.
  EngineCase(const Case& c, const std::vector<const model::PolicyDocument*>& docs) {
    Build(c, docs);
  }
  EngineCase(const EngineCase&) = delete;
  EngineCase& operator=(const EngineCase&) = delete;

  analysis::iam::Decision Evaluate() const { return analysis::iam::Evaluate(request_, set_).decision; }

 private:
  void Build(const Case& c, const std::vector<const model::PolicyDocument*>& docs) {
    using analysis::iam::Compile;
    using analysis::iam::PolicyKind;
    size_t next = 0;
    auto add = [&](PolicyKind kind) {
      compiled_.push_back(Compile(*docs.at(next++), kind));
      return &compiled_.back();
    };
    for (size_t i = 0; i < c.identity.size(); ++i) set_.identity.push_back(add(PolicyKind::kIdentity));
    if (c.resource_policy) set_.resource = add(c.trust_policy ? PolicyKind::kTrust : PolicyKind::kResource);
    set_.resource_mode = c.explicit_allow_required
                             ? analysis::iam::ResourcePolicyMode::kExplicitAllowRequired
                             : analysis::iam::ResourcePolicyMode::kOrdinary;
    if (c.boundary) set_.boundary = add(PolicyKind::kBoundary);
    if (c.session) set_.session = add(PolicyKind::kSession);
    for (const ContextKey& k : c.context) {
      if (k.multi) {
        context_.SetMulti(k.key, k.values);
      } else {
        context_.Set(k.key, k.values[0]);
      }
    }
    context_.Close();
    switch (c.caller) {
      case Caller::kRoleSession:
        request_.principal.arn = kRoleArn;
        request_.principal.session_arn = kSessionArn;
        break;
      case Caller::kUser: request_.principal.arn = kUserArn; break;
      case Caller::kService: request_.principal.service = c.service_principal; break;
    }
    request_.action = c.action;
    request_.resource = c.resource;
    request_.resource_account = c.resource == "*" ? std::string_view() : std::string_view(c.resource_account);
    request_.context = &context_;
  }

  analysis::iam::testing::PolicyReader reader_;
  std::deque<model::PolicyDocument> docs_;
  std::deque<analysis::iam::CompiledPolicy> compiled_;
  analysis::iam::PolicySet set_;
  analysis::iam::Context context_;
  analysis::iam::Request request_;
};

inline std::string EngineDecision(const Case& c) { return OracleName(EngineCase(c).Evaluate()); }

// ---------------------------------------------------------------------------
// Divergence classes of the oracle (see the top of this file).

enum DivergenceClass : unsigned {
  kVersion2008Variables = 1u << 0,
  kEpochDates = 1u << 1,
  kServiceWildcard = 1u << 2,
};

inline bool IsDateKey(std::string_view key) {
  return key == "aws:CurrentTime" || key == "aws:EpochTime" || key == "aws:TokenIssueTime";
}

inline bool IsDateOperator(std::string_view op) {
  return op.find("Date") != std::string_view::npos;
}

inline bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char ch : s) {
    if (ch < '0' || ch > '9') return false;
  }
  return true;
}

inline bool HasServiceWildcard(std::string_view action) {
  size_t colon = action.find(':');
  if (colon == std::string_view::npos) return false;
  return action.substr(0, colon).find_first_of("*?") != std::string_view::npos;
}

template <class F>
void ForEachPolicy(Case* c, const F& f) {
  for (Policy& p : c->identity) f(p);
  if (c->resource_policy) f(*c->resource_policy);
  if (c->boundary) f(*c->boundary);
  if (c->session) f(*c->session);
}

inline bool PolicyHasVariable(const Policy& p) {
  auto has = [](const std::string& s) { return s.find("${") != std::string::npos; };
  for (const Statement& s : p.statements) {
    for (const std::string& r : s.resources) {
      if (has(r)) return true;
    }
    for (const Condition& cond : s.conditions) {
      for (const std::string& v : cond.values) {
        if (has(v)) return true;
      }
    }
  }
  return false;
}

inline unsigned Classify(const Case& original) {
  Case c = original;  // ForEachPolicy takes a mutable case
  unsigned classes = 0;
  ForEachPolicy(&c, [&](Policy& p) {
    if (p.version != "2012-10-17" && PolicyHasVariable(p)) classes |= kVersion2008Variables;
    for (const Statement& s : p.statements) {
      for (const std::string& a : s.actions) {
        if (HasServiceWildcard(a)) classes |= kServiceWildcard;
      }
      for (const Condition& cond : s.conditions) {
        if (!IsDateOperator(cond.op)) continue;
        for (const std::string& v : cond.values) {
          if (AllDigits(v)) classes |= kEpochDates;
        }
      }
    }
  });
  for (const ContextKey& k : c.context) {
    if (!IsDateKey(k.key)) continue;
    for (const std::string& v : k.values) {
      if (AllDigits(v)) classes |= kEpochDates;
    }
  }
  return classes;
}

inline std::string ClassNames(unsigned classes) {
  std::string out;
  auto add = [&](unsigned bit, const char* name) {
    if ((classes & bit) == 0) return;
    if (!out.empty()) out.append(",");
    out.append(name);
  };
  add(kVersion2008Variables, "version-2008-variables");
  add(kEpochDates, "epoch-second-dates");
  add(kServiceWildcard, "service-segment-wildcard");
  return out.empty() ? "none" : out;
}

// Epoch seconds as "YYYY-MM-DDTHH:MM:SSZ" (proleptic Gregorian, UTC).
inline std::string IsoFromEpochSeconds(int64_t t) {
  int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
  int64_t secs = t - days * 86400;
  // Howard Hinnant's civil_from_days.
  int64_t z = days + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1;
  int64_t m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  // Formatted by hand: snprintf into a fixed buffer trips GCC's
  // -Wformat-truncation at -O2 (it cannot bound the year).
  auto pad = [](int64_t v, size_t width, char sep) {
    std::string digits = std::to_string(v < 0 ? -v : v);
    if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
    if (v < 0) digits.insert(0, 1, '-');
    digits.push_back(sep);
    return digits;
  };
  return pad(y, 4, '-') + pad(m, 2, '-') + pad(d, 2, 'T') + pad(secs / 3600, 2, ':') +
         pad(secs / 60 % 60, 2, ':') + pad(secs % 60, 2, 'Z');
}

// Case-insensitive glob over the whole text: `*` any run, `?` one character.
inline bool GlobIgnoreCase(std::string_view pattern, std::string_view text) {
  auto lower = [](char ch) { return ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch; };
  size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || lower(pattern[p]) == lower(text[t]))) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

// The case the oracle must see so that its answer is AWS's answer on `c`.
inline Case ForOracle(const Case& c) {
  Case out = c;
  ForEachPolicy(&out, [&](Policy& p) {
    if (p.version != "2012-10-17" && PolicyHasVariable(p)) {
      auto escape = [](std::string* s) {
        std::string r;
        for (size_t i = 0; i < s->size(); ++i) {
          if ((*s)[i] == '$' && i + 1 < s->size() && (*s)[i + 1] == '{') {
            r.append("${$}");
          } else {
            r.push_back((*s)[i]);
          }
        }
        *s = std::move(r);
      };
      for (Statement& s : p.statements) {
        for (std::string& r : s.resources) escape(&r);
        for (Condition& cond : s.conditions) {
          for (std::string& v : cond.values) escape(&v);
        }
      }
    }
    p.version = "2012-10-17";  // without variables, the Version changes nothing
    for (Statement& s : p.statements) {
      for (std::string& a : s.actions) {
        if (!HasServiceWildcard(a)) continue;
        a = GlobIgnoreCase(a, c.action) ? c.action : c.action.substr(0, c.action.find(':') + 1) + "NoSuchAction";
      }
      for (Condition& cond : s.conditions) {
        if (!IsDateOperator(cond.op)) continue;
        for (std::string& v : cond.values) {
          if (AllDigits(v)) v = IsoFromEpochSeconds(std::stoll(v));
        }
      }
    }
  });
  for (ContextKey& k : out.context) {
    if (!IsDateKey(k.key)) continue;
    for (std::string& v : k.values) {
      if (AllDigits(v)) v = IsoFromEpochSeconds(std::stoll(v));
    }
  }
  return out;
}

}  // namespace fnwarden::testing::oracle

#endif  // FNWARDEN_TESTS_ORACLE_ORACLE_CASES_H_
