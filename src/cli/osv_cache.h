// The offline vulnerability database: where it lives, how `fnwarden db
// update` refreshes it from OSV's public bucket, and how old it is.
//
// The folder holds one archive per ecosystem, exactly as OSV publishes it,
// and a small record of each download:
//
//   <dir>/npm/all.zip
//   <dir>/PyPI/all.zip
//   <dir>/Go/all.zip
//   <dir>/fnwarden-db.json     {"format": 1, "ecosystems": {"npm": {"url": ...,
//                                "downloaded": "2024-05-01T12:00:00Z",
//                                "size": 123, "sha256": "ab12..."}, ...}}
//   <dir>/.fnwarden-db.lock    held while an update runs
//
// Only UpdateOsvDb uses the network; a scan reads the folder and nothing
// else. See docs/vulnerability-database.md.
#ifndef FNWARDEN_CLI_OSV_CACHE_H_
#define FNWARDEN_CLI_OSV_CACHE_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace fnwarden::cli {

inline constexpr std::string_view kOsvArchiveName = "all.zip";
inline constexpr std::string_view kOsvMetadataName = "fnwarden-db.json";
inline constexpr std::string_view kOsvLockName = ".fnwarden-db.lock";
// A scan warns when the database is older than this many whole days.
inline constexpr int kStaleDays = 7;

// The environment variables that locate the cache, passed in so that tests
// need not touch the process's environment. Empty means unset.
struct CacheEnv {
  std::string fnwarden_cache_dir;  // $FNWARDEN_CACHE_DIR
  std::string xdg_cache_home;      // $XDG_CACHE_HOME
  std::string home;                // $HOME
};
// The three variables of this process.
CacheEnv CacheEnvFromProcess();

// Where `fnwarden db update` writes and a scan looks by default:
// $FNWARDEN_CACHE_DIR/osv, else $XDG_CACHE_HOME/fnwarden/osv (only when
// absolute, as the XDG specification asks), else $HOME/.cache/fnwarden/osv;
// "" when none is set.
std::string DefaultOsvCacheDir(const CacheEnv& env);

// "<dir>/<ecosystem>/all.zip".
std::string OsvArchivePath(std::string_view dir, std::string_view ecosystem);

// What UpdateOsvDb downloads and how.
struct UpdateOptions {
  // Each archive is fetched from "<base_url>/<ecosystem>/all.zip". Only
  // https, or http to a loopback address (localhost, 127.0.0.0/8, [::1]).
  std::string base_url = "https://osv-vulnerabilities.storage.googleapis.com";
  // OSV's ecosystem names, as the bucket spells them: letters, digits and
  // ".-_:" only.
  std::vector<std::string> ecosystems = {"npm", "PyPI", "Go"};
  // The longest one request (one hop of a redirect) may take, from
  // connecting to the last byte; 0 is no limit.
  long timeout_seconds = 600;
  // An archive (or a redirect's body) larger than this is refused.
  uint64_t max_bytes = 2ull << 30;
  // Sent as the User-Agent header, for example "fnwarden/1.2.0".
  std::string user_agent = "fnwarden";
};

// Downloads every ecosystem's archive into `dir` (created if needed) and
// records it in fnwarden-db.json. Each ecosystem succeeds or fails on its
// own: an archive replaces the previous one only once it has arrived whole,
// within `max_bytes`, with HTTP 200 and a zip signature, and then in one
// rename, so that a reader sees the old archive or the new one, never a
// mixture. A failure leaves that ecosystem's archive and record as they
// were, and no temporary file behind (AtomicFile in cli/output.h; what a
// killed update left is removed by the next). Redirects are followed, at
// most 5, each checked like
// `base_url`; TLS peers are verified; the system's proxy settings apply to
// https.
//
// `progress` (may be empty) receives one-line messages for a person
// ("npm: downloading https://...", "npm: 40% of 180.2 MB", "npm: 180.2 MB,
// sha256 ab12..."). Returns true when every ecosystem was updated; false
// with `err` holding one line per failure ("PyPI: https://.../PyPI/all.zip:
// HTTP 404"), or one line when the options or the folder are unusable.
// Another update of the same folder running at the same time (in any
// process) is an error, not a wait.
//
// Not thread-safe: it writes through AtomicFile (cli/output.h), which serves
// one file at a time per process.
bool UpdateOsvDb(const std::string& dir, const UpdateOptions& options,
                 const std::function<void(std::string_view)>& progress, std::string* err);

// Whether UpdateOsvDb may fetch `url`: an absolute https URL, or http to a
// loopback host. False with `err` ("refusing plain http to example.com:
// only https, or http to a loopback address, is allowed"). Decided from the
// URL alone, before any name look-up or connection.
bool CheckDownloadUrl(std::string_view url, std::string* err);

// How old the database in a folder is.
struct DbStatus {
  bool present = false;  // at least one <dir>/<ecosystem>/all.zip is a regular file
  // The oldest archive's download time, "YYYY-MM-DDTHH:MM:SSZ": from
  // fnwarden-db.json, or the archive's modification time when the record
  // is missing or unreadable (an archive copied in by hand). Empty when
  // not present.
  std::string updated;
  int64_t updated_unix = 0;
  int64_t age_days = 0;               // whole days from `updated` to now; 0 when in the future
  std::vector<std::string> archives;  // their paths, sorted
};

// Reads `dir`'s archives and record; never fails: a missing or unreadable
// folder is `present == false`. `now_unix` is the current time (seconds).
DbStatus ReadOsvDbStatus(const std::string& dir, int64_t now_unix);

// The warning a scan prints about the database at `dir`, or "" when it is
// present and at most `stale_days` old:
//   "the vulnerability database at DIR is N days old; run `fnwarden db update`"
//   "no vulnerability database at DIR; run `fnwarden db update` or pass --osv-db DIR"
std::string OsvDbWarning(const std::string& dir, const DbStatus& status,
                         int64_t stale_days = kStaleDays);

// UTC times as ISO 8601 with seconds, "2024-05-01T12:00:00Z".
std::string FormatUtcTime(int64_t unix_seconds);
// Parses exactly what FormatUtcTime writes (years 1970-9999); false otherwise.
bool ParseUtcTime(std::string_view text, int64_t* unix_seconds);

// SHA-256 (FIPS 180-4), fed in pieces.
class Sha256 {
 public:
  Sha256() { Reset(); }
  void Reset();
  void Update(std::string_view data);
  // The digest as 64 lowercase hex digits. Ends this message: Reset()
  // before feeding another.
  std::string HexDigest();

 private:
  void Block(const unsigned char* p);

  uint32_t state_[8];
  unsigned char buffer_[64];
  size_t buffered_ = 0;
  uint64_t length_ = 0;  // bytes fed
};

// SHA-256 of `data` as 64 lowercase hex digits.
std::string Sha256Hex(std::string_view data);

}  // namespace fnwarden::cli

#endif  // FNWARDEN_CLI_OSV_CACHE_H_
