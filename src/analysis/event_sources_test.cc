#include "analysis/event_sources.h"

#include <gtest/gtest.h>

#include <string>

namespace fnwarden::analysis {
namespace {

model::String Lit(std::string s) { return model::String::Literal(std::move(s), {}); }

model::Route Route(std::string method, std::string path, std::string auth, std::string fn) {
  model::Route r;
  r.method = Lit(std::move(method));
  r.path = Lit(std::move(path));
  r.authorization_type = Lit(std::move(auth));
  r.function_id = std::move(fn);
  return r;
}

// Fn behind a REST API (GET /public without authorization, POST /admin
// with AWS_IAM); Worker on an S3 bucket and a schedule; Lonely on nothing.
struct App {
  model::Model model;

  App() {
    for (const char* id : {"Fn", "Worker", "Lonely"}) {
      model::Function f;
      f.id = id;
      model.functions.push_back(std::move(f));
    }
    model::Api api;
    api.id = "Api";
    api.kind = model::ApiKind::kRest;
    api.routes.push_back(Route("GET", "/public", "NONE", "Fn"));
    api.routes.push_back(Route("POST", "/admin", "AWS_IAM", "Fn"));
    model::Stage stage;
    stage.id = "Prod";
    stage.stage_name = Lit("prod");
    api.stages.push_back(std::move(stage));
    model.apis.push_back(std::move(api));
    model::Bucket bucket;
    bucket.id = "Uploads";
    model.buckets.push_back(std::move(bucket));
    model::Trigger s3;
    s3.function_id = "Worker";
    s3.kind = model::TriggerKind::kS3;
    s3.name = "Upload";
    s3.source_id = "Uploads";
    model.triggers.push_back(s3);
    model::Trigger schedule;
    schedule.function_id = "Worker";
    schedule.kind = model::TriggerKind::kSchedule;
    model.triggers.push_back(schedule);
  }

  std::string Source(std::string_view fn, std::string_view path) {
    Facts facts(model);
    const model::Function* f = model.FindFunction(fn);
    std::optional<EventSource> s = ControlledSource(facts, *f, path);
    if (!s) return "-";
    const char* exposure = s->exposure == SourceExposure::kAnonymous       ? "anonymous"
                           : s->exposure == SourceExposure::kAuthenticated ? "authenticated"
                                                                           : "internal";
    return s->trigger + " | " + s->part + " | " + exposure;
  }
};

TEST(EventSourcesTest, TheRequestIsTheCallersOnTheMostExposedRoute) {
  App app;
  EXPECT_EQ(app.Source("Fn", "body.url"), "GET /public | the request body's `url` | anonymous");
  EXPECT_EQ(app.Source("Fn", "queryStringParameters.q"),
            "GET /public | the query parameter `q` | anonymous");
  EXPECT_EQ(app.Source("Fn", "headers.Authorization"),
            "GET /public | the header `Authorization` | anonymous");
  EXPECT_EQ(app.Source("Fn", ""), "GET /public | the whole event | anonymous");
  EXPECT_EQ(app.Source("Fn", "requestContext.identity.sourceIp"), "-");
  EXPECT_EQ(app.Source("Fn", "stageVariables.table"), "-");
}

TEST(EventSourcesTest, AnIamAuthorisedRouteIsInternal) {
  App app;
  app.model.apis[0].routes.erase(app.model.apis[0].routes.begin());
  EXPECT_EQ(app.Source("Fn", "body"), "POST /admin | the request body | internal");
}

TEST(EventSourcesTest, SeveralRoutesAreCounted) {
  App app;
  app.model.apis[0].routes.push_back(Route("GET", "/other", "NONE", "Fn"));
  EXPECT_EQ(app.Source("Fn", "pathParameters.id"),
            "GET /public and 1 other route | the path parameter `id` | anonymous");
}

TEST(EventSourcesTest, AnS3NotificationGivesOnlyTheObjectKey) {
  App app;
  EXPECT_EQ(app.Source("Worker", "Records[].s3.object.key"),
            "the S3 bucket Uploads | the S3 object key | internal");
  EXPECT_EQ(app.Source("Worker", "Records[]"),
            "the S3 bucket Uploads | `event.Records[]`, which holds the S3 object key | internal");
  EXPECT_EQ(app.Source("Worker", "*[].s3.object.key"),
            "the S3 bucket Uploads | the S3 object key | internal");
  EXPECT_EQ(app.Source("Worker", "Records[].s3.bucket.name"), "-");
  EXPECT_EQ(app.Source("Worker", "body"), "-");
  EXPECT_FALSE(ServesHttp(Facts(app.model), *app.model.FindFunction("Worker")));
}

TEST(EventSourcesTest, NoTriggerNoSource) {
  App app;
  EXPECT_EQ(app.Source("Lonely", ""), "-");
  EXPECT_EQ(app.Source("Lonely", "body"), "-");
}

TEST(EventSourcesTest, ALoadBalancersExposureComesFromItsSchemeAndListeners) {
  App app;
  model::Trigger alb;
  alb.function_id = "Lonely";
  alb.kind = model::TriggerKind::kLoadBalancer;
  alb.name = "Targets";
  alb.source = Lit("orders-tg");
  app.model.triggers.push_back(alb);
  // No balancer known: judged like an authorised route, neither up nor down.
  EXPECT_EQ(app.Source("Lonely", "body"),
            "the load balancer's target group orders-tg | the request body | authenticated");
  EXPECT_TRUE(ServesHttp(Facts(app.model), *app.model.FindFunction("Lonely")));
  app.model.triggers.back().internet_facing = model::Bool::Literal(true, {});
  EXPECT_EQ(app.Source("Lonely", "queryStringParameters.q"),
            "the load balancer's target group orders-tg | the query parameter `q` | anonymous");
  app.model.triggers.back().authenticates = true;
  EXPECT_EQ(app.Source("Lonely", "headers.x"),
            "the load balancer's target group orders-tg | the header `x` | authenticated");
  app.model.triggers.back().authenticates = false;
  app.model.triggers.back().internet_facing = model::Bool::Literal(false, {});
  EXPECT_EQ(app.Source("Lonely", "path"),
            "the load balancer's target group orders-tg | the request path | internal");
  EXPECT_EQ(app.Source("Lonely", "Records[].body"), "-");
}

}  // namespace
}  // namespace fnwarden::analysis
