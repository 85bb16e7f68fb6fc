#include "cli/osv_cache.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <simdjson.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include "test_util.h"

namespace fnwarden::cli {
namespace {

// ---- A tiny HTTP/1.1 server on 127.0.0.1 ----

// Answers each request on its own connection with the raw bytes set for its
// path (a 404 when none), then closes the connection: a response whose
// Content-Length promises more than it holds ends mid-body.
class TestServer {
 public:
  TestServer() {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr = {};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;  // ephemeral
    socklen_t len = sizeof addr;
    if (listen_fd_ < 0 || ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), len) != 0 ||
        ::listen(listen_fd_, 16) != 0 ||
        ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
      ADD_FAILURE() << "cannot listen on 127.0.0.1";
      return;
    }
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~TestServer() {
    stop_ = true;
    ::shutdown(listen_fd_, SHUT_RDWR);  // wakes accept()
    if (thread_.joinable()) thread_.join();
    ::close(listen_fd_);
  }

  std::string base() const { return "http://127.0.0.1:" + std::to_string(port_); }
  void Set(const std::string& path, std::string response) {
    std::lock_guard<std::mutex> lock(mu_);
    responses_[path] = std::move(response);
  }
  std::vector<std::string> requests() const {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }

 private:
  void Serve() {
    while (!stop_) {
      int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) {
        if (errno == EINTR) continue;
        return;
      }
      Answer(fd);
      ::close(fd);
    }
  }

  void Answer(int fd) {
    std::string request;
    char buf[4096];
    while (request.find("\r\n\r\n") == std::string::npos && request.size() < 65536) {
      ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) return;
      request.append(buf, static_cast<size_t>(n));
    }
    // "GET /path HTTP/1.1"
    size_t start = request.find(' ') + 1;
    std::string path = request.substr(start, request.find(' ', start) - start);
    std::string response =
        "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    {
      std::lock_guard<std::mutex> lock(mu_);
      requests_.push_back(path);
      if (auto it = responses_.find(path); it != responses_.end()) response = it->second;
    }
    std::string_view rest = response;
    while (!rest.empty()) {
      ssize_t n = ::send(fd, rest.data(), rest.size(), MSG_NOSIGNAL);
      if (n <= 0) return;  // the client gave up (a size cap)
      rest.remove_prefix(static_cast<size_t>(n));
    }
  }

  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_ = false;
  std::thread thread_;
  mutable std::mutex mu_;
  std::map<std::string, std::string> responses_;
  std::vector<std::string> requests_;
};

std::string Ok(const std::string& body) {
  return "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\nConnection: close\r\n\r\n" + body;
}
std::string Status(int code, const std::string& reason) {
  return "HTTP/1.1 " + std::to_string(code) + " " + reason +
         "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
}
std::string Redirect(const std::string& location) {
  return "HTTP/1.1 302 Found\r\nLocation: " + location +
         "\r\nContent-Length: 5\r\nConnection: close\r\n\r\nmoved";
}

const std::string kEmptyZip = std::string("PK\x05\x06", 4) + std::string(18, '\0');
const std::string kNpmZip = std::string("PK\x03\x04", 4) + "the new npm archive";
const std::string kGoZip = std::string("PK\x03\x04", 4) + "the new Go archive";
const std::string kOldZip = std::string("PK\x03\x04", 4) + "the previous archive";

// ---- Files ----

std::string Slurp(const std::string& path) { return testing::ReadFileOrDie(path); }

