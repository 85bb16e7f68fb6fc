#include "analysis/iam/effective.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "analysis/iam/escalation.h"
#include "analysis/iam/iam_test_util.h"
#include "analysis/iam/named.h"

namespace fnwarden::analysis::iam {
namespace {

using testing::PolicyReader;

using model::Attribute;
using model::Piece;

// An unknown string made of `pieces`, as a loader gives it.
model::String Unresolved(std::vector<Piece> pieces) {
  model::String v = model::String::Unknown({});
  v.value = model::DisplayPieces(pieces);
  v.pieces = std::move(pieces);
  return v;
}

Piece Partition() { return Piece::Deployment(Piece::Kind::kPartition); }
Piece Account() { return Piece::Deployment(Piece::Kind::kAccount); }

// What an adapter gives a resource whose name is generated: an unknown name
// and an ARN of `prefix` and that name.
void Deploy(model::Resource* r, std::vector<Piece> prefix) {
  r->deployed_name = Unresolved({Piece::Of(r->id, Attribute::kName)});
  prefix.push_back(Piece::Of(r->id, Attribute::kName));
  r->deployed_arn = Unresolved(std::move(prefix));
}

// A model with one function and its role, whose policies are IAM JSON.
struct Fixture {
  PolicyReader reader;
  model::Model model;

