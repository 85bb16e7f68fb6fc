// `fnwarden iam suggest`: the least-privilege policy each function's code
// needs (analysis/suggest.h), written for the framework it is deployed
// with: a YAML snippet for SAM, CloudFormation or the Serverless Framework,
// an aws_iam_policy_document for Terraform, or the policy as JSON.
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "analysis/suggest.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/iam_command.h"
#include "cli/output.h"
#include "model/names.h"
#include "report/json_writer.h"
#include "util/fs.h"
#include "util/strings.h"
#include "util/terminal.h"

namespace fnwarden::cli::iam_cli {
namespace {

constexpr std::string_view kCommand = "iam suggest";

enum class Style : uint8_t { kCloudFormation, kTerraform };

Style StyleOf(const model::Model& m) {
  return m.framework == model::Framework::kTerraform ? Style::kTerraform : Style::kCloudFormation;
}

const model::Resource* Only(const model::String& v, const model::Model& m, std::string* suffix,
                            model::Attribute* attribute) {
  if (v.pieces.empty() || v.pieces[0].kind != model::Piece::Kind::kResource) return nullptr;
  for (size_t i = 1; i < v.pieces.size(); ++i) {
    if (v.pieces[i].kind != model::Piece::Kind::kText) return nullptr;
    *suffix += v.pieces[i].text;
  }
  *attribute = v.pieces[0].attribute;
  return m.FindResource(v.pieces[0].text);
}

// A resource entry as YAML for CloudFormation (SAM, Serverless): `!GetAtt
// Table.Arn`, `!Ref Topic` for the resources whose reference is their ARN,
// `!Sub "${Bucket.Arn}/*"`.
std::string YamlResource(const model::String& v, const model::Model& m) {
  if (v.known()) return "\"" + v.value + "\"";
  std::string suffix;
  model::Attribute attribute = model::Attribute::kArn;
  const model::Resource* r = Only(v, m, &suffix, &attribute);
  if (r == nullptr) return "\"*\"";
  std::string ref = attribute == model::Attribute::kStreamArn    ? r->id + ".StreamArn"
                    : r->ref_attribute == model::Attribute::kArn ? r->id
                                                                 : r->id + ".Arn";
  bool is_ref = ref == r->id;
  if (suffix.empty()) return (is_ref ? "!Ref " : "!GetAtt ") + ref;
  return "!Sub \"${" + ref + "}" + suffix + "\"";
}

// The same for Terraform: `aws_dynamodb_table.orders.arn`, `"${aws_s3_bucket.b.arn}/*"`.
std::string HclResource(const model::String& v, const model::Model& m) {
  if (v.known()) return "\"" + v.value + "\"";
  std::string suffix;
  model::Attribute attribute = model::Attribute::kArn;
  const model::Resource* r = Only(v, m, &suffix, &attribute);
  if (r == nullptr) return "\"*\"";
  std::string ref = r->id + (attribute == model::Attribute::kStreamArn ? ".stream_arn" : ".arn");
  if (suffix.empty()) return ref;
  return "\"${" + ref + "}" + suffix + "\"";
}

// The JSON value of a resource entry: a string, or CloudFormation's
// intrinsic functions in their JSON form.
void JsonResource(report::JsonWriter& w, const model::String& v, const model::Model& m) {
  if (v.known()) {
    w.String(v.value);
    return;
  }
  std::string suffix;
  model::Attribute attribute = model::Attribute::kArn;
  const model::Resource* r = Only(v, m, &suffix, &attribute);
  if (r == nullptr) {
    w.String("*");
    return;
  }
  if (StyleOf(m) == Style::kTerraform) {
    w.String("${" + r->id + (attribute == model::Attribute::kStreamArn ? ".stream_arn" : ".arn") +
             "}" + suffix);
    return;
  }
  std::string ref = attribute == model::Attribute::kStreamArn    ? r->id + ".StreamArn"
                    : r->ref_attribute == model::Attribute::kArn ? r->id
                                                                 : r->id + ".Arn";
  w.BeginObject();
  if (suffix.empty() && ref == r->id) {
    w.Key("Ref");
    w.String(ref);
  } else if (suffix.empty()) {
    w.Key("Fn::GetAtt");
    w.BeginArray();
    w.String(r->id);
    w.String(ref.substr(r->id.size() + 1));
    w.EndArray();
  } else {
    w.Key("Fn::Sub");
    w.String("${" + ref + "}" + suffix);
  }
  w.EndObject();
}

std::string Where(const model::Function& fn) {
  if (!fn.loc.known()) return "";
  return " (" + std::string(fn.loc.path()) + ":" + std::to_string(fn.loc.line) + ")";
}

std::string Comments(const analysis::Suggestion& s, std::string_view mark) {
  const model::Function& fn = *s.function;
  std::string out = std::string(mark) + " " + model::ShownName(fn) + Where(fn) +
                    ": what its code calls" +
                    (s.complete ? "" : " as far as fnwarden understands it") + "\n";
  for (const std::string& n : s.notes) out += std::string(mark) + " note: " + n + "\n";
  return out;
}

std::string RenderYaml(const analysis::Suggestion& s, const model::Model& m) {
  const model::Function& fn = *s.function;
  std::string out = Comments(s, "#");
  std::string indent;
  if (m.framework == model::Framework::kServerless) {
    // serverless-iam-roles-per-function, or provider.iam.role.statements.
    std::string name = fn.source_name.empty() ? fn.id : fn.source_name;
    out += "functions:\n  " + name + ":\n    iamRoleStatements:\n";
    indent = "      ";
  } else if (m.framework == model::Framework::kSam) {
    out += fn.id +
           ":\n  Type: AWS::Serverless::Function\n  Properties:\n    Policies:\n"
           "      - Statement:\n";
    indent = "          ";
  } else {
    out += "PolicyDocument:\n  Version: \"2012-10-17\"\n  Statement:\n";
    indent = "    ";
  }
  for (const model::Statement& st : s.policy.statements) {
    out += indent + "- Effect: Allow\n" + indent + "  Action:\n";
    for (const model::String& a : st.actions) out += indent + "    - " + a.value + "\n";
    out += indent + "  Resource:\n";
    for (const model::String& r : st.resources)
      out += indent + "    - " + YamlResource(r, m) + "\n";
  }
  return out;
}

// A Terraform name for the function's document: "orders" for
// aws_lambda_function.orders, "api_this" for module.api.aws_lambda_function.this.
std::string HclName(const model::Function& fn) {
  std::string name;
  std::vector<std::string_view> parts = util::Split(fn.id, '.');
  for (size_t i = 0; i < parts.size(); ++i) {
    if (parts[i] == "module" || parts[i].starts_with("aws_")) continue;
    if (!name.empty()) name += "_";
    name += std::string(parts[i]);
  }
  if (name.empty()) name = fn.id;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') c = '_';
  }
  return name + "_least_privilege";
}

std::string RenderHcl(const analysis::Suggestion& s, const model::Model& m) {
  std::string out = Comments(s, "#");
  out += "data \"aws_iam_policy_document\" \"" + HclName(*s.function) + "\" {\n";
  for (const model::Statement& st : s.policy.statements) {
    out += "  statement {\n    actions = [\n";
    for (const model::String& a : st.actions) out += "      \"" + a.value + "\",\n";
    out += "    ]\n    resources = [\n";
    for (const model::String& r : st.resources) out += "      " + HclResource(r, m) + ",\n";
    out += "    ]\n  }\n";
  }
  out += "}\n";
  return out;
}

void RenderJson(report::JsonWriter& w, const analysis::Suggestion& s, const model::Model& m) {
  const model::Function& fn = *s.function;
  w.BeginObject();
  w.Key("function");
  w.String(model::ShownName(fn));
  w.Key("id");
  w.String(fn.id);
  w.Key("project");
  w.String(m.root);
  w.Key("complete");
  w.Bool(s.complete);
  w.Key("notes");
  w.BeginArray();
  for (const std::string& n : s.notes) w.String(n);
  w.EndArray();
  w.Key("policy");
  w.BeginObject();
  w.Key("Version");
  w.String("2012-10-17");
  w.Key("Statement");
  w.BeginArray();
  for (const model::Statement& st : s.policy.statements) {
    w.BeginObject();
    w.Key("Effect");
    w.String("Allow");
    w.Key("Action");
    w.BeginArray();
    for (const model::String& a : st.actions) w.String(a.value);
    w.EndArray();
    w.Key("Resource");
    w.BeginArray();
    for (const model::String& r : st.resources) JsonResource(w, r, m);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  w.EndObject();
}

}  // namespace

int RunSuggest(int argc, char** argv) {
  std::vector<std::string> positional;
  std::vector<std::string> params;
  std::string format = "auto";
  bool no_platform = false;
  CLI::App app(
      "Print the least-privilege policy of each function: the IAM actions its code calls (read "
      "from the handler and the local modules it imports), on the resources of the application "
      "the calls name, with what Lambda needs for the function. YAML for SAM, CloudFormation and "
      "the Serverless Framework, an aws_iam_policy_document for Terraform, or JSON.",
      "iam suggest");
  app.add_option("ARGS", positional,
                 "[FUNCTION] [PATH...]: a function's logical ID or FunctionName (default: every "
                 "function whose code fnwarden reads), then files or folders to load (default: .)");
  app.add_option("--param", params, "CloudFormation parameter, Name=Value (repeatable)")
      ->allow_extra_args(false);
  app.add_option("--format", format, "auto (by framework), yaml, hcl or json")
      ->capture_default_str();
  app.add_flag("--no-platform", no_platform,
               "leave out what Lambda itself needs (logs, network interfaces, event sources)");
  if (int rc = ParseCommandLine(app, argc, argv); rc >= 0) return rc;
  format = util::ToLower(format);
  if (format != "auto" && format != "yaml" && format != "hcl" && format != "json") {
    return UsageError(kCommand,
                      "unknown format '" + format + "' (expected auto, yaml, hcl or json)");
  }
  FunctionQuery query;
  std::string err;
  if (!ParseParamFlags(params, &query.parameters, &err)) return UsageError(kCommand, err);
  // The first argument is a function unless it is a file or folder.
  util::DiskFileSystem disk;
  if (!positional.empty() && disk.Stat(positional.front(), nullptr) == util::EntryKind::kMissing) {
    query.name = positional.front();
    positional.erase(positional.begin());
  }
  query.paths = positional;

  std::vector<std::pair<const model::Model*, const model::Function*>> chosen;
  FoundFunction found;
  if (!query.name.empty()) {
    if (int rc = FindFunction(kCommand, query, &found); rc >= 0) return rc;
    if (!found.function->code.analysed) {
      return UsageError(kCommand, "the code of function " + query.name +
                                      " was not read (no handler file fnwarden can read in its "
                                      "code folder, or a runtime whose code it does not read)");
    }
    chosen.emplace_back(found.model, found.function);
  } else {
    LoadQuery(query, &found.loaded);
    for (const model::Model& m : found.loaded.models) {
      for (const model::Function& fn : m.functions) {
        if (fn.code.analysed) chosen.emplace_back(&m, &fn);
      }
    }
    if (chosen.empty()) {
      return UsageError(
          kCommand, "no function whose code fnwarden reads in " +
                        (query.paths.empty() ? std::string(".") : util::Join(query.paths, " ")));
    }
  }
  if (format == "json") {
    report::JsonWriter w;
    w.BeginArray();
    for (auto [m, fn] : chosen) RenderJson(w, analysis::SuggestPolicy(*fn, *m, !no_platform), *m);
    w.EndArray();
    WriteStdout(w.Take() + "\n");
    return kExitClean;
  }
  std::string out;
  for (auto [m, fn] : chosen) {
    analysis::Suggestion s = analysis::SuggestPolicy(*fn, *m, !no_platform);
    bool hcl = format == "hcl" || (format == "auto" && StyleOf(*m) == Style::kTerraform);
    if (!out.empty()) out += "\n";
    out += hcl ? RenderHcl(s, *m) : RenderYaml(s, *m);
  }
  WriteStdout(util::TerminalSafe(out));
  return kExitClean;
}

}  // namespace fnwarden::cli::iam_cli