void WriteFile(const std::string& path, const std::string& text) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// Every file and folder under `dir`, relative and sorted.
std::vector<std::string> Tree(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    out.push_back(std::filesystem::relative(e.path(), dir).string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

void SetMtime(const std::string& path, int64_t unix_seconds) {
  timespec times[2] = {{static_cast<time_t>(unix_seconds), 0},
                       {static_cast<time_t>(unix_seconds), 0}};
  ASSERT_EQ(::utimensat(AT_FDCWD, path.c_str(), times, 0), 0) << path;
}

int64_t NowUnix() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A fnwarden-db.json with one record per (ecosystem, download time).
std::string Records(const std::vector<std::pair<std::string, std::string>>& entries) {
  std::string out = "{\"format\": 1, \"ecosystems\": {";
  for (size_t i = 0; i < entries.size(); ++i) {
    if (i > 0) out += ", ";
    out += "\"" + entries[i].first + "\": {\"url\": \"https://example.test/" + entries[i].first +
           "/all.zip\", \"downloaded\": \"" + entries[i].second +
           "\", \"size\": 24, \"sha256\": \"00\"}";
  }
  return out + "}}";
}

struct Recorded {
  std::string url, downloaded, sha256;
  uint64_t size = 0;
};
std::map<std::string, Recorded> ReadRecorded(const std::string& dir) {
  std::map<std::string, Recorded> out;
  simdjson::dom::parser parser;
  simdjson::padded_string json(Slurp(dir + "/fnwarden-db.json"));
  simdjson::dom::element root;
  EXPECT_EQ(parser.parse(json).get(root), simdjson::SUCCESS);
  int64_t format = 0;
  EXPECT_EQ(root["format"].get(format), simdjson::SUCCESS);
  EXPECT_EQ(format, 1);
  simdjson::dom::object ecosystems;
  EXPECT_EQ(root["ecosystems"].get(ecosystems), simdjson::SUCCESS);
  for (auto [name, entry] : ecosystems) {
    Recorded r;
    r.url = std::string(entry["url"].get_string().value());
    r.downloaded = std::string(entry["downloaded"].get_string().value());
    r.sha256 = std::string(entry["sha256"].get_string().value());
    r.size = entry["size"].get_uint64().value();
    out[std::string(name)] = r;
  }
  return out;
}

class OsvCacheTest : public ::testing::Test {
 protected:
  std::string Dir() const { return scratch_.path() + "/osv"; }
  UpdateOptions Options(const std::string& prefix, std::vector<std::string> ecosystems) const {
    UpdateOptions options;
    options.base_url = server_.base() + prefix;
    options.ecosystems = std::move(ecosystems);
    options.timeout_seconds = 60;  // a bound on a broken test, never reached
    return options;
  }
  bool Update(const UpdateOptions& options, std::string* err) {
    return UpdateOsvDb(
        Dir(), options, [this](std::string_view m) { progress_.emplace_back(m); }, err);
  }

  testing::ScratchDir scratch_;
  TestServer server_;
  std::vector<std::string> progress_;
};

// ---- UpdateOsvDb ----

TEST_F(OsvCacheTest, DownloadsEveryEcosystemAndRecordsIt) {
  server_.Set("/db/npm/all.zip", Ok(kNpmZip));
  server_.Set("/db/PyPI/all.zip", Ok(kEmptyZip));
  server_.Set("/db/Go/all.zip", Ok(kGoZip));
  // What an update killed on a file system without unnamed files left.
  WriteFile(Dir() + "/npm/all.zip.tmp-abc123", "half");
  WriteFile(Dir() + "/fnwarden-db.json.tmp-xyz789", "half");
  WriteFile(Dir() + "/npm/notes.txt", "kept");
  int64_t before = NowUnix();
  std::string err;
  ASSERT_TRUE(Update(Options("/db/", {"npm", "PyPI", "Go"}), &err)) << err;
  int64_t after = NowUnix();

  EXPECT_EQ(Slurp(Dir() + "/npm/all.zip"), kNpmZip);
  EXPECT_EQ(Slurp(Dir() + "/PyPI/all.zip"), kEmptyZip);
  EXPECT_EQ(Slurp(Dir() + "/Go/all.zip"), kGoZip);
  EXPECT_EQ(Tree(Dir()), (std::vector<std::string>{".fnwarden-db.lock", "Go", "Go/all.zip", "PyPI",
                                                   "PyPI/all.zip", "fnwarden-db.json", "npm",
                                                   "npm/all.zip", "npm/notes.txt"}));
  EXPECT_EQ(server_.requests(),
            (std::vector<std::string>{"/db/npm/all.zip", "/db/PyPI/all.zip", "/db/Go/all.zip"}));

  std::map<std::string, Recorded> records = ReadRecorded(Dir());
  ASSERT_EQ(records.size(), 3u);
  for (const auto& [ecosystem, body] : std::vector<std::pair<std::string, std::string>>{
           {"npm", kNpmZip}, {"PyPI", kEmptyZip}, {"Go", kGoZip}}) {
    SCOPED_TRACE(ecosystem);
    const Recorded& r = records[ecosystem];
    EXPECT_EQ(r.url, server_.base() + "/db/" + ecosystem + "/all.zip");
    EXPECT_EQ(r.size, body.size());
    EXPECT_EQ(r.sha256, Sha256Hex(body));
    int64_t when = 0;
    ASSERT_TRUE(ParseUtcTime(r.downloaded, &when)) << r.downloaded;
    EXPECT_GE(when, before);
    EXPECT_LE(when, after);
  }

  DbStatus status = ReadOsvDbStatus(Dir(), after + 3 * 86400);
  EXPECT_TRUE(status.present);
  EXPECT_EQ(status.archives,
            (std::vector<std::string>{Dir() + "/Go/all.zip", Dir() + "/PyPI/all.zip",
                                      Dir() + "/npm/all.zip"}));
  EXPECT_GE(status.updated_unix, before);
  EXPECT_LE(status.updated_unix, after);
  EXPECT_EQ(status.updated, FormatUtcTime(status.updated_unix));
  EXPECT_EQ(status.age_days, 3);
  EXPECT_EQ(OsvDbWarning(Dir(), status), "");

  std::string npm_url = server_.base() + "/db/npm/all.zip";
  ASSERT_FALSE(progress_.empty());
  EXPECT_EQ(progress_.front(), "npm: downloading " + npm_url);
  EXPECT_NE(
      std::find(progress_.begin(), progress_.end(), "npm: 0.0 MB, sha256 " + Sha256Hex(kNpmZip)),
      progress_.end())
      << ::testing::PrintToString(progress_);
}

TEST_F(OsvCacheTest, FollowsRedirectsAndRecordsTheRequestedUrl) {
  server_.Set("/moved/npm/all.zip", Redirect("/hop/npm/all.zip"));
  server_.Set("/hop/npm/all.zip", Redirect(server_.base() + "/db/npm/all.zip"));
  server_.Set("/db/npm/all.zip", Ok(kNpmZip));
  std::string err;
  ASSERT_TRUE(Update(Options("/moved", {"npm"}), &err)) << err;
  EXPECT_EQ(Slurp(Dir() + "/npm/all.zip"), kNpmZip);
  EXPECT_EQ(server_.requests(), (std::vector<std::string>{"/moved/npm/all.zip", "/hop/npm/all.zip",
                                                          "/db/npm/all.zip"}));
  EXPECT_EQ(ReadRecorded(Dir())["npm"].url, server_.base() + "/moved/npm/all.zip");
  EXPECT_EQ(ReadRecorded(Dir())["npm"].size, kNpmZip.size());
}

TEST_F(OsvCacheTest, ReportsProgressByTenths) {
  // curl hands the body over in pieces of at most CURL_MAX_WRITE_SIZE (16 KiB,
  // 5% of this body), so no tenth can be skipped.
  const std::string body = std::string("PK\x03\x04", 4) + std::string(320000, 'z');
  server_.Set("/db/Go/all.zip", Ok(body));
  std::string err;
  ASSERT_TRUE(Update(Options("/db", {"Go"}), &err)) << err;
  std::vector<std::string> want = {"Go: downloading " + server_.base() + "/db/Go/all.zip"};
  for (int percent = 10; percent < 100; percent += 10) {
    want.push_back("Go: " + std::to_string(percent) + "% of 0.3 MB");
  }
  want.push_back("Go: 0.3 MB, sha256 " + Sha256Hex(body));
  EXPECT_EQ(progress_, want);
}

// One way for a download to fail; the previous database must survive it.
struct FailureCase {
  std::string name;
  std::string response;  // served at /f/npm/all.zip
  std::string error;     // "{url}" stands for that address
  int requests = 1;
};

void PrintTo(const FailureCase& c, std::ostream* os) { *os << c.name; }

class UpdateFailureTest : public OsvCacheTest, public ::testing::WithParamInterface<FailureCase> {};

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

TEST_P(UpdateFailureTest, LeavesThePreviousDatabaseUntouched) {
  const FailureCase& c = GetParam();
  std::string url = server_.base() + "/f/npm/all.zip";
  server_.Set("/f/npm/all.zip", Replace(c.response, "{url}", url));
  const std::string old_records = Records({{"npm", "2024-05-01T12:00:00Z"}});
  WriteFile(Dir() + "/npm/all.zip", kOldZip);
  WriteFile(Dir() + "/fnwarden-db.json", old_records);
  std::vector<std::string> tree = Tree(Dir());
  tree.insert(tree.begin(), ".fnwarden-db.lock");

  UpdateOptions options = Options("/f", {"npm"});
  options.max_bytes = 1000;
  std::string err;
  EXPECT_FALSE(Update(options, &err));
  EXPECT_EQ(err, Replace(c.error, "{url}", url));
  EXPECT_EQ(Slurp(Dir() + "/npm/all.zip"), kOldZip);
  EXPECT_EQ(Slurp(Dir() + "/fnwarden-db.json"), old_records);
  EXPECT_EQ(Tree(Dir()), tree);
  EXPECT_EQ(server_.requests().size(), static_cast<size_t>(c.requests));
}

const std::string kBig = std::string("PK\x03\x04", 4) + std::string(5000, 'x');

INSTANTIATE_TEST_SUITE_P(
    Cases, UpdateFailureTest,
    ::testing::Values(
        FailureCase{"NotFound", Status(404, "Not Found"), "npm: {url}: HTTP 404"},
        FailureCase{"ServerError", Status(503, "Unavailable"), "npm: {url}: HTTP 503"},
        FailureCase{"NoContent", Status(204, "No Content"), "npm: {url}: HTTP 204, expected 200"},
        FailureCase{"NotAZip", Ok("<html>an error page</html>"), "npm: {url}: not a zip archive"},
        FailureCase{"EmptyBody", Ok(""), "npm: {url}: not a zip archive"},
        FailureCase{"DeclaredTooLarge", Ok(kBig),
                    "npm: {url}: larger than the limit of 1000 bytes"},
        FailureCase{"UndeclaredTooLarge", "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + kBig,
                    "npm: {url}: larger than the limit of 1000 bytes"},
        FailureCase{"ClosedMidBody",
                    "HTTP/1.1 200 OK\r\nContent-Length: 900\r\nConnection: close\r\n\r\n" +
                        kBig.substr(0, 100),
                    "npm: {url}: transfer closed with 800 bytes remaining to read"},
        FailureCase{"RedirectLoop", Redirect("{url}"), "npm: {url}: more than 5 redirects", 6},
        FailureCase{"RedirectWithoutLocation",
                    "HTTP/1.1 302 Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                    "npm: {url}: HTTP 302 without a Location"},
        FailureCase{"RedirectToPlainHttpElsewhere", Redirect("http://198.51.100.7/npm/all.zip"),
                    "npm: {url} redirects to http://198.51.100.7/npm/all.zip: refusing plain "
                    "http to 198.51.100.7: only https, or http to a loopback address, is "
                    "allowed"},
        FailureCase{"RedirectToFile", Redirect("file:///etc/passwd"),
                    "npm: {url} redirects to file:///etc/passwd: refusing file URL "
                    "file:///etc/passwd: only https is allowed"}),
    [](const ::testing::TestParamInfo<FailureCase>& param) { return param.param.name; });

TEST_F(OsvCacheTest, EachEcosystemSucceedsOrFailsOnItsOwn) {
  server_.Set("/db/npm/all.zip", Ok(kNpmZip));
  server_.Set("/db/Go/all.zip", Ok(kGoZip));  // PyPI: 404
  WriteFile(Dir() + "/PyPI/all.zip", kOldZip);
  WriteFile(Dir() + "/npm/all.zip", kOldZip);
  WriteFile(Dir() + "/fnwarden-db.json",
            Records({{"npm", "2024-04-01T00:00:00Z"}, {"PyPI", "2024-05-01T12:00:00Z"}}));
  std::string err;
  EXPECT_FALSE(Update(Options("/db", {"npm", "PyPI", "Go"}), &err));
  EXPECT_EQ(err, "PyPI: " + server_.base() + "/db/PyPI/all.zip: HTTP 404");
  EXPECT_EQ(Slurp(Dir() + "/npm/all.zip"), kNpmZip);
  EXPECT_EQ(Slurp(Dir() + "/PyPI/all.zip"), kOldZip);
  EXPECT_EQ(Slurp(Dir() + "/Go/all.zip"), kGoZip);
  std::map<std::string, Recorded> records = ReadRecorded(Dir());
  EXPECT_EQ(records["PyPI"].downloaded, "2024-05-01T12:00:00Z");  // kept
  EXPECT_EQ(records["PyPI"].url, "https://example.test/PyPI/all.zip");
  EXPECT_EQ(records["npm"].sha256, Sha256Hex(kNpmZip));
  EXPECT_EQ(records["Go"].sha256, Sha256Hex(kGoZip));
  // The oldest archive is the one that failed to update.
  EXPECT_EQ(ReadOsvDbStatus(Dir(), NowUnix()).updated, "2024-05-01T12:00:00Z");
}

TEST_F(OsvCacheTest, ReportsEveryFailure) {
  std::string err;
  EXPECT_FALSE(Update(Options("/none", {"npm", "Go"}), &err));
  EXPECT_EQ(err, "npm: " + server_.base() + "/none/npm/all.zip: HTTP 404\nGo: " + server_.base() +
                     "/none/Go/all.zip: HTTP 404");
  EXPECT_EQ(Tree(Dir()), (std::vector<std::string>{".fnwarden-db.lock", "Go", "npm"}));
}

TEST_F(OsvCacheTest, RefusesPlainHttpToOtherHostsBeforeConnecting) {
  UpdateOptions options;
  options.base_url = "http://198.51.100.7:8080/osv";  // TEST-NET-2: nothing answers there
  options.timeout_seconds = 5;                        // a bound on a broken test
  std::string err;
  EXPECT_FALSE(UpdateOsvDb(Dir(), options, nullptr, &err));
  EXPECT_EQ(err,
            "refusing plain http to 198.51.100.7: only https, or http to a loopback address, is "
            "allowed");
  EXPECT_FALSE(std::filesystem::exists(Dir()));
}

TEST_F(OsvCacheTest, RefusesEcosystemNamesThatAreNotFolderNames) {
  for (const char* name : {"", ".", "..", "../etc", "npm/x", "a b"}) {
    std::string err;
    EXPECT_FALSE(Update(Options("/db", {"npm", name}), &err)) << name;
    EXPECT_EQ(err, "not an OSV ecosystem name: \"" + std::string(name) + "\"");
  }
  EXPECT_TRUE(server_.requests().empty());
}

TEST_F(OsvCacheTest, OneUpdateOfAFolderAtATime) {
  std::filesystem::create_directories(Dir());
  std::string lock_path = Dir() + "/.fnwarden-db.lock";
  int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::flock(fd, LOCK_EX | LOCK_NB), 0);
  std::string err;
  EXPECT_FALSE(Update(Options("/db", {"npm"}), &err));
  EXPECT_EQ(err, "another `fnwarden db update` is updating " + Dir());
  ::close(fd);
  EXPECT_TRUE(server_.requests().empty());
}

// ---- CheckDownloadUrl ----

TEST(CheckDownloadUrl, HttpsAnywhereHttpOnlyToLoopback) {
  for (const char* url :
       {"https://osv-vulnerabilities.storage.googleapis.com/npm/all.zip",
        "HTTPS://mirror.example/osv", "http://127.0.0.1:8080/x", "http://127.200.3.4/x",
        "http://localhost:1/", "http://LocalHost/", "http://[::1]:9/x", "HTTP://127.0.0.1/"}) {
    std::string err;
    EXPECT_TRUE(CheckDownloadUrl(url, &err)) << url << ": " << err;
  }
  const std::pair<const char*, const char*> kRefused[] = {
      {"http://example.com/osv",
       "refusing plain http to example.com: only https, or http to a loopback address, is "
       "allowed"},
      {"http://127.0.0.1.nip.io/",
       "refusing plain http to 127.0.0.1.nip.io: only https, or http to a loopback address, is "
       "allowed"},
      {"http://128.0.0.1/",
       "refusing plain http to 128.0.0.1: only https, or http to a loopback address, is "
       "allowed"},
      {"http://0.0.0.0/",
       "refusing plain http to 0.0.0.0: only https, or http to a loopback address, is allowed"},
      {"http://[::2]/",
       "refusing plain http to [::2]: only https, or http to a loopback address, is allowed"},
      {"ftp://127.0.0.1/all.zip",
       "refusing ftp URL ftp://127.0.0.1/all.zip: only https is allowed"},
      {"file:///etc/passwd", "refusing file URL file:///etc/passwd: only https is allowed"},
      {"osv-vulnerabilities.storage.googleapis.com/npm",
       "not an absolute URL: osv-vulnerabilities.storage.googleapis.com/npm"},
      {"", "not an absolute URL: "},
  };
  for (const auto& [url, want] : kRefused) {
    std::string err;
    EXPECT_FALSE(CheckDownloadUrl(url, &err)) << url;
    EXPECT_EQ(err, want) << url;
  }
}

// ---- Where the cache lives ----

TEST(DefaultOsvCacheDir, FirstSetVariableWins) {
  struct Case {
    CacheEnv env;
    const char* want;
  };
  const Case kCases[] = {
      {{"/ci/cache", "/xdg", "/home/u"}, "/ci/cache/osv"},
      {{"/ci/cache/", "", ""}, "/ci/cache/osv"},
      {{"relative/cache", "", "/home/u"}, "relative/cache/osv"},
      {{"", "/xdg", "/home/u"}, "/xdg/fnwarden/osv"},
      {{"", "xdg-relative", "/home/u"}, "/home/u/.cache/fnwarden/osv"},  // XDG: ignored
      {{"", "", "/home/u/"}, "/home/u/.cache/fnwarden/osv"},
      {{"", "", "/"}, "/.cache/fnwarden/osv"},
      {{"", "", ""}, ""},
  };
  for (const Case& c : kCases) {
    EXPECT_EQ(DefaultOsvCacheDir(c.env), c.want)
        << c.env.fnwarden_cache_dir << "|" << c.env.xdg_cache_home << "|" << c.env.home;
  }
  EXPECT_EQ(OsvArchivePath("/c/osv/", "PyPI"), "/c/osv/PyPI/all.zip");
}

// ---- Status and staleness ----

TEST_F(OsvCacheTest, StatusOfAMissingOrEmptyFolder) {
  DbStatus missing = ReadOsvDbStatus(Dir(), NowUnix());
  EXPECT_FALSE(missing.present);
  EXPECT_TRUE(missing.archives.empty());
  EXPECT_EQ(OsvDbWarning("/c/osv", missing),
            "no vulnerability database at /c/osv; run `fnwarden db update` or pass --osv-db DIR");
  // A record without its archive, an archive in a hidden folder or of
  // another name: still nothing.
  WriteFile(Dir() + "/fnwarden-db.json", Records({{"npm", "2024-05-01T12:00:00Z"}}));
  WriteFile(Dir() + "/.old/all.zip", kOldZip);
  WriteFile(Dir() + "/Go/all.zip.tmp-abcdef", kOldZip);
  std::filesystem::create_directories(Dir() + "/PyPI/all.zip");  // a folder
  EXPECT_FALSE(ReadOsvDbStatus(Dir(), NowUnix()).present);
}

TEST_F(OsvCacheTest, StatusTakesTheOldestDownloadTime) {
  const int64_t may1 = 1714564800;  // 2024-05-01T12:00:00Z
  WriteFile(Dir() + "/npm/all.zip", kOldZip);
  WriteFile(Dir() + "/PyPI/all.zip", kOldZip);
  WriteFile(Dir() + "/fnwarden-db.json",
            Records({{"npm", "2024-05-03T12:00:00Z"}, {"PyPI", "2024-05-01T12:00:00Z"}}));
  // Modification times say otherwise: the record wins.
  SetMtime(Dir() + "/npm/all.zip", 0);
  SetMtime(Dir() + "/PyPI/all.zip", 0);

  DbStatus status = ReadOsvDbStatus(Dir(), may1 + 7 * 86400 + 86399);
  EXPECT_TRUE(status.present);
  EXPECT_EQ(status.updated, "2024-05-01T12:00:00Z");
  EXPECT_EQ(status.updated_unix, may1);
  EXPECT_EQ(status.archives,
            (std::vector<std::string>{Dir() + "/PyPI/all.zip", Dir() + "/npm/all.zip"}));
  EXPECT_EQ(status.age_days, 7);
  EXPECT_EQ(OsvDbWarning("/c/osv", status), "");  // 7 days old is not yet stale

  status = ReadOsvDbStatus(Dir(), may1 + 8 * 86400);
  EXPECT_EQ(status.age_days, 8);
  EXPECT_EQ(OsvDbWarning("/c/osv", status),
            "the vulnerability database at /c/osv is 8 days old; run `fnwarden db update`");
  EXPECT_EQ(OsvDbWarning("/c/osv", status, 30), "");

  // A clock behind the download: age 0, not negative.
  EXPECT_EQ(ReadOsvDbStatus(Dir(), may1 - 86400 * 3).age_days, 0);
}

TEST_F(OsvCacheTest, StatusFallsBackToModificationTimes) {
  const int64_t may1 = 1714564800;
  WriteFile(Dir() + "/npm/all.zip", kOldZip);
  WriteFile(Dir() + "/Go/all.zip", kOldZip);
  SetMtime(Dir() + "/npm/all.zip", may1 + 86400);
  SetMtime(Dir() + "/Go/all.zip", may1);
  // No record at all: copied in by hand.
  DbStatus status = ReadOsvDbStatus(Dir(), may1 + 10 * 86400);
  EXPECT_EQ(status.updated, "2024-05-01T12:00:00Z");
  EXPECT_EQ(status.age_days, 10);

  // A record for one archive only, one with a malformed time, or an
  // unreadable file: the others fall back one by one.
  WriteFile(Dir() + "/fnwarden-db.json", Records({{"npm", "2024-05-20T00:00:00Z"}}));
  EXPECT_EQ(ReadOsvDbStatus(Dir(), may1).updated, "2024-05-01T12:00:00Z");  // Go's mtime
  WriteFile(Dir() + "/fnwarden-db.json",
            Records({{"npm", "2024-05-20T00:00:00Z"}, {"Go", "yesterday"}}));
  EXPECT_EQ(ReadOsvDbStatus(Dir(), may1).updated, "2024-05-01T12:00:00Z");
  WriteFile(Dir() + "/fnwarden-db.json", "{\"format\": 1, \"ecosy");
  EXPECT_EQ(ReadOsvDbStatus(Dir(), may1).updated, "2024-05-01T12:00:00Z");
  WriteFile(Dir() + "/fnwarden-db.json",
            Records({{"npm", "2024-06-01T00:00:00Z"}, {"Go", "2024-06-02T00:00:00Z"}}));
  EXPECT_EQ(ReadOsvDbStatus(Dir(), may1).updated, "2024-06-01T00:00:00Z");
}

// ---- Times ----

TEST(UtcTime, FormatsAndParses) {
  const std::pair<int64_t, const char*> kTimes[] = {
      {0, "1970-01-01T00:00:00Z"},
      {951782400, "2000-02-29T00:00:00Z"},
      {1714564800, "2024-05-01T12:00:00Z"},
      {2147483648, "2038-01-19T03:14:08Z"},
      {253402300799, "9999-12-31T23:59:59Z"},
  };
  for (const auto& [unix_seconds, text] : kTimes) {
    EXPECT_EQ(FormatUtcTime(unix_seconds), text);
    int64_t parsed = -1;
    EXPECT_TRUE(ParseUtcTime(text, &parsed)) << text;
    EXPECT_EQ(parsed, unix_seconds) << text;
  }
  for (const char* bad :
       {"", "2024-05-01", "2024-05-01T12:00:00", "2024-05-01 12:00:00Z", "2024-05-01T12:00:00.5Z",
        "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-00-01T00:00:00Z",
        "2024-05-01T24:00:00Z", "2024-05-01T12:60:00Z", "2024-05-01T12:00:60Z",
        "1969-12-31T23:59:59Z", "2024-05-01T12:00:00+00:00", "+024-05-01T12:00:00Z"}) {
    int64_t parsed = 42;
    EXPECT_FALSE(ParseUtcTime(bad, &parsed)) << bad;
    EXPECT_EQ(parsed, 42) << bad;
  }
}

// ---- SHA-256 ----

TEST(Sha256, FipsTestVectors) {
  // FIPS 180-2, appendix B.
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(Sha256Hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Sha256, PiecesGiveTheSameDigest) {
  // Lengths around the padding boundaries (55, 56, 63, 64 bytes), fed in
  // every split.
  std::string text;
  for (int i = 0; i < 130; ++i) text += static_cast<char>('a' + i % 26);
  for (size_t len : {0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 130}) {
    std::string whole = Sha256Hex(text.substr(0, len));
    for (size_t split = 0; split <= len; ++split) {
      Sha256 sha;
      sha.Update(std::string_view(text).substr(0, split));
      sha.Update(std::string_view(text).substr(split, len - split));
      ASSERT_EQ(sha.HexDigest(), whole) << len << " split at " << split;
    }
  }
  // The 1,000,000 'a's of FIPS 180-2 in uneven pieces.
  Sha256 sha;
  std::string piece(997, 'a');
  size_t fed = 0;
  for (; fed + piece.size() <= 1000000; fed += piece.size()) sha.Update(piece);
  sha.Update(std::string(1000000 - fed, 'a'));
  EXPECT_EQ(sha.HexDigest(), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  sha.Reset();
  sha.Update("abc");
  EXPECT_EQ(sha.HexDigest(), Sha256Hex("abc"));
}

}  // namespace
}  // namespace fnwarden::cli
