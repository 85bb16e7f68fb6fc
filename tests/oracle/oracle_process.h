// Runs the oracle, tests/oracle/simulate.js under node, as one subprocess for
// a whole batch of cases (no shell; the library is AGPL and is only ever run,
// never linked). Header-only; test and benchmark code only.
#ifndef FNWARDEN_TESTS_ORACLE_ORACLE_PROCESS_H_
#define FNWARDEN_TESTS_ORACLE_ORACLE_PROCESS_H_

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

extern char** environ;

namespace fnwarden::testing::oracle {

struct OracleRun {
  bool ok = false;
  std::string error;                   // why not ok
  std::vector<std::string> decisions;  // in input order: Allowed, ExplicitlyDenied,
                                       // ImplicitlyDenied or "error:..."
  double library_ms = 0;               // time spent inside runSimulation
  double wall_ms = 0;                  // the whole subprocess, node start-up included
};

inline std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The value of the first `"name": "value"` in a JSON text, or "".
inline std::string JsonField(const std::string& text, const std::string& name) {
  size_t at = text.find("\"" + name + "\"");
  if (at == std::string::npos) return "";
  size_t open = text.find('"', text.find(':', at) + 1);
  size_t close = text.find('"', open + 1);
  if (open == std::string::npos || close == std::string::npos) return "";
  return text.substr(open + 1, close - open - 1);
}

// Checks that node and the pinned library are installed in `dir`
// (tests/oracle). Returns "" when they are, else what to do.
inline std::string CheckOracle(const std::string& dir) {
  std::string pinned = JsonField(ReadText(dir + "/package.json"), "@cloud-copilot/iam-simulate");
  std::string installed =
      JsonField(ReadText(dir + "/node_modules/@cloud-copilot/iam-simulate/package.json"), "version");
  if (pinned.empty()) return dir + "/package.json does not pin @cloud-copilot/iam-simulate";
  if (installed.empty()) {
    return "@cloud-copilot/iam-simulate is not installed in " + dir + "/node_modules: run `make setup`";
  }
  if (installed != pinned) {
    return "@cloud-copilot/iam-simulate " + installed + " is installed in " + dir + "/node_modules, " +
           "but package.json pins " + pinned + ": run `make setup`";
  }
  const char* path = std::getenv("PATH");
  std::string dirs = path != nullptr ? path : "/usr/bin:/bin";
  size_t start = 0;
  while (start <= dirs.size()) {
    size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    std::string candidate = dirs.substr(start, end - start) + "/node";
    if (access(candidate.c_str(), X_OK) == 0) return "";
    start = end + 1;
  }
  return "node is not on PATH: run `make setup`";
}

// Feeds `lines` (one JSON case each) to simulate.js in `dir` and collects one
// decision per line.
inline OracleRun RunOracle(const std::string& dir, const std::vector<std::string>& lines) {
  OracleRun run;
  auto start = std::chrono::steady_clock::now();
  int in[2], out[2];
  if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0) {
    run.error = std::string("pipe: ") + std::strerror(errno);
    return run;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  std::string script = dir + "/simulate.js";
  std::vector<char*> argv = {const_cast<char*>("node"), script.data(), nullptr};
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, "node", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(in[0]);
  close(out[1]);
  if (rc != 0) {
    close(in[1]);
    close(out[0]);
    run.error = std::string("cannot start node: ") + std::strerror(rc) + " (run `make setup`)";
    return run;
  }

  // simulate.js reads all of its input before it writes: write, then read.
  struct sigaction ignore = {}, old = {};
  ignore.sa_handler = SIG_IGN;
  sigaction(SIGPIPE, &ignore, &old);
  std::string input;
  for (const std::string& l : lines) {
    input.append(l);
    input.push_back('\n');
  }
  size_t done = 0;
  bool write_failed = false;
  while (done < input.size()) {
    ssize_t n = write(in[1], input.data() + done, input.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      write_failed = true;
      break;
    }
    done += static_cast<size_t>(n);
  }
  close(in[1]);
  sigaction(SIGPIPE, &old, nullptr);

  std::string output;
  char buf[65536];
  while (true) {
    ssize_t n = read(out[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    output.append(buf, static_cast<size_t>(n));
  }
  close(out[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  run.wall_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    run.error = "node " + script + " failed (exit status " +
                std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) +
                "; its message is above; run `make setup` if the library is missing)";
    return run;
  }
  if (write_failed) {
    run.error = "node " + script + " stopped reading its input";
    return run;
  }

  std::istringstream text(output);
  std::string line;
  while (std::getline(text, line)) {
    size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    std::string head = line.substr(0, tab), value = line.substr(tab + 1);
    if (head == "elapsed_ms") {
      run.library_ms = std::strtod(value.c_str(), nullptr);
    } else {
      run.decisions.push_back(value);
    }
  }
  if (run.decisions.size() != lines.size()) {
    run.error = "the oracle answered " + std::to_string(run.decisions.size()) + " of " +
                std::to_string(lines.size()) + " cases";
    return run;
  }
  run.ok = true;
  return run;
}

}  // namespace fnwarden::testing::oracle

#endif  // FNWARDEN_TESTS_ORACLE_ORACLE_PROCESS_H_
