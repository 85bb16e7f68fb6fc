// The command table and the small commands (rules, explain, version, help).
#include "cli/cli.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "analysis/runtimes.h"
#include "cli/commands.h"
#include "cli/iam_command.h"
#include "cli/output.h"
#include "report/report.h"
#include "rules/engine.h"
#include "rules/rule.h"
#include "util/fs.h"
#include "util/strings.h"
#include "util/terminal.h"

namespace fnwarden::cli {
namespace {

struct Command {
  const char* name;
  const char* summary;
  int (*run)(int argc, char** argv);
};

// Every subcommand, in the order `fnwarden help` lists them.
constexpr Command kCommands[] = {
    {"scan", "scan serverless projects (SAM, CloudFormation, CDK output) for security problems",
     &RunScan},
    {"sbom", "write the bill of materials (CycloneDX 1.5) of the functions' packages", &RunSbom},
    {"db", "download or inspect the offline vulnerability database (OSV)", &RunDb},
    {"iam", "simulate IAM requests, expand action patterns, list a function's permissions",
     &RunIam},
    {"rules", "list the rule catalog", &RunRules},
    {"explain", "explain a rule: why it matters and how to fix it", &RunExplain},
    {"version", "print fnwarden's version", &RunVersion},
    {"help", "show help for fnwarden or one of its commands", &RunHelp},
};

const Command* FindCommand(std::string_view name) {
  for (const Command& c : kCommands) {
    if (name == c.name) return &c;
  }
  return nullptr;
}

std::string MainHelp() {
  std::string out =
      "fnwarden: a security scanner for serverless applications\n\n"
      "usage: fnwarden <command> [options]\n\ncommands:\n";
  for (const Command& c : kCommands) {
    std::string name = c.name;
    name.resize(10, ' ');
    out += "  " + name + c.summary + "\n";
  }
  out +=
      "\nRun 'fnwarden help <command>' for a command's options.\n"
      "Exit codes: 0 no findings at or above --fail-on, 1 findings at or above it,\n"
      "2 usage or internal error, 3 some inputs could not be read or parsed.\n";
  return out;
}

std::vector<const model::RuleInfo*> Catalog() {
  std::vector<const model::RuleInfo*> out;
  for (const rules::Rule& r : rules::AllRules()) out.push_back(&r.info);
  return out;
}

// "unknown option '--fial-on'; did you mean '--fail-on'?" for the first
// argument that looks like an option `app` does not know; "" when none does.
std::string UnknownOption(const CLI::App& app, int argc, char** argv) {
  std::vector<std::string> names;
  for (const CLI::Option* o : app.get_options()) {
    for (const std::string& n : o->get_lnames()) names.push_back("--" + n);
    for (const std::string& n : o->get_snames()) names.push_back("-" + n);
  }
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--") break;
    if (arg.size() < 2 || arg[0] != '-') continue;
    std::string name = arg.substr(0, arg.find('='));
    if (name.size() > 2 && name[1] != '-') name = name.substr(0, 2);  // -j4
    if (std::find(names.begin(), names.end(), name) != names.end()) continue;
    std::string message = "unknown option '" + name + "'";
    std::string guess = util::ClosestMatch(name, names);
    if (!guess.empty()) message += "; did you mean '" + guess + "'?";
    return message + " ('fnwarden help " + app.get_name() + "' lists them)";
  }
  return "";
}

// `fnwarden rules --write-docs DIR`: DIR (created when missing) with
// DIR/<ID>.md for every rule and DIR/README.md, each written only when it
// changed.
int WriteRuleDocs(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return UsageError("rules", "cannot create " + dir + ": " + ec.message());
  std::vector<const model::RuleInfo*> rules = Catalog();
  std::vector<std::pair<std::string, std::string>> pages = {
      {dir + "/README.md", report::RenderRuleIndex(rules)}};
  for (const model::RuleInfo* r : rules) {
    pages.emplace_back(dir + "/" + std::string(r->id) + ".md", report::RenderRulePage(*r));
  }
  size_t written = 0;
  for (const auto& [path, text] : pages) {
    std::string err, old;
    util::DiskFileSystem fs;
    if (fs.ReadFile(path, 1 << 20, &old, &err) && old == text) continue;
    if (!WriteFileAtomically(path, text, &err)) return UsageError("rules", err);
    ++written;
  }
  WriteStdout("fnwarden: " + report::Plural(written, "page") + " of " +
              std::to_string(pages.size()) + " written to " + util::TerminalSafeLine(dir) + "\n");
  return kExitClean;
}

}  // namespace

int ParseCommandLine(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    WriteStdout(app.help("fnwarden"));
    return kExitClean;
  } catch (const CLI::ExtrasError& e) {
    std::string unknown = UnknownOption(app, argc, argv);
    return UsageError(app.get_name(), unknown.empty() ? e.what() : unknown);
  } catch (const CLI::ParseError& e) {
    return UsageError(app.get_name(), e.what());
  }
  return -1;
}

