// The subcommands, one function each. Every command gets its own argv with
// argv[0] the command's name ("scan"), returns an ExitCode and is the only
// place that prints.
#ifndef FNWARDEN_CLI_COMMANDS_H_
#define FNWARDEN_CLI_COMMANDS_H_

#include <string_view>

namespace fnwarden::cli {

inline constexpr std::string_view kVersion = FNWARDEN_VERSION;

int RunScan(int argc, char** argv);
int RunRules(int argc, char** argv);
int RunExplain(int argc, char** argv);
int RunVersion(int argc, char** argv);
int RunHelp(int argc, char** argv);

// Prints "fnwarden <command>: error: <message>" to stderr; returns kExitUsage.
int UsageError(std::string_view command, std::string_view message);

}  // namespace fnwarden::cli

#endif  // FNWARDEN_CLI_COMMANDS_H_
