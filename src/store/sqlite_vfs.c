/*
 * sqlite_vfs.c - the default VFS, with the write-ahead log's writes gathered.
 *
 * At a commit SQLite writes each changed page to the log as two writes, a
 * 24-byte frame header and the page, then syncs the log. A batch of the
 * server's writer changes about 60 pages: 120 system calls, which made up
 * a fifth of the writer's time on a virtual machine, where a system call
 * is dear. This VFS is the default one except for the log: its writes that
 * follow each other are kept in a buffer and go to the file in one write
 * when the log is synced, read, resized, asked its size, closed, or written
 * elsewhere, or when the buffer is full (128 KiB, 31 frames). The database file, journals and
 * the shared-memory index are the default VFS's own.
 *
 * Why the order still holds: SQLite publishes a commit's frames in the
 * shared index only after it has written them, and the last frame of a
 * commit says so in its header (the database's size after it): its page
 * flushes the buffer. So no other connection can look for a frame that is
 * still in this buffer, with or without a sync at commit, and this
 * connection's own reads of the log (pages it spilled in a long
 * transaction) flush it first. The bytes reach the file in the order they
 * were written: a write that is not next to the buffered ones flushes them
 * first.
 */
#include "store/sqlite_internal.h"

#include <pthread.h>
#include <stdbool.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

/* The default VFS writes at most 0x1ffff bytes in one call (it masks the
 * length, in seekAndWrite), so a gathered write stays below that. */
enum { WAL_BUF_CAP = 0x1ffff };

struct wal_file {
    sqlite3_file base;  /* pMethods: wal_methods */
    sqlite3_file *real; /* the default VFS's file, right after this struct */
    char *buf;          /* WAL_BUF_CAP bytes, allocated at the first write */
    sqlite3_int64 at;   /* the file offset of buf[0] */
    size_t len;         /* bytes in buf */
    bool commit_page;   /* the next write is the page of a commit frame */
};

/* A frame header: the page number, then the database's size in pages
 * after a commit (0 in any other frame), both big-endian. */
enum { FRAME_HEADER = 24 };

static bool commit_header(const void *data, size_t n)
{
    const unsigned char *h = data;
    return n == FRAME_HEADER && (h[4] | h[5] | h[6] | h[7]) != 0;
}

static sqlite3_vfs vinn_vfs;
static sqlite3_vfs *real_vfs;
static pthread_once_t vfs_once = PTHREAD_ONCE_INIT;

static struct wal_file *wal_of(sqlite3_file *f)
{
    return (struct wal_file *)f;
}

static int wal_flush(struct wal_file *w)
{
    if (w->len == 0) {
        return SQLITE_OK;
    }
    int rc = w->real->pMethods->xWrite(w->real, w->buf, (int)w->len, w->at);
    w->len = 0;
    return rc;
}

static int wal_close(sqlite3_file *f)
{
    struct wal_file *w = wal_of(f);
    int rc = wal_flush(w);
    int rc2 = w->real->pMethods->xClose(w->real);
    free(w->buf);
    w->buf = NULL;
    return rc != SQLITE_OK ? rc : rc2;
}

static int wal_read(sqlite3_file *f, void *out, int amount, sqlite3_int64 offset)
{
    struct wal_file *w = wal_of(f);
    int rc = wal_flush(w);
    return rc != SQLITE_OK ? rc : w->real->pMethods->xRead(w->real, out, amount, offset);
}

