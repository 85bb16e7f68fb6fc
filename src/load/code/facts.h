// What one source file of handler code says, as the extractors read it from
// its syntax tree (python_facts.cc, js_facts.cc): the modules it imports,
// the functions it defines, the AWS SDK calls it makes and where. Names are
// kept as the code writes them (the SDK's own spelling); sdk_catalog.h maps
// them to IAM actions, and handler_code.cc joins the files a handler reaches.
//
// Extraction is per file, in the load phase, once per file whatever the
// number of functions that share it; it never reads another file.
#ifndef FNWARDEN_LOAD_CODE_FACTS_H_
#define FNWARDEN_LOAD_CODE_FACTS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "load/code/syntax.h"
#include "model/model.h"

namespace fnwarden::load::code {

// A module the file imports.
struct Import {
  // As written: "boto3", "./db", "../lib/util", "@aws-sdk/client-s3",
  // "helpers.db" (Python dotted), "" with level > 0 for `from . import x`.
  std::string specifier;
  // Python relative imports: the number of leading dots (`from ..a import b`
  // is "a" with level 2). 0 for absolute imports and for JavaScript.
  uint32_t level = 0;
  // The names the import binds in this file and what each is in the
  // imported module: `from db import put as save` binds "save" to "put";
  // `import x.y` binds "x" to ""; `import * as m from './m'` binds "m" to
  // "*"; `import d from './m'` binds "d" to "default"; `const {a} =
  // require('./m')` binds "a" to "a".
  struct Name {
    std::string local;
    std::string imported;
  };
  std::vector<Name> names;
  uint32_t line = 0;
  // A dynamic import (`import(x)`, `require(x)`, `importlib.import_module(x)`)
  // whose module is not a literal: the file may reach code fnwarden cannot see.
  bool dynamic = false;
};

// Where a value may come from, as one function sees it: one of its
// parameters, or what a call to a function of the code (FunctionDef::
// local_calls) returns; `path` is the part read below it. Paths are field
// names joined by '.', "[]" for an element of a list (an index or a loop),
// "*" for a computed key: `event['Records'][0]['s3']['object']['key']` is
// parameter 0, "Records[].s3.object.key"; `json.loads(event['body'])['url']`
// is "body.url" (parsing keeps the path); "" is the whole value. At most 8
// segments are kept.
struct TaintLabel {
  enum class Kind : uint8_t { kParam, kCallResult };
  Kind kind = Kind::kParam;
  uint32_t index = 0;  // the parameter's index, or the index in local_calls
  std::string path;
  // Where this function reads it: the parameter access, or the call.
  uint32_t line = 0;
  uint32_t col = 0;
  // Bit (1 << TaintSink) for each sink kind a sanitizer on the way made it
  // safe for: shlex.quote clears kCommand, html.escape kHtml,
  // os.path.basename / path.basename kPath. A cast (int(), Number()) or an
  // allow-list check drops the label instead.
  uint16_t cleared = 0;
};

// A call to a function: one of the file, or an imported one (as written in
// FunctionDef::callees), with what each positional argument carries. The
// joiner (handler_code.cc) follows it into the function when it is in the
// code, and otherwise takes the result as carrying all the arguments.
struct LocalCall {
  std::string callee;  // as in FunctionDef::callees
  uint32_t line = 0;
  uint32_t col = 0;
  std::vector<std::vector<TaintLabel>> args;  // by position; a receiver is not an argument
};

// A dangerous call (or response) and what reaches its dangerous argument,
// labels cleared for its kind left out. Recorded only when some label
// reaches it.
struct Sink {
  model::TaintSink kind = model::TaintSink::kCommand;
  // The call as written ("os.system", "subprocess.run", "cursor.execute",
  // "child_process.exec", "fetch", "yaml.load"); "response body" for kHtml.
  std::string what;
  uint32_t line = 0;
  uint32_t col = 0;
  std::vector<TaintLabel> labels;
};

// A weakness the code shows without a flow (model::CodeWeakness).
struct Weakness {
  model::CodeWeakness kind = model::CodeWeakness::kSecret;
  uint32_t line = 0;
  uint32_t col = 0;
  std::string in_function;  // FunctionDef::name; "" at module level
  std::string detail;       // as model::CodeIssue::detail
  std::string name;         // kSecret: the name or key the literal is bound to
  std::string value;        // kSecret: the literal
};

// A function or method the file defines, top level or nested.
struct FunctionDef {
  // "handler"; a method is "Class.method"; `exports.handler = async () =>`
  // and `module.exports.handler = ...` define "handler"; a default export
  // defines "default" (and its own name, if it has one, as another def).
  std::string name;
  uint32_t line = 0;
  // The functions of this file it calls, and those of imported modules,
  // as written: "save", "db.put", "self.load" (a method of the same class is
  // given as "Class.load"). Duplicates removed, in first-call order.
  std::vector<std::string> callees;
  // Taint summary. Parameters by name, in order (`self`/`cls` of a method
  // left out; a destructured parameter is "" and its fields are read as
  // paths of it: `({body}) =>` reads parameter 0, "body").
  std::vector<std::string> params;
  std::vector<LocalCall> local_calls;
  std::vector<TaintLabel> returns;  // what its returned values carry
  std::vector<Sink> sinks;
};

// What the code shows of an argument that names a resource.
struct ArgValue {
  enum class Kind : uint8_t {
    kUnknown,   // anything else (a variable computed at run time, a call...)
    kLiteral,   // a string literal (text holds it, unescaped)
    kEnvVar,    // os.environ['X'], os.environ.get('X'), os.getenv('X'), process.env.X
  };
  Kind kind = Kind::kUnknown;
  std::string text;  // the literal, or the environment variable's name
};

enum class Sdk : uint8_t {
  kBoto3Client,    // boto3.client('s3').get_object(...), also through a Session
  kBoto3Resource,  // boto3.resource('dynamodb').Table('t').put_item(...)
  kJsV2,           // new AWS.S3().getObject(...), new AWS.DynamoDB.DocumentClient().put(...)
  kJsV3,           // client.send(new GetObjectCommand(...)), aggregated `new S3().getObject(...)`
};

// One AWS SDK call.
struct SdkCall {
  Sdk sdk = Sdk::kBoto3Client;
  // The service as the SDK names it:
  //   boto3 client or resource: the service name passed ("s3", "dynamodb");
  //   JS v2: the client class ("S3", "DynamoDB", "DynamoDB.DocumentClient");
  //   JS v3: the package ("@aws-sdk/client-s3", "@aws-sdk/lib-dynamodb",
  //   "@aws-sdk/lib-storage").
  std::string service;
  // The operation as written:
  //   boto3 client: the method ("get_object", "get_paginator:list_objects_v2",
  //   "get_waiter:table_exists", "upload_file");
  //   boto3 resource: "Class.method" on the resource object the call is made
  //   on ("Table.put_item", "Bucket.upload_file", "Object.get",
  //   "ServiceResource.create_table" on the resource itself);
  //   JS v2: the method ("getObject", "put" on a DocumentClient);
  //   JS v3: the command class ("GetObjectCommand"; "PutCommand" of
  //   lib-dynamodb; "Upload" of lib-storage) or, on an aggregated client, the
  //   method ("getObject").
  std::string operation;
  uint32_t line = 0;
  uint32_t col = 0;
  // The function (FunctionDef::name) the call is in; "" at module level.
  std::string in_function;
  // The arguments that name resources, by the SDK's parameter name
  // ("Bucket", "Key", "TableName", "QueueUrl", "TopicArn", "FunctionName",
  // "SecretId", "Name", "StateMachineArn"...), as the call's keyword
  // arguments or input object give them; for boto3 resources, the argument
  // of the constructor (`Table('orders')` is "TableName", `Bucket('b')`
  // "Bucket", `Object('b', 'k')` "Bucket" and "Key"). Only the ones written.
  struct Arg {
    std::string name;
    ArgValue value;
  };
  std::vector<Arg> args;
  // DynamoDB PartiQL statements (execute_statement, ExecuteStatementCommand):
  // the statement when it is a literal, so its verb gives the action.
  std::string statement;
};

// A client or resource object the file uses in a way the extractor could not
// follow: a computed method name (`getattr(s3, op)()`, `client[op]()`), an
// operation string passed to a generic caller, a service name that is not a
// literal (`boto3.client(name)`, service "" then). The calls of that service
// are partial: what the file needs of it is not fully known.
struct DynamicUse {
  Sdk sdk = Sdk::kBoto3Client;
  std::string service;  // as in SdkCall; "" when the service itself is unknown
  uint32_t line = 0;
};

struct FileFacts {
  Language language = Language::kPython;
  std::vector<Import> imports;
  std::vector<FunctionDef> functions;
  std::vector<SdkCall> calls;
  std::vector<DynamicUse> dynamic;
  std::vector<Weakness> weaknesses;
  // The first syntax error, when the file did not parse cleanly (line 0
  // when none). What parsed is still extracted.
  uint32_t error_line = 0;
  uint32_t error_col = 0;
  std::string error;
};

// Reads the facts of one parsed file. Depth-capped: deeply nested code is
// walked without recursion or with an explicit bound, never overflowing the
// stack.
FileFacts ExtractPython(const Tree& tree);
FileFacts ExtractJavaScript(const Tree& tree, Language language);

// Code as a Weakness's or Sink's text shows it: whitespace runs collapsed to
// one space, cut to about 60 bytes (never inside a UTF-8 sequence) with
// "..." after a cut.
std::string ShortCode(std::string_view text);

// Parses `text` and extracts its facts (the error fields set from the tree).
FileFacts Extract(Language language, std::string_view text);

}  // namespace fnwarden::load::code

#endif  // FNWARDEN_LOAD_CODE_FACTS_H_
