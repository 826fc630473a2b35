// Blocking HTTP requests through libcurl's easy interface, loaded at run time: `ccurl_post` for
// webhooks, `ccurl_request` (any method, headers, the answer's headers and body) for the
// pull-request comment's REST calls.
//
// Why: FoundationNetworking's URLSession drives libcurl's multi interface with Dispatch sources
// and keeps the write source it made while connecting after libcurl asks only to read, so while
// a server is slow to answer that source fires without pause (a core's worth of CPU, mostly in
// the kernel). curl_easy_perform waits in poll(2) instead. libcurl is loaded with dlopen because
// its headers are not installed where the tool is built; the few option numbers below are
// libcurl's stable ABI (curl/curl.h). libcurl's variadic functions are called here, in C,
// through correctly typed pointers.
#include "CCurlPost.h"

#include <stdlib.h>
#include <string.h>

#if defined(__linux__)
#include <dlfcn.h>
#include <pthread.h>
#include <strings.h>

enum {
    OPT_ERRORBUFFER = 10010,
    OPT_URL = 10002,
    OPT_WRITEDATA = 10001,
    OPT_CUSTOMREQUEST = 10036,
    OPT_HTTPGET = 80,
    OPT_POSTFIELDS = 10015,
    OPT_HTTPHEADER = 10023,
    OPT_HEADERDATA = 10029,
    OPT_WRITEFUNCTION = 20011,
    OPT_HEADERFUNCTION = 20079,
    OPT_POSTFIELDSIZE = 60,
    OPT_NOSIGNAL = 99,
    OPT_TIMEOUT_MS = 155,
    OPT_CONNECTTIMEOUT_MS = 156,
    OPT_NOPROXY = 10177,
    OPT_PROTOCOLS = 181,
    PROTO_HTTP_HTTPS = 1 | 2,
    INFO_RESPONSE_CODE = 0x200000 + 2,
    GLOBAL_ALL = 3,
};

typedef void CURL;
struct curl_slist;

static struct {
    int loaded;
    int (*global_init)(long);
    CURL *(*easy_init)(void);
    int (*easy_setopt)(CURL *, int, ...);
    int (*easy_perform)(CURL *);
    int (*easy_getinfo)(CURL *, int, ...);
    void (*easy_cleanup)(CURL *);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
} curl;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;

static void load(void) {
    void *lib = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!lib) return;
    *(void **)&curl.global_init = dlsym(lib, "curl_global_init");
    *(void **)&curl.easy_init = dlsym(lib, "curl_easy_init");
    *(void **)&curl.easy_setopt = dlsym(lib, "curl_easy_setopt");
    *(void **)&curl.easy_perform = dlsym(lib, "curl_easy_perform");
    *(void **)&curl.easy_getinfo = dlsym(lib, "curl_easy_getinfo");
    *(void **)&curl.easy_cleanup = dlsym(lib, "curl_easy_cleanup");
    *(void **)&curl.slist_append = dlsym(lib, "curl_slist_append");
    *(void **)&curl.slist_free_all = dlsym(lib, "curl_slist_free_all");
    if (!curl.global_init || !curl.easy_init || !curl.easy_setopt || !curl.easy_perform || !curl.easy_getinfo
        || !curl.easy_cleanup || !curl.slist_append || !curl.slist_free_all) return;
    curl.loaded = curl.global_init(GLOBAL_ALL) == 0;
}

int ccurl_post_available(void) {
    pthread_once(&load_once, load);
    return curl.loaded;
}

static size_t discard(char *data, size_t size, size_t count, void *user) {
    (void)data; (void)user;
    return size * count;
}

/// Keeps the Retry-After value of the last response's headers.
static size_t header(char *data, size_t size, size_t count, void *user) {
    size_t length = size * count;
    char *retry_after = user;
    static const char name[] = "retry-after:";
    if (length >= 5 && strncmp(data, "HTTP/", 5) == 0) {
        retry_after[0] = '\0';   // a new response (after a 100 Continue, say) starts afresh
    } else if (length > sizeof name - 1 && strncasecmp(data, name, sizeof name - 1) == 0) {
        size_t start = sizeof name - 1, end = length;
        while (start < end && (data[start] == ' ' || data[start] == '\t')) start++;
        while (end > start && (data[end - 1] == '\r' || data[end - 1] == '\n' || data[end - 1] == ' ')) end--;
        size_t n = end - start < 63 ? end - start : 63;
        memcpy(retry_after, data + start, n);
        retry_after[n] = '\0';
    }
    return length;
}

/// What every request sets alike: the URL, HTTP(S) only, no proxy, no signals (threads), and the
/// timeout for the whole exchange and for connecting.
static void connection_options(CURL *handle, const char *url, long timeout_ms) {
    curl.easy_setopt(handle, OPT_URL, url);
    curl.easy_setopt(handle, OPT_PROTOCOLS, (long)PROTO_HTTP_HTTPS);
    curl.easy_setopt(handle, OPT_NOPROXY, "*");
    curl.easy_setopt(handle, OPT_NOSIGNAL, 1L);
    curl.easy_setopt(handle, OPT_TIMEOUT_MS, timeout_ms);
    curl.easy_setopt(handle, OPT_CONNECTTIMEOUT_MS, timeout_ms);
}

