#include "load/code/secret_names.h"

#include <algorithm>

namespace fnwarden::load::code {
namespace {

constexpr size_t kMaxWords = 16;

bool In(std::string_view s, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

}  // namespace

void NameWords(std::string_view name, std::vector<std::string>* out) {
  out->clear();
  std::string word;
  auto flush = [&] {
    if (!word.empty() && out->size() < kMaxWords) out->push_back(std::move(word));
    word.clear();
  };
  char prev = 0;
  for (char c : name) {
    bool upper = c >= 'A' && c <= 'Z';
    bool alnum = upper || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    // A capital starts a word after a lower case letter (`apiKey`).
    if (!alnum || (upper && prev >= 'a' && prev <= 'z')) flush();
    if (alnum) word += upper ? static_cast<char>(c - 'A' + 'a') : c;
    prev = c;
  }
  flush();
}

std::vector<std::string> NameWords(std::string_view name) {
  std::vector<std::string> out;
  NameWords(name, &out);
  return out;
}

bool HasWord(const std::vector<std::string>& words, std::initializer_list<std::string_view> set) {
  return std::any_of(words.begin(), words.end(), [&](const std::string& w) { return In(w, set); });
}

bool HasPair(const std::vector<std::string>& words, std::string_view a, std::string_view b) {
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    if (words[i] == a && words[i + 1] == b) return true;
  }
  return false;
}

bool NamesPointer(const std::vector<std::string>& words) {
  return !words.empty() &&
         In(words.back(),
            {"count",      "id",   "ids",     "name",   "names", "arn",   "type",   "len",
             "length",     "size", "url",     "uri",    "path",  "file",  "expiry", "expires",
             "expiration", "ttl",  "version", "prefix", "field", "header"});
}

bool NamesWorkToken(const std::vector<std::string>& words) {
  for (std::string_view kind : {"execution", "continuation", "pagination", "next", "page",
                                "idempotency", "sync", "resume"}) {
    if (HasPair(words, kind, "token")) return true;
  }
  return false;
}

bool NamesComparedSecret(const std::vector<std::string>& words) {
  if (NamesPointer(words) || NamesWorkToken(words)) return false;
  return HasWord(words, {"token", "signature", "sig", "hmac", "digest", "secret", "apikey",
                         "password", "passwd", "otp", "mac", "hash"}) ||
         HasPair(words, "api", "key");
}

bool NamesLoggedSecret(const std::vector<std::string>& words) {
  if (NamesPointer(words) || NamesWorkToken(words)) return false;
  return HasWord(words, {"password", "passwd", "secret", "token", "apikey", "credentials",
                         "credential", "authorization"}) ||
         HasPair(words, "api", "key") || HasPair(words, "private", "key");
}

bool NamesPassword(const std::vector<std::string>& words) {
  return HasWord(words, {"password", "passwd", "pwd", "pass", "passphrase", "pin"});
}

}  // namespace fnwarden::load::code
