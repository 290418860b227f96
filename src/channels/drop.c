/* drop.c - letters, e-invoices and digital mailbox files: a file drop that
 * the print service, the access point or the mailbox agent picks up.
 * channels.h gives the names, the order of the files and why. */
#include "channels/internal.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/assert.h"

enum {
    /* A drop file's name; the temporary name adds 22 bytes, and both stay
     * under NAME_MAX (255) of every Linux file system. */
    DROP_NAME_MAX = 200,
    EXT_MAX = 10,
    FILE_MODE = 0640, /* less the umask: the pick-up service reads as the group */
    DIR_MODE = 0750,
    ERRNO_TEXT_MAX = 128,
};

struct drop_names {
    char txt[DROP_NAME_MAX + 1];
    char attachment[DROP_NAME_MAX + 1]; /* "" without an attachment */
};

/* The message id without its angle brackets, every byte but
 * [A-Za-z0-9._@+=-] as %XX: '%' itself is escaped, so two ids never get
 * the same name. false when it does not fit in cap. */
static bool stem_build(const char *id, char *out, size_t cap)
{
    size_t len = strlen(id);
    VINN_ASSERT(len >= 2 && id[0] == '<' && id[len - 1] == '>'); /* message_id_check */
    size_t n = 0;
    for (size_t i = 1; i + 1 < len; i++) {
        unsigned char c = (unsigned char)id[i];
        bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    strchr("._@+=-", c) != NULL;
        size_t need = keep ? 1 : 3;
        if (n + need >= cap) {
            return false;
        }
        if (keep) {
            out[n] = (char)c;
        } else {
            snprintf(out + n, 4, "%%%02X", c);
        }
        n += need;
    }
    out[n] = '\0';
    return true;
}

/* The attachment's own extension, lower case, when it is 1-10 letters and
 * digits and not "txt" (the text's); else "bin". */
