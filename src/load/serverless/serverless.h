// The Serverless Framework frontend (v3 and v4 `serverless.yml`, `.yaml`
// and `.json`).
//
// A service is read the way the framework deploys it: its variables are
// resolved (variables.h), then it is compiled into the CloudFormation
// template the framework would generate, with the framework's own logical
// names (`<Name>LambdaFunction`, `IamRoleLambdaExecution`,
// `ApiGatewayRestApi`, `<Name>LambdaPermissionApiGateway`…), its
// `resources` merged in and its `extensions` applied. That template is made
// of synthetic nodes that point at the lines of the service that caused
// them, and goes through the CloudFormation adapters, so every rule reads a
// Serverless service unchanged and every finding points into
// `serverless.yml`.
#ifndef FNWARDEN_LOAD_SERVERLESS_SERVERLESS_H_
#define FNWARDEN_LOAD_SERVERLESS_SERVERLESS_H_

#include <set>
#include <string>
#include <string_view>

#include "load/frontend.h"
#include "load/syntax/node.h"
#include "load/syntax/synthetic.h"
#include "model/model.h"
#include "util/diagnostic.h"

namespace fnwarden::load::serverless {

// The frontend's table entries (load/frontend.h).
bool MayClaim(std::string_view path, std::string_view text);
// A map with `service` and a `provider` map whose `name` is aws (or
// absent).
bool Claims(std::string_view path, const syntax::Node* root);
bool Build(const syntax::Document& doc, const UnitContext& ctx, util::DiagnosticSink* diags,
           model::Model* out);

// The logical ID the framework gives the function `key`
// ("create-order" gives "CreateDashorderLambdaFunction").
std::string FunctionLogicalId(std::string_view key);

// The CloudFormation template root that the framework would deploy for the
// resolved configuration `service` (Build's second step). `arena` owns the
// new nodes. `written` (optional) receives the logical IDs the service's
// `resources` declares: its author's; the framework generated the rest.
const syntax::Node* Compile(const syntax::Node* service, const std::string& stage,
                            syntax::NodeArena* arena, util::DiagnosticSink* diags,
                            std::set<std::string, std::less<>>* written = nullptr);

}  // namespace fnwarden::load::serverless

#endif  // FNWARDEN_LOAD_SERVERLESS_SERVERLESS_H_
