// The Terraform frontend: root modules read as `terraform plan` would see
// them, as far as that is static, into the shared model.
//
// A Terraform unit is a folder, not a file: a root module is a folder of
// `.tf` files that no other module of the scan uses as a local source. Its
// variables take, lowest first, `TF_VAR_` environment variables (only with
// --resolve-env), `terraform.tfvars`, `*.auto.tfvars` (by name), then
// --var-file and --var in order, then their defaults; the rest stay
// unknown. Its resources and those of the modules it calls are evaluated
// (module.h), compiled into CloudFormation-shaped nodes (compile.h) and
// adapted like a template, so every rule reads Terraform unchanged and
// every finding points into the `.tf` file.
#ifndef FNWARDEN_LOAD_TERRAFORM_TERRAFORM_H_
#define FNWARDEN_LOAD_TERRAFORM_TERRAFORM_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "load/frontend.h"
#include "load/syntax/hcl.h"
#include "load/terraform/module.h"
#include "model/model.h"
#include "util/diagnostic.h"

namespace fnwarden::load::terraform {

// A `.tf` file (not `.tf.json`, not `.tfvars`).
bool IsTerraformFile(std::string_view path);

// Every module folder of a scan, parsed, and the root modules among them.
class Workspace {
 public:
  // Adds a parsed `.tf` file of folder `dir` (as the loader opens it).
  void AddFile(const std::string& dir, std::unique_ptr<syntax::hcl::File> file);
  // Records that `terraform init` in root folder `root` downloaded the
  // module of key `key` ("api", "api.nested") into `dir`, whose files are
  // added with AddFile. Such a folder is never a root of its own.
  void AddDownloaded(const std::string& root, const std::string& key, const std::string& dir);
  // Adds a `.tfvars` file found in folder `dir`.
  void AddVarsFile(const std::string& dir, std::unique_ptr<syntax::hcl::File> file);
  // Indexes every folder; call once all files are added.
  void Index(util::DiagnosticSink* diags);

  // Folders that no other folder of the workspace calls as a local module,
  // sorted.
  std::vector<std::string> Roots() const;
  const ModuleConfig* Find(std::string_view dir) const;

  // Builds the model of the root module in `dir`. The context gives the
  // file system and roots for modules and file(), the options for
  // variables.
  bool Build(std::string_view dir, const UnitContext& ctx, util::DiagnosticSink* diags,
             model::Model* out) const;

 private:
  struct Folder {
    ModuleConfig config;
    std::vector<std::unique_ptr<syntax::hcl::File>> files;
    std::vector<std::unique_ptr<syntax::hcl::File>> vars_files;
    std::vector<std::string> calls;  // normalised folders of its local module sources
    std::map<std::string, std::string> downloaded;  // module key -> normalised folder
    bool is_download = false;                       // under .terraform/modules of some root
  };
  std::map<std::string, Folder, std::less<>> folders_;  // by normalised folder
};

// The model of resource instances however they were read (a root module
// evaluated, a plan): compiled, adapted and linked. `root` is the unit's
// path; `file` the file the synthetic nodes are about.
bool BuildFromInstances(const std::vector<ResourceInstance>& instances, const std::string& root,
                        const util::SourceFile* file, const LoadOptions& options,
                        model::Model* out);

// The comments of a parsed `.tf` file as suppressions read them
// (util::SourceComment): a comment after code is about its line; one on a
// line of its own is about the next line, and about the whole block or
// attribute that starts there.
std::vector<util::SourceComment> SourceComments(const syntax::hcl::File& file);

// The model of a single parsed `.tf` file as a root module of its own (rule
// fixtures, fuzzing). No other file is read.
bool BuildFileModel(const syntax::hcl::File& file, const LoadOptions& options,
                    util::DiagnosticSink* diags, model::Model* out);

}  // namespace fnwarden::load::terraform

#endif  // FNWARDEN_LOAD_TERRAFORM_TERRAFORM_H_