static void ext_pick(const char *name, char out[EXT_MAX + 1])
{
    snprintf(out, EXT_MAX + 1, "bin");
    const char *dot = strrchr(name, '.');
    if (dot == NULL || dot == name) {
        return;
    }
    size_t len = strlen(dot + 1);
    if (len == 0 || len > EXT_MAX) {
        return;
    }
    char ext[EXT_MAX + 1];
    for (size_t i = 0; i <= len; i++) {
        char c = dot[1 + i];
        bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (c != '\0' && !alnum) {
            return;
        }
        ext[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    if (strcmp(ext, "txt") != 0) {
        memcpy(out, ext, len + 1);
    }
}

static vinn_err names_build(const struct vinn_outgoing *msg, struct drop_names *names,
                            struct vinn_error *error)
{
    char stem[DROP_NAME_MAX + 1];
    char ext[EXT_MAX + 1];
    /* The stem leaves room for "." and the longest extension. */
    if (!stem_build(msg->message_id, stem, sizeof(stem) - (EXT_MAX + 1))) {
        return vinn_fail(error, VINN_E_MESSAGE_INVALID, "message_id",
                         "message_id is too long for a file name (%d bytes once escaped)",
                         DROP_NAME_MAX - (EXT_MAX + 1));
    }
    snprintf(names->txt, sizeof(names->txt), "%s.txt", stem);
    names->attachment[0] = '\0';
    if (msg->attachment != NULL) {
        ext_pick(msg->attachment_name, ext);
        snprintf(names->attachment, sizeof(names->attachment), "%s.%s", stem, ext);
    }
    return VINN_OK;
}

static const char *errno_text(int code, char *buf, size_t cap)
{
    return strerror_r(code, buf, cap); /* the GNU form (_GNU_SOURCE) */
}

/* <drop_dir>/<channel>, created when missing, as an open directory. */
static vinn_err dir_open(const char *drop_dir, const char *channel, int *out,
                         struct vinn_error *error)
{
    char why[ERRNO_TEXT_MAX];
    int root = open(drop_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (root < 0 && (errno == ENOENT || errno == ENOTDIR)) {
        return vinn_fail(error, VINN_E_CHANNEL_NOT_CONFIGURED, "drop_dir",
                         "drop_dir '%s' is not a directory", drop_dir);
    }
    if (root < 0) {
        return vinn_fail(error, VINN_E_DELIVERY_TEMPORARY, "drop_dir", "cannot open '%s': %s",
                         drop_dir, errno_text(errno, why, sizeof(why)));
    }
    bool created = mkdirat(root, channel, DIR_MODE) == 0;
    int code = created || errno == EEXIST ? 0 : errno;
    if (created && fsync(root) != 0) {
        code = errno; /* the new directory must outlive a crash with its files */
    }
    int dir =
        code == 0 ? openat(root, channel, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW) : -1;
    code = code == 0 && dir < 0 ? errno : code;
    close(root);
    if (code != 0) {
        return vinn_fail(error, VINN_E_DELIVERY_TEMPORARY, "drop_dir", "cannot open '%s/%s': %s",
                         drop_dir, channel, errno_text(code, why, sizeof(why)));
    }
    *out = dir;
    return VINN_OK;
}

static bool write_all(int fd, const void *data, size_t len)
{
    const char *p = data;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            errno = n == 0 ? EIO : errno;
            return false;
        }
        p += n;
        len -= (size_t)n;
    }
    return true;
}

/* Write data under a temporary dot name in dir, fsync it, then give it
 * name: replacing what is there (rename), or only when name is free (link,
 * which unlike rename fails on an existing name: *taken says so). Returns
 * 0 or an errno value. The temporary name is gone afterwards. */
static int file_publish(int dir, const char *name, const void *data, size_t len, bool replace,
                        bool *taken)
{
    uint64_t nonce = 0;
    if (getrandom(&nonce, sizeof(nonce), 0) != (ssize_t)sizeof(nonce)) {
        return errno != 0 ? errno : EIO;
    }
    char tmp[DROP_NAME_MAX + 32];
    snprintf(tmp, sizeof(tmp), ".%s.%016" PRIx64 ".tmp", name, nonce);
    int fd = openat(dir, tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, FILE_MODE);
    if (fd < 0) {
        return errno;
    }
    int code = 0;
    if (!write_all(fd, data, len) || fsync(fd) != 0) {
        code = errno != 0 ? errno : EIO;
    }
    if (close(fd) != 0 && code == 0) {
        code = errno;
    }
    if (code == 0 && replace) {
        code = renameat(dir, tmp, dir, name) == 0 ? 0 : errno;
        if (code == 0) {
            return 0;
        }
    } else if (code == 0) {
        code = linkat(dir, tmp, dir, name, 0) == 0 ? 0 : errno;
        *taken = code == EEXIST;
        code = code == EEXIST ? 0 : code;
    }
    unlinkat(dir, tmp, 0);
    return code;
}

vinn_err vinn_channels_drop_send(const struct vinn_channels_config *cfg,
                                 const struct vinn_outgoing *msg, char *receipt, size_t receipt_cap,
                                 struct vinn_error *error)
{
    const char *channel = vinn_channel_name(msg->channel);
    struct drop_names names;
    vinn_err rc = vinn_channels_setting_check(cfg->drop_dir, true, "drop_dir", error);
    if (rc == VINN_OK) {
        rc = names_build(msg, &names, error);
    }
    int dir = -1;
    if (rc == VINN_OK) {
        rc = dir_open(cfg->drop_dir, channel, &dir, error);
    }
    if (rc != VINN_OK) {
        return rc;
    }
    struct stat st;
    bool delivered = fstatat(dir, names.txt, &st, AT_SYMLINK_NOFOLLOW) == 0;
    /* Point of no return: files are written. The attachment first, the .txt
     * last: the .txt says the drop is complete, and a rerun after a crash
     * between the two writes the attachment again. */
    const char *failed = names.attachment;
    int code = 0;
    if (!delivered && msg->attachment != NULL) {
        code = file_publish(dir, names.attachment, msg->attachment, msg->attachment_len, true,
                            &delivered);
        /* Its name is on disk before the .txt's can be. */
        code = code == 0 && fsync(dir) != 0 ? errno : code;
    }
    if (code == 0 && !delivered) {
        failed = names.txt;
        code = file_publish(dir, names.txt, msg->text, strlen(msg->text), false, &delivered);
        code = code == 0 && fsync(dir) != 0 ? errno : code;
    }
    close(dir);
    if (code != 0) {
        char why[ERRNO_TEXT_MAX];
        return vinn_fail(error, VINN_E_DELIVERY_TEMPORARY, "drop_dir",
                         "cannot write '%s/%s/%s': %s", cfg->drop_dir, channel, failed,
                         errno_text(code, why, sizeof(why)));
    }
    vinn_channels_receipt(receipt, receipt_cap, "%s/%s/%s%s", cfg->drop_dir, channel, names.txt,
                          delivered ? " (delivered before)" : "");
    return VINN_OK;
}

/* A file name the drop takes as it is: what stem_build makes, and no dot
 * name (those are the temporary files). */
static bool name_is_plain(const char *name)
{
    size_t len = strlen(name);
    if (len == 0 || len > DROP_NAME_MAX || name[0] == '.') {
        return false;
    }
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)name[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  strchr("._@+=%-", c) != NULL;
        if (!ok) {
            return false;
        }
    }
    return true;
}

