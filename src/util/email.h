/* email.h — e-mail addresses checked before they are stored or put in a header, and
 * the RFC 5322 message the reminders send (internal; src/util/email.c). */
#ifndef JX_EMAIL_H
#define JX_EMAIL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#define JX_EMAIL_MAX 254 /* RFC 5321: a path is at most 256 bytes with its angle brackets */

/* Is addr acceptable as one mailbox: 3–254 bytes, exactly one '@' with something on
 * either side, a dot-free end of neither part, and no byte that could end or fold a
 * header or an SMTP command (no control byte, CR, LF, space, DEL, '<', '>', ',', ';',
 * '"', '(', ')', '\\').  Non-ASCII bytes are allowed (SMTPUTF8 addresses) only when
 * they are valid UTF-8.  When it is not and why is non-NULL, *why is a Chinese reason
 * (a constant). */
bool jx_email_valid(const char *addr, const char **why);

/* A message as RFC 5322 text with CRLF line ends, malloc'd (caller frees; NULL only for
 * arguments that jx_email_valid rejects or a header text with CR/LF): From, To (the
 * addresses, each valid), Subject encoded =?UTF-8?B?…?= (split into encoded words of at
 * most 39 bytes of UTF-8, never inside a character), Date (RFC 5322 form of t, UTC),
 * Message-ID <id@domain of from>, MIME-Version, Content-Type text/plain; charset=UTF-8,
 * Content-Transfer-Encoding base64, then body (UTF-8, LF or CRLF line ends) in base64
 * lines of 76.  id: letters, digits, '.', '-' only (else NULL). */
char *jx_email_message(const char *from, const char *const *to, size_t n_to, const char *subject, const char *body,
                       time_t t, const char *id);

#endif