  explicit Fixture(const std::vector<std::string>& policies) {
    model::Role role;
    role.id = "FnRole";
    role.type = "AWS::IAM::Role";
    for (const auto& p : policies) role.policies.push_back(reader.Read(p));
    Deploy(&role, {Piece::Text("arn:"), Partition(), Piece::Text(":iam::"), Account(),
                   Piece::Text(":role/")});
    model.roles.push_back(std::move(role));
    model::Function fn;
    fn.id = "Fn";
    fn.type = "AWS::Serverless::Function";
    fn.role_id = "FnRole";
    model.functions.push_back(std::move(fn));
    model::Bucket b;
    b.id = "Uploads";
    b.type = "AWS::S3::Bucket";
    Deploy(&b, {Piece::Text("arn:"), Partition(), Piece::Text(":s3:::")});
    model.buckets.push_back(std::move(b));
  }
};

std::string Allow(const std::string& actions, const std::string& resources) {
  return R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":)" + actions +
         R"(,"Resource":)" + resources + "}]}";
}

// True when `grants` (AllowedOnAny's) include the action `name`.
bool Grants(const std::vector<ActionGrant>& grants, std::string_view name) {
  return std::any_of(grants.begin(), grants.end(),
                     [&](const ActionGrant& g) { return g.action.name == name; });
}

Decision OnAny(const Fixture& f, std::string_view action) {
  Facts facts(f.model);
  ModelPermissions perms(facts);
  return perms.functions()[0].CanOnAny(action).decision;
}

TEST(ResolverTest, ResolvesPseudoParametersAndModelReferences) {
  Fixture f({});
  Resolver r(f.model);
  model::String v = r.Resolve(Unresolved({Piece::Text("arn:"), Partition(), Piece::Text(":s3:::"),
                                           Piece::Of("Uploads", Attribute::kRef), Piece::Text("/*")}));
  ASSERT_TRUE(v.known());
  EXPECT_EQ(v.value, "arn:aws:s3:::Uploads/*");
  EXPECT_TRUE(v.pieces.empty());
  EXPECT_EQ(r.Resolve(Unresolved({Piece::Of("Uploads", Attribute::kArn)})).value,
            "arn:aws:s3:::Uploads");
  EXPECT_EQ(r.Resolve(Unresolved({Piece::Text("arn:aws:iam::"), Account(), Piece::Text(":role/x")}))
                .value,
            "arn:aws:iam::" + std::string(kAssumedAccount) + ":role/x");
  // A parameter without a default, a resource outside the model, a value
  // without pieces (an import): unknown.
  EXPECT_TRUE(r.Resolve(Unresolved({Piece::Text("arn:aws:s3:::"),
                                    {Piece::Kind::kOpaque, Attribute::kRef, "${BucketParam}"},
                                    Piece::Text("/*")}))
                  .unknown());
  EXPECT_TRUE(r.Resolve(Unresolved({Piece::Of("Elsewhere", Attribute::kArn)})).unknown());
  model::String import = model::String::Unknown({});
  import.value = "!ImportValue ${AWS::Region}-bucket";
  EXPECT_TRUE(r.Resolve(import).unknown());
  EXPECT_EQ(r.ArnOf("FnRole"), "arn:aws:iam::" + std::string(kAssumedAccount) + ":role/FnRole");
  EXPECT_EQ(r.ArnOf("Nothing"), "");
  EXPECT_TRUE(r.IsOwnAccount(kAssumedAccount));
  EXPECT_FALSE(r.IsOwnAccount("999988887777"));
}

TEST(ResolverTest, LiteralAccountsInResourceArnsAreOwn) {
  Fixture f({Allow(R"("dynamodb:GetItem")", R"("arn:aws:dynamodb:eu-west-1:444455556666:table/t")")});
  Resolver r(f.model);
  EXPECT_TRUE(r.IsOwnAccount("444455556666"));
}

TEST(EffectiveTest, ScopedAndUnscopedGrants) {
  EXPECT_EQ(OnAny(Fixture({Allow(R"("s3:GetObject")", R"("*")")}), "s3:GetObject"),
            Decision::kAllowed);
  EXPECT_EQ(OnAny(Fixture({Allow(R"("s3:GetObject")", R"("arn:aws:s3:::orders/*")")}),
                  "s3:GetObject"),
            Decision::kImplicitlyDenied);
  EXPECT_EQ(OnAny(Fixture({Allow(R"("s3:*")", R"("arn:aws:s3:::*/*")")}), "s3:GetObject"),
            Decision::kAllowed);
  // Any role, in any account or in a literal one.
  EXPECT_EQ(OnAny(Fixture({Allow(R"("iam:PassRole")", R"("arn:aws:iam::*:role/*")")}),
                  "iam:PassRole"),
            Decision::kAllowed);
  EXPECT_EQ(OnAny(Fixture({Allow(R"("iam:PassRole")", R"("arn:aws:iam::999988887777:role/*")")}),
                  "iam:PassRole"),
            Decision::kAllowed);
  EXPECT_EQ(OnAny(Fixture({Allow(R"("iam:PassRole")",
                                 R"("arn:aws:iam::999988887777:role/app-*")")}),
                  "iam:PassRole"),
            Decision::kImplicitlyDenied);
  // A log group's streams (":*") are not every log group.
  EXPECT_EQ(OnAny(Fixture({Allow(R"("logs:PutLogEvents")",
                                 R"("arn:aws:logs:*:*:log-group:/aws/lambda/orders:*")")}),
                  "logs:PutLogEvents"),
            Decision::kImplicitlyDenied);
  // Wildcard-only actions are granted on "*" only.
  EXPECT_EQ(OnAny(Fixture({Allow(R"("ecr:GetAuthorizationToken")", R"("*")")}),
                  "ecr:GetAuthorizationToken"),
            Decision::kAllowed);
  EXPECT_EQ(OnAny(Fixture({Allow(R"("ecr:GetAuthorizationToken")",
                                 R"("arn:aws:ecr:*:*:repository/x")")}),
                  "ecr:GetAuthorizationToken"),
            Decision::kImplicitlyDenied);
  EXPECT_EQ(OnAny(Fixture({Allow(R"("s3:GetObject")", R"("*")")}), "s3:NoSuchAction"),
            Decision::kImplicitlyDenied);
}

TEST(EffectiveTest, DenyConditionsAndBoundaries) {
  std::string deny =
      R"({"Statement":[{"Effect":"Deny","Action":"iam:*","Resource":"*"}]})";
  EXPECT_EQ(OnAny(Fixture({Allow(R"("*")", R"("*")"), deny}), "iam:PassRole"),
            Decision::kExplicitlyDenied);
  std::string conditional =
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject",)"
      R"("Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"a"}}}]})";
  EXPECT_EQ(OnAny(Fixture({conditional}), "s3:GetObject"), Decision::kConditional);
  EXPECT_EQ(OnAny(Fixture({Allow(R"("?")", R"("*")")}), "s3:GetObject"), Decision::kConditional);

  Fixture bounded({Allow(R"("*")", R"("*")")});
  bounded.model.roles[0].permissions_boundary =
      model::String::Literal("arn:aws:iam::123456789012:policy/b", {});
  EXPECT_EQ(OnAny(bounded, "s3:GetObject"), Decision::kConditional);
  bounded.model.roles[0].has_boundary_policy = true;
  bounded.model.roles[0].boundary_policy = bounded.reader.Read(Allow(R"("s3:*")", R"("*")"));
  EXPECT_EQ(OnAny(bounded, "s3:GetObject"), Decision::kAllowed);
  EXPECT_EQ(OnAny(bounded, "iam:PassRole"), Decision::kImplicitlyDenied);
}

// Statements of plain patterns answer through the catalog actions their
// entries expand to, others by matching each entry: both ways give the
// same answers, NotAction and several entries of one service included.
TEST(EffectiveTest, CatalogActionsAnswerLikeTheirPatterns) {
  std::string policy =
      R"({"Version":"2012-10-17","Statement":[)"
      R"({"Effect":"Allow","NotAction":["s3:*","iam:*","dynamodb:*"],"Resource":"*"},)"
      R"({"Effect":"Allow","Action":["dynamodb:Get*","dynamodb:Query","DynamoDB:scan"],)"
      R"("Resource":"*"},)"
      R"({"Effect":"Deny","Action":["dynamodb:GetItem","s3:Put?bject"],"Resource":"*"}]})";
  Fixture f({policy});
  EXPECT_EQ(OnAny(f, "dynamodb:GetItem"), Decision::kExplicitlyDenied);
  EXPECT_EQ(OnAny(f, "dynamodb:GetRecords"), Decision::kAllowed);
  EXPECT_EQ(OnAny(f, "dynamodb:Query"), Decision::kAllowed);
  EXPECT_EQ(OnAny(f, "dynamodb:Scan"), Decision::kAllowed);
  EXPECT_EQ(OnAny(f, "dynamodb:PutItem"), Decision::kImplicitlyDenied);
  EXPECT_EQ(OnAny(f, "sqs:SendMessage"), Decision::kAllowed);
  EXPECT_EQ(OnAny(f, "s3:GetObject"), Decision::kImplicitlyDenied);
  EXPECT_EQ(OnAny(f, "s3:PutObject"), Decision::kExplicitlyDenied);

  Facts facts(f.model);
  ModelPermissions perms(facts);
  const auto& grants = perms.functions()[0].AllowedOnAny();
  auto allowed = [&](std::string_view name) { return Grants(grants, name); };
  EXPECT_TRUE(allowed("dynamodb:GetRecords"));
  EXPECT_FALSE(allowed("dynamodb:BatchGetItem"));
  EXPECT_TRUE(allowed("dynamodb:Scan"));
  EXPECT_TRUE(allowed("ec2:RunInstances"));
  EXPECT_FALSE(allowed("dynamodb:GetItem"));
  EXPECT_FALSE(allowed("dynamodb:DeleteTable"));
  EXPECT_FALSE(allowed("iam:PassRole"));
}

// CanOnAny caches answers per role by how the statements cover an action;
// actions of other resource types must not share an answer unless no
// statement depends on the resource.
TEST(EffectiveTest, CachedAnswersKeepResourceTypesApart) {
  std::string deny_streams =
      R"({"Statement":[{"Effect":"Deny","Action":"dynamodb:*",)"
      R"("Resource":"arn:aws:dynamodb:*:*:table/*/stream/*"}]})";
  Fixture f({Allow(R"("dynamodb:*")", R"("*")"), deny_streams});
  Facts facts(f.model);
  ModelPermissions perms(facts);
  const FunctionPermissions& fn = perms.functions()[0];
  for (int pass = 0; pass < 2; ++pass) {  // the second pass reads the cache
    EXPECT_EQ(fn.CanOnAny("dynamodb:GetRecords").decision, Decision::kExplicitlyDenied);
    EXPECT_EQ(fn.CanOnAny("dynamodb:GetItem").decision, Decision::kAllowed);
    EXPECT_EQ(fn.CanOnAny("dynamodb:ListTables").decision, Decision::kAllowed);  // on "*"
    EXPECT_EQ(fn.CanOnAny("dynamodb:GetShardIterator").decision, Decision::kExplicitlyDenied);
  }
  // Without the deny, every action rests on the same statement.
  Fixture open({Allow(R"("dynamodb:*")", R"("*")")});
  Facts open_facts(open.model);
  ModelPermissions open_perms(open_facts);
  const FunctionPermissions& any = open_perms.functions()[0];
  for (std::string_view a : {"dynamodb:GetRecords", "dynamodb:GetItem", "dynamodb:ListTables"}) {
    Result r = any.CanOnAny(a);
    EXPECT_EQ(r.decision, Decision::kAllowed) << a;
    EXPECT_EQ(r.statements.size(), 1u) << a;
  }
}

TEST(EffectiveTest, UnreadablePoliciesAreLeftOut) {
  Fixture f({Allow(R"("s3:GetObject")", R"("*")")});
  model::PolicyDocument external;
  external.known = false;
  f.model.roles[0].policies.push_back(external);
  Facts facts(f.model);
  ModelPermissions perms(facts);
  EXPECT_TRUE(perms.functions()[0].has_unreadable_policies());
  EXPECT_EQ(perms.functions()[0].CanOnAny("s3:GetObject").decision, Decision::kAllowed);
}

TEST(EffectiveTest, FunctionWithoutRoleInModelIsConditional) {
  Fixture f({});
  f.model.functions[0].role_id = "";
  Facts facts(f.model);
  ModelPermissions perms(facts);
  EXPECT_EQ(perms.functions()[0].role(), nullptr);
  EXPECT_EQ(perms.functions()[0].Can("s3:GetObject", "*").decision, Decision::kConditional);
  EXPECT_TRUE(perms.functions()[0].AllowedOnAny().empty());
}

// IsAllowedOnAny answers as CanOnAny does, before AllowedOnAny is computed
// (by evaluating) and after (from its list).
TEST(EffectiveTest, IsAllowedOnAnyAgreesWithCanOnAny) {
  std::string deny_streams = R"({"Statement":[{"Effect":"Deny","Action":"dynamodb:*",)"
                             R"("Resource":"arn:aws:dynamodb:*:*:table/*/stream/*"}]})";
  Fixture f({Allow(R"(["dynamodb:*", "s3:Get*", "lambda:UpdateFunctionCode"])", R"("*")"),
             Allow(R"("sqs:SendMessage")", R"("arn:aws:sqs:*:*:orders")"),
             R"({"Statement":[{"Effect":"Allow","Action":"lambda:AddPermission",)"
             R"("Resource":"*","Condition":{"StringEquals":{"aws:SourceAccount":"1"}}}]})",
             deny_streams});
  const std::vector<std::string_view> actions = {
      "dynamodb:GetItem",     "dynamodb:GetRecords",   "s3:GetObject",
      "s3:PutObject",         "sqs:SendMessage",       "lambda:UpdateFunctionCode",
      "lambda:AddPermission", "lambda:InvokeFunction", "nosuch:Action"};
  Facts facts(f.model);
  ModelPermissions perms(facts);
  const FunctionPermissions& fn = perms.functions()[0];
  std::vector<bool> want;
  for (std::string_view a : actions) want.push_back(fn.CanOnAny(a).decision == Decision::kAllowed);
  EXPECT_EQ(want, (std::vector<bool>{true, false, true, false, false, true, false, false, false}));
  for (int computed = 0; computed < 2; ++computed) {
    if (computed) fn.AllowedOnAny();
    for (size_t i = 0; i < actions.size(); ++i) {
      EXPECT_EQ(fn.IsAllowedOnAny(actions[i]), want[i]) << actions[i] << " " << computed;
    }
  }
}

// A statement names candidates when an Action entry may cover one of the
// actions asked about: entries of other services do not, wildcards and
// other spellings of the same action do.
TEST(NamedResourcesTest, StatementsWhoseActionsMayCoverNameCandidates) {
  auto candidates = [](const std::string& actions, std::string_view asked) {
    Fixture f({Allow(actions, R"(["arn:aws:s3:::orders", "arn:aws:s3:::audit-*"])")});
    // An entry that starts with "?" is written with "_": the test reader
    // takes "?" for an unknown value.
    for (model::String& a : f.model.roles[0].policies[0].statements[0].actions) {
      if (a.value.starts_with('_')) a.value[0] = '?';
    }
    Facts facts(f.model);
    ModelPermissions perms(facts);
    NamedResources named({{"Orders", "arn:aws:s3:::orders"},
                          {"AuditLogs", "arn:aws:s3:::audit-logs"},
                          {"Other", "arn:aws:s3:::other"}});
    const std::string_view wanted[] = {asked};
    return named.Candidates(perms.functions()[0], wanted);
  };
  const std::vector<std::string> both = {"Orders", "AuditLogs"};
  EXPECT_EQ(candidates(R"("s3:PutObject")", "s3:PutObject"), both);
  EXPECT_EQ(candidates(R"("S3:putobject")", "s3:PutObject"), both);
  EXPECT_EQ(candidates(R"("*")", "s3:PutObject"), both);
  EXPECT_EQ(candidates(R"("_3:Put*")", "s3:PutObject"), both);
  EXPECT_EQ(candidates(R"("s3:*Object")", "s3:PutObject"), both);
  EXPECT_EQ(candidates(R"(["sqs:SendMessage", "s3:Put*"])", "s3:PutObject"), both);
  EXPECT_TRUE(candidates(R"("sqs:SendMessage")", "s3:PutObject").empty());
  EXPECT_TRUE(candidates(R"("s3:GetObject")", "s3:PutObject").empty());
  EXPECT_TRUE(candidates(R"("ts3:PutObject")", "s3:PutObject").empty());
  EXPECT_TRUE(candidates(R"("s3:PutObject")", "").empty());
}

TEST(EffectiveTest, AllowedOnAnyListsGrantsWithTheirStatements) {
  Fixture f({Allow(R"(["s3:Get*", "dynamodb:PutItem"])", R"("*")"),
             Allow(R"("sqs:SendMessage")", R"("arn:aws:sqs:*:*:orders")")});
  Facts facts(f.model);
  ModelPermissions perms(facts);
  const FunctionPermissions& fn = *perms.ForFunction("Fn");
  const auto& grants = fn.AllowedOnAny();
  auto has = [&](std::string_view name) { return Grants(grants, name); };
  EXPECT_TRUE(has("s3:GetObject"));
  EXPECT_TRUE(has("dynamodb:PutItem"));
  EXPECT_FALSE(has("s3:PutObject"));
  EXPECT_FALSE(has("sqs:SendMessage"));
  ASSERT_FALSE(grants.empty());
  std::vector<AppliedStatement> origins = fn.Origins(*grants.front().result);
  ASSERT_EQ(origins.size(), 1u);
  EXPECT_EQ(origins[0].statement, &f.model.roles[0].policies[0].statements[0]);

  std::vector<ServiceGrants> grouped = GroupByService(grants);
  ASSERT_EQ(grouped.size(), 2u);
  EXPECT_EQ(grouped[0].service, "dynamodb");
  EXPECT_EQ(grouped[0].by_level[static_cast<size_t>(AccessLevel::kWrite)],
            std::vector<std::string_view>{"dynamodb:PutItem"});
  EXPECT_EQ(grouped[1].service, "s3");
  EXPECT_TRUE(grouped[1].by_level[static_cast<size_t>(AccessLevel::kWrite)].empty());
}

// Facts with two jobs build a model's roles in parallel: the principals,
// their order and their answers are those of a build on one thread.
TEST(EffectiveTest, ManyRolesBuildInParallelAsOnOneThread) {
  PolicyReader reader;
  model::Model m;
  const std::string policies[] = {Allow(R"("s3:*")", R"("*")"),
                                  Allow(R"(["logs:CreateLogStream","logs:PutLogEvents"])", R"("*")")};
  // 300 roles; 200 functions, the first 150 roles each assumed by one or
  // two of them, the last 150 by none.
  for (int i = 0; i < 300; ++i) {
    model::Role role;
    role.id = "Role" + std::to_string(i);
    role.type = "AWS::IAM::Role";
    role.policies.push_back(reader.Read(policies[i % 2]));
    m.roles.push_back(std::move(role));
  }
  for (int i = 0; i < 200; ++i) {
    model::Function fn;
    fn.id = "Fn" + std::to_string(i);
    fn.type = "AWS::Lambda::Function";
    fn.role_id = "Role" + std::to_string(i % 150);
    m.roles[i % 150].functions.push_back(fn.id);
    m.functions.push_back(std::move(fn));
  }
  Facts one(m, 1), two(m, 2);
  ModelPermissions serial(one), parallel(two);
  ASSERT_EQ(serial.principals().size(), parallel.principals().size());
  for (size_t i = 0; i < serial.principals().size(); ++i) {
    const PrincipalPermissions& a = serial.principals()[i];
    const PrincipalPermissions& b = parallel.principals()[i];
    EXPECT_EQ(a.resource().id, b.resource().id) << i;
    EXPECT_EQ(a.Subject(), b.Subject()) << i;
    EXPECT_EQ(a.AllowedOnAny().size(), b.AllowedOnAny().size()) << i;
  }
  ASSERT_EQ(serial.functions().size(), parallel.functions().size());
  for (size_t i = 0; i < serial.functions().size(); ++i) {
    EXPECT_EQ(serial.functions()[i].Subject(), parallel.functions()[i].Subject()) << i;
    EXPECT_EQ(serial.functions()[i].CanOnAny("s3:GetObject").decision,
              parallel.functions()[i].CanOnAny("s3:GetObject").decision)
        << i;
  }
}

TEST(EscalationTest, EveryActionIsInTheCatalog) {
  const Catalog& c = Catalog::Get();
  ASSERT_TRUE(c.loaded()) << c.error();
  for (const EscalationMethod& m : EscalationMethods()) {
    EXPECT_FALSE(m.steps.empty()) << m.name;
    for (const EscalationStep& s : m.steps) {
      EXPECT_TRUE(c.FindAction(s.action).has_value()) << m.name << ": " << s.action;
    }
  }
  for (std::string_view a : CredentialActions()) {
    auto info = c.FindAction(a);
    ASSERT_TRUE(info.has_value()) << a;
    EXPECT_FALSE(info->wildcard_only) << a << " cannot be scoped: granting it on * is no finding";
  }
  for (std::string_view a : DefenseEvasionActions()) {
    auto info = c.FindAction(a);
    ASSERT_TRUE(info.has_value()) << a;
    EXPECT_FALSE(info->wildcard_only) << a;
  }
  for (std::string_view a : ExfiltrationActions()) {
    auto info = c.FindAction(a);
    ASSERT_TRUE(info.has_value()) << a;
    EXPECT_FALSE(info->wildcard_only) << a;
  }
  EXPECT_TRUE(HasNamedImpact("S3:GETOBJECT"));
  EXPECT_FALSE(HasNamedImpact("s3:PutObject"));
}

const EscalationMethod& Method(std::string_view name) {
  for (const EscalationMethod& m : EscalationMethods()) {
    if (m.name == name) return m;
  }
  throw std::runtime_error("no method " + std::string(name));
}

TEST(EscalationTest, EveryStepMustBeAllowed) {
  const EscalationMethod& lambda =
      Method("iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction");
  std::vector<StepGrant> steps;
  {
    Fixture f({Allow(R"(["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"])",
                     R"("*")")});
    Facts facts(f.model);
    ModelPermissions perms(facts);
    EXPECT_TRUE(CanUse(perms.functions()[0], perms.resolver(), lambda, &steps));
    EXPECT_EQ(steps.size(), 3u);
  }
  {
    // Invoking only its own functions: no way to run what it creates.
    Fixture f({Allow(R"(["iam:PassRole", "lambda:CreateFunction"])", R"("*")"),
               Allow(R"("lambda:InvokeFunction")", R"("arn:aws:lambda:*:*:function:orders")")});
    Facts facts(f.model);
    ModelPermissions perms(facts);
    EXPECT_FALSE(CanUse(perms.functions()[0], perms.resolver(), lambda, &steps));
  }
}

TEST(EscalationTest, OwnRoleCounts) {
  Fixture f({});
  model::PolicyDocument doc = f.reader.Read(Allow(R"("iam:AttachRolePolicy")", R"("?")"));
  doc.statements[0].resources[0] = Unresolved({Piece::Of("FnRole", Attribute::kArn)});
  f.model.roles[0].policies.push_back(doc);
  Facts facts(f.model);
  ModelPermissions perms(facts);
  std::vector<StepGrant> steps;
  ASSERT_TRUE(CanUse(perms.functions()[0], perms.resolver(), Method("iam:AttachRolePolicy"),
                     &steps));
  EXPECT_TRUE(steps[0].on_own_role_only);
  // Another role of the template is not its own.
  f.model.roles[0].policies[0].statements[0].resources[0] =
      Unresolved({Piece::Of("Uploads", Attribute::kArn)});
  ModelPermissions again(facts);
  EXPECT_FALSE(CanUse(again.functions()[0], again.resolver(), Method("iam:AttachRolePolicy"),
                      &steps));
}

}  // namespace
}  // namespace fnwarden::analysis::iam
