#include "analysis/store_query.h"

#include <gtest/gtest.h>

namespace fnwarden::analysis {
namespace {

using model::Bool;
using model::String;

util::Loc At(uint32_t line) {
  static const util::SourceFile file("template.yaml", std::string(200, '\n'));
  return util::Loc{&file, line, 1};
}

model::Statement DenyWithCondition(std::string key) {
  model::Statement s;
  s.effect = model::Value<model::Effect>::Literal(model::Effect::kDeny, At(1));
  model::Condition c;
  c.op = "Bool";
  c.key = std::move(key);
  c.values.push_back(String::Literal("false", At(2)));
  s.conditions.push_back(c);
  return s;
}

TEST(AbsentOrNeverTest, AbsentKnownUnknownAndAlternatives) {
  Bool absent;
  EXPECT_TRUE(NotTrue(absent));
  EXPECT_TRUE(NotTrue(Bool::Literal(false, At(3))));
  EXPECT_FALSE(NotTrue(Bool::Literal(true, At(3))));
  EXPECT_FALSE(NotTrue(Bool::Unknown(At(3))));
  Bool undecided = Bool::Unknown(At(3));
  undecided.alternatives = {false, false};
  EXPECT_TRUE(NotTrue(undecided));
  undecided.alternatives = {false, true};
  EXPECT_FALSE(NotTrue(undecided));
}

TEST(WrittenAtTest, PointsAtWrittenValuesOnly) {
  EXPECT_TRUE(WrittenAt(String::Literal("x", At(4))).known());
  EXPECT_FALSE(WrittenAt(String::Default("x", At(4))).known());
  String absent;
  absent.loc = At(4);
  EXPECT_FALSE(WrittenAt(absent).known());
}

TEST(DeniesInsecureTransportTest, FindsTheDenyStatement) {
  model::PolicyDocument doc;
  EXPECT_EQ(DeniesInsecureTransport({}), Answer::kNo);
  doc.statements.push_back(DenyWithCondition("aws:SourceIp"));
  EXPECT_EQ(DeniesInsecureTransport({doc}), Answer::kNo);
  doc.statements.push_back(DenyWithCondition("AWS:SecureTransport"));
  EXPECT_EQ(DeniesInsecureTransport({doc}), Answer::kYes);
}

TEST(DeniesInsecureTransportTest, AllowWithTheConditionDoesNotCount) {
  model::PolicyDocument doc;
  model::Statement s = DenyWithCondition("aws:SecureTransport");
  s.effect = model::Value<model::Effect>::Literal(model::Effect::kAllow, At(1));
  doc.statements.push_back(s);
  EXPECT_EQ(DeniesInsecureTransport({doc}), Answer::kNo);
}

TEST(DeniesInsecureTransportTest, UnresolvedDocumentIsUnknown) {
  model::PolicyDocument doc;
  doc.known = false;
  EXPECT_EQ(DeniesInsecureTransport({doc}), Answer::kUnknown);
  model::PolicyDocument partial;
  model::Statement s;
  s.known = false;
  partial.statements.push_back(s);
  EXPECT_EQ(DeniesInsecureTransport({partial}), Answer::kUnknown);
}

model::Function Fn(std::string id, String name = {}) {
  model::Function f;
  f.id = std::move(id);
  f.loc = At(10);
  f.function_name = std::move(name);
  return f;
}

model::LogGroup Group(std::string id, String name, model::Int retention = {}) {
  model::LogGroup g;
  g.id = std::move(id);
  g.loc = At(20);
  g.log_group_name = std::move(name);
  g.retention_days = retention;
  return g;
}

TEST(StorePolicyTest, TargetsAsWrittenAndTheStoresTheyMayBe) {
  model::StorePolicy p;
  p.id = "SharedLogsPolicy";
  p.targets = {String::Literal("shared-logs", At(3))};
  EXPECT_EQ(StorePolicyTarget(p), "bucket shared-logs");
  p.may_be = {"Logs", "Archive", "Exports"};
  EXPECT_EQ(StorePolicyTarget(p), "bucket shared-logs (perhaps Logs, Archive or Exports)");

  model::StorePolicy q;
  q.store_kind = model::StoreKind::kQueue;
  String from_parameter = String::Unknown(At(4));
  from_parameter.value = "${InboxUrl}";  // the display form of an unknown value
  q.targets = {String::Literal("https://sqs.us-east-1.amazonaws.com/1/a", At(4)), from_parameter,
               String::Unknown(At(5))};
  EXPECT_EQ(StorePolicyTarget(q),
            "queues https://sqs.us-east-1.amazonaws.com/1/a, ${InboxUrl} and one named at "
            "deployment");

  model::Model m;
  m.store_policies = {p, q};
  EXPECT_TRUE(MayHaveStorePolicy(m, "Archive"));
  EXPECT_FALSE(MayHaveStorePolicy(m, "Site"));
}

TEST(ClassifyLogGroupTest, ImpliedWhenNothingMatches) {
  model::Model m;
  m.functions.push_back(Fn("Orders", String::Literal("orders", At(11))));
  m.log_groups.push_back(Group("Other", String::Literal("/aws/lambda/other", At(21))));
  Facts facts(m);
  EXPECT_EQ(ClassifyLogGroup(facts, facts.functions()[0]), ImpliedLogGroup::kImplied);
  EXPECT_EQ(ImpliedLogGroupName(m.functions[0]), "/aws/lambda/orders");
}

TEST(ClassifyLogGroupTest, DeclaredByName) {
  model::Model m;
  m.functions.push_back(Fn("Orders", String::Literal("orders", At(11))));
  m.log_groups.push_back(Group("OrdersLogs", String::Literal("/aws/lambda/orders", At(21))));
  Facts facts(m);
  EXPECT_EQ(ClassifyLogGroup(facts, facts.functions()[0]), ImpliedLogGroup::kDeclared);
  auto groups = FunctionLogGroups(facts);
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].group->id, "OrdersLogs");
  ASSERT_EQ(groups[0].functions.size(), 1u);
  EXPECT_EQ(groups[0].functions[0]->id, "Orders");
}

