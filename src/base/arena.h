/*
 * arena.h - region allocation: a pointer bump per allocation, one call frees.
 *
 * An arena per command, request or batch. It has a byte cap; allocation past
 * the cap (or past the machine) fails with NULL, never aborts, and leaves the
 * arena usable. Everything allocated is freed by vinn_arena_release. Cleanup
 * callbacks (close a statement, a file) can be attached and run in reverse
 * order at release.
 */
#ifndef VINN_BASE_ARENA_H
#define VINN_BASE_ARENA_H

#include <stddef.h>

struct vinn_arena_block;
struct vinn_arena_cleanup;

struct vinn_arena {
    struct vinn_arena_block *head;
    struct vinn_arena_cleanup *cleanups;
    size_t used_bytes;  /* bytes handed out plus block overhead */
    size_t cap_bytes;   /* 0 means VINN_ARENA_DEFAULT_CAP */
    size_t peak_bytes;
};

/* Initialise in place; cap_bytes 0 takes the default cap. */
void vinn_arena_init(struct vinn_arena *arena, size_t cap_bytes);
/* Free every block and run the cleanups; the arena may be used again. */
void vinn_arena_release(struct vinn_arena *arena);

/* Zeroed memory aligned for any type, or NULL past the cap or on ENOMEM. */
void *vinn_arena_alloc(struct vinn_arena *arena, size_t size);
/* size * count with overflow checked; NULL on overflow. */
void *vinn_arena_array(struct vinn_arena *arena, size_t count, size_t size);
/* Copies of strings; NULL input gives NULL. */
char *vinn_arena_strdup(struct vinn_arena *arena, const char *s);
char *vinn_arena_strndup(struct vinn_arena *arena, const char *s, size_t n);

/* Run fn(data) at release, last attached first. Returns 0, or -1 if the
 * record could not be allocated (fn is then called at once). */
int vinn_arena_on_release(struct vinn_arena *arena, void (*fn)(void *), void *data);

#endif
