#include "load/code/secret_names.h"

#include <gtest/gtest.h>

namespace fnwarden::load::code {
namespace {

using Words = std::vector<std::string>;

TEST(SecretNamesTest, WordsReadAlikeInEveryCase) {
  EXPECT_EQ(NameWords("apiKey"), (Words{"api", "key"}));
  EXPECT_EQ(NameWords("api_key"), (Words{"api", "key"}));
  EXPECT_EQ(NameWords("x-api-key"), (Words{"x", "api", "key"}));
  EXPECT_EQ(NameWords("API_KEY"), (Words{"api", "key"}));
  EXPECT_EQ(NameWords("self.db_password"), (Words{"self", "db", "password"}));
  EXPECT_EQ(NameWords(std::string(100, 'a') + "_b_c_d_e_f_g_h_i_j_k_l_m_n_o_p_q_r_s").size(), 16u);
}

TEST(SecretNamesTest, SecretsAreToldFromWhatPointsAtThem) {
  EXPECT_TRUE(NamesComparedSecret(NameWords("expectedSignature")));
  EXPECT_TRUE(NamesComparedSecret(NameWords("x-api-key")));
  EXPECT_FALSE(NamesComparedSecret(NameWords("token_count")));
  EXPECT_FALSE(NamesComparedSecret(NameWords("secretArn")));
  EXPECT_FALSE(NamesComparedSecret(NameWords("executionToken")));
  EXPECT_TRUE(NamesLoggedSecret(NameWords("db_password")));
  EXPECT_TRUE(NamesLoggedSecret(NameWords("privateKey")));
  EXPECT_FALSE(NamesLoggedSecret(NameWords("private")));
  EXPECT_FALSE(NamesLoggedSecret(NameWords("nextToken")));
  EXPECT_FALSE(NamesLoggedSecret(NameWords("secret_name")));
  EXPECT_TRUE(NamesPassword(NameWords("userPwd")));
  EXPECT_FALSE(NamesPassword(NameWords("passenger")));
}

}  // namespace
}  // namespace fnwarden::load::code
