// What the names in handler code say about their values: the words of a
// name, and whether they call the value a secret, a password, or a pointer
// to one. python_flows.cc and js_flows.cc judge names with these, so that
// `api_key`, `apiKey` and `x-api-key` read alike in both languages.
#ifndef FNWARDEN_LOAD_CODE_SECRET_NAMES_H_
#define FNWARDEN_LOAD_CODE_SECRET_NAMES_H_

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace fnwarden::load::code {

// The words of a name, lowercased, at most 16: `apiKey`, `api_key` and
// `x-api-key` all hold "api" then "key".
void NameWords(std::string_view name, std::vector<std::string>* out);
std::vector<std::string> NameWords(std::string_view name);

bool HasWord(const std::vector<std::string>& words, std::initializer_list<std::string_view> set);
// `a` immediately followed by `b`.
bool HasPair(const std::vector<std::string>& words, std::string_view a, std::string_view b);

// The last word says the value points at a secret or measures one rather
// than holds it: `token_count`, `secret_arn`, `password_length`.
bool NamesPointer(const std::vector<std::string>& words);
// A token that identifies work rather than grants access: an execution,
// continuation or pagination token.
bool NamesWorkToken(const std::vector<std::string>& words);
// A secret that must be compared in constant time: a token, a signature, an
// API key, a digest.
bool NamesComparedSecret(const std::vector<std::string>& words);
// A value that must not be written to the logs.
bool NamesLoggedSecret(const std::vector<std::string>& words);
bool NamesPassword(const std::vector<std::string>& words);

}  // namespace fnwarden::load::code

#endif  // FNWARDEN_LOAD_CODE_SECRET_NAMES_H_
