#include "load/terraform/terraform.h"

#include <algorithm>
#include <cstdlib>
#include <set>
#include <utility>

#include "load/cfn/template.h"
#include "load/discover_internal.h"
#include "load/link.h"
#include "load/terraform/compile.h"
#include "util/strings.h"

namespace fnwarden::load::terraform {

namespace hcl = syntax::hcl;

bool IsTerraformFile(std::string_view path) {
  std::string lower = util::ToLower(path);
  return (lower.size() > 3 && lower.ends_with(".tf")) ||
         (lower.size() > 8 && lower.ends_with(".tf.json"));
}

namespace {

bool IsLocalSource(std::string_view source) {
  return source.starts_with("./") || source.starts_with("../") || source == "." || source == "..";
}

// Whether an expression refers to anything (a tfvars value may not).
bool HasReferences(const hcl::Expr* e) {
  if (e == nullptr) return false;
  if (e->kind == hcl::ExprKind::kVariable || e->kind == hcl::ExprKind::kCall) return true;
  if (HasReferences(e->a) || HasReferences(e->b) || HasReferences(e->c) || HasReferences(e->d)) {
    return true;
  }
  if (e->kind == hcl::ExprKind::kObject) {
    // Bare object keys are names, not references.
    for (size_t i = 0; i < e->items.size(); ++i) {
      if (i % 2 == 0 && e->items[i]->kind == hcl::ExprKind::kVariable) continue;
      if (HasReferences(e->items[i])) return true;
    }
    return false;
  }
  for (const hcl::Expr* i : e->items) {
    if (HasReferences(i)) return true;
  }
  return false;
}

// The values a vars file (or --var) assigns; references are refused.
void ReadVars(const hcl::File& file, Evaluator& literal, util::DiagnosticSink* diags,
              std::map<std::string, ValuePtr>* out) {
  for (const hcl::BodyItem& item : file.body()->items) {
    if (item.block != nullptr) {
      if (diags != nullptr) {
        diags->Warning(item.block->loc, "blocks are not allowed in a variables file; ignored");
      }
      continue;
    }
    const hcl::Attribute* a = item.attribute;
    if (HasReferences(a->value)) {
      if (diags != nullptr) {
        diags->Warning(a->value->loc, "variable " + std::string(a->name) +
                                          ": a variables file holds literal values only (no "
                                          "references or functions); ignored");
      }
      continue;
    }
    (*out)[std::string(a->name)] = literal.EvalInRoot(a->value);
  }
}

}  // namespace

void Workspace::AddFile(const std::string& dir, std::unique_ptr<hcl::File> file) {
  Folder& f = folders_[util::NormalizePath(dir)];
  f.config.dir = dir;
  f.files.push_back(std::move(file));
}

void Workspace::AddDownloaded(const std::string& root, const std::string& key,
                              const std::string& dir) {
  folders_[util::NormalizePath(root)].downloaded[key] = util::NormalizePath(dir);
  Folder& module = folders_[util::NormalizePath(dir)];
  if (module.config.dir.empty()) module.config.dir = dir;
  module.is_download = true;
}

void Workspace::AddVarsFile(const std::string& dir, std::unique_ptr<hcl::File> file) {
  Folder& f = folders_[util::NormalizePath(dir)];
  if (f.config.dir.empty()) f.config.dir = dir;
  f.vars_files.push_back(std::move(file));
}

void Workspace::Index(util::DiagnosticSink* diags) {
  for (auto& [dir, folder] : folders_) {
    // Files in name order, as Terraform reads them.
    std::sort(folder.files.begin(), folder.files.end(), [](const auto& a, const auto& b) {
      return a->source()->path() < b->source()->path();
    });
    std::sort(folder.vars_files.begin(), folder.vars_files.end(), [](const auto& a, const auto& b) {
      return a->source()->path() < b->source()->path();
    });
    for (const auto& f : folder.files) folder.config.files.push_back(f.get());
    folder.config.Index(diags);
    for (const auto& [name, call] : folder.config.module_calls) {
      const hcl::Attribute* source = call->body->Get("source");
      if (source == nullptr || source->value->kind != hcl::ExprKind::kString) continue;
      std::string_view s = source->value->text;
      if (!IsLocalSource(s)) continue;
      folder.calls.push_back(util::NormalizePath(internal::JoinPath(dir, s)));
    }
  }
}

std::vector<std::string> Workspace::Roots() const {
  std::set<std::string> called;
  for (const auto& [dir, folder] : folders_) {
    for (const std::string& c : folder.calls) {
      if (c != dir) called.insert(c);
    }
  }
  std::vector<std::string> roots;
  for (const auto& [dir, folder] : folders_) {
    if (folder.files.empty() || folder.is_download || called.contains(dir)) continue;
    roots.push_back(dir);
  }
  return roots;
}

const ModuleConfig* Workspace::Find(std::string_view dir) const {
  auto it = folders_.find(util::NormalizePath(dir));
  if (it == folders_.end() || it->second.files.empty()) return nullptr;
  return &it->second.config;
}

namespace {

// Where each function's and layer's code is: the folder an `archive_file`
// data source zips into its `filename`, else that .zip, relative to the
// root module's folder as Terraform resolves relative paths (path.module is
// already the module's folder as the loader opens it).
void FindCodeFolders(const std::vector<ResourceInstance>& instances, const std::string& root,
                     model::Model* out) {
  std::map<std::string, const Value*> archives;  // output_path -> the data source's body
  for (const ResourceInstance& inst : instances) {
    if (!inst.block->data || inst.block->type != "archive_file") continue;
    std::string path;
    if (const Value* p = inst.body->Field("output_path"); p != nullptr && AsText(*p, &path)) {
      archives.emplace(util::NormalizePath(path), inst.body.get());
    }
  }
  auto resolve = [&](const std::string& path) {
    if (path.starts_with("/") || path == root || path.starts_with(root + "/")) {
      return util::NormalizePath(path);
    }
    return util::NormalizePath(internal::JoinPath(root, path));
  };
  // The code of a `filename`: the folder or file its archive_file zips, or
  // the .zip itself when nothing in the configuration builds it.
  auto locate = [&](const ResourceInstance& inst, model::String* uri, std::string* dir) {
    const Value* filename = inst.body->Field("filename");
    std::string zip;
    if (filename == nullptr || !AsText(*filename, &zip)) return;
    auto archive = archives.find(util::NormalizePath(zip));
    if (archive == archives.end()) {
      if (zip.ends_with(".zip")) *dir = resolve(zip);  // built outside Terraform
      return;
    }
    std::string folder;
    const Value* source = archive->second->Field("source_dir");
    if (source != nullptr && AsText(*source, &folder)) {
      *uri = model::String::Literal(folder, source->loc);
      *dir = resolve(folder);
    } else if (source = archive->second->Field("source_file");
               source != nullptr && AsText(*source, &folder)) {
      *uri = model::String::Literal(folder, source->loc);
      *dir = internal::DirName(resolve(folder));
    }
  };
  std::map<std::string, const ResourceInstance*> by_address;
  for (const ResourceInstance& inst : instances) {
    if (!inst.block->data && (inst.block->type == "aws_lambda_function" ||
                              inst.block->type == "aws_lambda_layer_version")) {
      by_address.emplace(inst.address, &inst);
    }
  }
  for (model::Function& fn : out->functions) {
    auto it = by_address.find(fn.id);
    if (it != by_address.end()) locate(*it->second, &fn.code_uri, &fn.code_dir);
  }
  for (model::Layer& layer : out->layers) {
    auto it = by_address.find(layer.id);
    if (it != by_address.end()) locate(*it->second, &layer.content, &layer.content_dir);
  }
}

// A value as a model string: known text, else unknown.
model::String ModelString(const ValuePtr& v, util::Loc fallback) {
  util::Loc at = v != nullptr && v->loc.known() ? v->loc : fallback;
  std::string text;
  if (v != nullptr && AsText(*v, &text)) return model::String::Literal(std::move(text), at);
  return model::String::Unknown(at);
}

bool IsTrue(const hcl::Body* body, std::string_view name) {
  const hcl::Attribute* a = body->Get(name);
  return a != nullptr && a->value->kind == hcl::ExprKind::kBool && a->value->text == "true";
}

// The root module's variables are the unit's inputs (what whoever deploys
// it passes), and its outputs what it publishes: `terraform output`, the
// plan and apply logs, and the state show them unless `sensitive`.
void AddInputsAndOutputs(const ModuleConfig& root, Evaluator& ev, model::Model* out) {
  for (const auto& [name, block] : root.variables) {
    model::Input in;
    in.name = name;
    in.loc = block->labels.empty() ? block->loc : block->labels[0].loc;
    in.masked = IsTrue(block->body, "sensitive");
    // A string, or a variable without a type (which takes any value).
    const hcl::Attribute* type = block->body->Get("type");
    in.free_text = type == nullptr ||
                   (type->value->kind == hcl::ExprKind::kVariable && type->value->text == "string");
    if (const hcl::Attribute* def = block->body->Get("default")) {
      in.default_value = ModelString(ev.EvalInRoot(def->value), def->value->loc);
    }
    out->inputs.push_back(std::move(in));
  }
  for (const auto& [name, block] : root.outputs) {
    if (IsTrue(block->body, "sensitive")) continue;
    const hcl::Attribute* value = block->body->Get("value");
    if (value == nullptr) continue;
    model::Output o;
    o.name = name;
    o.loc = block->labels.empty() ? block->loc : block->labels[0].loc;
    o.value = ModelString(ev.Output(name), value->value->loc);
    out->outputs.push_back(std::move(o));
  }
}

// The model of a root module, given how modules and files are found.
bool BuildRoot(const ModuleConfig& root, const std::vector<const hcl::File*>& vars_files,
               EvalEnvironment env, const LoadOptions& options, util::DiagnosticSink* diags,
               model::Model* out) {
  // Variables, lowest precedence first.
  std::map<std::string, ValuePtr> variables;
  ModuleConfig empty;
  Evaluator literal(empty, {}, EvalEnvironment{nullptr, nullptr, diags});
  if (options.resolve_env) {
    for (const auto& [name, decl] : root.variables) {
      if (const char* value = std::getenv(("TF_VAR_" + name).c_str())) {
        variables[name] = String(value, decl->loc);
      }
    }
  }
  for (const hcl::File* f : vars_files) ReadVars(*f, literal, diags, &variables);
  for (const auto& [name, value] : options.tf_vars) variables[name] = String(value, util::Loc{});

  Evaluator ev(root, std::move(variables), std::move(env));
  std::vector<ResourceInstance> instances = ev.Instances();
  const util::SourceFile* first = root.files.empty() ? nullptr : root.files.front()->source();
  if (!BuildFromInstances(instances, root.dir, first, options, out)) return false;
  FindCodeFolders(instances, root.dir, out);
  AddInputsAndOutputs(root, ev, out);
  return true;
}

}  // namespace

bool BuildFromInstances(const std::vector<ResourceInstance>& instances, const std::string& root,
                        const util::SourceFile* file, const LoadOptions& options,
                        model::Model* out) {
  syntax::NodeArena arena(file);
  util::DiagnosticSink quiet;  // the template is ours: its problems are not the user's
  const syntax::Node* compiled = CompileInstances(instances, &arena);
  arena.doc()->AddRoot(compiled);
  cfn::Template t;
  if (!cfn::ReadTemplate(*arena.doc(), &t, &quiet)) return false;
  cfn::EvalOptions eval{options.parameters};
  cfn::Evaluator cev(t, eval, &quiet);
  out->root = root;
  out->framework = model::Framework::kTerraform;
  cfn::AdaptResources(t, cev, &quiet, out);
  // What a called module declares was written by its authors, not this
  // unit's.
  std::set<std::string, std::less<>> in_modules;
  for (const ResourceInstance& inst : instances) {
    if (!inst.module_path.empty()) in_modules.insert(inst.address);
  }
  model::ForEachResourceList(*out, [&](auto& list) {
    for (model::Resource& r : list) {
      if (in_modules.contains(r.id)) r.origin = model::Origin::kTerraformModule;
    }
  });
  out->IndexIds();
  Link(out);
  if (model::RemoveUndeployed(out)) out->IndexIds();
  return true;
}

bool Workspace::Build(std::string_view dir, const UnitContext& ctx, util::DiagnosticSink* diags,
                      model::Model* out) const {
  auto it = folders_.find(util::NormalizePath(dir));
  if (it == folders_.end()) return false;
  const Folder& folder = it->second;
  const LoadOptions& options = *ctx.options;

  EvalEnvironment env;
  env.diags = diags;
  env.find_module = [this, &ctx, &folder, diags](const ModuleConfig& from, std::string_view source,
                                                 std::string_view key,
                                                 util::Loc at) -> const ModuleConfig* {
    if (!IsLocalSource(source)) {
      auto downloaded = folder.downloaded.find(std::string(key));
      if (downloaded != folder.downloaded.end()) {
        if (const ModuleConfig* found = Find(downloaded->second)) return found;
      }
      diags->Warning(at, "module source " + std::string(source) +
                             " is not a local folder nor downloaded by terraform init "
                             "(.terraform/modules); its resources are not scanned");
      return nullptr;
    }
    std::string path = util::NormalizePath(internal::JoinPath(from.dir, source));
    if (ctx.fs != nullptr && ctx.roots != nullptr) {
      std::string real, err;
      if (!util::ResolveInsideRoots(*ctx.fs, *ctx.roots, path, &real, &err) &&
          err == util::kOutsideRoots) {
        diags->Warning(at, "module source " + std::string(source) +
                               " is outside the scanned folders; not read");
        return nullptr;
      }
    }
    const ModuleConfig* found = Find(path);
    if (found == nullptr) {
      diags->Warning(at, "module source " + std::string(source) +
                             " has no .tf files in the scan; its resources are not scanned");
    }
    return found;
  };
  if (ctx.fs != nullptr && ctx.roots != nullptr) {
    env.read_file = [&ctx, diags](const ModuleConfig& from, std::string_view path, util::Loc at,
                                  std::string* text) {
      std::string full =
          util::NormalizePath(path.starts_with("/") || path.starts_with(from.dir + "/")
                                  ? std::string(path)
                                  : internal::JoinPath(from.dir, path));
      std::string real, err;
      if (!util::ResolveInsideRoots(*ctx.fs, *ctx.roots, full, &real, &err)) {
        if (err == util::kOutsideRoots) {
          diags->Warning(at, "file " + std::string(path) +
                                 " is outside the scanned folders; not read, and its value is "
                                 "unknown");
        }
        return false;
      }
      uint64_t size = 0;
      util::ReadOptions read{ctx.options->max_file_bytes, /*follow_final_link=*/false};
      if (ctx.fs->Read(real, read, text, &size, &err) != util::ReadStatus::kOk) {
        diags->Warning(at, "file " + std::string(path) + " cannot be read: " + err);
        return false;
      }
      return true;
    };
  }
  std::vector<const hcl::File*> vars_files;
  // terraform.tfvars, then *.auto.tfvars by name; other .tfvars only when
  // named with --var-file.
  for (const auto& f : folder.vars_files) {
    std::string name =
        util::ToLower(f->source()->path().substr(f->source()->path().rfind('/') + 1));
    if (name == "terraform.tfvars") vars_files.insert(vars_files.begin(), f.get());
  }
  for (const auto& f : folder.vars_files) {
    std::string name =
        util::ToLower(f->source()->path().substr(f->source()->path().rfind('/') + 1));
    if (name.ends_with(".auto.tfvars")) vars_files.push_back(f.get());
  }
  for (const std::string& named : options.tf_var_files) {
    auto in = folders_.find(util::NormalizePath(internal::DirName(named)));
    if (in == folders_.end()) continue;
    for (const auto& f : in->second.vars_files) {
      std::string_view base = f->source()->path();
      base.remove_prefix(base.rfind('/') + 1);
      std::string_view want = named;
      want.remove_prefix(want.rfind('/') + 1);
      if (base == want) {
        vars_files.push_back(f.get());
        break;
      }
    }
  }
  return BuildRoot(folder.config, vars_files, std::move(env), options, diags, out);
}

namespace {

// Where each block and attribute of a body starts and ends, by line.
void ItemLines(const util::SourceFile& source, const hcl::Body* body,
               std::map<uint32_t, uint32_t>* out) {
  for (const hcl::BodyItem& item : body->items) {
    uint32_t first = 0, end = 0;
    if (item.block != nullptr) {
      first = item.block->loc.line;
      end = item.block->end;
      ItemLines(source, item.block->body, out);
    } else {
      first = item.attribute->loc.line;
      end = item.attribute->end;
    }
    uint32_t last = source.Position(end > 0 ? end - 1 : 0).line;
    uint32_t& slot = (*out)[first];
    slot = std::max(slot, last);
  }
}

}  // namespace

std::vector<util::SourceComment> SourceComments(const hcl::File& file) {
  const util::SourceFile& source = *file.source();
  std::map<uint32_t, uint32_t> items;  // first line -> last line of what starts there
  if (file.body() != nullptr) ItemLines(source, file.body(), &items);
  auto blank = [](std::string_view line) {
    return line.find_first_not_of(" \t\r") == std::string_view::npos;
  };
  auto comment_only = [](std::string_view line) {
    size_t i = line.find_first_not_of(" \t");
    return i != std::string_view::npos &&
           (line[i] == '#' || line.substr(i, 2) == "//" || line.substr(i, 2) == "/*");
  };
  std::vector<util::SourceComment> out;
  for (const hcl::Comment& c : file.comments()) {
    util::SourceComment sc;
    sc.line = c.line;
    sc.col = c.col;
    sc.text = c.text;
    std::string_view line = source.Line(c.line);
    bool trailing = c.col > 1 && !blank(line.substr(0, c.col - 1));
    if (trailing) {
      sc.first_line = sc.last_line = c.line;
    } else {
      uint32_t next = c.line + 1;
      while (next <= source.line_count() && comment_only(source.Line(next))) ++next;
      if (next <= source.line_count() && !blank(source.Line(next))) {
        sc.first_line = next;
        auto it = items.find(next);
        sc.last_line = it != items.end() ? it->second : next;
      }
    }
    out.push_back(sc);
  }
  return out;
}

bool BuildFileModel(const hcl::File& file, const LoadOptions& options, util::DiagnosticSink* diags,
                    model::Model* out) {
  ModuleConfig config;
  config.dir = internal::DirName(file.source()->path());
  config.files.push_back(&file);
  config.Index(diags);
  EvalEnvironment env;
  env.diags = diags;
  env.find_module = [diags](const ModuleConfig&, std::string_view source, std::string_view,
                            util::Loc at) {
    diags->Warning(at, "module source " + std::string(source) + " is not read here");
    return static_cast<const ModuleConfig*>(nullptr);
  };
  bool ok = BuildRoot(config, {}, std::move(env), options, diags, out);
  if (ok) out->root = file.source()->path();
  return ok;
}

}  // namespace fnwarden::load::terraform
