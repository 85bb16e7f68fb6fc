#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "load/cfn/resources_test_util.h"
#include "load/cfn/template.h"
#include "load/link.h"

namespace fnwarden::load::cfn {
namespace {

using testing::DumpIds;

model::String Ref(std::string id, std::string display) {
  model::String v = model::String::Unknown({});
  v.value = std::move(display);
  v.refs.push_back(std::move(id));
  return v;
}

model::String Lit(std::string text) { return model::String::Literal(std::move(text), {}); }

// What Link computes, one line per fact.
std::vector<std::string> DumpLinks(const model::Model& m) {
  std::vector<std::string> out;
  for (const model::Function& f : m.functions) out.push_back("fn " + f.id + " role=" + f.role_id);
  for (const model::Role& r : m.roles) out.push_back("role " + r.id + " " + DumpIds(r.functions));
  for (const model::StateMachine& s : m.state_machines) {
    out.push_back("sm " + s.id + " role=" + s.role_id);
  }
  for (const model::Permission& p : m.permissions) {
    out.push_back("perm " + p.id + " fn=" + p.function_id);
  }
  for (const model::Trigger& t : m.triggers) out.push_back("trigger " + t.name + " " + t.source_id);
  for (const model::Api& a : m.apis) {
    for (const model::Stage& s : a.stages) {
      out.push_back("stage " + a.id + "/" + s.id + " " + DumpIds(s.web_acls));
    }
  }
  return out;
}

// A model as the SAM expansion fills it: structs only, no template.
model::Model SamLikeModel() {
  model::Model m;
  model::Function a;
  a.id = "OrdersFunction";
  a.role = Ref("OrdersFunctionRole", "${OrdersFunctionRole.Arn}");
  a.function_name = Lit("orders");
  m.functions.push_back(a);
  model::Function b;
  b.id = "ReportsFunction";
  b.role = Lit("arn:aws:iam::123456789012:role/service-role/shared-role");
  m.functions.push_back(b);
  model::Function c;
  c.id = "PresetFunction";
  c.role_id = "SharedRole";  // a loader may resolve it itself
  m.functions.push_back(c);
  model::Function d;
  d.id = "ExternalFunction";
  d.role = Lit("arn:aws:iam::123456789012:role/elsewhere");
  m.functions.push_back(d);

  model::Role generated;
  generated.id = "OrdersFunctionRole";
  generated.generated_from = "OrdersFunction";
  m.roles.push_back(generated);
  model::Role shared;
  shared.id = "SharedRole";
  shared.role_name = Lit("shared-role");
  m.roles.push_back(shared);

  model::StateMachine sm;
  sm.id = "Flow";
  sm.role = Lit("arn:aws:iam::123456789012:role/shared-role");
  m.state_machines.push_back(sm);

  model::Permission by_ref;
  by_ref.id = "OrdersFunctionApiPermission";
  by_ref.function = Ref("OrdersFunction", "${OrdersFunction}");
  m.permissions.push_back(by_ref);
  model::Permission by_arn;
  by_arn.id = "ByArn";
  by_arn.function = Lit("arn:aws:lambda:eu-west-1:123456789012:function:orders");
  m.permissions.push_back(by_arn);
  model::Permission alias;
  alias.id = "AliasPermission";
  alias.function = Ref("OrdersFunction.Alias", "${OrdersFunction.Alias}");
  m.permissions.push_back(alias);
  model::Permission generated_alias;
  generated_alias.id = "GeneratedAliasPermission";
  generated_alias.function = Ref("OrdersFunctionAliaslive", "${OrdersFunctionAliaslive}");
  m.permissions.push_back(generated_alias);
  model::Permission foreign;
  foreign.id = "Foreign";
  foreign.function = Lit("arn:aws:lambda:eu-west-1:123456789012:function:other");
  m.permissions.push_back(foreign);

  model::Queue queue;
  queue.id = "Jobs";
  m.queues.push_back(queue);
  model::Trigger sqs;
  sqs.name = "JobsEvent";
  sqs.function_id = "OrdersFunction";
  sqs.source = Ref("Jobs", "${Jobs.Arn}");
  m.triggers.push_back(sqs);
  model::Trigger external;
  external.name = "StreamEvent";
  external.source = Lit("arn:aws:kinesis:eu-west-1:123456789012:stream/s");
  m.triggers.push_back(external);

  model::Api api;
  api.id = "ServerlessRestApi";
  api.from_events = true;
  model::Stage implicit_stage;
  implicit_stage.id = "ServerlessRestApi";
  implicit_stage.stage_name = Lit("Prod");
  api.stages.push_back(implicit_stage);
  m.apis.push_back(api);
  model::Api other;
  other.id = "AdminApi";
  model::Stage dev, prod;
  dev.id = "AdminDev";
  dev.stage_name = Lit("dev");
  prod.id = "AdminProd";
  prod.stage_name = Lit("prod");
  other.stages = {dev, prod};
  m.apis.push_back(other);

  model::WebAcl acl;
  acl.id = "Waf";
  acl.associated_resources.push_back(
      Ref("ServerlessRestApi",
          "arn:aws:apigateway:${AWS::Region}::/restapis/${ServerlessRestApi}/stages/Prod"));
  model::String prod_by_ref = Ref(
      "AdminApi", "arn:aws:apigateway:${AWS::Region}::/restapis/${AdminApi}/stages/${AdminProd}");
  prod_by_ref.refs.push_back("AdminProd");
  acl.associated_resources.push_back(prod_by_ref);
  m.web_acls.push_back(acl);
  return m;
}

const std::vector<std::string> kSamLikeLinks = {
    "fn OrdersFunction role=OrdersFunctionRole",
    "fn ReportsFunction role=SharedRole",
    "fn PresetFunction role=SharedRole",
    "fn ExternalFunction role=",
    "role OrdersFunctionRole [OrdersFunction]",
    "role SharedRole [ReportsFunction PresetFunction]",
    "sm Flow role=SharedRole",
    "perm OrdersFunctionApiPermission fn=OrdersFunction",
    "perm ByArn fn=OrdersFunction",
    "perm AliasPermission fn=OrdersFunction",
    "perm GeneratedAliasPermission fn=OrdersFunction",
    "perm Foreign fn=",
    "trigger JobsEvent Jobs",
    "trigger StreamEvent ",
    "stage ServerlessRestApi/ServerlessRestApi [Waf]",
    "stage AdminApi/AdminDev []",
    "stage AdminApi/AdminProd [Waf]",
};

TEST(LinkTest, ResolvesReferencesOfModelsBuiltWithoutATemplate) {
  model::Model m = SamLikeModel();
  Link(&m);
  EXPECT_EQ(DumpLinks(m), kSamLikeLinks);
}

TEST(LinkTest, IsIdempotent) {
  model::Model m = SamLikeModel();
  Link(&m);
  Link(&m);
  EXPECT_EQ(DumpLinks(m), kSamLikeLinks);
}

TEST(LinkTest, AssociationWithoutAStageNameCoversEveryStage) {
  model::Model m = SamLikeModel();
  m.web_acls[0].associated_resources = {Ref("AdminApi", "${AdminApi}")};
  Link(&m);
  std::vector<std::string> stages;
  for (const std::string& line : DumpLinks(m)) {
    if (line.starts_with("stage ")) stages.push_back(line);
  }
  EXPECT_EQ(stages, (std::vector<std::string>{
                        "stage ServerlessRestApi/ServerlessRestApi []",
                        "stage AdminApi/AdminDev [Waf]",
                        "stage AdminApi/AdminProd [Waf]",
                    }));
}

TEST(LinkTest, TemplateModelsStayTheSameWhenLinkedAgain) {
  auto b = testing::Build(R"(Resources:
  Role: {Type: AWS::IAM::Role, Properties: {AssumeRolePolicyDocument: {Statement: []}}}
  Fn:
    Type: AWS::Lambda::Function
    Properties: {Role: !GetAtt Role.Arn, Code: {ZipFile: x}}
  Perm:
    Type: AWS::Lambda::Permission
    Properties: {FunctionName: !Ref Fn, Action: lambda:InvokeFunction, Principal: "*"}
)");
  std::vector<std::string> once = DumpLinks(b->model);
  EXPECT_EQ(once,
            (std::vector<std::string>{"fn Fn role=Role", "role Role [Fn]", "perm Perm fn=Fn"}));
  Link(&b->model);
  EXPECT_EQ(DumpLinks(b->model), once);
}

}  // namespace
}  // namespace fnwarden::load::cfn
