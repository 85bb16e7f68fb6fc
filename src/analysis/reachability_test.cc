#include "analysis/reachability.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analysis/iam/iam_test_util.h"

namespace fnwarden::analysis {
namespace {

const char* Name(Reach r) {
  switch (r) {
    case Reach::kInternet:
      return "internet";
    case Reach::kNotInternet:
      return "not internet";
    case Reach::kUnknown:
      return "unknown";
  }
  return "?";
}

model::Route MakeRoute(std::string method, std::string path) {
  model::Route r;
  r.method = model::String::Literal(std::move(method), {});
  r.path = model::String::Literal(std::move(path), {});
  r.authorization_type = model::String::Literal("NONE", {});
  return r;
}

// A REST API "Api" with a stage "prod", a route GET /reports and, when given,
// a resource policy written as IAM JSON ("?" for an unresolved value).
struct ApiFixture {
  iam::testing::PolicyReader reader;
  model::Model model;

  explicit ApiFixture(const std::string& policy = "") {
    model::Api api;
    api.id = "Api";
    api.type = "AWS::ApiGateway::RestApi";
    api.kind = model::ApiKind::kRest;
    if (!policy.empty()) {
      api.has_resource_policy = true;
      api.resource_policy = reader.Read(policy);
    }
    model::Stage stage;
    stage.id = "ProdStage";
    stage.stage_name = model::String::Literal("prod", {});
    api.stages.push_back(std::move(stage));
    api.routes.push_back(MakeRoute("GET", "/reports"));
    model.apis.push_back(std::move(api));
  }
  model::Api& api() { return model.apis.front(); }

