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

#endif
