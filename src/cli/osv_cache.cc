#include "cli/osv_cache.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <simdjson.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <limits>
#include <map>
#include <memory>

#include "cli/output.h"
#include "util/fs.h"
#include "util/strings.h"

namespace fnwarden::cli {
namespace {

constexpr int kMaxRedirects = 5;
constexpr long kConnectTimeoutSeconds = 30;
constexpr uint64_t kMaxMetadataBytes = 1 << 20;
constexpr int64_t kSecondsPerDay = 86400;

std::string JoinPath(std::string_view dir, std::string_view name) {
  if (dir.empty()) return std::string(name);
  while (dir.size() > 1 && dir.back() == '/') dir.remove_suffix(1);
  std::string out(dir);
  if (out != "/") out += '/';
  out += name;
  return out;
}

void Report(const std::function<void(std::string_view)>& progress, std::string_view message) {
  if (progress) progress(message);
}

std::string Megabytes(uint64_t bytes) { return fmt::format("{:.1f} MB", bytes / 1e6); }

// OSV's ecosystem names ("npm", "PyPI", "crates.io", "Debian:12") are also
// folder names here, so nothing that could climb out of the folder.
bool ValidEcosystem(std::string_view name) {
  if (name.empty() || name == "." || name == ".." || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-' || c == '_' || c == ':';
  });
}

bool IsLoopbackHost(std::string_view host) {
  if (util::EqualsIgnoreCase(host, "localhost")) return true;  // curl never asks DNS for it
  std::string text(host);
  if (text.size() > 2 && text.front() == '[' && text.back() == ']') {
    in6_addr v6;
    text = text.substr(1, text.size() - 2);
    return ::inet_pton(AF_INET6, text.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
  }
  in_addr v4;
  return ::inet_pton(AF_INET, text.c_str(), &v4) == 1 &&
         (ntohl(v4.s_addr) >> 24) == 127;  // 127.0.0.0/8
}

// ---- libcurl, loaded on first use ----
//
// fnwarden opens libcurl when a download starts, not at start-up: a scan
// never uses the network, and libcurl with its TLS, Kerberos, LDAP and IDN
// libraries costs every process about 3 ms of dynamic linking, a sixth of
// the scan of a small template. The header gives the types; the functions
// come from the library Debian's libcurl4 packages install.

constexpr const char* kCurlLibrary = "libcurl.so.4";

struct CurlApi {
  CURLcode (*global_init)(long flags) = nullptr;
  CURL* (*easy_init)() = nullptr;
  void (*easy_cleanup)(CURL* c) = nullptr;
  CURLcode (*easy_setopt)(CURL* c, CURLoption option, ...) = nullptr;
  CURLcode (*easy_getinfo)(CURL* c, CURLINFO info, ...) = nullptr;
  CURLcode (*easy_perform)(CURL* c) = nullptr;
  const char* (*easy_strerror)(CURLcode code) = nullptr;
  CURLU* (*url)() = nullptr;
  void (*url_cleanup)(CURLU* u) = nullptr;
  CURLUcode (*url_set)(CURLU* u, CURLUPart part, const char* content, unsigned int flags) = nullptr;
  CURLUcode (*url_get)(const CURLU* u, CURLUPart part, char** content,
                       unsigned int flags) = nullptr;
  void (*free)(void* p) = nullptr;
  std::string error;  // why the library could not be used; empty when it can
};

template <typename F>
bool Resolve(void* library, const char* name, F* fn, std::string* error) {
  void* symbol = ::dlsym(library, name);
  if (symbol == nullptr) {
    *error = fmt::format("{} has no {}", kCurlLibrary, name);
    return false;
  }
  *fn = reinterpret_cast<F>(symbol);
  return true;
}

CurlApi LoadCurlApi() {
  CurlApi api;
  void* library = ::dlopen(kCurlLibrary, RTLD_NOW | RTLD_LOCAL);
  if (library == nullptr) {
    const char* why = ::dlerror();
    api.error = fmt::format("cannot load {} ({}); install Debian's libcurl4 package", kCurlLibrary,
                            why != nullptr ? why : "not found");
    return api;
  }
  bool ok = Resolve(library, "curl_global_init", &api.global_init, &api.error) &&
            Resolve(library, "curl_easy_init", &api.easy_init, &api.error) &&
            Resolve(library, "curl_easy_cleanup", &api.easy_cleanup, &api.error) &&
            Resolve(library, "curl_easy_setopt", &api.easy_setopt, &api.error) &&
            Resolve(library, "curl_easy_getinfo", &api.easy_getinfo, &api.error) &&
            Resolve(library, "curl_easy_perform", &api.easy_perform, &api.error) &&
            Resolve(library, "curl_easy_strerror", &api.easy_strerror, &api.error) &&
            Resolve(library, "curl_url", &api.url, &api.error) &&
            Resolve(library, "curl_url_cleanup", &api.url_cleanup, &api.error) &&
            Resolve(library, "curl_url_set", &api.url_set, &api.error) &&
            Resolve(library, "curl_url_get", &api.url_get, &api.error) &&
            Resolve(library, "curl_free", &api.free, &api.error);
  // The library stays loaded for the life of the process, like a linked one.
  if (ok && api.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    api.error = "libcurl failed to initialise";
  }
  return api;
}

// libcurl's functions, loaded once; nullptr when it cannot be used, with
// the reason in CurlError().
const CurlApi& CurlLibrary() {
  static const CurlApi api = LoadCurlApi();
  return api;
}
const CurlApi* Curl() { return CurlLibrary().error.empty() ? &CurlLibrary() : nullptr; }
const std::string& CurlError() { return CurlLibrary().error; }

struct CurlUrlDeleter {
  void operator()(CURLU* u) const { Curl()->url_cleanup(u); }
};
struct CurlStringDeleter {
  void operator()(char* s) const { Curl()->free(s); }
};
using CurlString = std::unique_ptr<char, CurlStringDeleter>;

// The URL's scheme (lower case) and host ("" when it has none), parsed by
// curl itself so that what is checked is what curl will connect to.
// Needs Curl().
bool SplitUrl(std::string_view url, std::string* scheme, std::string* host) {
  const CurlApi& curl = *Curl();
  std::unique_ptr<CURLU, CurlUrlDeleter> u(curl.url());
  if (u == nullptr) return false;
  std::string text(url);
  if (curl.url_set(u.get(), CURLUPART_URL, text.c_str(), 0) != CURLUE_OK) return false;
  char* raw = nullptr;
  if (curl.url_get(u.get(), CURLUPART_SCHEME, &raw, 0) != CURLUE_OK) return false;
  CurlString s(raw);
  *scheme = util::ToLower(s.get());
  raw = nullptr;
  // "file:///x" has no host.
  if (curl.url_get(u.get(), CURLUPART_HOST, &raw, 0) == CURLUE_OK) {
    CurlString h(raw);
    *host = h.get();
  }
  return true;
}

// ---- The download record (fnwarden-db.json) ----

struct ArchiveRecord {
  std::string url;
  std::string downloaded;  // FormatUtcTime
  uint64_t size = 0;
  std::string sha256;
};
using Records = std::map<std::string, ArchiveRecord>;

// The records of `dir`'s fnwarden-db.json; entries that are not as written
// are left out (the status falls back to the archive's time).
Records ReadRecords(const std::string& dir) {
  Records out;
  util::DiskFileSystem fs;
  std::string json, err;
  if (!fs.ReadFile(JoinPath(dir, kOsvMetadataName), kMaxMetadataBytes, &json, &err)) return out;
  simdjson::dom::parser parser;
  simdjson::padded_string padded(json);
  simdjson::dom::element root;
  simdjson::dom::object ecosystems;
  if (parser.parse(padded).get(root) != simdjson::SUCCESS ||
      root["ecosystems"].get(ecosystems) != simdjson::SUCCESS) {
    return out;
  }
  for (auto [name, entry] : ecosystems) {
    ArchiveRecord r;
    std::string_view url, downloaded, sha256;
    if (entry["url"].get(url) != simdjson::SUCCESS ||
        entry["downloaded"].get(downloaded) != simdjson::SUCCESS ||
        entry["size"].get(r.size) != simdjson::SUCCESS ||
        entry["sha256"].get(sha256) != simdjson::SUCCESS) {
      continue;
    }
    r.url = url;
    r.downloaded = downloaded;
    r.sha256 = sha256;
    out.emplace(std::string(name), std::move(r));
  }
  return out;
}

std::string RenderRecords(const Records& records) {
  std::string out = "{\n  \"format\": 1,\n  \"ecosystems\": {";
  bool first = true;
  for (const auto& [name, r] : records) {
    out += first ? "\n    " : ",\n    ";
    first = false;
    util::AppendJsonString(name, &out);
    out += ": {\n      \"url\": ";
    util::AppendJsonString(r.url, &out);
    out += ",\n      \"downloaded\": ";
    util::AppendJsonString(r.downloaded, &out);
    out += fmt::format(",\n      \"size\": {},\n      \"sha256\": ", r.size);
    util::AppendJsonString(r.sha256, &out);
    out += "\n    }";
  }
  out += first ? "}\n}\n" : "\n  }\n}\n";
  return out;
}

// Makes a rename in `dir` durable; best effort (some file systems refuse
// to sync a folder, and the data itself is already on disk).
void SyncFolder(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// ---- Downloading one archive ----

struct CurlDeleter {
  void operator()(CURL* c) const { Curl()->easy_cleanup(c); }
};

// One archive on its way to disk, shared with curl's write callback.
struct Transfer {
  CURL* curl = nullptr;
  AtomicFile* file = nullptr;
  uint64_t max_bytes = 0;
  uint64_t received = 0;  // in the current response, whatever its status
  uint64_t written = 0;   // of the 200 response's body
  Sha256 sha;
  std::string head;   // the body's first 4 bytes
  std::string error;  // why the callback stopped the transfer
  const std::function<void(std::string_view)>* progress = nullptr;
  std::string_view ecosystem;
  int reported_tenths = 0;
};

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t n = size * count;  // curl always passes size 1
  if (n > t->max_bytes - t->received) {
    t->error = fmt::format("larger than the limit of {} bytes", t->max_bytes);
    return CURL_WRITEFUNC_ERROR;
  }
  t->received += n;
  long code = 0;
  Curl()->easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &code);
  if (code != 200) return n;  // a redirect's body: not the archive
  std::string_view chunk(data, n);
  if (t->head.size() < 4) t->head += chunk.substr(0, 4 - t->head.size());
  t->sha.Update(chunk);
  if (!t->file->Write(chunk, &t->error)) return CURL_WRITEFUNC_ERROR;
  t->written += n;
  curl_off_t total = -1;
  Curl()->easy_getinfo(t->curl, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &total);
  if (total > 0) {
    int tenths = static_cast<int>(t->written * 10 / static_cast<uint64_t>(total));
    if (tenths > t->reported_tenths && tenths < 10) {
      t->reported_tenths = tenths;
      Report(*t->progress, fmt::format("{}: {}% of {}", t->ecosystem, tenths * 10,
                                       Megabytes(static_cast<uint64_t>(total))));
    }
  }
  return n;
}

bool IsRedirect(long code) {
  return code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
}

// Downloads `url` to `path` (see UpdateOsvDb); on success fills `record`.
bool DownloadArchive(const std::string& url, const std::string& path, const UpdateOptions& options,
                     std::string_view ecosystem,
                     const std::function<void(std::string_view)>& progress, ArchiveRecord* record,
                     std::string* err) {
  AtomicFile file;
  if (!file.Open(path, err)) return false;
  const CurlApi& api = *Curl();
  std::unique_ptr<CURL, CurlDeleter> curl(api.easy_init());
  if (curl == nullptr) {
    *err = "cannot start libcurl";
    return false;
  }
  char curl_error[CURL_ERROR_SIZE] = {};
  Transfer t;
  t.curl = curl.get();
  t.file = &file;
  t.max_bytes = options.max_bytes;
  t.progress = &progress;
  t.ecosystem = ecosystem;
  CURL* c = curl.get();
  api.easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  api.easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);  // followed below, each hop checked
  api.easy_setopt(c, CURLOPT_FAILONERROR, 1L);
  api.easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
  api.easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
  api.easy_setopt(c, CURLOPT_TIMEOUT, options.timeout_seconds);
  api.easy_setopt(c, CURLOPT_CONNECTTIMEOUT,
                  std::min(options.timeout_seconds, kConnectTimeoutSeconds));
  if (options.max_bytes > 0) {
    uint64_t cap = std::min<uint64_t>(options.max_bytes, std::numeric_limits<curl_off_t>::max());
    api.easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(cap));
  }
  api.easy_setopt(c, CURLOPT_USERAGENT, options.user_agent.c_str());
  api.easy_setopt(c, CURLOPT_ERRORBUFFER, curl_error);
  api.easy_setopt(c, CURLOPT_WRITEFUNCTION, OnBody);
  api.easy_setopt(c, CURLOPT_WRITEDATA, &t);

  std::string current = url;
  for (int hop = 0;; ++hop) {
    std::string scheme, host;
    SplitUrl(current, &scheme, &host);  // CheckDownloadUrl has parsed it already
    // A proxy must not stand between fnwarden and a loopback server.
    api.easy_setopt(c, CURLOPT_NOPROXY, IsLoopbackHost(host) ? "*" : nullptr);
    api.easy_setopt(c, CURLOPT_URL, current.c_str());
    t.received = 0;
    curl_error[0] = '\0';
    CURLcode rc = api.easy_perform(c);
    long code = 0;
    api.easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
    if (rc == CURLE_HTTP_RETURNED_ERROR) {
      *err = fmt::format("{}: HTTP {}", current, code);
      return false;
    }
    if (rc == CURLE_FILESIZE_EXCEEDED) {
      *err = fmt::format("{}: larger than the limit of {} bytes", current, options.max_bytes);
      return false;
    }
    if (rc == CURLE_WRITE_ERROR && !t.error.empty()) {
      *err = current + ": " + t.error;
      return false;
    }
    if (rc != CURLE_OK) {
      *err = current + ": " + (curl_error[0] != '\0' ? curl_error : api.easy_strerror(rc));
      return false;
    }
    if (!IsRedirect(code)) {
      if (code != 200) {
        *err = fmt::format("{}: HTTP {}, expected 200", current, code);
        return false;
      }
      break;
    }
    char* location = nullptr;
    api.easy_getinfo(c, CURLINFO_REDIRECT_URL, &location);
    if (location == nullptr) {
      *err = fmt::format("{}: HTTP {} without a Location", current, code);
      return false;
    }
    if (hop == kMaxRedirects) {
      *err = fmt::format("{}: more than {} redirects", url, kMaxRedirects);
      return false;
    }
    std::string next = location;
    if (!CheckDownloadUrl(next, err)) {
      *err = current + " redirects to " + next + ": " + *err;
      return false;
    }
    Report(progress, fmt::format("{}: redirected to {}", ecosystem, next));
    current = std::move(next);
  }

  if (t.head != std::string_view("PK\x03\x04", 4) && t.head != std::string_view("PK\x05\x06", 4)) {
    *err = current + ": not a zip archive";
    return false;
  }
  if (!file.Commit(err)) return false;
  SyncFolder(path.substr(0, path.rfind('/')));
  record->url = url;
  record->size = t.written;
  record->sha256 = t.sha.HexDigest();
  return true;
}

