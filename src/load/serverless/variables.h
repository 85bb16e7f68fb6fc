// Serverless Framework variables: `${self:custom.table}`, `${opt:stage,
// 'dev'}`, `${sls:stage}`, `${param:domain}`, `${env:TOKEN}`,
// `${file(./config.yml):key}`, `${ssm:/path}`…, resolved the way the
// framework resolves them before it compiles a service, as far as that is
// static.
//
// - `self`, `opt:stage`, `sls:stage`, `param` (from --param, then the
//   service's `params` for the stage or `default`) and literal fallbacks
//   resolve. Fallbacks are tried in order (`${a, b, 'x'}`) while a source
//   has no value.
// - `env` resolves only with LoadOptions::resolve_env, `file` only with
//   LoadOptions::resolve_files and only inside the scan roots (YAML and
//   JSON files; a .js or .ts file is a program and is never run).
//   Otherwise they stay unknown: scanning an untrusted pull request never
//   reads the runner's environment or files outside the repository.
// - `ssm`, `cf`, `aws`, `s3`, `sls:instanceId`, every other source and any
//   value that depends on one stay unknown (syntax::NodeArena::Unknown), and
//   unknown values are never reported as violations.
// - `${Name}` and `${AWS::Region}` are not Serverless variables
//   (CloudFormation's Fn::Sub reads them) and stay as written.
// Cycles, nesting deeper than the limits and variables in keys get a
// diagnostic at the variable; the value is then unknown.
#ifndef FNWARDEN_LOAD_SERVERLESS_VARIABLES_H_
#define FNWARDEN_LOAD_SERVERLESS_VARIABLES_H_

#include <memory>
#include <string>

#include "load/frontend.h"
#include "load/syntax/node.h"
#include "load/syntax/synthetic.h"
#include "util/diagnostic.h"

namespace fnwarden::load::serverless {

class Resolver {
 public:
  // `root` is the service's configuration; `service_dir` the folder of its
  // file (paths in `${file(…)}` are relative to it). Resolved nodes are
  // made in `arena`; nodes without variables are shared, not copied.
  Resolver(const syntax::Node* root, const UnitContext& unit, std::string service_dir,
           syntax::NodeArena* arena, util::DiagnosticSink* diags);
  ~Resolver();
  Resolver(const Resolver&) = delete;
  Resolver& operator=(const Resolver&) = delete;

  // The configuration with every variable resolved (or unknown).
  const syntax::Node* Resolve();
  // The stage: --stage, else provider.stage, else "dev".
  const std::string& stage();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace fnwarden::load::serverless

#endif  // FNWARDEN_LOAD_SERVERLESS_VARIABLES_H_
