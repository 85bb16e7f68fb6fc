// The subcommands, one function each. Every command gets its own argv with
// argv[0] the command's name ("scan"), returns an ExitCode and is the only
// place that prints.
#ifndef FNWARDEN_CLI_COMMANDS_H_
#define FNWARDEN_CLI_COMMANDS_H_

#include <string_view>

namespace CLI {
class App;
}  // namespace CLI

namespace fnwarden::cli {

inline constexpr std::string_view kVersion = FNWARDEN_VERSION;

int RunScan(int argc, char** argv);
int RunSbom(int argc, char** argv);
int RunDb(int argc, char** argv);
int RunRules(int argc, char** argv);
int RunExplain(int argc, char** argv);
int RunVersion(int argc, char** argv);
int RunHelp(int argc, char** argv);

// Prints "fnwarden <command>: error: <message>" to stderr (the message
// TerminalSafe: it may quote what the user or a file wrote); returns
// kExitUsage.
int UsageError(std::string_view command, std::string_view message);

// Parses a command's options: -1 to go on, otherwise the exit code after
// printing the help (its usage line says "fnwarden <command>") or the usage
// error. An unknown option gets the closest known one as a "did you mean".
int ParseCommandLine(CLI::App& app, int argc, char** argv);

}  // namespace fnwarden::cli

#endif  // FNWARDEN_CLI_COMMANDS_H_