// An exclusive, non-blocking lock on `dir`'s lock file for its lifetime.
class FolderLock {
 public:
  ~FolderLock() {
    if (fd_ >= 0) ::close(fd_);  // releases the lock
  }
  bool Acquire(const std::string& dir, std::string* err) {
    std::string path = JoinPath(dir, kOsvLockName);
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd_ < 0) {
      *err = "cannot open " + path + ": " + std::strerror(errno);
      return false;
    }
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      *err = errno == EWOULDBLOCK ? "another `fnwarden db update` is updating " + dir
                                  : "cannot lock " + path + ": " + std::strerror(errno);
      return false;
    }
    return true;
  }

 private:
  int fd_ = -1;
};

// Removes the named temporary files ("<name>.tmp-XXXXXX") that an update
// killed by SIGKILL on a file system without unnamed files left in `folder`.
// Only with the folder lock held: no other update is writing them.
void RemoveLeftovers(const std::string& folder, std::string_view name) {
  std::error_code ec;
  std::string prefix = std::string(name) + ".tmp-";
  for (std::filesystem::directory_iterator it(folder, ec), end; !ec && it != end;
       it.increment(ec)) {
    std::string entry = it->path().filename().string();
    if (entry.size() == prefix.size() + 6 && entry.starts_with(prefix)) {
      ::unlink(it->path().c_str());
    }
  }
}