static int wal_write(sqlite3_file *f, const void *data, int amount, sqlite3_int64 offset)
{
    struct wal_file *w = wal_of(f);
    size_t n = (size_t)amount;
    bool commit = w->commit_page;
    w->commit_page = commit_header(data, n);
    if (w->len > 0 && (offset != w->at + (sqlite3_int64)w->len || w->len + n > WAL_BUF_CAP)) {
        int rc = wal_flush(w);
        if (rc != SQLITE_OK) {
            return rc;
        }
    }
    if (n > WAL_BUF_CAP) {
        return w->real->pMethods->xWrite(w->real, data, amount, offset);
    }
    if (w->buf == NULL) {
        w->buf = malloc(WAL_BUF_CAP);
        if (w->buf == NULL) {
            return w->real->pMethods->xWrite(w->real, data, amount, offset);
        }
    }
    if (w->len == 0) {
        w->at = offset;
    }
    memcpy(w->buf + w->len, data, n);
    w->len += n;
    /* A commit's frames reach the file before SQLite publishes them, also
     * when it does not sync the log at commit (synchronous=NORMAL). */
    return commit ? wal_flush(w) : SQLITE_OK;
}

static int wal_truncate(sqlite3_file *f, sqlite3_int64 size)
{
    struct wal_file *w = wal_of(f);
    int rc = wal_flush(w);
    return rc != SQLITE_OK ? rc : w->real->pMethods->xTruncate(w->real, size);
}

static int wal_sync(sqlite3_file *f, int flags)
{
    struct wal_file *w = wal_of(f);
    int rc = wal_flush(w);
    return rc != SQLITE_OK ? rc : w->real->pMethods->xSync(w->real, flags);
}

static int wal_file_size(sqlite3_file *f, sqlite3_int64 *size)
{
    struct wal_file *w = wal_of(f);
    int rc = wal_flush(w);
    return rc != SQLITE_OK ? rc : w->real->pMethods->xFileSize(w->real, size);
}

static int wal_lock(sqlite3_file *f, int level)
{
    struct wal_file *w = wal_of(f);
    return w->real->pMethods->xLock(w->real, level);
}

static int wal_unlock(sqlite3_file *f, int level)
{
    struct wal_file *w = wal_of(f);
    return w->real->pMethods->xUnlock(w->real, level);
}

static int wal_check_reserved(sqlite3_file *f, int *out)
{
    struct wal_file *w = wal_of(f);
    return w->real->pMethods->xCheckReservedLock(w->real, out);
}

static int wal_file_control(sqlite3_file *f, int op, void *arg)
{
    struct wal_file *w = wal_of(f);
    int rc = wal_flush(w);
    return rc != SQLITE_OK ? rc : w->real->pMethods->xFileControl(w->real, op, arg);
}

static int wal_sector_size(sqlite3_file *f)
{
    struct wal_file *w = wal_of(f);
    return w->real->pMethods->xSectorSize(w->real);
}

static int wal_device(sqlite3_file *f)
{
    struct wal_file *w = wal_of(f);
    return w->real->pMethods->xDeviceCharacteristics(w->real);
}

/* Version 1: a log has no shared memory and no memory map of its own. */
static const sqlite3_io_methods wal_methods = {
    .iVersion = 1,
    .xClose = wal_close,
    .xRead = wal_read,
    .xWrite = wal_write,
    .xTruncate = wal_truncate,
    .xSync = wal_sync,
    .xFileSize = wal_file_size,
    .xLock = wal_lock,
    .xUnlock = wal_unlock,
    .xCheckReservedLock = wal_check_reserved,
    .xFileControl = wal_file_control,
    .xSectorSize = wal_sector_size,
    .xDeviceCharacteristics = wal_device,
};

/* The real file sits after the wrapper, aligned as malloc aligns. */
static size_t wal_real_offset(void)
{
    size_t align = _Alignof(max_align_t);
    return (sizeof(struct wal_file) + align - 1) / align * align;
}

static int vfs_open(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *f, int flags,
                    int *out_flags)
{
    (void)vfs;
    if ((flags & SQLITE_OPEN_WAL) == 0) {
        /* Anything but a log is the default VFS's file, in place. */
        return real_vfs->xOpen(real_vfs, name, f, flags, out_flags);
    }
    struct wal_file *w = wal_of(f);
    memset(w, 0, sizeof(*w));
    w->real = (sqlite3_file *)((char *)f + wal_real_offset());
    int rc = real_vfs->xOpen(real_vfs, name, w->real, flags, out_flags);
    /* SQLite closes a file whose pMethods is set even when the open
     * failed; the default VFS leaves its own unset then. */
    w->base.pMethods = w->real->pMethods != NULL ? &wal_methods : NULL;
    return rc;
}

