/* fonts.h — the faces the PDF backend and the charts use (src/render/fonts.c). */
#ifndef JX_RENDER_FONTS_H
#define JX_RENDER_FONTS_H

/* Font families: the build's subset faces first (see jx_fonts_register), the full
 * system faces after them for characters outside the subset. */
#define JX_FONT_SERIF "jixiao Serif,Noto Serif CJK SC"
#define JX_FONT_SANS "jixiao Sans,Noto Sans CJK SC"

/* Register the subset faces made at build time (src/tools/fontsubset.c) with
 * fontconfig as the families "jixiao Serif" and "jixiao Sans", once per process.  Call
 * before the first Pango use.  Looks in $JIXIAO_FONT_DIR when set, else in the build's
 * font directory, then the installed one (share/jixiao/fonts); when the files are
 * missing nothing is registered and the families above resolve to the system faces
 * (same text, slower and larger PDFs).  Thread-safe. */
void jx_fonts_register(void);

#endif
