// Table helpers for evaluation tests: policies as JSON, requests as rows.
// Header-only: used by the *_test.cc files only.
#ifndef FNWARDEN_ANALYSIS_IAM_EVAL_TEST_UTIL_H_
#define FNWARDEN_ANALYSIS_IAM_EVAL_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "analysis/iam/evaluate.h"
#include "analysis/iam/iam_test_util.h"

namespace fnwarden::analysis::iam::testing {


constexpr const char* kRole = "arn:aws:iam::111122223333:role/fn";
constexpr const char* kSession = "arn:aws:sts::111122223333:assumed-role/fn/s1";

// A request in a table row. The context is closed (every key not listed is
// absent) unless `open`.
struct Req {
  std::string action;
  std::string resource;
  std::vector<std::pair<std::string, std::string>> keys = {};
  std::vector<std::pair<std::string, std::vector<std::string>>> multi = {};
  std::vector<std::string> unknown = {};
  bool open = false;
  std::string principal = kRole;
  std::string service = "";
  std::string resource_account = "";
};

struct Policies {
  std::vector<std::string> identity;
  std::string resource = "";
  ResourcePolicyMode mode = ResourcePolicyMode::kOrdinary;
  std::string boundary = "";
  std::string session = "";
  bool boundary_unknown = false;
};

struct Evaluation {
  Result result;
  std::vector<std::string> sids;  // of result.statements
};

inline Evaluation EvaluateCase(const Policies& in, const Req& r) {
  PolicyReader reader;
  std::vector<model::PolicyDocument> docs;
  docs.reserve(8);
  std::vector<CompiledPolicy> compiled;
  compiled.reserve(8);
  auto add = [&](const std::string& json, PolicyKind kind) -> const CompiledPolicy* {
    docs.push_back(reader.Read(json));
    compiled.push_back(Compile(docs.back(), kind));
    return &compiled.back();
  };
  PolicySet set;
  for (const std::string& p : in.identity) set.identity.push_back(add(p, PolicyKind::kIdentity));
  if (!in.resource.empty()) {
    set.resource = add(in.resource, in.mode == ResourcePolicyMode::kOrdinary ? PolicyKind::kResource
                                                                            : PolicyKind::kTrust);
  }
  set.resource_mode = in.mode;
  if (!in.boundary.empty()) set.boundary = add(in.boundary, PolicyKind::kBoundary);
  set.boundary_unknown = in.boundary_unknown;
  if (!in.session.empty()) set.session = add(in.session, PolicyKind::kSession);

  Context ctx;
  for (const auto& [k, v] : r.keys) ctx.Set(k, v);
  for (const auto& [k, v] : r.multi) ctx.SetMulti(k, v);
  for (const std::string& k : r.unknown) ctx.SetUnknown(k);
  if (!r.open) ctx.Close();
  Request req;
  req.action = r.action;
  req.resource = r.resource;
  req.resource_account = r.resource_account;
  if (r.service.empty()) {
    req.principal.arn = r.principal;
    if (r.principal == kRole) req.principal.session_arn = kSession;
  } else {
    req.principal.service = r.service;
  }
  req.context = &ctx;
  Evaluation out;
  out.result = Evaluate(req, set);
  for (const StatementRef& s : out.result.statements) {
    out.sids.push_back(s.statement().source->sid.value);
  }
  return out;
}

inline Decision Decide(const std::string& identity, const Req& r) {
  return EvaluateCase(Policies{{identity}}, r).result.decision;
}

inline std::string Allow(const std::string& actions, const std::string& resources,
                  const std::string& extra = "") {
  return R"({"Version":"2012-10-17","Statement":{"Sid":"A","Effect":"Allow","Action":)" + actions +
         R"(,"Resource":)" + resources + (extra.empty() ? "" : "," + extra) + "}}";
}

constexpr Decision kAllowed = Decision::kAllowed;
constexpr Decision kImplicit = Decision::kImplicitlyDenied;
constexpr Decision kExplicit = Decision::kExplicitlyDenied;
constexpr Decision kConditional = Decision::kConditional;

struct Row {
  const char* name;
  std::string policy;
  Req request;
  Decision want;
};

inline void RunRows(const std::vector<Row>& rows) {
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    EXPECT_EQ(std::string(DecisionName(Decide(row.policy, row.request))), std::string(DecisionName(row.want)));
  }
}

}  // namespace fnwarden::analysis::iam::testing

#endif  // FNWARDEN_ANALYSIS_IAM_EVAL_TEST_UTIL_H_