int64_t NowUnix() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

CacheEnv CacheEnvFromProcess() {
  auto get = [](const char* name) {
    const char* value = std::getenv(name);
    return std::string(value == nullptr ? "" : value);
  };
  return CacheEnv{get("FNWARDEN_CACHE_DIR"), get("XDG_CACHE_HOME"), get("HOME")};
}

std::string DefaultOsvCacheDir(const CacheEnv& env) {
  if (!env.fnwarden_cache_dir.empty()) return JoinPath(env.fnwarden_cache_dir, "osv");
  if (env.xdg_cache_home.starts_with('/')) return JoinPath(env.xdg_cache_home, "fnwarden/osv");
  if (!env.home.empty()) return JoinPath(env.home, ".cache/fnwarden/osv");
  return "";
}

std::string OsvArchivePath(std::string_view dir, std::string_view ecosystem) {
  return JoinPath(JoinPath(dir, ecosystem), kOsvArchiveName);
}

bool CheckDownloadUrl(std::string_view url, std::string* err) {
  if (Curl() == nullptr) {
    *err = CurlError();
    return false;
  }
  std::string scheme, host;
  if (!SplitUrl(url, &scheme, &host)) {
    *err = "not an absolute URL: " + std::string(url);
    return false;
  }
  if (scheme == "https") return true;
  if (scheme == "http") {
    if (IsLoopbackHost(host)) return true;
    *err = "refusing plain http to " + host +
           ": only https, or http to a loopback address, is allowed";
    return false;
  }
  *err = "refusing " + scheme + " URL " + std::string(url) + ": only https is allowed";
  return false;
}

