/*
 * banned.h - functions src/core may not call (after git's banned.h).
 *
 * The core is pure: no allocation, no clock, no I/O, no locale, no unbounded
 * string formatting. Every file in src/core includes this last, so a call to
 * any of these is a compile error that names the rule.
 */
#ifndef VINN_CORE_BANNED_H
#define VINN_CORE_BANNED_H

#define VINN_BANNED_(func) sorry_##func##_is_banned_in_src_core

#undef malloc
#define malloc(x) VINN_BANNED_(malloc)
#undef calloc
#define calloc(x, y) VINN_BANNED_(calloc)
#undef realloc
#define realloc(x, y) VINN_BANNED_(realloc)
#undef free
#define free(x) VINN_BANNED_(free)
#undef time
#define time(x) VINN_BANNED_(time)
#undef clock_gettime
#define clock_gettime(x, y) VINN_BANNED_(clock_gettime)
#undef gettimeofday
#define gettimeofday(x, y) VINN_BANNED_(gettimeofday)
#undef printf
#define printf(...) VINN_BANNED_(printf)
#undef fprintf
#define fprintf(...) VINN_BANNED_(fprintf)
#undef fopen
#define fopen(x, y) VINN_BANNED_(fopen)
#undef getenv
#define getenv(x) VINN_BANNED_(getenv)
#undef strtod
#define strtod(x, y) VINN_BANNED_(strtod)
#undef atof
#define atof(x) VINN_BANNED_(atof)
#undef atoi
#define atoi(x) VINN_BANNED_(atoi)
#undef atol
#define atol(x) VINN_BANNED_(atol)
#undef sprintf
#define sprintf(...) VINN_BANNED_(sprintf)
#undef vsprintf
#define vsprintf(...) VINN_BANNED_(vsprintf)
#undef strcpy
#define strcpy(x, y) VINN_BANNED_(strcpy)
#undef strcat
#define strcat(x, y) VINN_BANNED_(strcat)
#undef setlocale
#define setlocale(x, y) VINN_BANNED_(setlocale)

#endif
