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

// A SAM function whose role allows every action on every resource
// (FNW-IAM-001 at line 12), for tests of the binary.
inline constexpr const char* kAdminTemplate = R"(AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  AdminFn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Policies:
        - Statement:
            - Effect: Allow
              Action: "*"
              Resource: "*"
)";

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};
// Runs the built fnwarden binary with `args` (no shell), with NO_COLOR set,
// FNWARDEN_CACHE_DIR pointing nowhere (no vulnerability database unless
// --osv-db names one) and stdin closed.
CommandResult RunFnwarden(const std::vector<std::string>& args);
// The same, with `dir` as the current folder of the process.
CommandResult RunFnwardenIn(const std::string& dir, const std::vector<std::string>& args);

// A scratch folder under /tmp, removed with everything in it when the object
// goes.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::string& path() const { return path_; }
  // Writes `text` to `rel` (relative to the folder), creating its folders.
  void Write(const std::string& rel, const std::string& text) const;
  // Runs the fnwarden binary with the folder `rel` inside it as the current
  // folder, so that paths are short and relative.
  CommandResult Run(const std::vector<std::string>& args, const std::string& rel = "") const;

 private:
  std::string path_;
};

}  // namespace fnwarden::testing

#endif  // FNWARDEN_TESTS_TEST_UTIL_H_
