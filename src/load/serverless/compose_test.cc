#include "load/serverless/compose.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "load/syntax/node.h"
#include "util/diagnostic.h"

namespace fnwarden::load::serverless {
namespace {

struct Read {
  std::vector<ComposedService> services;
  std::vector<std::string> diags;
};

Read ReadText(const std::string& yaml) {
  util::SourceFile file("serverless-compose.yml", yaml);
  util::DiagnosticSink sink;
  std::unique_ptr<syntax::Document> doc = syntax::ParseYaml(&file, syntax::ParseLimits{}, &sink);
  Read out;
  if (doc != nullptr) out.services = ReadCompose(*doc, &sink);
  for (const util::Diagnostic& d : sink.Sorted()) out.diags.push_back(util::RenderHeadline(d));
  return out;
}

TEST(Compose, ListsEachServiceWithItsFolderAndConfig) {
  Read r = ReadText("services:\n  a:\n    path: svc/a\n  b:\n    path: b\n    config: b.yml\n");
  ASSERT_EQ(r.services.size(), 2u);
  EXPECT_EQ(r.services[0].name, "a");
  EXPECT_EQ(r.services[0].folder, "svc/a");
  EXPECT_EQ(r.services[0].loc.line, 3u);
  EXPECT_EQ(r.services[1].config, "b.yml");
  EXPECT_EQ(ServiceFileNames(r.services[1]).front(), "b.yml");
  EXPECT_EQ(ServiceFileNames(r.services[0]).front(), "serverless.yml");
  EXPECT_TRUE(r.diags.empty());
  EXPECT_TRUE(IsComposeFileName("app/Serverless-Compose.yaml"));
  EXPECT_FALSE(IsComposeFileName("app/serverless.yml"));
}

TEST(Compose, BadInputGetsADiagnosticAtTheEntry) {
  EXPECT_EQ(ReadText("services: [a, b]\n").diags,
            std::vector<std::string>{
                "serverless-compose.yml:1:11: error: a Serverless compose file needs `services:`, "
                "a map of service names to {path: folder}"});
  EXPECT_EQ(ReadText("name: x\n").diags.size(), 1u) << "no services at all";
  Read r = ReadText("services:\n  a: svc/a\n  b:\n    path: [x]\n  c:\n    path: c\n");
  ASSERT_EQ(r.services.size(), 1u);
  EXPECT_EQ(r.services[0].name, "c");
  EXPECT_EQ(r.diags,
            (std::vector<std::string>{
                "serverless-compose.yml:2:6: error: service a needs `path`, the folder of its "
                "serverless.yml; skipped",
                "serverless-compose.yml:4:5: error: service b needs `path`, the folder of its "
                "serverless.yml; skipped"}));
}

}  // namespace
}  // namespace fnwarden::load::serverless
