// Differential test of fnwarden's IAM engine (src/analysis/iam) against
// @cloud-copilot/iam-simulate, pinned in tests/oracle/package.json and run as
// one node subprocess for the whole batch (tests/oracle/simulate.js; the
// library is AGPL: it is run, never linked or shipped).
//
// 12,000 cases come from a fixed seed (tests/oracle/oracle_generator.h):
// random statements over Action/NotAction, Resource/NotResource,
// Principal/NotPrincipal, every condition operator family with IfExists and
// the set prefixes, present, absent and multi-valued keys, policy variables,
// permissions boundaries, session policies, resource policies, KMS key
// policies and role trust policies. Every context is closed, so the engine
// must decide: Allowed, ExplicitlyDenied or ImplicitlyDenied, exactly as the
// oracle does.
//
// Where the oracle is documented to differ from AWS (policy variables in
// Version 2008-10-17 policies, epoch-second dates, wildcards in an action's
// service prefix) the engine must give AWS's answer instead: the oracle
// answers a rewrite of the case that means the same to AWS and lies outside
// the divergence (oracle_cases.h, ForOracle).
//
// On a disagreement the test shrinks the case (fewer policies, statements,
// entries, conditions and keys, as long as engine and oracle still disagree)
// and prints it as JSON.
//
// Without node or the library the test fails and says to run `make setup`.

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "oracle/oracle_cases.h"
#include "oracle/oracle_generator.h"
#include "oracle/oracle_process.h"