bool UpdateOsvDb(const std::string& dir, const UpdateOptions& options,
                 const std::function<void(std::string_view)>& progress, std::string* err) {
  if (dir.empty()) {
    *err = "no folder for the vulnerability database";
    return false;
  }
  std::string base = options.base_url;
  while (base.ends_with('/')) base.pop_back();
  if (!CheckDownloadUrl(base, err)) return false;
  for (const std::string& ecosystem : options.ecosystems) {
    if (!ValidEcosystem(ecosystem)) {
      *err = "not an OSV ecosystem name: \"" + ecosystem + "\"";
      return false;
    }
  }
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    *err = "cannot create " + dir + ": " + ec.message();
    return false;
  }
  FolderLock lock;
  if (!lock.Acquire(dir, err)) return false;
  RemoveLeftovers(dir, kOsvMetadataName);
  Records records = ReadRecords(dir);
  std::vector<std::string> failures;
  for (const std::string& ecosystem : options.ecosystems) {
    std::string folder = JoinPath(dir, ecosystem);
    std::string url = base + "/" + ecosystem + "/" + std::string(kOsvArchiveName);
    std::string why;
    std::filesystem::create_directories(folder, ec);
    if (ec) {
      failures.push_back(ecosystem + ": cannot create " + folder + ": " + ec.message());
      continue;
    }
    RemoveLeftovers(folder, kOsvArchiveName);
    Report(progress, ecosystem + ": downloading " + url);
    ArchiveRecord record;
    if (!DownloadArchive(url, OsvArchivePath(dir, ecosystem), options, ecosystem, progress, &record,
                         &why)) {
      failures.push_back(ecosystem + ": " + why);
      continue;
    }
    record.downloaded = FormatUtcTime(NowUnix());
    Report(progress,
           fmt::format("{}: {}, sha256 {}", ecosystem, Megabytes(record.size), record.sha256));
    records[ecosystem] = std::move(record);
    if (!WriteFileAtomically(JoinPath(dir, kOsvMetadataName), RenderRecords(records), &why)) {
      failures.push_back(ecosystem + ": " + why);
      continue;
    }
    SyncFolder(dir);
  }
  if (failures.empty()) return true;
  *err = util::Join(failures, "\n");
  return false;
}

