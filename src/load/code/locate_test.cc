#include "load/code/locate.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "model/model.h"
#include "util/fs.h"

namespace fnwarden::load::code {
namespace {

model::Function Fn(std::string id, std::string runtime, std::string handler, std::string dir) {
  model::Function f;
  f.id = std::move(id);
  f.runtime = model::String::Literal(std::move(runtime), {});
  f.handler = model::String::Literal(std::move(handler), {});
  f.code_dir = std::move(dir);
  return f;
}

TEST(HandlerCandidates, FollowEachRuntimesRules) {
  std::string function;
  EXPECT_EQ(HandlerCandidates("python", "src/app.handler", &function),
            std::vector<std::string>{"src/app.py"});
  EXPECT_EQ(function, "handler");
  EXPECT_EQ(HandlerCandidates("python", "orders.api.lambda_handler", &function),
            std::vector<std::string>{"orders/api.py"});
  EXPECT_EQ(function, "lambda_handler");
  EXPECT_EQ(HandlerCandidates("javascript", "dist/index.main", &function),
            (std::vector<std::string>{"dist/index.js", "dist/index.mjs", "dist/index.cjs",
                                      "dist/index.ts", "dist/index.mts", "dist/index.cts"}));
  EXPECT_EQ(function, "main");
  EXPECT_TRUE(HandlerCandidates("python", "handler", &function).empty());
  EXPECT_TRUE(HandlerCandidates("python", "app.", &function).empty());
  EXPECT_EQ(RuntimeLanguage("python3.12"), "python");
  EXPECT_EQ(RuntimeLanguage("nodejs20.x"), "javascript");
  EXPECT_EQ(RuntimeLanguage("java21"), "");
}

TEST(LocateHandlers, FindsTheFileInsideTheScanRootsOnly) {
  util::MemoryFileSystem fs;
  fs.AddFile("repo/svc/src/app.py", "def handler(e, c): pass\n");
  fs.AddFile("repo/svc/orders/api.py", "def lambda_handler(e, c): pass\n");
  fs.AddFile("repo/web/index.mjs", "export const handler = async () => {};\n");
  fs.AddFile("repo/ts/src/create.ts", "export const handler = async () => {};\n");
  fs.AddFile("secret/app.py", "x = 1\n");
  util::ScanRoots roots(fs, {"repo"}, false);
  model::Model m;
  m.functions.push_back(Fn("Py", "python3.12", "src/app.handler", "repo/svc"));
  m.functions.push_back(Fn("Dotted", "python3.12", "orders.api.lambda_handler", "repo/svc"));
  m.functions.push_back(Fn("Esm", "nodejs20.x", "index.handler", "repo/web"));
  m.functions.push_back(Fn("Ts", "nodejs20.x", "src/create.handler", "repo/ts"));
  m.functions.push_back(Fn("Missing", "python3.12", "src/gone.handler", "repo/svc"));
  m.functions.push_back(Fn("Climbs", "python3.12", "../../secret/app.handler", "repo/svc"));
  m.functions.push_back(Fn("Java", "java21", "com.example.Handler::handle", "repo/svc"));
  model::Function inline_fn = Fn("Inline", "python3.12", "index.handler", "repo/svc");
  inline_fn.inline_code = true;
  m.functions.push_back(inline_fn);
  LocateHandlers(fs, roots, nullptr, &m);
  std::map<std::string, std::string> located;
  for (const model::Function& f : m.functions) {
    located[f.id] = f.handler_file + (f.handler_function.empty() ? "" : "#" + f.handler_function);
  }
  EXPECT_EQ(located,
            (std::map<std::string, std::string>{{"Climbs", ""},
                                                {"Dotted", "repo/svc/orders/api.py#lambda_handler"},
                                                {"Esm", "repo/web/index.mjs#handler"},
                                                {"Inline", ""},
                                                {"Java", ""},
                                                {"Missing", ""},
                                                {"Py", "repo/svc/src/app.py#handler"},
                                                {"Ts", "repo/ts/src/create.ts#handler"}}));
  for (const std::string& r : fs.reads()) EXPECT_EQ(r.find("secret"), std::string::npos) << r;
}

// sam build bundles each esbuild entry point into a file named after it at
// the root of the package: "get.handler" runs src/handlers/get.ts.
TEST(LocateHandlers, FollowsEsbuildEntryPoints) {
  util::MemoryFileSystem fs;
  fs.AddFile("repo/api/src/handlers/get.ts", "export const handler = async () => {};\n");
  fs.AddFile("repo/api/src/handlers/put.ts", "export const handler = async () => {};\n");
  fs.AddFile("outside/escape.ts", "export const handler = async () => {};\n");
  util::ScanRoots roots(fs, {"repo/api"}, false);
  model::Model m;
  model::Function get = Fn("Get", "nodejs20.x", "get.handler", "repo/api");
  get.entry_points = {"src/handlers/put.ts", "src/handlers/get.ts"};
  m.functions.push_back(get);
  model::Function other = Fn("Other", "nodejs20.x", "list.handler", "repo/api");
  other.entry_points = {"src/handlers/get.ts"};  // no entry point named list
  m.functions.push_back(other);
  model::Function climbs = Fn("Climbs", "nodejs20.x", "escape.handler", "repo/api/src");
  climbs.entry_points = {"../../../outside/escape.ts"};
  m.functions.push_back(climbs);
  LocateHandlers(fs, roots, nullptr, &m);
  EXPECT_EQ(m.functions[0].handler_file, "repo/api/src/handlers/get.ts");
  EXPECT_EQ(m.functions[0].handler_function, "handler");
  EXPECT_EQ(m.functions[1].handler_file, "");
  EXPECT_EQ(m.functions[2].handler_file, "");
  for (const std::string& r : fs.reads()) EXPECT_EQ(r.find("outside"), std::string::npos) << r;
}

}  // namespace
}  // namespace fnwarden::load::code
