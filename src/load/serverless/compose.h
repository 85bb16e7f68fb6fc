// serverless-compose.yml: a list of Serverless Framework services, each a
// unit of its own. A folder scan finds the services in their folders; a
// compose file named on the command line is read for the services it lists.
#ifndef FNWARDEN_LOAD_SERVERLESS_COMPOSE_H_
#define FNWARDEN_LOAD_SERVERLESS_COMPOSE_H_

#include <string>
#include <string_view>
#include <vector>

#include "load/syntax/node.h"
#include "util/diagnostic.h"
#include "util/source.h"

namespace fnwarden::load::serverless {

// One entry of `services:`.
struct ComposedService {
  std::string name;    // its key
  std::string folder;  // `path`, relative to the compose file's folder
  std::string config;  // `config`: the service file's name, "" for the default
  util::Loc loc;       // the `path` value, for diagnostics
};

bool IsComposeFileName(std::string_view path);  // serverless-compose.yml / .yaml

// The services `doc` lists. An entry without a string `path`, or a
// `services` that is not a map, gets a diagnostic at the entry and is
// skipped.
std::vector<ComposedService> ReadCompose(const syntax::Document& doc, util::DiagnosticSink* diags);

// The file names a service folder may hold its service in, the one
// `config` names first.
std::vector<std::string> ServiceFileNames(const ComposedService& s);

}  // namespace fnwarden::load::serverless

#endif  // FNWARDEN_LOAD_SERVERLESS_COMPOSE_H_
