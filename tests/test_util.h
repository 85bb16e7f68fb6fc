// Helpers shared by the tests.
#ifndef FNWARDEN_TESTS_TEST_UTIL_H_
#define FNWARDEN_TESTS_TEST_UTIL_H_

#include <string>
#include <vector>

namespace fnwarden::testing {

// Absolute paths of the source tree and of ../shared beside it.
std::string SourceDir();
std::string SharedDir();  // "" when ../shared is not there
std::string ReadFileOrDie(const std::string& path);

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};
// Runs the built fnwarden binary with `args` (no shell), with NO_COLOR set
// and stdin closed.
CommandResult RunFnwarden(const std::vector<std::string>& args);

}  // namespace fnwarden::testing

#endif  // FNWARDEN_TESTS_TEST_UTIL_H_
