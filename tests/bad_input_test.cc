// Hostile and broken input through the real binary. Each case puts one bad
// file next to a valid template (ok/template.yaml) in a fresh temporary
// folder, scans the folder, and checks: a clear diagnostic on the bad file
// (with line:col where the problem has a position), no crash, no hang (the
// scan is killed after kTimeoutSeconds), the valid template is still
// scanned, and exit code 3 (partial results).
//
// Big inputs (100k nesting levels, a 2 MiB scalar, an 11 MB file) are
// generated here, never committed.
//
// Unreadable files: `chmod 000` does not stop root, and CI runs as root, so
// that case is skipped there. Two cases that behave the same for every user
// cover unreadable input instead: a FIFO named template.yaml (opening it
// would block forever; fnwarden must not even try) and a dangling symlink
// named template.yaml.
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "scan_output.h"
#include "test_util.h"

namespace fnwarden::testing {
namespace {

constexpr int kTimeoutSeconds = 60;

constexpr char kValidTemplate[] = R"(AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  OkFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
)";

struct TimedRun {
  int exit_code = -1;
  bool timed_out = false;
  std::string out, err;
};

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// RunFnwarden with a deadline: a hang must fail the test, not stall it.
// `binary` is the fnwarden to run; `as_nobody` drops root's privileges in the
// child first (so that file permissions apply to it).
TimedRun RunWithTimeout(const std::vector<std::string>& args, const std::string& tmp,
                        std::string binary = FNWARDEN_BINARY, bool as_nobody = false) {
  std::string out_path = tmp + "/.stdout", err_path = tmp + "/.stderr";
  TimedRun run;
  pid_t pid = ::fork();
  if (pid == 0) {
    int in = ::open("/dev/null", O_RDONLY);
    int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    ::setenv("NO_COLOR", "1", 1);
    if (as_nobody &&
        (::setgroups(0, nullptr) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0)) {
      ::_exit(126);
    }
    std::vector<std::string> copy = args;
    std::vector<char*> argv = {binary.data()};
    for (std::string& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(kTimeoutSeconds);
  int status = 0;
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      run.timed_out = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  run.out = Slurp(out_path);
  run.err = Slurp(err_path);
  return run;
}

class BadInput : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/fnwarden-bad-input-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    scan_ = dir_ + "/scan";
    Write("ok/template.yaml", kValidTemplate);
  }
  void TearDown() override {
    // A folder without permissions must be made removable again.
    for (const auto& entry : std::filesystem::recursive_directory_iterator(
             scan_, std::filesystem::directory_options::skip_permission_denied)) {
      if (!entry.is_symlink()) ::chmod(entry.path().c_str(), 0755);
    }
    std::filesystem::remove_all(dir_);
  }

  std::string Path(const std::string& rel) const { return scan_ + "/" + rel; }
  void Write(const std::string& rel, const std::string& text) {
    std::filesystem::create_directories(std::filesystem::path(Path(rel)).parent_path());
    std::ofstream(Path(rel), std::ios::binary) << text;
  }

  // Scans the folder and checks what every case shares; returns the
  // diagnostics on `bad` (a path relative to the scanned folder).
  std::vector<JsonDiagnostic> ScanExpectingErrorOn(const std::string& bad, bool as_nobody = false) {
    std::string binary = FNWARDEN_BINARY;
    if (as_nobody) {
      // nobody must be able to reach the binary and the scanned tree.
      binary = dir_ + "/fnwarden";
      std::filesystem::copy_file(FNWARDEN_BINARY, binary);
      ::chmod(binary.c_str(), 0755);
      ::chmod(dir_.c_str(), 0755);
    }
    TimedRun run = RunWithTimeout({"scan", scan_, "--format", "json"}, dir_, binary, as_nobody);
    EXPECT_FALSE(run.timed_out) << "fnwarden did not finish within " << kTimeoutSeconds << " s";
    EXPECT_EQ(run.exit_code, 3) << run.err;
    ScanOutput out = ParseScanOutput(run.out);
    EXPECT_TRUE(out.ok) << "not a JSON report:\n" << run.out.substr(0, 2000) << run.err;
    bool ok_scanned = false;
    for (const JsonFinding& f : out.findings) {
      ok_scanned = ok_scanned || f.file.ends_with("ok/template.yaml");
    }
    EXPECT_TRUE(ok_scanned) << "the valid template was not scanned:\n" << run.out.substr(0, 2000);
    std::vector<JsonDiagnostic> on_bad;
    for (const JsonDiagnostic& d : out.diagnostics) {
      if (d.file.ends_with(bad)) {
        on_bad.push_back(d);
      } else if (d.level == "error") {
        ADD_FAILURE() << "error on another file: " << d.file << ": " << d.message;
      }
    }
    EXPECT_FALSE(on_bad.empty()) << "no diagnostic on " << bad << ":\n" << run.out.substr(0, 2000);
    for (const JsonDiagnostic& d : on_bad) {
      EXPECT_EQ(d.level, "error") << d.message;
      EXPECT_FALSE(d.message.empty());
      std::printf("  %s:%llu:%llu: %s\n", bad.c_str(), static_cast<unsigned long long>(d.line),
                  static_cast<unsigned long long>(d.column), d.message.c_str());
    }
    return on_bad;
  }

  std::string dir_, scan_;
};

TEST_F(BadInput, TruncatedYaml) {
  std::string text = kValidTemplate;
  Write("bad/template.yaml", text.substr(0, text.find("app.handler")) + "\"app.han");
  auto d = ScanExpectingErrorOn("bad/template.yaml");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].line, 8u);  // the unterminated quoted scalar
  EXPECT_GT(d[0].column, 0u);
}

