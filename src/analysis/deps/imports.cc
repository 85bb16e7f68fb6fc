#include "analysis/deps/imports.h"

#include <algorithm>
#include <deque>
#include <set>

#include "model/package_names.h"
#include "util/strings.h"

namespace fnwarden::analysis::deps {
namespace {

// PyPI distributions whose import name is not their name: the common ones
// in Lambda functions.
struct DistModule {
  std::string_view dist;  // PEP 503 name
  std::string_view module;
};
constexpr DistModule kDistModules[] = {
    {"pyyaml", "yaml"},
    {"beautifulsoup4", "bs4"},
    {"pillow", "PIL"},
    {"pyjwt", "jwt"},
    {"python-jose", "jose"},
    {"python-dateutil", "dateutil"},
    {"python-dotenv", "dotenv"},
    {"python-multipart", "multipart"},
    {"pycryptodome", "Crypto"},
    {"pycryptodomex", "Cryptodome"},
    {"pycrypto", "Crypto"},
    {"scikit-learn", "sklearn"},
    {"opencv-python", "cv2"},
    {"opencv-python-headless", "cv2"},
    {"protobuf", "google"},
    {"google-cloud-storage", "google"},
    {"psycopg2-binary", "psycopg2"},
    {"mysqlclient", "MySQLdb"},
    {"pymysql", "pymysql"},
    {"attrs", "attr"},
    {"python-magic", "magic"},
    {"msgpack-python", "msgpack"},
    {"pyopenssl", "OpenSSL"},
    {"aws-lambda-powertools", "aws_lambda_powertools"},
    {"aws-xray-sdk", "aws_xray_sdk"},
    {"markupsafe", "markupsafe"},
    {"jinja2", "jinja2"},
    {"setuptools", "pkg_resources"},
    {"pyasn1-modules", "pyasn1_modules"},
    {"websocket-client", "websocket"},
    {"dnspython", "dns"},
    {"pysocks", "socks"},
    {"pynacl", "nacl"},
    {"typing-extensions", "typing_extensions"},
};


}  // namespace

std::vector<std::string> ImportNames(model::Ecosystem ecosystem, std::string_view package) {
  if (ecosystem != model::Ecosystem::kPyPI) return {std::string(package)};
  std::string dist = model::PypiName(package);
  std::vector<std::string> out;
  for (const DistModule& d : kDistModules) {
    if (d.dist == dist) out.emplace_back(d.module);
  }
  std::string plain = dist;
  std::replace(plain.begin(), plain.end(), '-', '_');
  out.push_back(plain);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

PackageUse::PackageUse(const model::PackageSet& set,
                       const std::vector<const model::Function*>& functions)
    : imported_(set.packages.size(), false), pulled_by_(set.packages.size()) {
  // Python compares import names case-insensitively here: a module and a
  // distribution that differ only in case are the same package to users.
  bool python = set.ecosystem == model::Ecosystem::kPyPI;
  std::set<std::string> modules;
  for (const model::Function* fn : functions) {
    if (!fn->code.analysed || fn->code.partial) known_ = false;
    for (const std::string& m : fn->code.imported_modules) {
      modules.insert(python ? util::ToLower(m) : m);
    }
  }
  std::deque<uint32_t> queue;
  for (uint32_t i = 0; i < set.packages.size(); ++i) {
    const model::Package& p = set.packages[i];
    std::vector<std::string> names = ImportNames(set.ecosystem, p.name);
    if (!p.installed_as.empty()) names.push_back(p.installed_as);
    names.insert(names.end(), p.modules.begin(), p.modules.end());
    for (const std::string& n : names) {
      if (modules.count(python ? util::ToLower(n) : n) != 0) imported_[i] = true;
    }
    if (imported_[i]) queue.push_back(i);
  }
  // Breadth first from the imported packages: the nearest importer names
  // each package it pulls in.
  while (!queue.empty()) {
    uint32_t i = queue.front();
    queue.pop_front();
    const std::string& via = imported_[i] ? set.packages[i].name : pulled_by_[i];
    for (uint32_t d : set.packages[i].dependencies) {
      if (d >= set.packages.size() || imported_[d] || !pulled_by_[d].empty()) continue;
      pulled_by_[d] = via;
      queue.push_back(d);
    }
  }
}

}  // namespace fnwarden::analysis::deps