/* The channel's folder of the drop, for a file that is not a message. */
static vinn_err plain_dir_open(const struct vinn_channels_config *cfg, enum vinn_channel channel,
                               const char *name, int *dir, struct vinn_error *error)
{
    vinn_err rc = vinn_channels_setting_check(cfg->drop_dir, true, "drop_dir", error);
    if (rc == VINN_OK && !name_is_plain(name)) {
        rc = vinn_fail(error, VINN_E_INVALID_CHARACTERS, "name",
                       "'%.60s' is not a plain file name for the drop", name);
    }
    if (rc == VINN_OK) {
        rc = dir_open(cfg->drop_dir, vinn_channel_name(channel), dir, error);
    }
    if (rc == VINN_E_DELIVERY_TEMPORARY) {
        /* Not a delivery to retry: the caller's own file failed. */
        rc = VINN_E_IO;
        if (error != NULL) {
            error->code = VINN_E_IO;
        }
    }
    return rc;
}

vinn_err vinn_channels_drop_put(const struct vinn_channels_config *cfg, enum vinn_channel channel,
                                const char *name, const void *data, size_t len,
                                struct vinn_error *error)
{
    int dir = -1;
    vinn_err rc = plain_dir_open(cfg, channel, name, &dir, error);
    if (rc != VINN_OK) {
        return rc;
    }
    bool taken = false;
    int code = file_publish(dir, name, data, len, true, &taken);
    code = code == 0 && fsync(dir) != 0 ? errno : code;
    close(dir);
    if (code != 0) {
        char why[ERRNO_TEXT_MAX];
        return vinn_fail(error, VINN_E_IO, "drop_dir", "cannot write '%s/%s/%s': %s", cfg->drop_dir,
                         vinn_channel_name(channel), name, errno_text(code, why, sizeof(why)));
    }
    return VINN_OK;
}

static int read_all(int fd, unsigned char *out, size_t len)
{
    size_t done = 0;
    while (done < len) {
        ssize_t n = read(fd, out + done, len - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return n == 0 ? EIO : errno; /* shorter than its size: changed under us */
        }
        done += (size_t)n;
    }
    return 0;
}

vinn_err vinn_channels_drop_get(const struct vinn_channels_config *cfg, enum vinn_channel channel,
                                const char *name, size_t max, unsigned char **data, size_t *len,
                                struct vinn_error *error)
{
    *data = NULL;
    int dir = -1;
    vinn_err rc = plain_dir_open(cfg, channel, name, &dir, error);
    if (rc != VINN_OK) {
        return rc;
    }
    int fd = openat(dir, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    int code = fd < 0 ? errno : 0;
    close(dir);
    struct stat st;
    if (code == 0 && fstat(fd, &st) != 0) {
        code = errno;
    }
    if (code == ENOENT) {
        return vinn_fail(error, VINN_E_FILE_NOT_FOUND, "name", "'%s' is not in the drop", name);
    }
    if (code == 0 && (uint64_t)st.st_size > max) {
        close(fd);
        return vinn_fail(error, VINN_E_LIMIT_EXCEEDED, "name", "'%s' is larger than %zu bytes",
                         name, max);
    }
    unsigned char *bytes = code == 0 ? malloc((size_t)st.st_size + 1) : NULL;
    if (code == 0 && bytes == NULL) {
        close(fd);
        return vinn_fail(error, VINN_E_NO_MEMORY, "", "out of memory");
    }
    code = code == 0 ? read_all(fd, bytes, (size_t)st.st_size) : code;
    if (fd >= 0) {
        close(fd);
    }
    if (code != 0) {
        free(bytes);
        char why[ERRNO_TEXT_MAX];
        return vinn_fail(error, VINN_E_IO, "name", "cannot read '%s': %s", name,
                         errno_text(code, why, sizeof(why)));
    }
    bytes[st.st_size] = '\0'; /* a text reads as a string */
    *data = bytes;
    *len = (size_t)st.st_size;
    return VINN_OK;
}