DbStatus ReadOsvDbStatus(const std::string& dir, int64_t now_unix) {
  DbStatus status;
  Records records = ReadRecords(dir);
  std::vector<std::pair<std::string, int64_t>> found;  // path, download time
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.starts_with('.')) continue;
    std::string path = OsvArchivePath(dir, name);
    struct stat st;
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    int64_t when = st.st_mtime;
    if (auto r = records.find(name); r != records.end()) ParseUtcTime(r->second.downloaded, &when);
    found.emplace_back(std::move(path), when);
  }
  if (found.empty()) return status;
  std::sort(found.begin(), found.end());
  status.present = true;
  status.updated_unix = found.front().second;
  for (auto& [path, when] : found) {
    status.updated_unix = std::min(status.updated_unix, when);
    status.archives.push_back(std::move(path));
  }
  status.updated = FormatUtcTime(status.updated_unix);
  status.age_days = std::max<int64_t>(0, (now_unix - status.updated_unix) / kSecondsPerDay);
  return status;
}

std::string OsvDbWarning(const std::string& dir, const DbStatus& status, int64_t stale_days) {
  if (!status.present) {
    return "no vulnerability database at " + dir +
           "; run `fnwarden db update` or pass --osv-db DIR";
  }
  if (status.age_days <= stale_days) return "";
  return fmt::format("the vulnerability database at {} is {} days old; run `fnwarden db update`",
                     dir, status.age_days);
}

