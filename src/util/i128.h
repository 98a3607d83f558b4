/* i128.h — the 128-bit integer used for exact intermediate products (internal). */
#ifndef JX_I128_H
#define JX_I128_H
__extension__ typedef __int128 jx_i128;
#endif