namespace fnwarden::testing::oracle {
namespace {

constexpr uint64_t kSeed = 0x6f7261636c65ULL;  // "oracle"
constexpr uint32_t kCases = 12000;
// How many disagreements to shrink and print; FNWARDEN_ORACLE_SHOW overrides.
constexpr size_t kMaxReported = 5;
constexpr int kMaxShrinkRounds = 40;

std::string OracleDir() { return std::string(FNWARDEN_SOURCE_DIR) + "/tests/oracle"; }

// Every case one step smaller than `c`.
std::vector<Case> Reductions(const Case& c) {
  std::vector<Case> out;
  auto with = [&](auto&& change) {
    Case r = c;
    change(r);
    out.push_back(std::move(r));
  };
  for (size_t i = 0; i < c.identity.size(); ++i) {
    with([&](Case& r) { r.identity.erase(r.identity.begin() + static_cast<long>(i)); });
  }
  // A key or a role always has its policy.
  if (c.resource_policy && !c.explicit_allow_required) with([](Case& r) { r.resource_policy.reset(); });
  if (c.boundary) with([](Case& r) { r.boundary.reset(); });
  if (c.session) with([](Case& r) { r.session.reset(); });

  // Policies by position: identity..., resource, boundary, session.
  auto policy_at = [](Case& r, size_t n) -> Policy* {
    if (n < r.identity.size()) return &r.identity[n];
    n -= r.identity.size();
    Policy* rest[] = {r.resource_policy ? &*r.resource_policy : nullptr, r.boundary ? &*r.boundary : nullptr,
                      r.session ? &*r.session : nullptr};
    return n < 3 ? rest[n] : nullptr;
  };
  Case probe = c;
  for (size_t n = 0; n < probe.identity.size() + 3; ++n) {
    const Policy* p = policy_at(probe, n);
    if (p == nullptr) continue;
    if (p->version != "2012-10-17") with([&](Case& r) { policy_at(r, n)->version = "2012-10-17"; });
    for (size_t s = 0; s < p->statements.size(); ++s) {
      const Statement& st = p->statements[s];
      auto at = [&](Case& r) -> Statement& { return policy_at(r, n)->statements[s]; };
      if (p->statements.size() > 1) {
        with([&](Case& r) {
          auto& list = policy_at(r, n)->statements;
          list.erase(list.begin() + static_cast<long>(s));
        });
      }
      for (size_t k = 0; k < st.conditions.size(); ++k) {
        with([&](Case& r) { at(r).conditions.erase(at(r).conditions.begin() + static_cast<long>(k)); });
        for (size_t v = 0; st.conditions[k].values.size() > 1 && v < st.conditions[k].values.size(); ++v) {
          with([&](Case& r) {
            auto& values = at(r).conditions[k].values;
            values.erase(values.begin() + static_cast<long>(v));
          });
        }
      }
      for (size_t a = 0; st.actions.size() > 1 && a < st.actions.size(); ++a) {
        with([&](Case& r) { at(r).actions.erase(at(r).actions.begin() + static_cast<long>(a)); });
      }
      for (size_t a = 0; st.resources.size() > 1 && a < st.resources.size(); ++a) {
        with([&](Case& r) { at(r).resources.erase(at(r).resources.begin() + static_cast<long>(a)); });
      }
      for (size_t a = 0; st.principals.size() > 1 && a < st.principals.size(); ++a) {
        with([&](Case& r) { at(r).principals.erase(at(r).principals.begin() + static_cast<long>(a)); });
      }
    }
  }
  for (size_t k = 0; k < c.context.size(); ++k) {
    const std::string& key = c.context[k].key;
    // What the request itself says stays.
    if (key == "aws:PrincipalArn" || key == "aws:PrincipalAccount" || key == "aws:ResourceAccount" ||
        key == "aws:PrincipalServiceName") {
      continue;
    }
    with([&](Case& r) { r.context.erase(r.context.begin() + static_cast<long>(k)); });
    for (size_t v = 0; c.context[k].values.size() > 1 && v < c.context[k].values.size(); ++v) {
      with([&](Case& r) {
        auto& values = r.context[k].values;
        values.erase(values.begin() + static_cast<long>(v));
      });
    }
  }
  return out;
}

struct Shrunk {
  Case c;
  std::string engine, oracle;
};

// The smallest case reachable from `c` by Reductions() on which engine and
// oracle still disagree (one oracle run per round).
Shrunk Shrink(const Case& c, const std::string& engine, const std::string& oracle) {
  Shrunk best{c, engine, oracle};
  for (int round = 0; round < kMaxShrinkRounds; ++round) {
    std::vector<Case> candidates = Reductions(best.c);
    if (candidates.empty()) break;
    std::vector<std::string> lines;
    for (const Case& r : candidates) lines.push_back(SimulationLine(ForOracle(r)));
    OracleRun run = RunOracle(OracleDir(), lines);
    if (!run.ok) break;
    bool smaller = false;
    for (size_t i = 0; i < candidates.size(); ++i) {
      const std::string& o = run.decisions[i];
      if (o.rfind("error:", 0) == 0) continue;
      std::string e = EngineDecision(candidates[i]);
      if (e != o) {
        best = Shrunk{candidates[i], e, o};
        smaller = true;
        break;
      }
    }
    if (!smaller) break;
  }
  return best;
}

TEST(IamOracleTest, EngineAgreesWithIamSimulateOnGeneratedCases) {
  std::string missing = CheckOracle(OracleDir());
  ASSERT_EQ(missing, "") << "the IAM oracle is not available: " << missing;

  Generator gen(kSeed);
  std::vector<Case> cases;
  cases.reserve(kCases);
  for (uint32_t i = 0; i < kCases; ++i) cases.push_back(gen.Next(i));

  // One batch: every case as the oracle must see it, then the cases of the
  // divergence classes unchanged (to count how often the oracle's own
  // reading would differ from AWS's).
  std::vector<std::string> lines;
  std::vector<unsigned> classes(cases.size());
  std::vector<size_t> raw;  // indexes of cases sent a second time, unchanged
  for (size_t i = 0; i < cases.size(); ++i) {
    classes[i] = Classify(cases[i]);
    lines.push_back(SimulationLine(ForOracle(cases[i])));
  }
  for (size_t i = 0; i < cases.size(); ++i) {
    if (classes[i] != 0) {
      raw.push_back(i);
      lines.push_back(SimulationLine(cases[i]));
    }
  }
  OracleRun run = RunOracle(OracleDir(), lines);
  ASSERT_TRUE(run.ok) << run.error;

  std::map<std::string, int> outcomes;
  std::map<unsigned, int> per_class, per_class_disagree;
  int agree = 0, refused = 0;
  std::vector<size_t> disagreements;
  std::vector<std::string> engine(cases.size());
  for (size_t i = 0; i < cases.size(); ++i) {
    const std::string& o = run.decisions[i];
    engine[i] = EngineDecision(cases[i]);
    for (unsigned bit : {kVersion2008Variables, kEpochDates, kServiceWildcard}) {
      if (classes[i] & bit) ++per_class[bit];
    }
    if (o.rfind("error:", 0) == 0) {
      ++refused;
      if (refused <= 3) {
        ADD_FAILURE() << "the oracle refused generated case " << cases[i].id << " (a generator bug): " << o
                      << "\n" << CaseJson(ForOracle(cases[i]));
      }
      continue;
    }
    ++outcomes[o];
    if (engine[i] == o) {
      ++agree;
    } else {
      disagreements.push_back(i);
      for (unsigned bit : {kVersion2008Variables, kEpochDates, kServiceWildcard}) {
        if (classes[i] & bit) ++per_class_disagree[bit];
      }
    }
  }
  int oracle_differs_from_aws = 0;
  for (size_t k = 0; k < raw.size(); ++k) {
    const std::string& as_written = run.decisions[cases.size() + k];
    if (as_written != run.decisions[raw[k]]) ++oracle_differs_from_aws;
  }

  std::printf("[ oracle   ] %u cases (seed %#llx): %d agree, %zu disagree, %d refused by the oracle\n", kCases,
              static_cast<unsigned long long>(kSeed), agree, disagreements.size(), refused);
  std::printf("[ oracle   ] outcomes: %d Allowed, %d ExplicitlyDenied, %d ImplicitlyDenied\n",
              outcomes["Allowed"], outcomes["ExplicitlyDenied"], outcomes["ImplicitlyDenied"]);
  std::printf("[ oracle   ] divergence classes, AWS's behaviour asserted: %d version-2008-variables, "
              "%d epoch-second-dates, %d service-segment-wildcard; the oracle's own reading differs "
              "from AWS's on %d of those %zu cases\n",
              per_class[kVersion2008Variables], per_class[kEpochDates], per_class[kServiceWildcard],
              oracle_differs_from_aws, raw.size());
  std::printf("[ oracle   ] oracle: %.0f ms inside the library, %.0f ms with node start-up\n", run.library_ms,
              run.wall_ms);

  EXPECT_EQ(refused, 0);
  EXPECT_TRUE(disagreements.empty())
      << disagreements.size() << " of " << kCases << " cases disagree (" << per_class_disagree[kVersion2008Variables]
      << " version-2008-variables, " << per_class_disagree[kEpochDates] << " epoch-second-dates, "
      << per_class_disagree[kServiceWildcard] << " service-segment-wildcard); the first ones, shrunk, follow";
  size_t show = kMaxReported;
  if (const char* env = std::getenv("FNWARDEN_ORACLE_SHOW")) show = std::strtoul(env, nullptr, 10);
  for (size_t n = 0; n < disagreements.size() && n < show; ++n) {
    size_t i = disagreements[n];
    Shrunk s = Shrink(cases[i], engine[i], run.decisions[i]);
    ADD_FAILURE() << "case " << cases[i].id << " (divergence classes: " << ClassNames(Classify(s.c))
                  << "): fnwarden says " << s.engine << ", AWS's behaviour (iam-simulate"
                  << (Classify(s.c) != 0 ? " on the rewritten case" : "") << ") is " << s.oracle
                  << "\nshrunk case: " << CaseJson(s.c)
                  << (Classify(s.c) != 0 ? "\nas given to the oracle: " + CaseJson(ForOracle(s.c)) : "");
  }

  // The generator must exercise every outcome and every divergence class, or
  // agreement means little.
  for (const char* d : {"Allowed", "ExplicitlyDenied", "ImplicitlyDenied"}) {
    EXPECT_GE(outcomes[d], static_cast<int>(kCases / 10)) << "too few " << d << " cases";
  }
  for (unsigned bit : {kVersion2008Variables, kEpochDates, kServiceWildcard}) {
    EXPECT_GE(per_class[bit], 50) << "too few cases of divergence class " << ClassNames(bit);
  }
}

// The rewrites that turn a divergence-class case into what AWS means.
TEST(IamOracleTest, RewritesDivergenceClassesToAwsMeaning) {
  EXPECT_EQ(IsoFromEpochSeconds(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(IsoFromEpochSeconds(1704067200), "2024-01-01T00:00:00Z");
  EXPECT_EQ(IsoFromEpochSeconds(1719748800), "2024-06-30T12:00:00Z");
  EXPECT_TRUE(GlobIgnoreCase("s*:get*", "s3:GetObject"));
  EXPECT_TRUE(GlobIgnoreCase("*:GetObject", "s3:GetObject"));
  EXPECT_FALSE(GlobIgnoreCase("s?:Put*", "s3:GetObject"));

  Case c;
  c.action = "s3:GetObject";
  c.resource = "arn:aws:s3:::orders-bucket/blue/receipt.pdf";
  c.resource_account = kAccount;
  Statement s;
  s.actions = {"s*:GetObject", "*:Put*", "s3:Get*"};
  s.resources = {"arn:aws:s3:::orders-bucket/${aws:username}/*"};
  s.conditions = {{"DateGreaterThan", "aws:EpochTime", {"1704067200"}}};
  c.identity.push_back(Policy{"2008-10-17", {s}});
  c.context = {{"aws:EpochTime", {"1719748800"}, false}};
  EXPECT_EQ(Classify(c), kVersion2008Variables | kEpochDates | kServiceWildcard);

  Case o = ForOracle(c);
  EXPECT_EQ(Classify(o), 0u);
  const Statement& r = o.identity[0].statements[0];
  EXPECT_EQ(o.identity[0].version, "2012-10-17");
  EXPECT_EQ(r.actions, (std::vector<std::string>{"s3:GetObject", "s3:NoSuchAction", "s3:Get*"}));
  EXPECT_EQ(r.resources[0], "arn:aws:s3:::orders-bucket/${$}{aws:username}/*");
  EXPECT_EQ(r.conditions[0].values[0], "2024-01-01T00:00:00Z");
  EXPECT_EQ(o.context[0].values[0], "2024-06-30T12:00:00Z");
}

}  // namespace
}  // namespace fnwarden::testing::oracle
