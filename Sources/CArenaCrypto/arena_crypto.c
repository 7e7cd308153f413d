#include "arena_crypto.h"

#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdlib.h>
#include <string.h>

int arena_sha256(const uint8_t *data, size_t length, uint8_t out[ARENA_SHA256_LENGTH]) {
    unsigned int written = 0;
    if (EVP_Digest(data, length, out, &written, EVP_sha256(), NULL) != 1) return -1;
    return written == ARENA_SHA256_LENGTH ? 0 : -1;
}

int arena_hmac_sha256(const uint8_t *key, size_t key_length, const uint8_t *data, size_t length,
                      uint8_t out[ARENA_SHA256_LENGTH]) {
    unsigned int written = 0;
    // HMAC() treats a NULL key as "no key given"; an empty key must still be a key.
    static const uint8_t empty = 0;
    if (HMAC(EVP_sha256(), key_length ? key : &empty, (int)key_length, data, length, out, &written) == NULL)
        return -1;
    return written == ARENA_SHA256_LENGTH ? 0 : -1;
}

int arena_constant_time_equal(const uint8_t *a, const uint8_t *b, size_t length) {
    return CRYPTO_memcmp(a, b, length) == 0;
}

void arena_free(void *pointer) { free(pointer); }

// The whole contents of a memory BIO as a malloc'd C string.
static char *bio_string(BIO *bio) {
    char *data = NULL;
    long length = BIO_get_mem_data(bio, &data);
    if (length <= 0 || data == NULL) return NULL;
    char *copy = malloc((size_t)length + 1);
    if (copy == NULL) return NULL;
    memcpy(copy, data, (size_t)length);
    copy[length] = '\0';
    return copy;
}

static EVP_PKEY *make_p256_key(void) {
    EVP_PKEY *key = NULL;
    EVP_PKEY_CTX *context = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
    if (context != NULL && EVP_PKEY_keygen_init(context) == 1 &&
        EVP_PKEY_CTX_set_group_name(context, "P-256") == 1) {
        if (EVP_PKEY_generate(context, &key) != 1) key = NULL;
    }
    EVP_PKEY_CTX_free(context);
    return key;
}

static int add_extension(X509 *cert, int nid, const char *value) {
    X509V3_CTX context;
    X509V3_set_ctx(&context, cert, cert, NULL, NULL, 0);
    X509_EXTENSION *extension = X509V3_EXT_conf_nid(NULL, &context, nid, value);
    if (extension == NULL) return -1;
    int added = X509_add_ext(cert, extension, -1);
    X509_EXTENSION_free(extension);
    return added == 1 ? 0 : -1;
}

// A random positive 20-byte serial, as RFC 5280 allows at most.
static int set_random_serial(X509 *cert) {
    uint8_t bytes[20];
    if (RAND_bytes(bytes, sizeof bytes) != 1) return -1;
    bytes[0] &= 0x7f;
    bytes[0] |= 0x01;
    BIGNUM *number = BN_bin2bn(bytes, sizeof bytes, NULL);
    if (number == NULL) return -1;
    ASN1_INTEGER *serial = BN_to_ASN1_INTEGER(number, NULL);
    BN_free(number);
    if (serial == NULL) return -1;
    int set = X509_set_serialNumber(cert, serial);
    ASN1_INTEGER_free(serial);
    return set == 1 ? 0 : -1;
}

static int set_name(X509 *cert, const char *common_name, const char *organization) {
    X509_NAME *name = X509_get_subject_name(cert);
    if (X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, (const unsigned char *)common_name, -1, -1, 0) != 1)
        return -1;
    if (X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, (const unsigned char *)organization, -1, -1, 0) != 1)
        return -1;
    return X509_set_issuer_name(cert, name) == 1 ? 0 : -1;
}

static int set_validity(X509 *cert, int64_t not_before, int64_t not_after) {
    ASN1_TIME *from = ASN1_TIME_set(NULL, (time_t)not_before);
    ASN1_TIME *until = ASN1_TIME_set(NULL, (time_t)not_after);
    int ok = from != NULL && until != NULL && X509_set1_notBefore(cert, from) == 1 &&
             X509_set1_notAfter(cert, until) == 1;
    ASN1_TIME_free(from);
    ASN1_TIME_free(until);
    return ok ? 0 : -1;
}

int arena_make_self_signed(const char *common_name, const char *organization, const char *san,
                           int64_t not_before, int64_t not_after, char **cert_pem, char **key_pem) {
    int result = -1;
    EVP_PKEY *key = make_p256_key();
    X509 *cert = X509_new();
    BIO *cert_bio = BIO_new(BIO_s_mem());
    BIO *key_bio = BIO_new(BIO_s_mem());
    char *cert_text = NULL, *key_text = NULL;
    if (key == NULL || cert == NULL || cert_bio == NULL || key_bio == NULL) goto done;

    if (X509_set_version(cert, 2) != 1 || set_random_serial(cert) != 0 ||
        set_name(cert, common_name, organization) != 0 || set_validity(cert, not_before, not_after) != 0 ||
        X509_set_pubkey(cert, key) != 1)
        goto done;
    if (add_extension(cert, NID_basic_constraints, "critical,CA:TRUE,pathlen:0") != 0 ||
        add_extension(cert, NID_key_usage, "critical,digitalSignature,keyCertSign") != 0 ||
        add_extension(cert, NID_ext_key_usage, "serverAuth") != 0 ||
        add_extension(cert, NID_subject_key_identifier, "hash") != 0 ||
        add_extension(cert, NID_subject_alt_name, san) != 0)
        goto done;
    if (X509_sign(cert, key, EVP_sha256()) <= 0) goto done;

    if (PEM_write_bio_X509(cert_bio, cert) != 1) goto done;
    if (PEM_write_bio_PrivateKey(key_bio, key, NULL, NULL, 0, NULL, NULL) != 1) goto done;
    cert_text = bio_string(cert_bio);
    key_text = bio_string(key_bio);
    if (cert_text == NULL || key_text == NULL) goto done;

    *cert_pem = cert_text;
    *key_pem = key_text;
    cert_text = key_text = NULL;
    result = 0;
done:
    if (key_text != NULL) OPENSSL_cleanse(key_text, strlen(key_text));
    free(cert_text);
    free(key_text);
    BIO_free(cert_bio);
    BIO_free(key_bio);
    X509_free(cert);
    EVP_PKEY_free(key);
    return result;
}
