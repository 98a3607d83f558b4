/* date.h — calendar dates written YYYY-MM-DD: the one parser every layer uses (internal). */
#ifndef JX_DATE_H
#define JX_DATE_H

#include <stdbool.h>

typedef struct {
  int year, month, day; /* 1–9999, 1–12, 1–31 (within the month) */
} jx_date;

/* Read exactly "YYYY-MM-DD": a four-digit year from 0001 to 9999, a two-digit month
 * 01–12 and a two-digit day that exists in that month (29 February only in a leap
 * year).  Nothing may follow.  Returns true and fills *out (when out is non-NULL);
 * returns false for NULL, "", a malformed or impossible date, leaving *out untouched. */
bool jx_date_parse(const char *s, jx_date *out);

/* The same for the date at the start of s, which may go on (a time: "2024-06-20
 * 12:00:00").  Returns the first byte after the date, or NULL as jx_date_parse fails. */
const char *jx_date_scan(const char *s, jx_date *out);

/* Gregorian leap year. */
bool jx_date_leap(int year);

/* Days in a month (1–12) of a year; 0 for a month out of range. */
int jx_date_month_days(int year, int month);

/* Days from 1970-01-01 to a date jx_date_parse accepted (negative before 1970). */
long jx_date_days(jx_date d);

#endif
