// Terraform modules: a folder's configuration, indexed (ModuleConfig), and
// its evaluation as `terraform plan` would see it as far as that is static
// (Evaluator): variables, locals, resources and data sources with their
// count and for_each instances, module calls with their inputs and
// outputs, and every expression of them.
//
// Evaluation is lazy and memoised: a local, a variable, a module output or
// a resource attribute is evaluated when something refers to it, once.
// Cycles (two locals naming each other, a module whose source is itself or
// a module that calls it) are found and reported, and their values are
// unknown; recursion is depth-capped.
#ifndef FNWARDEN_LOAD_TERRAFORM_MODULE_H_
#define FNWARDEN_LOAD_TERRAFORM_MODULE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "load/syntax/hcl.h"
#include "load/terraform/functions.h"
#include "load/terraform/value.h"
#include "util/diagnostic.h"
#include "util/source.h"

namespace fnwarden::load::terraform {

namespace hcl = syntax::hcl;

// A `resource` or `data` block.
struct ResourceBlock {
  bool data = false;
  std::string_view type;  // aws_lambda_function
  std::string_view name;  // its label
  const hcl::Block* block = nullptr;
  // "aws_lambda_function.api" or "data.aws_iam_policy_document.assume".
  std::string address;
};

// One folder's `.tf` files, indexed. Duplicate definitions are reported
// (the first one counts, as Terraform refuses the folder).
struct ModuleConfig {
  std::string dir;  // the folder's path, as the loader opens it
  std::vector<const hcl::File*> files;
  std::map<std::string, const hcl::Block*, std::less<>> variables;
  std::map<std::string, const hcl::Attribute*, std::less<>> locals;
  std::map<std::string, const hcl::Block*, std::less<>> outputs;
  std::map<std::string, const hcl::Block*, std::less<>> module_calls;
  std::vector<ResourceBlock> resources;  // resources and data sources, in file order
  std::map<std::string, size_t, std::less<>> by_address;

  // Indexes `files` (in the order given).
  void Index(util::DiagnosticSink* diags);
  const ResourceBlock* FindResource(std::string_view address) const;
};

// What evaluation may use from outside the configuration.
struct EvalEnvironment {
  // The folder of a module source: a local one (`source = "./x"`, relative
  // to `from`), or one that `terraform init` downloaded, by the module's
  // key in .terraform/modules/modules.json ("api", "api.nested"). Nullptr,
  // having said why, when it is not in the scan.
  std::function<const ModuleConfig*(const ModuleConfig& from, std::string_view source,
                                    std::string_view key, util::Loc at)>
      find_module;
  // Reads a file relative to a module's folder (`file()`, `templatefile()`);
  // null: files stay unknown.
  std::function<bool(const ModuleConfig& from, std::string_view path, util::Loc at,
                     std::string* text)>
      read_file;
  util::DiagnosticSink* diags = nullptr;
  // Caps: instances of one block (count, for_each, module calls), module
  // nesting, expression depth.
  size_t max_instances = 10'000;
  int max_module_depth = 16;
  int max_eval_depth = 200;
};

// One instance of a resource or data block, its body evaluated.
struct ResourceInstance {
  const ResourceBlock* block = nullptr;
  std::string address;      // "module.api.aws_lambda_function.this[\"a\"]"
  std::string module_path;  // "module.api" ("" in the root module)
  util::Loc loc;            // the block's
  // The body: arguments as fields, nested blocks (`dynamic` ones expanded)
  // as tuples of objects under the block type. Meta-arguments (count,
  // for_each, depends_on, provider, lifecycle, provisioner) are left out.
  ValuePtr body;
};

class ModuleInstance;

// Evaluates a root module and the modules it calls.
class Evaluator {
 public:
  // `root`'s variables take `variables` (tfvars, --var; already values),
  // else their defaults, else stay unknown.
  Evaluator(const ModuleConfig& root, std::map<std::string, ValuePtr> variables,
            EvalEnvironment env);
  ~Evaluator();
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;

  // Every resource and data instance of the root module and of the module
  // instances it calls, in order (a module's resources where it is called).
  std::vector<ResourceInstance> Instances();

  // The value of an expression in the root module (tests).
  ValuePtr EvalInRoot(const hcl::Expr* expr);
  // A root output's value, or nullptr when there is none.
  ValuePtr Output(std::string_view name);

 private:
  friend class ModuleInstance;
  EvalEnvironment env_;
  std::unique_ptr<ModuleInstance> root_;
  int depth_ = 0;  // current expression depth
  int quiet_ = 0;  // inside try() or can(): errors are expected, not reported
};

}  // namespace fnwarden::load::terraform

#endif  // FNWARDEN_LOAD_TERRAFORM_MODULE_H_