TEST(ClassifyLogGroupTest, UnreadableNameMayBeTheFunctions) {
  model::Model m;
  m.functions.push_back(Fn("Orders"));
  m.functions.push_back(Fn("Billing"));
  String unknown = String::Unknown(At(21));
  unknown.refs = {"Billing"};
  m.log_groups.push_back(Group("BillingLogs", unknown));
  Facts facts(m);
  // Built from Billing's name: Billing's, not Orders'.
  EXPECT_EQ(ClassifyLogGroup(facts, facts.functions()[0]), ImpliedLogGroup::kImplied);
  EXPECT_EQ(ClassifyLogGroup(facts, facts.functions()[1]), ImpliedLogGroup::kDeclared);

  m.log_groups.push_back(Group("Mystery", String::Unknown(At(22))));
  Facts facts2(m);
  EXPECT_EQ(ClassifyLogGroup(facts2, facts2.functions()[0]), ImpliedLogGroup::kMaybeDeclared);
}

TEST(ClassifyLogGroupTest, UnnamedGroupIsNoFunctionsGroup) {
  model::Model m;
  m.functions.push_back(Fn("Orders"));
  m.log_groups.push_back(Group("AccessLogs", String()));  // no LogGroupName
  Facts facts(m);
  EXPECT_EQ(ClassifyLogGroup(facts, facts.functions()[0]), ImpliedLogGroup::kImplied);
}

TEST(ClassifyLogGroupTest, UnknownFunctionNameAndLiteralGroup) {
  model::Model m;
  m.functions.push_back(Fn("Orders", String::Unknown(At(11))));
  m.log_groups.push_back(Group("Logs", String::Literal("/aws/lambda/orders-prod", At(21))));
  Facts facts(m);
  EXPECT_EQ(ClassifyLogGroup(facts, facts.functions()[0]), ImpliedLogGroup::kMaybeDeclared);
  EXPECT_EQ(ImpliedLogGroupName(m.functions[0]), "/aws/lambda/<generated name of Orders>");
}

TEST(ClassifyLogGroupTest, ExternalLoggingConfig) {
  model::Model m;
  model::Function f = Fn("Orders");
  f.log_group = String::Literal("/shared/app-logs", At(12));
  m.functions.push_back(f);
  Facts facts(m);
  EXPECT_EQ(ClassifyLogGroup(facts, facts.functions()[0]), ImpliedLogGroup::kExternal);
}

model::Alarm ErrorsAlarm(std::vector<std::string> function_ids, bool with_action) {
  model::Alarm a;
  a.id = "ErrorsAlarm";
  a.metric_name = String::Literal("Errors", At(30));
  a.namespace_ = String::Literal("AWS/Lambda", At(31));
  a.function_ids = std::move(function_ids);
  if (with_action) a.alarm_actions.push_back(String::Unknown(At(32)));
  return a;
}

TEST(HasAlarmWithActionsTest, MatchesFunctionMetricAndActions) {
  model::Model m;
  m.alarms.push_back(ErrorsAlarm({"Billing"}, true));
  EXPECT_FALSE(HasAlarmWithActions(m, "Orders", {"Errors"}));
  m.alarms.push_back(ErrorsAlarm({"Orders"}, false));
  EXPECT_FALSE(HasAlarmWithActions(m, "Orders", {"Errors"}));
  m.alarms.push_back(ErrorsAlarm({"Orders"}, true));
  EXPECT_TRUE(HasAlarmWithActions(m, "Orders", {"Errors"}));
  EXPECT_FALSE(HasAlarmWithActions(m, "Orders", {"Throttles"}));
}

TEST(HasAlarmWithActionsTest, DisabledActionsAndOtherNamespaces) {
  model::Model m;
  model::Alarm off = ErrorsAlarm({"Orders"}, true);
  off.actions_enabled = Bool::Literal(false, At(33));
  m.alarms.push_back(off);
  model::Alarm sqs = ErrorsAlarm({}, true);
  sqs.namespace_ = String::Literal("AWS/SQS", At(31));
  m.alarms.push_back(sqs);
  EXPECT_FALSE(HasAlarmWithActions(m, "Orders", {"Errors"}));
  // An account-wide Lambda alarm (no function dimension) covers every function.
  m.alarms.push_back(ErrorsAlarm({}, true));
  EXPECT_TRUE(HasAlarmWithActions(m, "Orders", {"Errors"}));
}

TEST(HasAlarmWithActionsTest, UnknownMetricCounts) {
  model::Model m;
  model::Alarm a = ErrorsAlarm({"Orders"}, true);
  a.metric_name = String::Unknown(At(30));
  m.alarms.push_back(a);
  EXPECT_TRUE(HasAlarmWithActions(m, "Orders", {"Errors"}));
}

TEST(StageNameTest, NameOrId) {
  model::Stage s;
  s.id = "ApiProdStage";
  EXPECT_EQ(StageName(s), "ApiProdStage");
  s.stage_name = String::Literal("prod", At(40));
  EXPECT_EQ(StageName(s), "prod");
}

}  // namespace
}  // namespace fnwarden::analysis