TEST_F(BadInput, BinaryFileNamedTemplate) {
  Write("bad/template.yaml", std::string("AWSTemplateFormatVersion: x\n\0\x01\x02\xff", 32));
  auto d = ScanExpectingErrorOn("bad/template.yaml");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_NE(d[0].message.find("binary"), std::string::npos) << d[0].message;
}

TEST_F(BadInput, NotUtf8) {
  Write("bad/template.yaml",
        "AWSTemplateFormatVersion: \"2010-09-09\"\nDescription: caf\xe9 orders\nResources: {}\n");
  auto d = ScanExpectingErrorOn("bad/template.yaml");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].line, 2u);
  EXPECT_GT(d[0].column, 0u);
}

TEST_F(BadInput, HundredThousandNestingLevels) {
  Write("bad/template.yaml", "AWSTemplateFormatVersion: \"2010-09-09\"\nResources: " +
                                 std::string(100000, '[') + std::string(100000, ']') + "\n");
  auto d = ScanExpectingErrorOn("bad/template.yaml");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].line, 2u);
  EXPECT_GT(d[0].column, 0u);
}

TEST_F(BadInput, AliasBomb) {
  std::string text = "AWSTemplateFormatVersion: \"2010-09-09\"\nMetadata:\n";
  text += "  a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  std::string prev = "a";
  for (char c = 'b'; c <= 'j'; ++c) {
    std::string name(1, c);
    text += "  " + name + ": &" + name + " [";
    for (int i = 0; i < 10; ++i) text += (i ? ", *" : "*") + prev;
    text += "]\n";
    prev = name;
  }
  text += "Resources:\n  B:\n    Type: AWS::S3::Bucket\n";
  Write("bad/template.yaml", text);
  auto d = ScanExpectingErrorOn("bad/template.yaml");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_GE(d[0].line, 4u);  // at one of the aliases
  EXPECT_LE(d[0].line, 12u);
  EXPECT_GT(d[0].column, 0u);
}

TEST_F(BadInput, ScalarBeyondTheCap) {
  Write("bad/template.yaml", "AWSTemplateFormatVersion: \"2010-09-09\"\nDescription: " +
                                 std::string(2 << 20, 'x') + "\nResources: {}\n");
  auto d = ScanExpectingErrorOn("bad/template.yaml");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].line, 2u);
}

TEST_F(BadInput, UndefinedAlias) {
  Write("bad/template.yaml",
        "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  B:\n"
        "    Type: *nope\n");
  auto d = ScanExpectingErrorOn("bad/template.yaml");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].line, 4u);
  EXPECT_EQ(d[0].column, 11u);
}

TEST_F(BadInput, MalformedTag) {
  Write("bad/template.yaml",
        "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  B:\n"
        "    Type: !<tag:AWS::S3::Bucket\n");
  auto d = ScanExpectingErrorOn("bad/template.yaml");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].line, 4u);
  EXPECT_GT(d[0].column, 0u);
}

