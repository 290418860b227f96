/* arena.c - blocks of at least 64 KiB, chained, bump-allocated. */
#include "base/arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/assert.h"
#include "base/limits.h"

struct vinn_arena_block {
    struct vinn_arena_block *next;
    size_t size;
    size_t used;
    alignas(max_align_t) unsigned char data[];
};

struct vinn_arena_cleanup {
    struct vinn_arena_cleanup *next;
    void (*fn)(void *);
    void *data;
};

enum { ARENA_BLOCK_MIN = 64 * 1024 };

void vinn_arena_init(struct vinn_arena *arena, size_t cap_bytes)
{
    VINN_ASSERT(arena != NULL);
    memset(arena, 0, sizeof(*arena));
    arena->cap_bytes = cap_bytes ? cap_bytes : (size_t)VINN_ARENA_DEFAULT_CAP;
}

void vinn_arena_release(struct vinn_arena *arena)
{
    VINN_ASSERT(arena != NULL);
    struct vinn_arena_cleanup *c = arena->cleanups;
    arena->cleanups = NULL;
    while (c != NULL) {
        struct vinn_arena_cleanup *next = c->next;
        c->fn(c->data);
        c = next;
    }
    struct vinn_arena_block *b = arena->head;
    while (b != NULL) {
        struct vinn_arena_block *next = b->next;
        free(b);
        b = next;
    }
    arena->head = NULL;
    arena->used_bytes = 0;
}

static size_t align_up(size_t n)
{
    size_t a = alignof(max_align_t);
    return (n + a - 1) & ~(a - 1);
}

void *vinn_arena_alloc(struct vinn_arena *arena, size_t size)
{
    VINN_ASSERT(arena != NULL);
    if (size == 0) {
        size = 1;
    }
    if (size > SIZE_MAX / 2) {
        return NULL;
    }
    size_t need = align_up(size);
    struct vinn_arena_block *b = arena->head;
    if (b == NULL || b->size - b->used < need) {
        size_t block = need > ARENA_BLOCK_MIN ? need : ARENA_BLOCK_MIN;
        size_t total = sizeof(struct vinn_arena_block) + block;
        if (arena->used_bytes + total > arena->cap_bytes) {
            return NULL;
        }
        b = malloc(total);
        if (b == NULL) {
            return NULL;
        }
        b->size = block;
        b->used = 0;
        b->next = arena->head;
        arena->head = b;
        arena->used_bytes += sizeof(struct vinn_arena_block);
    }
    void *p = b->data + b->used;
    b->used += need;
    arena->used_bytes += need;
    if (arena->used_bytes > arena->peak_bytes) {
        arena->peak_bytes = arena->used_bytes;
    }
    memset(p, 0, size);
    return p;
}

void *vinn_arena_array(struct vinn_arena *arena, size_t count, size_t size)
{
    size_t total;
    if (__builtin_mul_overflow(count, size, &total)) {
        return NULL;
    }
    return vinn_arena_alloc(arena, total);
}

char *vinn_arena_strndup(struct vinn_arena *arena, const char *s, size_t n)
{
    if (s == NULL) {
        return NULL;
    }
    size_t len = strnlen(s, n);
    char *p = vinn_arena_alloc(arena, len + 1);
    if (p != NULL) {
        memcpy(p, s, len);
        p[len] = '\0';
    }
    return p;
}

char *vinn_arena_strdup(struct vinn_arena *arena, const char *s)
{
    return s ? vinn_arena_strndup(arena, s, strlen(s)) : NULL;
}

int vinn_arena_on_release(struct vinn_arena *arena, void (*fn)(void *), void *data)
{
    struct vinn_arena_cleanup *c = vinn_arena_alloc(arena, sizeof(*c));
    if (c == NULL) {
        fn(data);
        return -1;
    }
    c->fn = fn;
    c->data = data;
    c->next = arena->cleanups;
    arena->cleanups = c;
    return 0;
}