static int vfs_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
    (void)vfs;
    return real_vfs->xDelete(real_vfs, name, sync_dir);
}

static int vfs_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
    (void)vfs;
    return real_vfs->xAccess(real_vfs, name, flags, out);
}

static int vfs_full_pathname(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
    (void)vfs;
    return real_vfs->xFullPathname(real_vfs, name, n, out);
}

static void *vfs_dl_open(sqlite3_vfs *vfs, const char *name)
{
    (void)vfs;
    return real_vfs->xDlOpen(real_vfs, name);
}

static void vfs_dl_error(sqlite3_vfs *vfs, int n, char *out)
{
    (void)vfs;
    real_vfs->xDlError(real_vfs, n, out);
}

static void (*vfs_dl_sym(sqlite3_vfs *vfs, void *handle, const char *sym))(void)
{
    (void)vfs;
    return real_vfs->xDlSym(real_vfs, handle, sym);
}

static void vfs_dl_close(sqlite3_vfs *vfs, void *handle)
{
    (void)vfs;
    real_vfs->xDlClose(real_vfs, handle);
}

static int vfs_randomness(sqlite3_vfs *vfs, int n, char *out)
{
    (void)vfs;
    return real_vfs->xRandomness(real_vfs, n, out);
}

static int vfs_sleep(sqlite3_vfs *vfs, int us)
{
    (void)vfs;
    return real_vfs->xSleep(real_vfs, us);
}

static int vfs_current_time(sqlite3_vfs *vfs, double *out)
{
    (void)vfs;
    return real_vfs->xCurrentTime(real_vfs, out);
}

static int vfs_last_error(sqlite3_vfs *vfs, int n, char *out)
{
    (void)vfs;
    return real_vfs->xGetLastError(real_vfs, n, out);
}

static int vfs_current_time_int64(sqlite3_vfs *vfs, sqlite3_int64 *out)
{
    (void)vfs;
    return real_vfs->xCurrentTimeInt64(real_vfs, out);
}

static void vfs_register(void)
{
    /* The first call into SQLite of the process, before it initializes:
     * no memory statistics, which take one global mutex on every
     * allocation and free of every connection (vinn never reads them).
     * Refused, harmlessly, if SQLite was initialized already. */
    (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    real_vfs = sqlite3_vfs_find(NULL);
    if (real_vfs == NULL || real_vfs->iVersion < 2) {
        return;
    }
    vinn_vfs = (sqlite3_vfs){
        .iVersion = 2,
        /* a log's wrapper and the real file after it; any other file fits */
        .szOsFile = (int)(wal_real_offset() + (size_t)real_vfs->szOsFile),
        .mxPathname = real_vfs->mxPathname,
        .zName = SQLITE_VFS_NAME,
        .xOpen = vfs_open,
        .xDelete = vfs_delete,
        .xAccess = vfs_access,
        .xFullPathname = vfs_full_pathname,
        .xDlOpen = vfs_dl_open,
        .xDlError = vfs_dl_error,
        .xDlSym = vfs_dl_sym,
        .xDlClose = vfs_dl_close,
        .xRandomness = vfs_randomness,
        .xSleep = vfs_sleep,
        .xCurrentTime = vfs_current_time,
        .xGetLastError = vfs_last_error,
        .xCurrentTimeInt64 = vfs_current_time_int64,
    };
    if (sqlite3_vfs_register(&vinn_vfs, 0) != SQLITE_OK) {
        real_vfs = NULL;
    }
}

const char *sqlite_vfs_name(void)
{
    pthread_once(&vfs_once, vfs_register);
    return real_vfs != NULL ? SQLITE_VFS_NAME : NULL;
}
