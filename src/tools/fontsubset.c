/* fontsubset.c — build-time tool: cuts a Noto CJK face down to the characters Chinese
 * reports use (ASCII, Latin-1, punctuation, symbols, CJK punctuation, full-width forms
 * and all of GB 2312), desubroutinized and without hints, for the PDF backend.
 *
 *   jx_fontsubset FONT.ttc FACE_INDEX OUT.otf
 *
 * Why: cairo 1.16 reads the whole CFF table of a face for every PDF it writes and, for
 * a subroutinized CID font such as Noto CJK, embeds all of its subroutines.  From a
 * desubroutinized face of 8,772 characters it embeds only the glyphs a report uses:
 * the seed's PDF goes from 55 ms and 842 KB to about 23 ms and 224 KB
 * (docs/performance.md).  Characters outside the subset still print: fontconfig falls
 * back to the full face (src/render/fonts.c lists both). */
#include <hb-subset.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>

/* Unicode ranges kept besides GB 2312. */
static const struct {
  unsigned from, to;
} ranges[] = {
    {0x0020, 0x007E}, /* ASCII */
    {0x00A0, 0x017F}, /* Latin-1, Latin Extended-A */
    {0x2000, 0x206F}, /* general punctuation: — “ ” ‰ … */
    {0x2100, 0x22FF}, /* letterlike, number forms, arrows, ≥ ≤ ± × ÷ */
    {0x2460, 0x25FF}, /* ① …, box drawing, geometric shapes */
    {0x3000, 0x303F}, /* CJK symbols and punctuation: 、。《》【】 */
    {0xFF00, 0xFFEF}, /* full-width forms: （）：；％ */
};

/* Every character of GB 2312 (rows 1–87), through iconv. */
static int add_gb2312(hb_set_t *set) {
  iconv_t cd = iconv_open("UTF-32LE", "GB2312");
  if (cd == (iconv_t)-1) return -1; // NOLINT(performance-no-int-to-ptr): iconv_open's documented failure value
  for (int hi = 0xA1; hi <= 0xF7; hi++)
    for (int lo = 0xA1; lo <= 0xFE; lo++) {
      char in[2] = {(char)hi, (char)lo};
      unsigned char out[8];
      char *ip = in, *op = (char *)out;
      size_t il = sizeof in, ol = sizeof out;
      if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1 && ol == 4)
        hb_set_add(set, (hb_codepoint_t)out[0] | (hb_codepoint_t)out[1] << 8 | (hb_codepoint_t)out[2] << 16);
      iconv(cd, NULL, NULL, NULL, NULL);
    }
  iconv_close(cd);
  return 0;
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: %s FONT.ttc FACE_INDEX OUT.otf\n", argv[0]);
    return 2;
  }
  hb_blob_t *blob = hb_blob_create_from_file_or_fail(argv[1]);
  if (!blob) {
    fprintf(stderr, "jx_fontsubset: cannot read %s\n", argv[1]);
    return 1;
  }
  char *end;
  unsigned long index = strtoul(argv[2], &end, 10);
  if (*end || index > 255) {
    fprintf(stderr, "jx_fontsubset: bad face index %s\n", argv[2]);
    return 2;
  }
  hb_face_t *face = hb_face_create(blob, (unsigned)index);
  hb_subset_input_t *in = hb_subset_input_create_or_fail();
  if (!in) return 1;
  hb_set_t *set = hb_subset_input_unicode_set(in);
  for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++) hb_set_add_range(set, ranges[i].from, ranges[i].to);
  if (add_gb2312(set) != 0) {
    fprintf(stderr, "jx_fontsubset: iconv has no GB2312\n");
    return 1;
  }
  hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_DESUBROUTINIZE | HB_SUBSET_FLAGS_NO_HINTING);
  hb_face_t *sub = hb_subset_or_fail(face, in);
  if (!sub) {
    fprintf(stderr, "jx_fontsubset: subsetting %s failed\n", argv[1]);
    return 1;
  }
  hb_blob_t *res = hb_face_reference_blob(sub);
  unsigned len = 0;
  const char *data = hb_blob_get_data(res, &len);
  FILE *f = fopen(argv[3], "wb");
  int rc = !f || len == 0 || fwrite(data, 1, len, f) != len;
  if (f && fclose(f) != 0) rc = 1;
  if (rc) {
    fprintf(stderr, "jx_fontsubset: cannot write %s\n", argv[3]);
    remove(argv[3]);
  }
  hb_blob_destroy(res);
  hb_face_destroy(sub);
  hb_subset_input_destroy(in);
  hb_face_destroy(face);
  hb_blob_destroy(blob);
  return rc;
}
