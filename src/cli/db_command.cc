// `fnwarden db update|status`: the offline vulnerability database that
// `fnwarden scan` reads (cli/osv_cache.h). The only command that uses the
// network.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <string>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/osv_cache.h"
#include "util/strings.h"
#include "util/terminal.h"

namespace fnwarden::cli {
namespace {

int64_t NowUnix() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

int RunDb(int argc, char** argv) {
  CLI::App app("Download (update) or inspect (status) the offline OSV vulnerability database "
               "that `fnwarden scan` matches the functions' packages against.",
               "db");
  app.require_subcommand(1);
  std::string dir;
  UpdateOptions options;
  std::string ecosystems;
  bool quiet = false;
  CLI::App* update = app.add_subcommand(
      "update", "download the npm, PyPI and Go advisories of osv.dev (HTTPS) into the cache folder");
  update->add_option("--dir", dir,
                     "the database folder (default: $FNWARDEN_CACHE_DIR/osv, else "
                     "$XDG_CACHE_HOME/fnwarden/osv, else ~/.cache/fnwarden/osv)");
  update->add_option("--base-url", options.base_url,
                     "where the per-ecosystem all.zip archives are (default: osv.dev's bucket)")
      ->capture_default_str();
  update->add_option("--ecosystems", ecosystems, "a comma list of npm, PyPI, Go (default: all)");
  update->add_flag("-q,--quiet", quiet, "no progress");
  CLI::App* status = app.add_subcommand("status", "say where the database is and how old it is");
  status->add_option("--dir", dir, "the database folder (default: as for update)");
  if (argc < 2) return UsageError("db", "expected a subcommand: update or status");
  if (int rc = ParseCommandLine(app, argc, argv); rc >= 0) return rc;
  if (dir.empty()) dir = DefaultOsvCacheDir(CacheEnvFromProcess());
  if (dir.empty()) {
    return UsageError("db", "no cache folder: set FNWARDEN_CACHE_DIR or HOME, or pass --dir");
  }

  if (*status) {
    DbStatus s = ReadOsvDbStatus(dir, NowUnix());
    std::string out = "database: " + util::TerminalSafeLine(dir) + "\n";
    if (!s.present) {
      out += "status: missing; run `fnwarden db update`\n";
    } else {
      out += "updated: " + s.updated + " (" + std::to_string(s.age_days) + " days ago)\n";
      for (const std::string& a : s.archives) out += "archive: " + util::TerminalSafeLine(a) + "\n";
      std::string warning = OsvDbWarning(dir, s);
      if (!warning.empty()) out += "warning: " + util::TerminalSafeLine(warning) + "\n";
    }
    std::fputs(out.c_str(), stdout);
    return s.present ? kExitClean : kExitFindings;
  }

  if (!ecosystems.empty()) {
    options.ecosystems.clear();
    for (std::string_view e : util::Split(ecosystems, ',')) {
      std::string name(e);
      if (name != "npm" && name != "PyPI" && name != "Go") {
        return UsageError("db", "unknown ecosystem '" + name + "' (expected npm, PyPI or Go)");
      }
      options.ecosystems.push_back(name);
    }
  }
  std::string err;
  if (!CheckDownloadUrl(options.base_url, &err)) return UsageError("db", err);
  auto progress = [&](std::string_view line) {
    if (!quiet) std::fprintf(stderr, "fnwarden: %s\n", util::TerminalSafeLine(line).c_str());
  };
  options.user_agent = "fnwarden/" + std::string(kVersion);
  if (!UpdateOsvDb(dir, options, progress, &err)) {
    for (std::string_view line : util::Split(err, '\n')) {
      if (!line.empty()) {
        std::fprintf(stderr, "fnwarden db: error: %s\n", util::TerminalSafeLine(line).c_str());
      }
    }
    return kExitUsage;
  }
  if (!quiet) {
    std::fprintf(stderr, "fnwarden: the vulnerability database at %s is up to date\n",
                 util::TerminalSafeLine(dir).c_str());
  }
  return kExitClean;
}

}  // namespace fnwarden::cli
