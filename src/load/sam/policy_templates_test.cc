// The embedded SAM policy templates: the catalog, and every template expands
// into statements with its parameters substituted.
#include "load/sam/policy_templates.h"

#include <gtest/gtest.h>

#include <set>

#include "load/sam/sam_test_util.h"

namespace fnwarden::load::sam {
namespace {

TEST(SamPolicyTemplates, CatalogHasEveryTemplate) {
  const std::vector<PolicyTemplateInfo>& all = PolicyTemplateCatalog();
  EXPECT_EQ(all.size(), 81u);
  const PolicyTemplateInfo* crud = FindPolicyTemplate("DynamoDBCrudPolicy");
  ASSERT_NE(crud, nullptr);
  EXPECT_EQ(crud->parameters, std::vector<std::string>{"TableName"});
  const PolicyTemplateInfo* none = FindPolicyTemplate("CloudWatchPutMetricPolicy");
  ASSERT_NE(none, nullptr);
  EXPECT_TRUE(none->parameters.empty());
  EXPECT_EQ(FindPolicyTemplate("NoSuchPolicy"), nullptr);
  for (size_t i = 1; i < all.size(); ++i) EXPECT_LT(all[i - 1].name, all[i].name);
}

// Every template, with each parameter set to a reference to a resource named
// after it, expands without a diagnostic into a policy whose statements
// refer to those resources and keep no unsubstituted parameter.
TEST(SamPolicyTemplates, EveryTemplateExpands) {
  std::string yaml =
      "AWSTemplateFormatVersion: '2010-09-09'\n"
      "Transform: AWS::Serverless-2016-10-31\n"
      "Resources:\n"
      "  Fn:\n"
      "    Type: AWS::Serverless::Function\n"
      "    Properties:\n"
      "      Handler: a.h\n"
      "      Policies:\n";
  std::set<std::string> params;
  for (const PolicyTemplateInfo& t : PolicyTemplateCatalog()) {
    yaml += "        - " + t.name + ":";
    if (t.parameters.empty()) yaml += " {}";
    yaml += "\n";
    for (const std::string& p : t.parameters) {
      yaml += "            " + p + ": !Ref Res" + p + "\n";
      params.insert(p);
    }
  }
  for (const std::string& p : params) yaml += "  Res" + p + ": {Type: AWS::SNS::Topic}\n";
  auto e = testing::Expand(yaml);
  EXPECT_TRUE(e->Diags().empty()) << e->Diags().front();
  const model::Role* role = e->Role("FnRole");
  ASSERT_NE(role, nullptr);
  ASSERT_EQ(role->policies.size(), PolicyTemplateCatalog().size() + 1);
  for (size_t i = 0; i < PolicyTemplateCatalog().size(); ++i) {
    const PolicyTemplateInfo& t = PolicyTemplateCatalog()[i];
    const model::PolicyDocument& doc = role->policies[i + 1];
    EXPECT_EQ(doc.name, t.name);
    EXPECT_EQ(doc.source, model::PolicySource::kPolicyTemplate);
    EXPECT_TRUE(doc.known) << t.name;
    ASSERT_FALSE(doc.statements.empty()) << t.name;
    std::set<std::string> refs;
    for (const model::Statement& s : doc.statements) {
      EXPECT_TRUE(s.known) << t.name;
      EXPECT_FALSE(s.actions.empty()) << t.name;
      for (const model::String& r : s.resources) {
        refs.insert(r.refs.begin(), r.refs.end());
        for (const std::string& p : t.parameters) {
          EXPECT_EQ(r.value.find("${" + p + "}"), std::string::npos) << t.name << " " << r.value;
        }
      }
      for (const model::Condition& c : s.conditions) {
        for (const model::String& v : c.values) refs.insert(v.refs.begin(), v.refs.end());
      }
    }
    for (const std::string& p : t.parameters) {
      EXPECT_EQ(refs.count("Res" + p), 1u) << t.name << " does not use " << p;
    }
  }
}

}  // namespace
}  // namespace fnwarden::load::sam