std::string FormatUtcTime(int64_t unix_seconds) {
  namespace chr = std::chrono;
  chr::sys_seconds t{chr::seconds{unix_seconds}};
  chr::sys_days day = chr::floor<chr::days>(t);
  chr::year_month_day ymd{day};
  chr::hh_mm_ss hms{t - day};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                     hms.hours().count(), hms.minutes().count(), hms.seconds().count());
}

bool ParseUtcTime(std::string_view text, int64_t* unix_seconds) {
  // "YYYY-MM-DDTHH:MM:SSZ": digits everywhere but these positions.
  constexpr std::string_view kShape = "0000-00-00T00:00:00Z";
  if (text.size() != kShape.size()) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    bool digit = text[i] >= '0' && text[i] <= '9';
    if (kShape[i] == '0' ? !digit : text[i] != kShape[i]) return false;
  }
  auto number = [&](size_t at, size_t len) {
    int v = 0;
    for (size_t i = at; i < at + len; ++i) v = v * 10 + (text[i] - '0');
    return v;
  };
  namespace chr = std::chrono;
  chr::year_month_day ymd{chr::year{number(0, 4)}, chr::month{static_cast<unsigned>(number(5, 2))},
                          chr::day{static_cast<unsigned>(number(8, 2))}};
  int h = number(11, 2), m = number(14, 2), s = number(17, 2);
  if (!ymd.ok() || ymd.year() < chr::year{1970} || h > 23 || m > 59 || s > 59) return false;
  int64_t day = chr::sys_days{ymd}.time_since_epoch().count();
  *unix_seconds = day * kSecondsPerDay + h * 3600 + m * 60 + s;
  return true;
}