int UsageError(std::string_view command, std::string_view message) {
  std::string line = "fnwarden";
  if (!command.empty()) line += " " + std::string(command);
  line += ": error: " + util::TerminalSafeLine(message) + "\n";
  std::fputs(line.c_str(), stderr);
  return kExitUsage;
}

int RunRules(int argc, char** argv) {
  CLI::App app("List every rule: ID, severity, tier, practice and title.", "rules");
  std::string format = "text";
  std::string docs;
  app.add_option("--format", format, "text or json")->capture_default_str();
  // Writes docs/rules/ (one page per rule and an index); a test keeps the
  // committed pages in step with the rules' rule.md.
  app.add_option("--write-docs", docs, "write the rule reference pages into DIR")->group("");
  if (int rc = ParseCommandLine(app, argc, argv); rc >= 0) return rc;
  if (!docs.empty()) return WriteRuleDocs(docs);
  std::string lower = util::ToLower(format);
  if (lower == "json") {
    WriteStdout(report::RenderCatalogJson(Catalog(), kVersion));
  } else if (lower == "text") {
    WriteStdout(report::RenderCatalogText(Catalog(), ColorWanted(1)) + "\n" +
                analysis::DataTablesLine() + "\n");
  } else {
    return UsageError("rules", "unknown format '" + format + "' (expected text or json)");
  }
  return kExitClean;
}

int RunExplain(int argc, char** argv) {
  CLI::App app("Explain a rule: why it matters for your application and how to fix it.",
               "explain");
  std::string id;
  app.add_option("RULE", id, "a rule ID such as FNW-IAM-001")->required();
  std::string framework_name;
  app.add_option("--framework", framework_name,
                 "only the fix for SAM, CloudFormation, CDK, Serverless or Terraform");
  if (int rc = ParseCommandLine(app, argc, argv); rc >= 0) return rc;
  std::optional<model::Framework> framework;
  if (!framework_name.empty()) {
    framework = model::ParseFrameworkName(framework_name);
    if (!framework) {
      return UsageError("explain", "unknown framework '" + framework_name +
                                       "' (expected SAM, CloudFormation, CDK, Serverless or "
                                       "Terraform)");
    }
  }
  const rules::Rule* rule = rules::FindRule(id);
  if (rule == nullptr) {
    std::string message = "unknown rule '" + id + "'";
    std::string guess = rules::ClosestId(id, rules::KnownIds(rules::AllRules()));
    if (!guess.empty()) {
      const rules::Rule* target = rules::FindRule(guess);
      message += "; did you mean " + std::string(target ? target->info.id : guess) + "?";
    } else {
      message += "; 'fnwarden rules' lists them";
    }
    return UsageError("explain", message);
  }
  std::string out;
  if (!util::EqualsIgnoreCase(rule->info.id, id)) {
    out += id + " is a former ID of " + std::string(rule->info.id) + "\n\n";
  }
  out += report::RenderExplain(rule->info, ColorWanted(1), framework);
  WriteStdout(out);
  return kExitClean;
}

int RunVersion(int argc, char** argv) {
  CLI::App app("Print fnwarden's version.", "version");
  if (int rc = ParseCommandLine(app, argc, argv); rc >= 0) return rc;
  WriteStdout("fnwarden " + std::string(kVersion) + "\n" + analysis::DataTablesLine() + "\n");
  return kExitClean;
}

int RunHelp(int argc, char** argv) {
  if (argc < 2) {
    WriteStdout(MainHelp());
    return kExitClean;
  }
  std::string name = argv[1];
  const Command* c = FindCommand(name);
  if (c == nullptr) return Main(argc, argv);  // reports the unknown command
  std::string help_flag = "--help";
  char* args[] = {argv[1], help_flag.data()};
  return c->run(2, args);
}

int Main(int argc, char** argv) {
  if (argc < 2) {
    std::fputs(MainHelp().c_str(), stderr);
    return kExitUsage;
  }
  std::string name = argv[1];
  if (name == "--help" || name == "-h") return RunHelp(1, argv);
  if (name == "--version") return RunVersion(1, argv);
  const Command* c = FindCommand(name);
  if (c == nullptr) {
    std::vector<std::string> names;
    for (const Command& k : kCommands) names.emplace_back(k.name);
    std::string message = "unknown command '" + name + "'";
    std::string guess = util::ClosestMatch(name, names);
    if (!guess.empty()) message += "; did you mean '" + guess + "'?";
    message += " (run 'fnwarden help' for the list)";
    return UsageError("", message);
  }
  try {
    return c->run(argc - 1, argv + 1);
  } catch (const std::exception& e) {
    return UsageError(name, std::string("internal error: ") + e.what());
  }
}

}  // namespace fnwarden::cli
