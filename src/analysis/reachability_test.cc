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

}  // namespace
}  // namespace fnwarden::analysis
