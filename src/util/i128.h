/* i128.h — the 128-bit integer used for exact intermediate products and sums (internal). */
#ifndef JX_I128_H
#define JX_I128_H
#include <stdint.h>
__extension__ typedef __int128 jx_i128;

/* Clamp to int64 (sums of many bounded values can exceed it). */
static inline int64_t jx_sat64(jx_i128 v) { return v > INT64_MAX ? INT64_MAX : v < INT64_MIN ? INT64_MIN : (int64_t)v; }
#endif