TEST_F(BadInput, TooLarge) {
  std::string path = Path("bad/template.yaml");
  std::filesystem::create_directories(Path("bad"));
  { std::ofstream(path) << "AWSTemplateFormatVersion: \"2010-09-09\"\n"; }
  std::filesystem::resize_file(path, 11 << 20);  // sparse: no 11 MB written
  auto d = ScanExpectingErrorOn("bad/template.yaml");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_NE(d[0].message.find("too large"), std::string::npos) << d[0].message;
}

TEST_F(BadInput, UnreadableFile) {
  Write("bad/template.yaml", kValidTemplate);
  ASSERT_EQ(::chmod(Path("bad/template.yaml").c_str(), 0), 0);
  // chmod 000 does not stop root: as root, scan as nobody.
  auto d = ScanExpectingErrorOn("bad/template.yaml", /*as_nobody=*/::geteuid() == 0);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].message, "cannot read: Permission denied");
}

TEST_F(BadInput, FifoNamedTemplate) {
  std::filesystem::create_directories(Path("bad"));
  ASSERT_EQ(::mkfifo(Path("bad/template.yaml").c_str(), 0644), 0);
  auto d = ScanExpectingErrorOn("bad/template.yaml");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].message, "cannot read: not a regular file");
}

TEST_F(BadInput, DanglingSymlinkNamedTemplate) {
  std::filesystem::create_directories(Path("bad"));
  ASSERT_EQ(::symlink("gone.yaml", Path("bad/template.yaml").c_str()), 0);
  auto d = ScanExpectingErrorOn("bad/template.yaml");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].message, "cannot read: No such file or directory");
}

TEST_F(BadInput, SymlinkLoop) {
  std::filesystem::create_directories(Path("bad"));
  ASSERT_EQ(::symlink("..", Path("bad/loop").c_str()), 0);
  auto d = ScanExpectingErrorOn("bad/loop");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_NE(d[0].message.find("symlink loop"), std::string::npos) << d[0].message;
}

// What a credentials file beside the scanned folder holds: a line that
// would be quoted under a parse error if fnwarden ever read it as a
// template (the flow sequence it opens never closes).
constexpr char kSecretLine[] = "aws_secret_access_key: [wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
constexpr char kSecretMarker[] = "wJalrXUtnFEMI";

class Hostile : public BadInput {
 protected:
  void SetUp() override {
    BadInput::SetUp();
    std::filesystem::create_directories(dir_ + "/outside");
    std::ofstream(dir_ + "/outside/credentials.yaml")
        << "AWSTemplateFormatVersion: \"2010-09-09\"\n"
        << kSecretLine << "\n";
    std::filesystem::create_directories(dir_ + "/outside/project");
    std::ofstream(dir_ + "/outside/project/template.yaml") << kValidTemplate;
  }

  // Scans the folder in JSON and in text; checks that nothing hung, that the
  // valid template was scanned and that no output shows the secret. Returns
  // the JSON report.
  ScanOutput ScanBoth() {
    ScanOutput json;
    for (const char* format : {"json", "text"}) {
      TimedRun run = RunWithTimeout({"scan", scan_, "--format", format}, dir_);
      EXPECT_FALSE(run.timed_out) << "fnwarden did not finish within " << kTimeoutSeconds << " s";
      EXPECT_EQ(run.out.find(kSecretMarker), std::string::npos) << format << ":\n" << run.out;
      EXPECT_EQ(run.err.find(kSecretMarker), std::string::npos) << format << ":\n" << run.err;
      if (std::string(format) == "json") {
        json = ParseScanOutput(run.out);
        EXPECT_TRUE(json.ok) << run.out.substr(0, 2000) << run.err;
      }
    }
    bool ok_scanned = false;
    for (const JsonFinding& f : json.findings) {
      ok_scanned = ok_scanned || f.file.ends_with("ok/template.yaml");
      EXPECT_EQ(f.file.find("outside"), std::string::npos) << f.file;
    }
    EXPECT_TRUE(ok_scanned) << "the valid template was not scanned";
    return json;
  }

  static std::vector<std::string> Diagnostics(const ScanOutput& out) {
    std::vector<std::string> lines;
    for (const JsonDiagnostic& d : out.diagnostics) {
      std::string file =
          d.file.substr(d.file.find("scan/") == std::string::npos ? 0 : d.file.find("scan/") + 5);
      lines.push_back(file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": " +
                      d.level + ": " + d.message);
    }
    return lines;
  }
};