// ---- SHA-256, FIPS 180-4 section 6.2 ----

namespace {

constexpr uint32_t kRoundConstants[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

constexpr uint32_t Rotr(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

}  // namespace

void Sha256::Reset() {
  static constexpr uint32_t kInitial[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                           0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  std::copy(std::begin(kInitial), std::end(kInitial), state_);
  buffered_ = 0;
  length_ = 0;
}

void Sha256::Block(const unsigned char* p) {
  uint32_t w[64];
  for (int i = 0; i < 16; ++i) {
    w[i] = (uint32_t{p[4 * i]} << 24) | (uint32_t{p[4 * i + 1]} << 16) |
           (uint32_t{p[4 * i + 2]} << 8) | uint32_t{p[4 * i + 3]};
  }
  for (int i = 16; i < 64; ++i) {
    uint32_t s0 = Rotr(w[i - 15], 7) ^ Rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
    uint32_t s1 = Rotr(w[i - 2], 17) ^ Rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  uint32_t a = state_[0], b = state_[1], c = state_[2], d = state_[3];
  uint32_t e = state_[4], f = state_[5], g = state_[6], h = state_[7];
  for (int i = 0; i < 64; ++i) {
    uint32_t t1 = h + (Rotr(e, 6) ^ Rotr(e, 11) ^ Rotr(e, 25)) + ((e & f) ^ (~e & g)) +
                  kRoundConstants[i] + w[i];
    uint32_t t2 = (Rotr(a, 2) ^ Rotr(a, 13) ^ Rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    h = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  state_[0] += a;
  state_[1] += b;
  state_[2] += c;
  state_[3] += d;
  state_[4] += e;
  state_[5] += f;
  state_[6] += g;
  state_[7] += h;
}

void Sha256::Update(std::string_view data) {
  length_ += data.size();
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  size_t n = data.size();
  if (buffered_ > 0) {
    size_t take = std::min(n, sizeof buffer_ - buffered_);
    std::memcpy(buffer_ + buffered_, p, take);
    buffered_ += take;
    p += take;
    n -= take;
    if (buffered_ < sizeof buffer_) return;
    Block(buffer_);
    buffered_ = 0;
  }
  for (; n >= 64; p += 64, n -= 64) Block(p);
  if (n > 0) std::memcpy(buffer_, p, n);
  buffered_ = n;
}

std::string Sha256::HexDigest() {
  uint64_t bits = length_ * 8;
  unsigned char pad[72] = {0x80};
  // Pad to 56 bytes past a block boundary, then the length in 8 bytes.
  size_t pad_len = (buffered_ < 56 ? 56 : 120) - buffered_;
  for (int i = 0; i < 8; ++i) pad[pad_len + i] = static_cast<unsigned char>(bits >> (56 - 8 * i));
  Update(std::string_view(reinterpret_cast<const char*>(pad), pad_len + 8));
  std::string out;
  for (uint32_t word : state_) out += fmt::format("{:08x}", word);
  return out;
}

std::string Sha256Hex(std::string_view data) {
  Sha256 sha;
  sha.Update(data);
  return sha.HexDigest();
}

}  // namespace fnwarden::cli