  Reach RouteReach() {
    Facts facts(model);
    Reachability reach(facts);
    return reach.Route(model.apis.front(), model.apis.front().routes.front());
  }
};

std::string Policy(const std::string& statements) {
  return R"({"Version":"2012-10-17","Statement":[)" + statements + "]}";
}

constexpr char kAllowAll[] =
    R"({"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*"})";

std::string AllowIf(const std::string& condition) {
  return R"({"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke",)"
         R"("Resource":"execute-api:/*","Condition":)" +
         condition + "}";
}

std::string DenyIf(const std::string& condition) {
  return R"({"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke",)"
         R"("Resource":"execute-api:/*","Condition":)" +
         condition + "}";
}

TEST(ReachabilityTest, EndpointTypes) {
  struct Row {
    const char* name;
    model::String type;
    Reach want;
  };
  model::String unknown = model::String::Unknown({});
  model::String either = model::String::Unknown({});
  either.alternatives = {"PRIVATE", "REGIONAL"};
  model::String private_or_private = model::String::Unknown({});
  private_or_private.alternatives = {"PRIVATE", "PRIVATE"};
  for (const Row& r : {Row{"default (edge)", model::String{}, Reach::kInternet},
                       Row{"regional", model::String::Literal("REGIONAL", {}), Reach::kInternet},
                       Row{"edge", model::String::Literal("EDGE", {}), Reach::kInternet},
                       Row{"private", model::String::Literal("PRIVATE", {}), Reach::kNotInternet},
                       Row{"unresolved", unknown, Reach::kUnknown},
                       Row{"private or regional", either, Reach::kUnknown},
                       Row{"private either way", private_or_private, Reach::kNotInternet}}) {
    ApiFixture f;
    f.api().endpoint_type = r.type;
    EXPECT_STREQ(Name(f.RouteReach()), Name(r.want)) << r.name;
  }
}

TEST(ReachabilityTest, ResourcePoliciesThroughTheEngine) {
  struct Row {
    const char* name;
    std::string statements;
    Reach want;
  };
  const std::vector<Row> rows = {
      {"allow everyone", kAllowAll, Reach::kInternet},
      {"allow everyone as AWS *",
       R"({"Effect":"Allow","Principal":{"AWS":"*"},"Action":"execute-api:Invoke",)"
       R"("Resource":"arn:aws:execute-api:us-east-1:123456789012:*/*/*/*"})",
       Reach::kInternet},
      {"no allow at all",
       R"({"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*"})",
       Reach::kNotInternet},
      {"allow only through a VPC endpoint of unknown ID",
       AllowIf(R"({"StringEquals":{"aws:SourceVpce":"?"}})"), Reach::kNotInternet},
      {"allow only from a VPC", AllowIf(R"({"StringEquals":{"aws:SourceVpc":"vpc-1234"}})"),
       Reach::kNotInternet},
      {"deny outside a VPC endpoint of unknown ID",
       std::string(kAllowAll) + "," + DenyIf(R"({"StringNotEquals":{"aws:sourceVpce":"?"}})"),
       Reach::kNotInternet},
      {"address allow list (SAM IpRangeWhitelist)",
       std::string(kAllowAll) + "," +
           DenyIf(R"({"NotIpAddress":{"aws:SourceIp":["203.0.113.0/24","198.51.100.17"]}})"),
       Reach::kNotInternet},
      {"address allow list as an allow",
       AllowIf(R"({"IpAddress":{"aws:SourceIp":["203.0.113.0/24"]}})"), Reach::kNotInternet},
      {"address block list (SAM IpRangeBlacklist)",
       std::string(kAllowAll) + "," +
           DenyIf(R"({"IpAddress":{"aws:SourceIp":["10.20.30.40","1.0.0.0/16"]}})"),
       Reach::kInternet},
      {"allow from the whole IPv4 space", AllowIf(R"({"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}})"),
       Reach::kInternet},
      {"allow from unresolved ranges", AllowIf(R"({"IpAddress":{"aws:SourceIp":"?"}})"),
       Reach::kUnknown},
      {"allow during a time window",
       AllowIf(R"({"DateLessThan":{"aws:CurrentTime":"2022-09-30T23:59:59Z"}})"), Reach::kUnknown},
      {"allow one account",
       R"({"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"execute-api:Invoke",)"
       R"("Resource":"execute-api:/*"})",
       Reach::kNotInternet},
      {"deny one account",
       std::string(kAllowAll) + R"(,{"Effect":"Deny","Principal":{"AWS":"111122223333"},)"
                                R"("Action":"execute-api:Invoke","Resource":"execute-api:/*"})",
       Reach::kInternet},
      {"allow callers of one organization",
       AllowIf(R"({"StringEquals":{"aws:PrincipalOrgID":"o-abc"}})"), Reach::kNotInternet},
      {"allow over TLS", AllowIf(R"({"Bool":{"aws:SecureTransport":"true"}})"), Reach::kInternet},
      {"allow on another route only",
       R"({"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke",)"
       R"("Resource":"execute-api:/prod/POST/orders"})",
       Reach::kNotInternet},
      {"allow on this route",
       R"({"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke",)"
       R"("Resource":"execute-api:/prod/GET/reports"})",
       Reach::kInternet},
      {"unresolved resource policy", R"("?")", Reach::kUnknown},
  };
  for (const Row& r : rows) {
    ApiFixture f(Policy(r.statements));
    EXPECT_STREQ(Name(f.RouteReach()), Name(r.want)) << r.name;
  }
  // A private endpoint is private whatever its policy says.
  ApiFixture f(Policy(kAllowAll));
  f.api().endpoint_type = model::String::Literal("PRIVATE", {});
  EXPECT_EQ(f.RouteReach(), Reach::kNotInternet);
}

// A statement the scan could not read (an unresolved Fn::If, a reference)
// may allow anyone or deny everyone: the engine answers conditional unless
// another statement denies for certain.
TEST(ReachabilityTest, UnresolvedStatementsAreUnknown) {
  const std::string deny_all =
      R"({"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*"})";
  struct Row {
    const char* name;
    std::string statements;
    Reach want;
  };
  const std::vector<Row> rows = {
      {"alone", R"("?")", Reach::kUnknown},
      {"beside an allow for everyone (it may deny)", std::string(kAllowAll) + R"(,"?")",
       Reach::kUnknown},
      {"beside an allow from one VPC (it may allow anyone)",
       AllowIf(R"({"StringEquals":{"aws:SourceVpc":"vpc-1234"}})") + R"(,"?")", Reach::kUnknown},
      {"beside an allow on another route only",
       R"({"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke",)"
       R"("Resource":"execute-api:/prod/POST/orders"},"?")",
       Reach::kUnknown},
      {"beside a deny for everyone", deny_all + R"(,"?")", Reach::kNotInternet},
  };
  for (const Row& r : rows) {
    ApiFixture f(Policy(r.statements));
    EXPECT_STREQ(Name(f.RouteReach()), Name(r.want)) << r.name;
  }
}

TEST(ReachabilityTest, PartsOfTheRequestTheModelDoesNotKnow) {
  std::string get_one_order =
      Policy(R"({"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke",)"
             R"("Resource":"execute-api:/prod/GET/orders/123"})");
  std::string get_orders =
      Policy(R"({"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke",)"
             R"("Resource":"execute-api:/*/GET/orders/*"})");
  struct Row {
    const char* name;
    std::string policy;
    model::Route route;
    bool unknown_stage;
    Reach want;
  };
  const std::vector<Row> rows = {
      {"a path parameter the policy does not single out", get_orders,
       MakeRoute("GET", "/orders/{id}"), false, Reach::kInternet},
      {"a path parameter the policy names one value of", get_one_order,
       MakeRoute("GET", "/orders/{id}"), false, Reach::kUnknown},
      {"ANY with only GET allowed", get_orders, MakeRoute("ANY", "/orders/{id}"), false,
       Reach::kInternet},
      {"a method the policy leaves out", get_orders, MakeRoute("DELETE", "/orders/{id}"), false,
       Reach::kNotInternet},
      {"an unresolved stage name, policy on every stage", get_orders,
       MakeRoute("GET", "/orders/{id}"), true, Reach::kInternet},
      {"an unresolved stage name, policy on one stage", get_one_order,
       MakeRoute("GET", "/orders/123"), true, Reach::kUnknown},
  };
  for (const Row& r : rows) {
    ApiFixture f(r.policy);
    f.api().routes = {r.route};
    if (r.unknown_stage) f.api().stages.front().stage_name = model::String::Unknown({});
    EXPECT_STREQ(Name(f.RouteReach()), Name(r.want)) << r.name;
  }
}

TEST(ReachabilityTest, StagesAndOtherApis) {
  ApiFixture only_reports(
      Policy(R"({"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke",)"
             R"("Resource":"execute-api:/prod/GET/reports"})"));
  only_reports.api().stages.push_back({});
  only_reports.api().stages.back().stage_name = model::String::Literal("test", {});
  {
    Facts facts(only_reports.model);
    Reachability reach(facts);
    const model::Api& api = only_reports.model.apis.front();
    EXPECT_EQ(reach.Stage(api, api.stages[0]), Reach::kInternet);
    EXPECT_EQ(reach.Stage(api, api.stages[1]), Reach::kNotInternet);
    // Some stage of the API lets the route in.
    EXPECT_EQ(reach.Route(api, api.routes[0]), Reach::kInternet);
  }
  // A stage of an API whose routes the model does not know: some path.
  ApiFixture no_routes(Policy(AllowIf(R"({"StringEquals":{"aws:SourceVpce":"vpce-1"}})")));
  no_routes.api().routes.clear();
  {
    Facts facts(no_routes.model);
    Reachability reach(facts);
    EXPECT_EQ(reach.Stage(no_routes.api(), no_routes.api().stages[0]), Reach::kNotInternet);
  }
  ApiFixture http;
  http.api().kind = model::ApiKind::kHttp;
  EXPECT_EQ(http.RouteReach(), Reach::kInternet);
  // The default endpoint is off: custom domains, mapped here or in another
  // stack, serve the API to the internet instead.
  http.api().disable_execute_api_endpoint = model::Bool::Literal(true, {});
  EXPECT_EQ(http.RouteReach(), Reach::kInternet);
}

TEST(ReachabilityTest, InvocableWithoutCredentials) {
  ApiFixture f;
  model::Route& route = f.api().routes.front();
  model::FunctionUrl url;
  struct Row {
    const char* name;
    const char* route_auth;  // null: the exposure is the function URL
    const char* url_auth;    // null: unresolved
    Reach want;
  };
  for (const Row& r :
       {Row{"route without authorizer", "NONE", nullptr, Reach::kInternet},
        Row{"route with a Cognito authorizer", "COGNITO_USER_POOLS", nullptr, Reach::kInternet},
        Row{"route signed with AWS credentials", "AWS_IAM", nullptr, Reach::kNotInternet},
        Row{"function URL without auth", nullptr, "NONE", Reach::kInternet},
        Row{"function URL signed with AWS credentials", nullptr, "AWS_IAM", Reach::kNotInternet},
        Row{"function URL of unresolved auth", nullptr, nullptr, Reach::kUnknown}}) {
    Exposure e;
    if (r.route_auth != nullptr) {
      route.authorization_type = model::String::Literal(r.route_auth, {});
      e.api = &f.api();
      e.route = &route;
    } else {
      url.auth_type = r.url_auth != nullptr ? model::String::Literal(r.url_auth, {})
                                            : model::String::Unknown({});
      e.url = &url;
    }
    Facts facts(f.model);
    Reachability reach(facts);
    EXPECT_STREQ(Name(reach.Invocable(e)), Name(r.want)) << r.name;
  }
}

// A distribution with origin access control signs every viewer's request to
// a function URL with AuthType AWS_IAM: the internet reaches the function.
TEST(ReachabilityTest, SignedUrlBehindCloudFront) {
  model::Model m;
  model::Function fn;
  fn.id = "Fn";
  m.functions.push_back(fn);
  model::FunctionUrl url;
  url.id = "FnUrl";
  url.function_id = "Fn";
  url.auth_type = model::String::Literal("AWS_IAM", {});
  m.function_urls.push_back(url);
  struct Row {
    const char* name;
    model::String principal;
    const char* action;
    Reach want;
  };
  for (const Row& r :
       {Row{"no permission", {}, nullptr, Reach::kNotInternet},
        Row{"CloudFront may invoke the URL", model::String::Literal("cloudfront.amazonaws.com", {}),
            "lambda:InvokeFunctionUrl", Reach::kInternet},
        Row{"another account may invoke it", model::String::Literal("111122223333", {}),
            "lambda:InvokeFunctionUrl", Reach::kNotInternet},
        Row{"CloudFront may call every Lambda action of a case of its own",
            model::String::Literal("cloudfront.amazonaws.com", {}), "Lambda:Invoke*",
            Reach::kInternet},
        Row{"CloudFront may only read the function",
            model::String::Literal("cloudfront.amazonaws.com", {}), "lambda:GetFunction",
            Reach::kNotInternet},
        Row{"an unresolved principal may invoke it", model::String::Unknown({}),
            "lambda:InvokeFunctionUrl", Reach::kUnknown}}) {
    m.permissions.clear();
    if (r.action != nullptr) {
      model::Permission p;
      p.id = "Perm";
      p.function_id = "Fn";
      p.principal = r.principal;
      p.action = model::String::Literal(r.action, {});
      m.permissions.push_back(p);
    }
    Facts facts(m);
    Reachability reach(facts);
    Exposure e;
    e.url = &m.function_urls.front();
    EXPECT_STREQ(Name(reach.Invocable(e)), Name(r.want)) << r.name;
  }
}

// Lambda permissions of one function, each written as a row.
struct PermissionRow {
  const char* name;
  model::String action;
  model::String principal;
  model::String source_arn;
  model::String source_account;
  model::String principal_org_id;
  model::String url_auth_type;
  Reach invoke;  // PublicInvoke
  Reach url;     // PublicUrlInvoke, for a URL with AuthType NONE
};

model::String Lit(const char* s) { return model::String::Literal(s, {}); }

model::String Either(std::vector<std::string> alternatives) {
  model::String out = model::String::Unknown({});
  out.alternatives = std::move(alternatives);
  return out;
}

TEST(ReachabilityTest, LambdaPermissionsThroughTheEngine) {
  const model::String none;
  const model::String unknown = model::String::Unknown({});
  const std::vector<PermissionRow> rows = {
      {"anyone, the Invoke API", Lit("lambda:InvokeFunction"), Lit("*"), none, none, none, none,
       Reach::kInternet, Reach::kNotInternet},
      {"anyone, the URL", Lit("lambda:InvokeFunctionUrl"), Lit("*"), none, none, none, Lit("NONE"),
       Reach::kNotInternet, Reach::kInternet},
      {"actions ignore case", Lit("LAMBDA:invokefunction"), Lit("*"), none, none, none, none,
       Reach::kInternet, Reach::kNotInternet},
      {"a wildcard covers both", Lit("lambda:Invoke*"), Lit("*"), none, none, none, none,
       Reach::kInternet, Reach::kInternet},
      {"every action, URLs only", Lit("*"), Lit("*"), none, none, none, Lit("NONE"),
       Reach::kNotInternet, Reach::kInternet},
      {"every action, signed URLs only", Lit("lambda:*"), Lit("*"), none, none, none,
       Lit("AWS_IAM"), Reach::kNotInternet, Reach::kNotInternet},
      {"an unresolved action", unknown, Lit("*"), none, none, none, none, Reach::kUnknown,
       Reach::kUnknown},
      {"an action that may be either's",
       Either({"lambda:InvokeFunction", "lambda:InvokeFunctionUrl", "lambda:*"}), Lit("*"), none,
       none, none, none, Reach::kUnknown, Reach::kUnknown},
      {"an action that grants the Invoke API either way",
       Either({"lambda:InvokeFunction", "lambda:*"}), Lit("*"), none, none, none, none,
       Reach::kInternet, Reach::kUnknown},
      {"an unresolved principal", Lit("lambda:InvokeFunction"), unknown, none, none, none, none,
       Reach::kUnknown, Reach::kNotInternet},
      {"another account", Lit("lambda:InvokeFunction"), Lit("111122223333"), none, none, none, none,
       Reach::kNotInternet, Reach::kNotInternet},
      {"a service", Lit("lambda:*"), Lit("s3.amazonaws.com"), none, none, none, none,
       Reach::kNotInternet, Reach::kNotInternet},
      {"one source", Lit("lambda:*"), Lit("*"), Lit("arn:aws:s3:::uploads"), none, none, none,
       Reach::kNotInternet, Reach::kNotInternet},
      {"an unresolved source", Lit("lambda:*"), Lit("*"), unknown, none, none, none,
       Reach::kNotInternet, Reach::kNotInternet},
      {"one source account", Lit("lambda:*"), Lit("*"), none, Lit("123456789012"), none, none,
       Reach::kNotInternet, Reach::kNotInternet},
      {"one organization", Lit("lambda:*"), Lit("*"), none, none, unknown, none,
       Reach::kNotInternet, Reach::kNotInternet},
  };
  for (const PermissionRow& r : rows) {
    model::Model m;
    model::Function fn;
    fn.id = "Fn";
    m.functions.push_back(fn);
    model::FunctionUrl url;
    url.id = "FnUrl";
    url.function_id = "Fn";
    url.auth_type = Lit("NONE");
    m.function_urls.push_back(url);
    model::Permission p;
    p.id = "Perm";
    p.function_id = "Fn";
    p.action = r.action;
    p.principal = r.principal;
    p.source_arn = r.source_arn;
    p.source_account = r.source_account;
    p.principal_org_id = r.principal_org_id;
    p.function_url_auth_type = r.url_auth_type;
    m.permissions.push_back(p);
    Facts facts(m);
    Reachability reach(facts);
    const FunctionFacts& f = *facts.ForFunction("Fn");
    Invokers invoke = reach.PublicInvoke(f.permissions);
    EXPECT_STREQ(Name(invoke.reach), Name(r.invoke)) << r.name << ": Invoke API";
    Invokers through_url = reach.PublicUrlInvoke(m.function_urls.front());
    EXPECT_STREQ(Name(through_url.reach), Name(r.url)) << r.name << ": function URL";
    for (const Invokers& i : {invoke, through_url}) {
      size_t want = i.reach == Reach::kInternet ? 1 : 0;
      EXPECT_EQ(i.through.size(), want) << r.name;
    }
  }
}

// Lambda policies have no Deny: every permission that lets anyone in is
// named, whatever the others say.
TEST(ReachabilityTest, EveryPermissionThatLetsAnyoneIn) {
  model::Model m;
  model::Function fn;
  fn.id = "Fn";
  m.functions.push_back(fn);
  auto add = [&](const char* id, model::String principal) {
    model::Permission p;
    p.id = id;
    p.function_id = "Fn";
    p.action = Lit("lambda:InvokeFunction");
    p.principal = std::move(principal);
    m.permissions.push_back(p);
  };
  add("Public", Lit("*"));
  add("Unresolved", model::String::Unknown({}));
  add("Partner", Lit("111122223333"));
  add("AlsoPublic", Lit("*"));
  Facts facts(m);
  Reachability reach(facts);
  Invokers invokers = reach.PublicInvoke(facts.ForFunction("Fn")->permissions);
  EXPECT_EQ(invokers.reach, Reach::kInternet);
  std::vector<std::string> ids;
  for (const model::Permission* p : invokers.through) ids.push_back(p->id);
  EXPECT_EQ(ids, (std::vector<std::string>{"Public", "AlsoPublic"}));
  // No permission at all: only the function's own account may invoke it.
  EXPECT_EQ(reach.PublicInvoke({}).reach, Reach::kNotInternet);
}

}  // namespace
}  // namespace fnwarden::analysis
