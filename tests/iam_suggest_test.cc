// `fnwarden iam suggest`: the policy suggested for each function of the
// example applications is evaluated by the IAM engine, which must allow
// every call the code makes and nothing else.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "analysis/iam/catalog.h"
#include "analysis/iam/effective.h"
#include "analysis/iam/evaluate.h"
#include "analysis/iam/policy.h"
#include "analysis/suggest.h"
#include "load/project.h"
#include "test_util.h"
#include "util/fs.h"
#include "util/strings.h"

namespace fnwarden {
namespace {

namespace iam = analysis::iam;
using testing::CommandResult;
using testing::RunFnwarden;
using testing::SourceDir;

// The ARNs a call's request names under the engine's assumed deployment:
// the resource the code names, "/*" for the objects of a bucket, the index
// of a table; "*" when the code does not name one of the application's.
std::vector<std::string> RequestResources(const model::CodeCall& call, std::string_view action,
                                          const model::Model& m, const iam::Resolver& resolver) {
  const iam::Catalog& catalog = iam::Catalog::Get();
  std::optional<iam::ActionInfo> info = catalog.FindAction(action);
  const model::Resource* named = analysis::CallResource(call, m);
  std::string arn = named != nullptr ? resolver.ArnOf(named->id) : "";
  if (arn.empty() || !info || info->wildcard_only) return {"*"};
  for (const iam::ResourceTypeInfo& t : catalog.ResourceTypes(info->id)) {
    if (call.service == "s3" && t.name == "object") return {arn + "/some/key.txt"};
  }
  if (!call.index.empty()) return {arn + "/index/" + (call.index == "*" ? "any" : call.index)};
  return {arn};
}

iam::Decision Evaluate(const iam::PolicySet& set, std::string_view action,
                       std::string_view resource) {
  iam::Request req;
  req.principal.arn = "arn:aws:iam::123456789012:role/suggested";
  req.action = action;
  req.resource = resource;
  return iam::Evaluate(req, set).decision;
}

TEST(IamSuggest, EngineAllowsEveryCallOfTheExamplesAndNothingElse) {
  const iam::Catalog& catalog = iam::Catalog::Get();
  ASSERT_TRUE(catalog.loaded());
  size_t functions = 0, calls = 0;
  for (const char* example :
       {"hardened-orders", "insecure-orders", "serverless-orders", "terraform-orders"}) {
    SCOPED_TRACE(example);
    util::DiskFileSystem disk;
    util::DiagnosticSink diags;
    load::LoadOptions options;
    load::LoadResult loaded;
    load::LoadProjects(disk, {SourceDir() + "/examples/" + example}, options, &diags, &loaded);
    for (const model::Model& m : loaded.models) {
      iam::Resolver resolver(m);
      for (const model::Function& fn : m.functions) {
        if (!fn.code.analysed) continue;
        SCOPED_TRACE(fn.id);
        analysis::Suggestion s = analysis::SuggestPolicy(fn, m, /*with_platform=*/false);
        model::PolicyDocument resolved = resolver.Resolve(s.policy);
        iam::CompiledPolicy compiled = iam::Compile(resolved, iam::PolicyKind::kIdentity);
        iam::PolicySet set;
        set.identity = {&compiled};
        ++functions;
        // Every call is allowed.
        std::set<std::string> needed;
        for (const model::CodeCall& call : fn.code.calls) {
          for (const std::string& action : call.actions) {
            if (!catalog.FindAction(action)) continue;
            needed.insert(util::ToLower(action));
            for (const std::string& r : RequestResources(call, action, m, resolver)) {
              ++calls;
              EXPECT_EQ(Evaluate(set, action, r), iam::Decision::kAllowed)
                  << action << " on " << r << " (" << call.loc.path() << ":" << call.loc.line
                  << ")";
            }
          }
        }
        // Nothing else: no other action on any resource the policy names.
        std::vector<std::string> resources{"*"};
        for (const model::Statement& st : resolved.statements) {
          for (const model::String& r : st.resources) {
            if (r.known()) resources.push_back(r.value);
          }
        }
        for (uint32_t id = 0; id < catalog.action_count(); ++id) {
          iam::ActionInfo a = catalog.action(id);
          if (needed.count(util::ToLower(a.name)) != 0) continue;
          for (const std::string& r : resources) {
            ASSERT_NE(Evaluate(set, a.name, r), iam::Decision::kAllowed)
                << a.name << " on " << r << " is allowed but no call needs it";
          }
        }
      }
    }
  }
  // The examples' handlers are read: the check is not vacuous.
  EXPECT_GE(functions, 8u);
  EXPECT_GE(calls, 10u);
}

TEST(IamSuggest, CommandWritesEachFrameworksSnippet) {
  CommandResult sam = RunFnwarden(
      {"iam", "suggest", "OrdersApiFunction", SourceDir() + "/examples/hardened-orders"});
  EXPECT_EQ(sam.exit_code, 0) << sam.err;
  EXPECT_NE(sam.out.find("OrdersApiFunction:\n  Type: AWS::Serverless::Function"),
            std::string::npos)
      << sam.out;
  EXPECT_NE(sam.out.find("- dynamodb:Query"), std::string::npos) << sam.out;
  EXPECT_NE(sam.out.find("!Sub \"${OrdersTable.Arn}/index/byCustomer\""), std::string::npos)
      << sam.out;

  CommandResult tf = RunFnwarden({"iam", "suggest", SourceDir() + "/examples/terraform-orders"});
  EXPECT_EQ(tf.exit_code, 0) << tf.err;
  EXPECT_NE(tf.out.find("data \"aws_iam_policy_document\""), std::string::npos) << tf.out;

  CommandResult json = RunFnwarden(
      {"iam", "suggest", SourceDir() + "/examples/serverless-orders", "--format", "json"});
  EXPECT_EQ(json.exit_code, 0) << json.err;
  EXPECT_TRUE(json.out.starts_with("[")) << json.out;
  EXPECT_NE(json.out.find("\"Version\": \"2012-10-17\""), std::string::npos) << json.out;

  CommandResult unknown = RunFnwarden(
      {"iam", "suggest", "OrdersApiFunctoin", SourceDir() + "/examples/hardened-orders"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("did you mean OrdersApiFunction"), std::string::npos) << unknown.err;
}

}  // namespace
}  // namespace fnwarden