TEST_F(Hostile, SymlinkedFileOutsideTheScannedFolder) {
  std::filesystem::create_directories(Path("app"));
  ASSERT_EQ(::symlink("../../outside/credentials.yaml", Path("app/creds.yaml").c_str()), 0);
  EXPECT_EQ(Diagnostics(ScanBoth()),
            std::vector<std::string>{
                "app/creds.yaml:0:0: warning: not following symbolic link: its target is outside "
                "the scanned folders (use --follow-symlinks to follow it)"});
}

TEST_F(Hostile, SymlinkedFolderOutsideTheScannedFolder) {
  ASSERT_EQ(::symlink("../outside", Path("elsewhere").c_str()), 0);
  EXPECT_EQ(Diagnostics(ScanBoth()),
            std::vector<std::string>{
                "elsewhere:0:0: warning: not following symbolic link: its target is outside the "
                "scanned folders (use --follow-symlinks to follow it)"});
}

TEST_F(Hostile, NestedStackPathsOutsideTheScannedFolder) {
  ASSERT_EQ(::symlink("../outside", Path("linked").c_str()), 0);
  Write("app/template.yaml", R"(AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Climb:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ../../outside/credentials.yaml
  Linked:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ../linked/credentials.yaml
  Absolute:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: )" + dir_ + "/outside/credentials.yaml\n");
  EXPECT_EQ(Diagnostics(ScanBoth()),
            (std::vector<std::string>{
                "app/template.yaml:6:20: warning: nested stack template "
                "../../outside/credentials.yaml is outside the scanned folders; not read",
                "app/template.yaml:10:20: warning: nested stack template "
                "../linked/credentials.yaml is outside the scanned folders; not read",
                "app/template.yaml:14:20: warning: nested stack template " + dir_ +
                    "/outside/credentials.yaml is outside the scanned folders; not read",
                "linked:0:0: warning: not following symbolic link: its target is outside the "
                "scanned folders (use --follow-symlinks to follow it)",
            }));
}

TEST_F(Hostile, FifoInPlaceOfANestedCdkAssemblyManifest) {
  Write("app/cdk.out/manifest.json", R"({"version": "36.0.0", "artifacts": {
    "Prod": {"type": "cdk:cloud-assembly", "properties": {"directoryName": "assembly-Prod"}}}})");
  std::filesystem::create_directories(Path("app/cdk.out/assembly-Prod"));
  ASSERT_EQ(::mkfifo(Path("app/cdk.out/assembly-Prod/manifest.json").c_str(), 0644), 0);
  auto d = ScanExpectingErrorOn("assembly-Prod/manifest.json");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].message, "cannot read the CDK assembly manifest: not a regular file");
}

// "Resources: ..." in UTF-16 with a byte order mark.
std::string Utf16(std::string_view ascii, bool little) {
  std::string out = little ? "\xFF\xFE" : "\xFE\xFF";
  for (char c : ascii) {
    out += little ? std::string{c, '\0'} : std::string{'\0', c};
  }
  return out;
}

TEST_F(Hostile, Utf16TemplatesAreScannedWhateverTheirName) {
  std::string open_bucket = R"(AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Uploads:
    Type: AWS::S3::Bucket
    Properties:
      PublicAccessBlockConfiguration:
        BlockPublicAcls: false
)";
  Write("le/stack.yaml", Utf16(open_bucket, true));
  Write("be/stack.yaml", Utf16(open_bucket, false));
  ScanOutput out = ScanBoth();
  std::set<std::string> files;
  for (const JsonFinding& f : out.findings) {
    if (f.resource == "Uploads") files.insert(f.file.substr(f.file.find("scan/") + 5));
  }
  EXPECT_EQ(files, (std::set<std::string>{"be/stack.yaml", "le/stack.yaml"}));
  EXPECT_EQ(Diagnostics(out), std::vector<std::string>{});
}

TEST_F(BadInput, InvalidUtf16) {
  std::string text = Utf16(kValidTemplate, true);
  text.insert(10, "\x00\xDC", 2);  // a low surrogate without its high surrogate
  Write("bad/template.yaml", text);
  auto d = ScanExpectingErrorOn("bad/template.yaml");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].message, "invalid UTF-16 at byte 10: a low surrogate without its high surrogate");
}

}  // namespace
}  // namespace fnwarden::testing
