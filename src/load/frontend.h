// The frontends: one per framework fnwarden reads, in one table.
//
// A frontend knows one kind of deployable unit (a unit is a file or a
// folder: a CloudFormation or SAM template, a `serverless.yml` service, later
// a Terraform root module) and turns it into a model::Model. Each has
//   - `may_claim`, a cheap test on a file's name and text before it is
//     parsed (most files of a repository are not units, and are not parsed);
//   - `claims`, the test on the parsed document that decides;
//   - `build`, which makes the model.
// The loader (project.cc) parses each candidate file once, asks the frontends
// in table order, and builds the model with the first that claims it. A new
// framework adds its own folder under src/load/ and one line of the table in
// frontend.cc. A CDK cloud assembly is not a frontend of its own: its
// manifest lists stack templates, which the CloudFormation frontend reads.
#ifndef FNWARDEN_LOAD_FRONTEND_H_
#define FNWARDEN_LOAD_FRONTEND_H_

#include <span>
#include <string_view>

#include "load/project.h"
#include "load/syntax/node.h"
#include "model/model.h"
#include "util/diagnostic.h"
#include "util/fs.h"
#include "util/source.h"

namespace fnwarden::load {

// What a frontend may use besides the document itself.
struct UnitContext {
  const LoadOptions* options = nullptr;
  // Files a unit names (a Serverless `${file(…)}` with --resolve-files) are
  // read through `fs`, only inside `roots`, and kept in `sources`. Null:
  // such files stay unread and their values unknown.
  const util::FileSystem* fs = nullptr;
  const util::ScanRoots* roots = nullptr;
  util::SourceSet* sources = nullptr;
  // A nested template's parameter values, from its parent stack; null for a
  // unit of its own.
  const std::map<std::string, model::String>* inputs = nullptr;
  // A parent template's nested stacks' outputs, once they are built.
  const StackOutputs* stack_outputs = nullptr;
};

struct Frontend {
  model::Framework framework;  // what it reads (SAM and CDK output come through CloudFormation)
  std::string_view name;       // for messages: "CloudFormation/SAM template"
  bool (*may_claim)(std::string_view path, std::string_view text);
  bool (*claims)(std::string_view path, const syntax::Node* root);
  // False when the document is not a unit after all (nothing was built).
  bool (*build)(const syntax::Document& doc, const UnitContext& ctx, util::DiagnosticSink* diags,
                model::Model* out);
};

// Every frontend, in the order they are asked.
std::span<const Frontend> Frontends();

// Whether some frontend may claim a file with this name and text.
bool MayBeUnit(std::string_view path, std::string_view text);
// The first frontend that claims the document, or nullptr.
const Frontend* ClaimingFrontend(std::string_view path, const syntax::Node* root);

// Builds the model of one unit's main document with the frontend that claims
// it (used by LoadProjects, tests and fuzzers). False when none claims it or
// it could not be built; problems are in `diags`.
bool BuildUnitModel(const syntax::Document& doc, const UnitContext& ctx,
                    util::DiagnosticSink* diags, model::Model* out);
// The same with no files read besides `doc`.
bool BuildUnitModel(const syntax::Document& doc, const LoadOptions& options,
                    util::DiagnosticSink* diags, model::Model* out);

}  // namespace fnwarden::load

#endif  // FNWARDEN_LOAD_FRONTEND_H_
