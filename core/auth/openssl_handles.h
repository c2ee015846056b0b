// Owning handles for the OpenSSL objects core/auth uses, so every early return frees them.
#pragma once

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <memory>

namespace samsag::auth {

template <auto Free>
struct OpenSslDeleter {
  template <typename T>
  void operator()(T* handle) const {
    Free(handle);
  }
};

using PkeyHandle = std::unique_ptr<EVP_PKEY, OpenSslDeleter<&EVP_PKEY_free>>;
using PkeyContextHandle = std::unique_ptr<EVP_PKEY_CTX, OpenSslDeleter<&EVP_PKEY_CTX_free>>;
using DigestContextHandle = std::unique_ptr<EVP_MD_CTX, OpenSslDeleter<&EVP_MD_CTX_free>>;
using BignumHandle = std::unique_ptr<BIGNUM, OpenSslDeleter<&BN_free>>;
using BioHandle = std::unique_ptr<BIO, OpenSslDeleter<&BIO_free_all>>;
using ParamBuilderHandle = std::unique_ptr<OSSL_PARAM_BLD, OpenSslDeleter<&OSSL_PARAM_BLD_free>>;
using ParamsHandle = std::unique_ptr<OSSL_PARAM, OpenSslDeleter<&OSSL_PARAM_free>>;
using EcdsaSignatureHandle = std::unique_ptr<ECDSA_SIG, OpenSslDeleter<&ECDSA_SIG_free>>;

}  // namespace samsag::auth
