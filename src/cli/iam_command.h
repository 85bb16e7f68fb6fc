// `fnwarden iam`: the IAM engine on the command line.
//
//   fnwarden iam expand PATTERN...        actions a pattern covers, with access levels
//   fnwarden iam simulate ...             one request against policies: the decision
//                                         and the statements that decided it
//   fnwarden iam permissions PRINCIPAL    a function's (or any other principal's)
//                                         effective permissions, grouped by service
//                                         and access level
//   fnwarden iam suggest [FUNCTION]       the least-privilege policy of each function,
//                                         from the SDK calls of its code
//
// Like every command, these are the only place that prints; usage errors
// exit 2 with a "did you mean" where one helps (docs/iam-commands.md).
//
// The helpers below are shared by the subcommands (iam_command.cc,
// iam_simulate.cc, iam_permissions.cc); they print their own errors.
#ifndef FNWARDEN_CLI_IAM_COMMAND_H_
#define FNWARDEN_CLI_IAM_COMMAND_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/facts.h"
#include "analysis/iam/effective.h"
#include "load/project.h"
#include "load/syntax/node.h"
#include "model/model.h"
#include "util/source.h"

namespace fnwarden::cli {

// The `iam` command of the command table (cli.cc): dispatches to its
// subcommands. argv[0] is "iam".
int RunIam(int argc, char** argv);

namespace iam_cli {

// The subcommands; argv[0] is the subcommand's name.
int RunExpand(int argc, char** argv);
int RunSimulate(int argc, char** argv);
int RunPermissions(int argc, char** argv);
int RunSuggest(int argc, char** argv);

// Where a subcommand finds one function: the projects under `paths` ("."
// when empty), loaded as `fnwarden scan` loads them.
struct FunctionQuery {
  std::string name;  // logical ID or physical FunctionName
  std::vector<std::string> paths;
  std::map<std::string, std::string> parameters;  // --param Name=Value
};

// A function found by FindFunction, pointing into `loaded`.
struct FoundFunction {
  load::LoadResult loaded;
  const model::Model* model = nullptr;
  const model::Function* function = nullptr;
};

// Loads the projects and finds the function: by logical ID first, then by
// its physical name. Returns -1 with `out` filled, or an exit code after
// printing the error as `fnwarden <command>: error: ...`: an unknown name
// (with "did you mean"), a name found in several projects (each listed with
// file:line), or no project at all. Errors in the inputs are printed as
// diagnostics either way. `out` must not move while its pointers are used.
int FindFunction(std::string_view command, const FunctionQuery& query, FoundFunction* out);

// A principal found by FindPrincipal, pointing into `loaded` and `facts`.
struct FoundPrincipal {
  load::LoadResult loaded;
  const model::Model* model = nullptr;
  std::unique_ptr<analysis::Facts> facts;  // of `model`
  // One of facts->Permissions().principals(), or for a function its own
  // view (functions()).
  const analysis::iam::PrincipalPermissions* principal = nullptr;
  // Set when the name is a function's: `principal` is then that function's
  // view of its role (without a role when the role is outside the project).
  const model::Function* function = nullptr;
};

// Loads the projects and finds a principal of them, any that the scan
// evaluates (analysis::iam::ModelPermissions::principals()). `query.name` is,
// in this order:
//  1. a function, as FindFunction finds it (logical ID, then FunctionName);
//  2. the logical ID of a role, an IAM user, an IAM group without users, a
//     standalone policy, or a resource that uses a role (a state machine, a
//     build project, an identity pool...), which stands for its role; a role
//     that functions assume is their principal;
//  3. the physical name of a role (RoleName), a user or a group.
// An IAM group with users is not a principal of its own (its policies are
// part of each user's). Returns -1 with `out` filled, or an exit code after
// printing the error as FindFunction does: an unknown name lists the close
// principals ("did you mean"), or those there are when none is close; a name
// of several principals lists them with file:line. `out` must not move while
// its pointers are used.
int FindPrincipal(std::string_view command, const FunctionQuery& query, FoundPrincipal* out);

// Policy documents read from standalone files (--policy, --boundary,
// --resource-policy). Owns the files' text and syntax trees, which the
// documents' locations point into; documents never move.
class PolicyFiles {
 public:
  // Reads a JSON (".json") or YAML IAM policy document. The document may also
  // be wrapped as {PolicyDocument: ...} (a CloudFormation snippet) or
  // {PolicyVersion: {Document: ...}} (aws iam get-policy-version output).
  // Problems with the file are printed (file:line:col); returns null after
  // an unusable file. Validation findings (an unknown action, a bad ARN) are
  // printed as they are, and the document is still returned.
  const model::PolicyDocument* Read(std::string_view command, const std::string& path,
                                    bool resource_based);

 private:
  util::SourceSet sources_;
  std::vector<std::unique_ptr<load::syntax::Document>> docs_;
  std::vector<std::unique_ptr<model::PolicyDocument>> policies_;
};

// Loads the projects of a query as `fnwarden scan` loads them and prints the
// errors among the diagnostics. Returns the paths loaded ("." when none).
std::vector<std::string> LoadQuery(const FunctionQuery& query, load::LoadResult* loaded);

// "--param Name=Value" flags into a map; false with `err` on a malformed one.
bool ParseParamFlags(const std::vector<std::string>& params,
                     std::map<std::string, std::string>* out, std::string* err);

}  // namespace iam_cli
}  // namespace fnwarden::cli

#endif  // FNWARDEN_CLI_IAM_COMMAND_H_
