#ifndef CCURLPOST_H
#define CCURLPOST_H

#include <stddef.h>

/// What one POST through libcurl's easy interface came to.
typedef struct {
    /// libcurl's CURLcode (0: an answer came), or -1 when libcurl could not be loaded.
    int code;
    /// The HTTP status of the answer, 0 when none came.
    long status;
    /// The answer's Retry-After header value, "" when it had none.
    char retry_after[64];
    /// libcurl's words for a failure, "" when it gave none.
    char error[256];
} ccurl_post_result;

/// Whether libcurl (libcurl.so.4, the library FoundationNetworking itself uses) could be loaded.
int ccurl_post_available(void);

/// POSTs `body` (`body_length` bytes) to `url` with the header `content_type_header`
/// ("Content-Type: application/json"), waiting at most `timeout_ms` for the whole exchange,
/// without a proxy and over http or https only. Blocks the calling thread; libcurl waits in
/// poll(2), so the wait costs no CPU.
ccurl_post_result ccurl_post(const char *url, const void *body, size_t body_length,
                             const char *content_type_header, long timeout_ms);

/// What one request through `ccurl_request` came to. Free it with `ccurl_response_free`.
typedef struct {
    /// libcurl's CURLcode (0: an answer came), or -1 when libcurl could not be loaded.
    int code;
    /// The HTTP status of the answer, 0 when none came.
    long status;
    /// The final answer's header lines ("Name: value\r\n" each), NUL-terminated; NULL when none.
    char *headers;
    size_t headers_length;
    /// The answer's body, NUL-terminated, `body_length` bytes; NULL when empty.
    char *body;
    size_t body_length;
    /// libcurl's words for a failure, "" when it gave none.
    char error[256];
} ccurl_response;

/// Sends `method` ("GET", "POST", "PATCH") to `url` with `header_count` header lines
/// ("Name: value") and, when `body` is not NULL, `body_length` bytes of body; keeps the answer's
/// headers and body (a body over `max_body` bytes is a failure, code 23). Same transport as
/// `ccurl_post`: no proxy, http(s) only, no redirects, `timeout_ms` for the whole exchange.
/// Blocks the calling thread in poll(2).
ccurl_response ccurl_request(const char *method, const char *url, const char *const *headers, size_t header_count,
                             const void *body, size_t body_length, long timeout_ms, size_t max_body);

/// Frees what `ccurl_request` allocated in `response`.
void ccurl_response_free(ccurl_response *response);

#endif
