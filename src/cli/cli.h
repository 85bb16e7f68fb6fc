// The command-line interface: argument parsing, the command table, exit
// codes. The only layer that prints or exits.
#ifndef FNWARDEN_CLI_CLI_H_
#define FNWARDEN_CLI_CLI_H_

namespace fnwarden::cli {

// Exit codes, as in the design.
enum ExitCode : int {
  kExitClean = 0,        // nothing at or above --fail-on
  kExitFindings = 1,     // findings at or above --fail-on
  kExitUsage = 2,        // usage or internal error
  kExitPartial = 3,      // some inputs could not be read or parsed
};

int Main(int argc, char** argv);

}  // namespace fnwarden::cli

#endif  // FNWARDEN_CLI_CLI_H_