ccurl_post_result ccurl_post(const char *url, const void *body, size_t body_length,
                             const char *content_type_header, long timeout_ms) {
    ccurl_post_result result;
    memset(&result, 0, sizeof result);
    result.code = -1;
    if (!ccurl_post_available()) return result;
    CURL *handle = curl.easy_init();
    if (!handle) return result;
    struct curl_slist *headers = curl.slist_append(NULL, content_type_header);
    connection_options(handle, url, timeout_ms);
    curl.easy_setopt(handle, OPT_HTTPHEADER, headers);
    curl.easy_setopt(handle, OPT_POSTFIELDSIZE, (long)body_length);
    curl.easy_setopt(handle, OPT_POSTFIELDS, body);
    curl.easy_setopt(handle, OPT_WRITEFUNCTION, discard);
    curl.easy_setopt(handle, OPT_HEADERFUNCTION, header);
    curl.easy_setopt(handle, OPT_HEADERDATA, result.retry_after);
    curl.easy_setopt(handle, OPT_ERRORBUFFER, result.error);
    result.code = curl.easy_perform(handle);
    if (result.code == 0) curl.easy_getinfo(handle, INFO_RESPONSE_CODE, &result.status);
    curl.easy_cleanup(handle);
    curl.slist_free_all(headers);
    return result;
}

/// A growing byte buffer that libcurl's callbacks append to.
typedef struct {
    char *data;
    size_t length;
    size_t limit;
    int overflow;
} buffer;

static int append(buffer *b, const char *data, size_t length) {
    if (b->length + length > b->limit) { b->overflow = 1; return 0; }
    char *grown = realloc(b->data, b->length + length + 1);
    if (!grown) { b->overflow = 1; return 0; }
    memcpy(grown + b->length, data, length);
    b->length += length;
    grown[b->length] = '\0';
    b->data = grown;
    return 1;
}

static size_t keep_body(char *data, size_t size, size_t count, void *user) {
    return append(user, data, size * count) ? size * count : 0;   // 0 makes libcurl stop (CURLE_WRITE_ERROR)
}

/// Keeps the header lines of the last response only (a 100 Continue's are dropped).
static size_t keep_headers(char *data, size_t size, size_t count, void *user) {
    size_t length = size * count;
    buffer *b = user;
    if (length >= 5 && strncmp(data, "HTTP/", 5) == 0) {
        b->length = 0;
        if (b->data) b->data[0] = '\0';
        return length;
    }
    return append(b, data, length) ? length : 0;
}

ccurl_response ccurl_request(const char *method, const char *url, const char *const *headers, size_t header_count,
                             const void *body, size_t body_length, long timeout_ms, size_t max_body) {
    ccurl_response result;
    memset(&result, 0, sizeof result);
    result.code = -1;
    if (!ccurl_post_available()) return result;
    CURL *handle = curl.easy_init();
    if (!handle) return result;
    struct curl_slist *list = NULL;
    for (size_t i = 0; i < header_count; i++) list = curl.slist_append(list, headers[i]);
    buffer received = { NULL, 0, max_body, 0 }, header_lines = { NULL, 0, 1 << 20, 0 };
    connection_options(handle, url, timeout_ms);
    if (list) curl.easy_setopt(handle, OPT_HTTPHEADER, list);
    if (body) {
        curl.easy_setopt(handle, OPT_POSTFIELDSIZE, (long)body_length);
        curl.easy_setopt(handle, OPT_POSTFIELDS, body);
    } else {
        curl.easy_setopt(handle, OPT_HTTPGET, 1L);
    }
    if (strcmp(method, "GET") != 0 && strcmp(method, "POST") != 0) curl.easy_setopt(handle, OPT_CUSTOMREQUEST, method);
    curl.easy_setopt(handle, OPT_WRITEFUNCTION, keep_body);
    curl.easy_setopt(handle, OPT_WRITEDATA, &received);
    curl.easy_setopt(handle, OPT_HEADERFUNCTION, keep_headers);
    curl.easy_setopt(handle, OPT_HEADERDATA, &header_lines);
    curl.easy_setopt(handle, OPT_ERRORBUFFER, result.error);
    result.code = curl.easy_perform(handle);
    if (result.code == 0) curl.easy_getinfo(handle, INFO_RESPONSE_CODE, &result.status);
    curl.easy_cleanup(handle);
    if (list) curl.slist_free_all(list);
    result.body = received.data;
    result.body_length = received.length;
    result.headers = header_lines.data;
    result.headers_length = header_lines.length;
    return result;
}

void ccurl_response_free(ccurl_response *response) {
    free(response->body);
    free(response->headers);
    response->body = NULL;
    response->headers = NULL;
}

#else

int ccurl_post_available(void) { return 0; }

ccurl_post_result ccurl_post(const char *url, const void *body, size_t body_length,
                             const char *content_type_header, long timeout_ms) {
    (void)url; (void)body; (void)body_length; (void)content_type_header; (void)timeout_ms;
    ccurl_post_result result;
    memset(&result, 0, sizeof result);
    result.code = -1;
    return result;
}

ccurl_response ccurl_request(const char *method, const char *url, const char *const *headers, size_t header_count,
                             const void *body, size_t body_length, long timeout_ms, size_t max_body) {
    (void)method; (void)url; (void)headers; (void)header_count; (void)body; (void)body_length; (void)timeout_ms; (void)max_body;
    ccurl_response result;
    memset(&result, 0, sizeof result);
    result.code = -1;
    return result;
}

void ccurl_response_free(ccurl_response *response) { (void)response; }

#endif
