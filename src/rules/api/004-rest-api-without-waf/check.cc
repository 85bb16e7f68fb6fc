// FNW-API-004: a public REST API stage has no AWS WAF web ACL in front of it.
#include <string>

#include "analysis/reachability.h"
#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

// True when a WebACL association of the model may target this API: its
// resource ARN refers to the API or the stage, or is an ARN fnwarden cannot
// read (which might be this stage: stay quiet).
bool MayBeAssociated(const model::Model& m, const model::Api& api, const model::Stage& stage) {
  for (const auto& acl : m.web_acls) {
    for (const auto& target : acl.associated_resources) {
      if (!target.known() && target.refs.empty()) return true;
      for (const auto& ref : target.refs) {
        if (ref == api.id || (!stage.id.empty() && ref == stage.id)) return true;
      }
    }
  }
  return false;
}

// The stage in a !Sub string: its name, or the parameter it comes from.
std::string StageInSub(const model::Stage& stage) {
  if (stage.stage_name.known()) return stage.stage_name.value;
  if (!stage.stage_name.refs.empty()) return "${" + stage.stage_name.refs.front() + "}";
  return analysis::StageName(stage);
}

// A fix that can be applied as written: the association resource, with the
// stage's ARN built from what the template names (for SAM's implicit API,
// the ServerlessRestApi reference and its generated stage).
std::string Fix(const model::Api& api, const model::Stage& stage) {
  std::string fix =
      "Associate a regional WAF web ACL (AWS managed rule groups and a rate-based rule) with "
      "stage " +
      analysis::StageName(stage) + " of " + api.id +
      ": an AWS::WAFv2::WebACLAssociation with ResourceArn !Sub "
      "\"arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${" +
      api.id + "}/stages/" + StageInSub(stage) + "\"";
  if (!stage.id.empty() && stage.id != api.id) fix += " and DependsOn: " + stage.id;
  return fix + ".";
}

void Check(Context& ctx) {
  analysis::Reachability reach(ctx.facts);
  for (const auto& api : ctx.model.apis) {
    if (api.kind != model::ApiKind::kRest) continue;
    for (const auto& stage : api.stages) {
      if (!stage.web_acls.empty() || MayBeAssociated(ctx.model, api, stage)) continue;
      // Private endpoints and resource policies that keep the internet out
      // leave nothing for a web ACL to filter.
      if (reach.Stage(api, stage) != analysis::Reach::kInternet) continue;
      std::string name = analysis::StageName(stage);
      ctx.Report(stage.id.empty() ? api.id : stage.id, stage.loc.known() ? stage.loc : api.loc,
                 stage.loc, "stage.web_acl",
                 "stage " + name + " of REST API " + api.id +
                     " has no AWS WAF web ACL: injection payloads, credential stuffing and "
                     "request floods from known bad sources reach the functions behind it",
                 Fix(api, stage));
    }
  }
}

}  // namespace

extern const RuleDef kRuleApi004;
const RuleDef kRuleApi004 = {
    .title = "Public REST API without a WAF web ACL",
    .severity = model::Severity::kMedium,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kApiAuthentication,
    .check = &Check,
};

}  // namespace fnwarden::rules
