/* Parallel HDF5 layer: MPI-IO driver, collective transfers (needed for
 * deflate in parallel with HDF5 1.10) and collective metadata operations.
 *
 * Every function here is collective on the file's communicator: every rank
 * calls it with the same arguments (except row ranges and buffers). Checks
 * whose outcome may differ between ranks (row ranges) are agreed on before
 * any collective HDF5 call, so that a failure on one rank never leaves the
 * others waiting inside HDF5. HDF5's automatic error printing is switched
 * off; failures become eco_status messages naming the file and object. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ecoscale/io.h"
#include "h5_internal.h"
#include "io_fault.h"

/* longest object path inside a results file (dataset and group names) */
#define ECO_H5_PATH_MAX 1024

struct eco_h5 {
  hid_t file;
  hid_t dxpl; /* collective transfers */
  MPI_Comm comm;
  int rank, size;
  int writable; /* created or opened read/write: closing writes metadata */
  char *path;
};

hid_t eco_h5_id(const eco_h5 *f) { return f ? f->file : -1; }
MPI_Comm eco_h5_comm(const eco_h5 *f) { return f ? f->comm : MPI_COMM_NULL; }
const char *eco_h5_path(const eco_h5 *f) { return f ? f->path : ""; }

static void silence_hdf5(void) { H5Eset_auto2(H5E_DEFAULT, NULL, NULL); }

/* ------------------------------------------------------------------------ */
/* MPI-IO under HDF5: reserved space, agreed errors, discarded writes       */
/* ------------------------------------------------------------------------ */

/* HDF5 1.10's MPI-IO driver makes its writes, resizes and syncs with
 * collective MPI-IO calls (MPI_File_write_at_all, MPI_File_set_size,
 * MPI_File_sync), but a failed write(2) (ENOSPC, EFBIG, EIO) fails the call
 * only on the rank that made it. HDF5 then takes its error path on that rank
 * and its normal path on the others, and the ranks wait in different
 * barriers: at 2 ranks on a full disk, one in the metadata cache's sync point
 * (H5AC__run_sync_point from H5AC_dest) and the other in MPI_File_close's
 * (from H5FD_close), inside one H5Fclose, for ever.
 *
 * The functions below take the place of those MPI calls for the whole
 * process through the MPI profiling interface (every MPI_X is also PMPI_X;
 * the program's definition of MPI_X is the one the HDF5 library calls), for
 * the files opened for writing:
 * - the blocks a write will fill are reserved first (io_reserve), and for a
 *   collective write the ranks agree on it before any byte is written, so a
 *   full disk or a file size limit shows there, on every rank alike;
 * - a collective write, resize or sync that fails on one rank fails on every
 *   rank, with the same system error (an allreduce on a duplicate of the
 *   file's communicator, made when the file is opened), so HDF5 takes the
 *   same path everywhere and the error comes back from the same HDF5 call on
 *   every rank;
 * - a file marked discarded (eco_h5_close_discard: a results file given up
 *   after an error, deleted next) takes no more writes, resizes or syncs:
 *   they succeed without touching the file, so its close writes nothing,
 *   cannot fail for want of space, and releases HDF5's file identifier
 *   (a failed H5Fclose in HDF5 1.10 leaves the identifier pointing at the
 *   freed file, and the library's clean-up in MPI_Finalize dies on it).
 * Independent writes (MPI_File_write_at) are made by one rank alone: their
 * failure cannot be agreed on inside the call; HDF5 with collective metadata
 * writes (make_fapl) and collective transfers made none in the runs
 * checked (docs/reliability.md, "Disk full"). */

enum { IO_FILES_MAX = 64 };
static struct {
  MPI_File fh;
  MPI_Comm comm; /* duplicate of the file's communicator, for the agreement */
  int failed;    /* system error of an agreed failure, 0 if none */
  int discard;
  int fd;        /* the same file, for fallocate; -1 if not open */
  /* the file view (MPI_File_set_view): displacement, and the filetype's
   * size, extent and true bounds in bytes (HDF5's etype is MPI_BYTE) */
  MPI_Offset disp;
  MPI_Count tsize, extent, true_lb, true_extent;
} io_files[IO_FILES_MAX];
static int io_errno; /* agreed system error of the last failed write */

int eco_h5_io_errno(void) { return io_errno; }
void eco_h5_io_errno_reset(void) { io_errno = 0; }

static int io_file_find(MPI_File fh) {
  if (fh == MPI_FILE_NULL) return -1;
  for (int i = 0; i < IO_FILES_MAX; i++)
    if (io_files[i].fh == fh) return i;
  return -1;
}

/* The file view of slot i: disp and filetype (MPI_BYTE: no view). */
static void io_view(int i, MPI_Offset disp, MPI_Datatype ftype) {
  MPI_Count lb = 0, ext = 1, tlb = 0, text = 1, size = 1;
  if (PMPI_Type_size_x(ftype, &size) != MPI_SUCCESS ||
      PMPI_Type_get_extent_x(ftype, &lb, &ext) != MPI_SUCCESS ||
      PMPI_Type_get_true_extent_x(ftype, &tlb, &text) != MPI_SUCCESS)
    size = 0; /* unknown: no reservation */
  io_files[i].disp = disp;
  io_files[i].tsize = size;
  io_files[i].extent = ext;
  io_files[i].true_lb = tlb;
  io_files[i].true_extent = text;
}

int MPI_File_open(MPI_Comm comm, const char *filename, int amode, MPI_Info info,
                  MPI_File *fh) {
  int rc = PMPI_File_open(comm, filename, amode, info, fh);
  if (!(amode & (MPI_MODE_WRONLY | MPI_MODE_RDWR))) return rc;
  /* Collective: every rank of comm is here, whatever its rc. */
  MPI_Comm dup = MPI_COMM_NULL;
  if (PMPI_Comm_dup(comm, &dup) != MPI_SUCCESS) dup = MPI_COMM_NULL;
  int slot = -1;
  if (rc == MPI_SUCCESS && dup != MPI_COMM_NULL)
    for (int i = 0; i < IO_FILES_MAX && slot < 0; i++)
      if (io_files[i].fh == MPI_FILE_NULL || io_files[i].fh == NULL) slot = i;
  if (slot < 0) { /* not tracked: the calls go straight to MPI */
    if (dup != MPI_COMM_NULL) PMPI_Comm_free(&dup);
    return rc;
  }
  io_files[slot].fh = *fh;
  io_files[slot].comm = dup;
  io_files[slot].failed = 0;
  io_files[slot].discard = 0;
  io_files[slot].fd = open(filename, O_WRONLY | O_CLOEXEC);
  io_view(slot, 0, MPI_BYTE);
  return rc;
}

int MPI_File_close(MPI_File *fh) {
  int i = io_file_find(*fh);
  int rc = PMPI_File_close(fh);
  if (i >= 0) {
    PMPI_Comm_free(&io_files[i].comm);
    if (io_files[i].fd >= 0) close(io_files[i].fd);
    io_files[i].fd = -1;
    io_files[i].fh = MPI_FILE_NULL;
    io_files[i].discard = 0;
  }
  return rc;
}

int MPI_File_set_view(MPI_File fh, MPI_Offset disp, MPI_Datatype etype,
                      MPI_Datatype ftype, const char *datarep, MPI_Info info) {
  int rc = PMPI_File_set_view(fh, disp, etype, ftype, datarep, info);
  int i = io_file_find(fh);
  if (i >= 0) {
    if (rc == MPI_SUCCESS && etype == MPI_BYTE)
      io_view(i, disp, ftype);
    else
      io_files[i].tsize = 0; /* a view this code does not follow: no reservation */
  }
  return rc;
}

/* Reserve the blocks that a write of count elements of type at offset will
 * fill, before the write: Open MPI's OMPIO takes a short write(2) at the end
 * of the space (or at the file size limit) for a complete one in its
 * collective writes, and a later extension of the file (MPI_File_set_size)
 * leaves a hole where the data should be: a damaged file and no error. With
 * the space reserved (fallocate, keeping the file's size) the write cannot
 * run out of it; a file system without fallocate is not checked. Returns 0
 * or the system error (ENOSPC, EFBIG). */
static int io_reserve(int i, MPI_Offset offset, int count, MPI_Datatype type) {
  MPI_Count size = 0;
  if (io_files[i].fd < 0 || io_files[i].tsize <= 0 || count <= 0 ||
      PMPI_Type_size_x(type, &size) != MPI_SUCCESS || size <= 0)
    return 0;
  /* the bytes offset .. offset + n of the data stream through the view */
  MPI_Count n = size * (MPI_Count)count, ts = io_files[i].tsize;
  MPI_Count first = (MPI_Count)offset / ts, last = ((MPI_Count)offset + n - 1) / ts;
  MPI_Count lo = io_files[i].disp + io_files[i].true_lb + first * io_files[i].extent;
  MPI_Count hi = io_files[i].disp + io_files[i].true_lb + last * io_files[i].extent +
                 io_files[i].true_extent;
  if (lo < 0 || hi <= lo) return 0;
  struct rlimit lim; /* fallocate keeping the size does not check it */
  if (getrlimit(RLIMIT_FSIZE, &lim) == 0 && lim.rlim_cur != RLIM_INFINITY &&
      (rlim_t)hi > lim.rlim_cur)
    return EFBIG;
  if (fallocate(io_files[i].fd, FALLOC_FL_KEEP_SIZE, (off_t)lo, (off_t)(hi - lo)) != 0 &&
      errno != EOPNOTSUPP && errno != ENOSYS)
    return errno ? errno : EIO;
  return 0;
}

/* The outcome of a collective call on file slot i, agreed: if it failed on
 * any rank it fails on every rank, with the highest system error seen.
 * err is the errno the call left on this rank (0 if it succeeded). */
static int io_agree(int i, int rc, int err) {
  int mine[2] = {rc != MPI_SUCCESS, rc != MPI_SUCCESS ? err : 0}, all[2];
  if (i < 0 || PMPI_Allreduce(mine, all, 2, MPI_INT, MPI_MAX, io_files[i].comm) != MPI_SUCCESS) {
    all[0] = mine[0];
    all[1] = mine[1];
  }
  if (all[0]) {
    io_errno = all[1] ? all[1] : EIO;
    if (i >= 0) io_files[i].failed = io_errno;
    if (rc == MPI_SUCCESS) rc = MPI_ERR_IO;
    errno = io_errno;
  }
  return rc;
}

/* After an agreed failure the file is incomplete, and Open MPI's own calls
 * may no longer be collective (OMPIO's MPI_File_sync returns before its
 * barrier on a rank left with requests by a failed collective write): every
 * later write, resize or sync fails at once, on every rank alike. */
static int io_refuse(int i) {
  io_errno = errno = io_files[i].failed;
  return MPI_ERR_IO;
}

/* A discarded write: succeeds, reporting every byte written. */
static int io_skip(MPI_Datatype type, int count, MPI_Status *status) {
  if (status != MPI_STATUS_IGNORE) {
    MPI_Count size = 0;
    PMPI_Type_size_x(type, &size);
    PMPI_Status_set_elements_x(status, MPI_BYTE, size * (MPI_Count)count);
  }
  return MPI_SUCCESS;
}

/* A write that MPI reports done but that wrote fewer bytes than asked (a
 * short write(2) at the end of the space) is a failed write: HDF5 fails it
 * too, so it must be agreed on like an error. *err: errno, or ENOSPC if the
 * write left none. */
static int io_short(int rc, MPI_Datatype type, int count, const MPI_Status *status,
                    int *err) {
  if (rc != MPI_SUCCESS) return rc;
  MPI_Count size = 0, done = 0;
  if (PMPI_Type_size_x(type, &size) != MPI_SUCCESS ||
      PMPI_Get_elements_x(status, MPI_BYTE, &done) != MPI_SUCCESS ||
      done == size * (MPI_Count)count)
    return rc;
  if (*err == 0) *err = ENOSPC;
  return MPI_ERR_IO;
}

/* MPI_File_write_at_all (all = 1) or MPI_File_write_at: the space reserved
 * first; a collective write's reservation and outcome agreed on. */
static int io_write(MPI_File fh, MPI_Offset offset, const void *buf, int count,
                    MPI_Datatype type, MPI_Status *status, int all) {
  int i = io_file_find(fh);
  if (i < 0)
    return all ? PMPI_File_write_at_all(fh, offset, buf, count, type, status)
               : PMPI_File_write_at(fh, offset, buf, count, type, status);
  if (io_files[i].discard) return io_skip(type, count, status);
  if (io_files[i].failed) return io_refuse(i);
  MPI_Status own;
  if (status == MPI_STATUS_IGNORE) status = &own;
  int err = io_reserve(i, offset, count, type);
  int rc = err ? MPI_ERR_IO : MPI_SUCCESS;
  if (all && (rc = io_agree(i, rc, err)) != MPI_SUCCESS) return rc; /* io_errno set */
  if (rc == MPI_SUCCESS) {
    errno = 0;
    rc = all ? PMPI_File_write_at_all(fh, offset, buf, count, type, status)
             : PMPI_File_write_at(fh, offset, buf, count, type, status);
    err = errno;
    rc = io_short(rc, type, count, status, &err);
    if (all) return io_agree(i, rc, err);
  }
  if (rc != MPI_SUCCESS) io_errno = errno = err ? err : EIO; /* this rank only */
  return rc;
}

int MPI_File_write_at_all(MPI_File fh, MPI_Offset offset, const void *buf, int count,
                          MPI_Datatype type, MPI_Status *status) {
  return io_write(fh, offset, buf, count, type, status, 1);
}

int MPI_File_write_at(MPI_File fh, MPI_Offset offset, const void *buf, int count,
                      MPI_Datatype type, MPI_Status *status) {
  return io_write(fh, offset, buf, count, type, status, 0);
}

int MPI_File_set_size(MPI_File fh, MPI_Offset size) {
  int i = io_file_find(fh);
  if (i >= 0 && io_files[i].discard) return MPI_SUCCESS;
  if (i >= 0 && io_files[i].failed) return io_refuse(i);
  errno = 0;
  int rc = PMPI_File_set_size(fh, size);
  return i >= 0 ? io_agree(i, rc, errno) : rc;
}

int MPI_File_sync(MPI_File fh) {
  int i = io_file_find(fh);
  if (i >= 0 && io_files[i].discard) return MPI_SUCCESS;
  if (i >= 0 && io_files[i].failed) return io_refuse(i);
  errno = 0;
  int rc = PMPI_File_sync(fh);
  return i >= 0 ? io_agree(i, rc, errno) : rc;
}

/* " (No space left on device)" for the last failed write, or "". */
static const char *io_reason(char buf[128]) {
  buf[0] = '\0';
  if (io_errno) snprintf(buf, 128, " (%s)", strerror(io_errno));
  return buf;
}

/* File access: MPI-IO, collective metadata reads and writes, a file format
 * (1.8 or later) that keeps large attributes (config text) in dense storage.
 * H5Pset_fapl_mpio is collective (it duplicates the communicator), so the
 * ranks agree before it and after the whole setup. Returns the agreed status;
 * on failure *fapl is -1. */
static eco_status make_fapl(MPI_Comm comm, eco_status st, const char *path,
                            hid_t *fapl) {
  *fapl = -1;
  if (st == ECO_OK && (*fapl = H5Pcreate(H5P_FILE_ACCESS)) < 0)
    st = eco_error_set(ECO_ERR_HDF5, __FILE__, __LINE__,
                       "cannot set up parallel access for %s", path);
  st = eco_agree(comm, st);
  if (st == ECO_OK) {
    herr_t rc = H5Pset_fapl_mpio(*fapl, comm, MPI_INFO_NULL);
    if (rc < 0 || H5Pset_all_coll_metadata_ops(*fapl, 1) < 0 ||
        H5Pset_coll_metadata_write(*fapl, 1) < 0 ||
        H5Pset_libver_bounds(*fapl, H5F_LIBVER_V18, H5F_LIBVER_LATEST) < 0)
      st = eco_error_set(ECO_ERR_HDF5, __FILE__, __LINE__,
                         "cannot set up parallel access for %s", path);
    st = eco_agree(comm, st);
  }
  if (st != ECO_OK && *fapl >= 0) {
    H5Pclose(*fapl);
    *fapl = -1;
  }
  return st;
}

static eco_status h5_alloc(MPI_Comm comm, const char *path, eco_h5 **out) {
  eco_h5 *f = NULL;
  ECO_CALL(eco_calloc(1, sizeof *f, &f));
  f->file = -1;
  f->dxpl = -1;
  f->comm = comm;
  MPI_Comm_rank(comm, &f->rank);
  MPI_Comm_size(comm, &f->size);
  eco_status st = eco_strdup(path, &f->path);
  if (st != ECO_OK) {
    eco_free(&f);
    return st;
  }
  f->dxpl = H5Pcreate(H5P_DATASET_XFER);
  if (f->dxpl < 0 || H5Pset_dxpl_mpio(f->dxpl, H5FD_MPIO_COLLECTIVE) < 0) {
    if (f->dxpl >= 0) H5Pclose(f->dxpl);
    eco_free(&f->path);
    eco_free(&f);
    return eco_error_set(ECO_ERR_HDF5, __FILE__, __LINE__,
                         "cannot set up collective transfers for %s", path);
  }
  *out = f;
  return ECO_OK;
}

static void h5_free(eco_h5 *f) {
  if (!f) return;
  if (f->dxpl >= 0) H5Pclose(f->dxpl);
  eco_free(&f->path);
  free(f);
}

eco_status eco_h5_create(MPI_Comm comm, const char *path, eco_h5 **out) {
  *out = NULL;
  silence_hdf5();
  eco_h5 *f = NULL;
  hid_t fapl = -1;
  /* Agreed before H5Fcreate (collective) so that a local failure on one
   * rank does not leave the others waiting in it. */
  eco_status st = make_fapl(comm, h5_alloc(comm, path, &f), path, &fapl);
  if (st == ECO_OK) {
    f->file = H5Fcreate(path, H5F_ACC_TRUNC, H5P_DEFAULT, fapl);
    /* The injected failure comes after the call, as for the other
     * collective HDF5 calls (io_fault.h). */
    if (f->file < 0 || eco_fault_hit(ECO_FAULT_H5))
      st = eco_error_set(ECO_ERR_IO, __FILE__, __LINE__,
                         "cannot create HDF5 file %s (is the folder writable "
                         "and on a file system with MPI-IO support?)",
                         path);
  }
  if (fapl >= 0) H5Pclose(fapl);
  st = eco_agree(comm, st);
  if (st != ECO_OK) {
    if (f && f->file >= 0) (void)H5Fclose(f->file); /* collective: every rank has it */
    h5_free(f);
    return st;
  }
  f->writable = 1;
  *out = f;
  return ECO_OK;
}

/* Verdicts of rank 0's look at a path, broadcast so all ranks agree. */
enum { PATH_OK = 0, PATH_MISSING, PATH_NOT_FILE, PATH_UNREADABLE, PATH_NOT_H5, PATH_CHECK_FAILED };

eco_status eco_h5_open(MPI_Comm comm, const char *path, eco_h5_mode mode,
                       eco_h5 **out) {
  *out = NULL;
  silence_hdf5();
  int rank;
  MPI_Comm_rank(comm, &rank);
  int verdict = PATH_OK;
  if (rank == 0) {
    struct stat sb;
    if (stat(path, &sb) != 0)
      verdict = PATH_MISSING;
    else if (!S_ISREG(sb.st_mode))
      verdict = PATH_NOT_FILE;
    else if (access(path, mode == ECO_H5_READ ? R_OK : R_OK | W_OK) != 0)
      verdict = PATH_UNREADABLE;
    else {
      /* 0: not HDF5 (the user's input); < 0: HDF5 could not tell (an I/O
       * failure, not the input's fault) */
      htri_t is = H5Fis_hdf5(path);
      if (is == 0) verdict = PATH_NOT_H5;
      else if (is < 0) verdict = PATH_CHECK_FAILED;
    }
  }
  ECO_CALL_MPI(MPI_Bcast(&verdict, 1, MPI_INT, 0, comm));
  switch (verdict) {
  case PATH_MISSING:
    return eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                         "%s: no such file", path);
  case PATH_NOT_FILE:
    return eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                         "%s: not a regular file", path);
  case PATH_UNREADABLE:
    return eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                         "%s: permission denied (%s)", path,
                         mode == ECO_H5_READ ? "read" : "read/write");
  case PATH_NOT_H5:
    return eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                         "%s: not an HDF5 file", path);
  case PATH_CHECK_FAILED:
    return eco_error_set(ECO_ERR_HDF5, __FILE__, __LINE__,
                         "%s: cannot read the file's HDF5 signature (I/O error)", path);
  default:
    break;
  }
  eco_h5 *f = NULL;
  hid_t fapl = -1;
  eco_status st = make_fapl(comm, h5_alloc(comm, path, &f), path, &fapl);
  if (st == ECO_OK) {
    f->file = H5Fopen(path, mode == ECO_H5_READ ? H5F_ACC_RDONLY : H5F_ACC_RDWR,
                      fapl);
    if (f->file < 0)
      st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                         "%s: cannot open as HDF5 (damaged or truncated file?)",
                         path);
    else if (eco_fault_hit(ECO_FAULT_H5)) /* after the call, see io_fault.h */
      st = eco_error_set(ECO_ERR_HDF5, __FILE__, __LINE__,
                         "%s: cannot open as HDF5", path);
  }
  if (fapl >= 0) H5Pclose(fapl);
  st = eco_agree(comm, st);
  if (st != ECO_OK) {
    if (f && f->file >= 0) (void)H5Fclose(f->file); /* collective: every rank has it */
    h5_free(f);
    return st;
  }
  f->writable = mode == ECO_H5_READWRITE;
  *out = f;
  return ECO_OK;
}

/* Marks f's MPI-IO file discarded (see "MPI-IO under HDF5"). */
static void discard(eco_h5 *f) {
  MPI_File *fh = NULL;
  if (f->file >= 0 && H5Fget_vfd_handle(f->file, H5P_DEFAULT, (void **)&fh) >= 0 && fh) {
    int i = io_file_find(*fh);
    if (i >= 0) io_files[i].discard = 1;
  }
}

/* H5Fclose, then f is freed. The status is agreed. */
static eco_status close_file(eco_h5 *f, eco_status st) {
  if (f->file >= 0 && H5Fclose(f->file) < 0) {
    char why[128];
    if (st == ECO_OK)
      st = eco_error_set(ECO_ERR_HDF5, __FILE__, __LINE__,
                         "closing HDF5 file %s failed%s", f->path, io_reason(why));
  } else if (f->file >= 0 && f->writable && st == ECO_OK && eco_fault_hit(ECO_FAULT_WRITE))
    st = eco_error_set(ECO_ERR_IO, __FILE__, __LINE__,
                       "closing HDF5 file %s failed (%s)", f->path, strerror(EIO));
  MPI_Comm comm = f->comm;
  h5_free(f);
  /* Every rank returns the same status (callers go on to collective
   * steps, e.g. the rename of a results file). */
  return eco_agree(comm, st);
}

eco_status eco_h5_close(eco_h5 **fp) {
  if (!fp || !*fp) return ECO_OK;
  eco_h5 *f = *fp;
  *fp = NULL;
  eco_status st = ECO_OK;
  if (f->file >= 0 && f->writable) {
    /* Everything still cached is written here, where a failure (agreed on
     * inside the MPI-IO calls) leaves the file's identifier valid; the close
     * of a file whose flush failed writes nothing more (see "MPI-IO under
     * HDF5"), so H5Fclose itself does not fail for want of space. */
    eco_h5_io_errno_reset();
    if (H5Fflush(f->file, H5F_SCOPE_LOCAL) < 0) {
      char why[128];
      st = eco_error_set(ECO_ERR_HDF5, __FILE__, __LINE__,
                         "closing HDF5 file %s failed%s", f->path, io_reason(why));
    }
    st = eco_agree(f->comm, st);
    if (st != ECO_OK) discard(f);
  }
  return close_file(f, st);
}

void eco_h5_close_discard(eco_h5 **fp) {
  if (!fp || !*fp) return;
  eco_h5 *f = *fp;
  *fp = NULL;
  discard(f);
  /* The caller reports the error that made it give the file up; a failure
   * here adds nothing for the user. */
  (void)close_file(f, ECO_OK);
}

/* ------------------------------------------------------------------------ */
/* Links and groups                                                          */
/* ------------------------------------------------------------------------ */

/* 1 if every component of path exists (H5Lexists on each prefix), 0 if
 * not, -1 with the error recorded if it cannot be told (HDF5 or memory
 * failure). The same calls are made whatever they return, so that ranks
 * stay in step in the collective metadata reads. */
static int link_exists(eco_h5 *f, const char *path) {
  size_t n = strlen(path);
  if (n == 0) return 0;
  /* no allocation: a failure on one rank would put it out of step with the
   * others in the collective lookups below */
  char buf[ECO_H5_PATH_MAX];
  if (n >= sizeof buf) {
    eco_error_set(ECO_ERR_INTERNAL, __FILE__, __LINE__,
                  "%s: object path longer than %d characters: %s", f->path,
                  ECO_H5_PATH_MAX - 1, path);
    return -1;
  }
  memcpy(buf, path, n + 1);
  int ok = 1, failed = 0;
  for (size_t i = 1; i <= n && ok; i++) {
    if (buf[i] == '/' || buf[i] == '\0') {
      if (i > 0 && buf[i - 1] == '/') continue; /* "//" or leading "/" */
      char save = buf[i];
      buf[i] = '\0';
      htri_t e = H5Lexists(f->file, buf, H5P_DEFAULT);
      if (e < 0) failed = 1;
      if (e == 0) ok = 0;
      buf[i] = save;
    }
  }
  if (failed) {
    eco_error_set(ECO_ERR_HDF5, __FILE__, __LINE__,
                  "%s: cannot look up %s", f->path, path);
    return -1;
  }
  return ok;
}

eco_status eco_h5_exists(eco_h5 *f, const char *path, int *exists) {
  *exists = 0;
  if (strcmp(path, "/") == 0 || path[0] == '\0') {
    *exists = 1;
    return ECO_OK;
  }
  int e = link_exists(f, path);
  eco_status st = eco_agree(f->comm, e < 0 ? ECO_ERR_HDF5 : ECO_OK);
  if (st == ECO_OK) *exists = e;
  return st;
}

static hid_t make_lcpl(void) {
  hid_t lcpl = H5Pcreate(H5P_LINK_CREATE);
  if (lcpl >= 0 && H5Pset_create_intermediate_group(lcpl, 1) < 0) {
    H5Pclose(lcpl);
    return -1;
  }
  return lcpl;
}

static eco_status group_create(eco_h5 *f, const char *path) {
  int e = strcmp(path, "/") == 0 ? 1 : link_exists(f, path);
  e = eco_agree(f->comm, e < 0 ? ECO_ERR_HDF5 : ECO_OK) != ECO_OK ? -1 : e;
  if (e < 0) return eco_error_code();
  if (e) {
    H5O_info_t info;
    if (strcmp(path, "/") != 0) {
      herr_t rc = H5Oget_info_by_name(f->file, path, &info, H5P_DEFAULT);
      if (rc < 0)
        return eco_error_set(ECO_ERR_HDF5, __FILE__, __LINE__,
                             "%s: cannot look up %s", f->path, path);
      if (info.type != H5O_TYPE_GROUP)
        return eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                             "%s: %s exists and is not a group", f->path, path);
    }
    return ECO_OK;
  }
  hid_t lcpl = make_lcpl();
  eco_status st = eco_agree(f->comm, lcpl < 0 ? eco_error_set(ECO_ERR_HDF5, __FILE__, __LINE__,
                                                              "%s: cannot create group %s",
                                                              f->path, path)
                                              : ECO_OK);
  hid_t g = st != ECO_OK ? -1 : H5Gcreate2(f->file, path, lcpl, H5P_DEFAULT, H5P_DEFAULT);
  if (lcpl >= 0) H5Pclose(lcpl);
  if (st != ECO_OK) return st;
  if (g < 0)
    return eco_error_set(ECO_ERR_HDF5, __FILE__, __LINE__,
                         "%s: cannot create group %s", f->path, path);
  H5Gclose(g);
  return ECO_OK;
}

eco_status eco_h5_group_create(eco_h5 *f, const char *path) {
  return eco_agree(f->comm, group_create(f, path));
}

/* ------------------------------------------------------------------------ */
/* Types                                                                     */
/* ------------------------------------------------------------------------ */

static const char *type_name(eco_h5_type t) {
  switch (t) {
  case ECO_H5_DOUBLE: return "double";
  case ECO_H5_FLOAT: return "float";
  case ECO_H5_INT32: return "int32";
  case ECO_H5_INT64: return "int64";
  case ECO_H5_STRING: return "string";
  }
  return "?";
}

static hid_t string_type(size_t strsize) {
  hid_t t = H5Tcopy(H5T_C_S1);
  if (t < 0) return -1;
  if (H5Tset_size(t, strsize) < 0 || H5Tset_strpad(t, H5T_STR_NULLPAD) < 0) {
    H5Tclose(t);
    return -1;
  }
  return t;
}

/* A type id the caller closes (H5Tclose works on copies; for predefined
 * types we copy too so that closing is uniform). */
static hid_t mem_type(eco_h5_type t, size_t strsize) {
  switch (t) {
  case ECO_H5_DOUBLE: return H5Tcopy(H5T_NATIVE_DOUBLE);
  case ECO_H5_FLOAT: return H5Tcopy(H5T_NATIVE_FLOAT);
  case ECO_H5_INT32: return H5Tcopy(H5T_NATIVE_INT32);
  case ECO_H5_INT64: return H5Tcopy(H5T_NATIVE_INT64);
  case ECO_H5_STRING: return string_type(strsize);
  }
  return -1;
}

static hid_t file_type(eco_h5_type t, size_t strsize) {
  switch (t) {
  case ECO_H5_DOUBLE: return H5Tcopy(H5T_IEEE_F64LE);
  case ECO_H5_FLOAT: return H5Tcopy(H5T_IEEE_F32LE);
  case ECO_H5_INT32: return H5Tcopy(H5T_STD_I32LE);
  case ECO_H5_INT64: return H5Tcopy(H5T_STD_I64LE);
  case ECO_H5_STRING: return string_type(strsize);
  }
  return -1;
}

/* ------------------------------------------------------------------------ */
/* Datasets                                                                  */
/* ------------------------------------------------------------------------ */

static eco_status dataset_create(eco_h5 *f, const char *name, eco_h5_type type,
                                 size_t strsize, int64_t nrows, int64_t ncols,
                                 const eco_h5_layout *layout) {
  ECO_CHECK(nrows >= 0 && ncols >= 0, ECO_ERR_INTERNAL,
            "%s: dataset %s: negative shape %lld x %lld", f->path, name,
            (long long)nrows, (long long)ncols);
  ECO_CHECK(type != ECO_H5_STRING || strsize > 0, ECO_ERR_INTERNAL,
            "%s: dataset %s: string size must be > 0", f->path, name);
  ECO_CHECK(!layout || layout->deflate == 0 || layout->chunk_rows > 0,
            ECO_ERR_INTERNAL, "%s: dataset %s: deflate needs chunk_rows > 0",
            f->path, name);
  ECO_CHECK(!layout || (layout->deflate >= 0 && layout->deflate <= 9),
            ECO_ERR_INTERNAL, "%s: dataset %s: deflate level %d not in [0, 9]",
            f->path, name, layout->deflate);
  int rank = ncols == 0 ? 1 : 2;
  hsize_t dims[2] = {(hsize_t)nrows, (hsize_t)ncols};
  eco_status st = ECO_OK;
  hid_t space = -1, ftype = -1, dcpl = -1, lcpl = -1, d = -1;
  int e = link_exists(f, name);
  if (e < 0) st = eco_error_code();
  else if (e)
    st = eco_error_set(ECO_ERR_INTERNAL, __FILE__, __LINE__,
                       "%s: dataset %s already exists", f->path, name);
  if (st != ECO_OK) goto done;
  ECO_CALL_H5_GOTO(st, space = H5Screate_simple(rank, dims, NULL), done);
  ECO_CALL_H5_GOTO(st, ftype = file_type(type, strsize), done);
  ECO_CALL_H5_GOTO(st, dcpl = H5Pcreate(H5P_DATASET_CREATE), done);
  int chunked = layout && layout->chunk_rows > 0 && nrows > 0;
  if (chunked) {
    hsize_t chunk[2];
    chunk[0] = (hsize_t)(layout->chunk_rows < nrows ? layout->chunk_rows : nrows);
    if (chunk[0] < 1) chunk[0] = 1;
    chunk[1] = ncols > 0 ? (hsize_t)ncols : 1;
    /* HDF5 chunks must stay below 4 GiB; keep them at most 64 MiB. */
    size_t elem = H5Tget_size(ftype);
    /* 0 is HDF5's failure value (it divided by zero here) */
    ECO_CHECK_GOTO(st, elem > 0, ECO_ERR_HDF5, done, "%s: dataset %s: H5Tget_size failed",
                   f->path, name);
    hsize_t max_rows = (hsize_t)(64u << 20) / ((hsize_t)elem * chunk[1]);
    if (max_rows < 1) max_rows = 1;
    if (chunk[0] > max_rows) chunk[0] = max_rows;
    ECO_CALL_H5_GOTO(st, H5Pset_chunk(dcpl, rank, chunk), done);
    if (layout->deflate > 0)
      ECO_CALL_H5_GOTO(st, H5Pset_deflate(dcpl, (unsigned)layout->deflate), done);
  } else {
    /* Every element is written by some rank: skip the fill pass. */
    ECO_CALL_H5_GOTO(st, H5Pset_fill_time(dcpl, H5D_FILL_TIME_NEVER), done);
  }
  ECO_CALL_H5_GOTO(st, lcpl = make_lcpl(), done);
done:
  /* H5Dcreate2 is collective: only if every rank got this far. */
  st = eco_agree(f->comm, st);
  if (st == ECO_OK) {
    d = H5Dcreate2(f->file, name, ftype, space, lcpl, dcpl, H5P_DEFAULT);
    if (d < 0)
      st = eco_error_set(ECO_ERR_HDF5, __FILE__, __LINE__,
                         "%s: cannot create dataset %s (%s, %lld x %lld)",
                         f->path, name, type_name(type), (long long)nrows,
                         (long long)ncols);
  }
  if (d >= 0) H5Dclose(d);
  if (lcpl >= 0) H5Pclose(lcpl);
  if (dcpl >= 0) H5Pclose(dcpl);
  if (ftype >= 0) H5Tclose(ftype);
  if (space >= 0) H5Sclose(space);
  return st;
}

eco_status eco_h5_dataset_create(eco_h5 *f, const char *name, eco_h5_type type,
                                 size_t strsize, int64_t nrows, int64_t ncols,
                                 const eco_h5_layout *layout) {
  /* The same status on every rank: callers go on to collective steps. */
  return eco_agree(f->comm, dataset_create(f, name, type, strsize, nrows, ncols,
                                           layout));
}

/* Open a dataset, naming file and dataset when it is missing. */
static eco_status open_dataset(eco_h5 *f, const char *name, hid_t *d) {
  *d = -1;
  int e = link_exists(f, name);
  if (e < 0) return eco_error_code();
  ECO_CHECK(e, ECO_ERR_INPUT, "%s: no dataset %s", f->path, name);
  *d = H5Dopen2(f->file, name, H5P_DEFAULT);
  if (*d >= 0) return ECO_OK;
  /* not a dataset (the input's fault), or HDF5 failed to open one */
  H5O_info_t info;
  if (H5Oget_info_by_name(f->file, name, &info, H5P_DEFAULT) >= 0 &&
      info.type != H5O_TYPE_DATASET)
    return eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__, "%s: %s is not a dataset",
                         f->path, name);
  return eco_error_set(ECO_ERR_HDF5, __FILE__, __LINE__, "%s: cannot open dataset %s",
                       f->path, name);
}

/* Shape of an open dataset: rank (1 or 2), dims, string size, type class. */
static eco_status dataset_info(eco_h5 *f, const char *name, hid_t d, int *ndims,
                               hsize_t dims[2], size_t *strsize,
                               H5T_class_t *cls) {
  hid_t space = H5Dget_space(d);
  hid_t t = H5Dget_type(d);
  eco_status st = ECO_OK;
  ECO_CHECK_GOTO(st, space >= 0 && t >= 0, ECO_ERR_HDF5, done,
                 "%s: cannot query dataset %s", f->path, name);
  int nd = H5Sget_simple_extent_ndims(space);
  ECO_CHECK_GOTO(st, nd >= 0, ECO_ERR_HDF5, done, "%s: cannot query dataset %s",
                 f->path, name);
  ECO_CHECK_GOTO(st, nd == 1 || nd == 2, ECO_ERR_INPUT, done,
                 "%s: dataset %s has %d dimensions (ecoscale reads 1 or 2)",
                 f->path, name, nd);
  dims[0] = dims[1] = 0;
  ECO_CHECK_GOTO(st, H5Sget_simple_extent_dims(space, dims, NULL) >= 0, ECO_ERR_HDF5,
                 done, "%s: cannot query dataset %s", f->path, name);
  if (nd == 1) dims[1] = 0;
  *ndims = nd;
  *cls = H5Tget_class(t);
  *strsize = 0;
  ECO_CHECK_GOTO(st, *cls != H5T_NO_CLASS, ECO_ERR_HDF5, done,
                 "%s: cannot query dataset %s", f->path, name);
  if (*cls == H5T_STRING) {
    htri_t vl = H5Tis_variable_str(t);
    ECO_CHECK_GOTO(st, vl >= 0, ECO_ERR_HDF5, done, "%s: cannot query dataset %s",
                   f->path, name);
    ECO_CHECK_GOTO(st, !vl, ECO_ERR_INPUT, done,
                   "%s: dataset %s holds variable-length strings (ecoscale "
                   "reads fixed-length strings)",
                   f->path, name);
    *strsize = H5Tget_size(t);
    ECO_CHECK_GOTO(st, *strsize > 0, ECO_ERR_HDF5, done,
                   "%s: cannot query dataset %s", f->path, name);
  }
done:
  if (t >= 0) H5Tclose(t);
  if (space >= 0) H5Sclose(space);
  return st;
}

eco_status eco_h5_dataset_shape(eco_h5 *f, const char *name, int *ndims,
                                int64_t dims[2], size_t *strsize) {
  hid_t d;
  eco_status st0 = eco_agree(f->comm, open_dataset(f, name, &d));
  if (st0 != ECO_OK) {
    if (d >= 0) H5Dclose(d);
    return st0;
  }
  hsize_t hd[2];
  H5T_class_t cls;
  size_t ss = 0;
  eco_status st = dataset_info(f, name, d, ndims, hd, &ss, &cls);
  H5Dclose(d);
  st = eco_agree(f->comm, st);
  if (st != ECO_OK) return st;
  dims[0] = (int64_t)hd[0];
  dims[1] = (int64_t)hd[1];
  if (strsize) *strsize = ss;
  return ECO_OK;
}

static eco_status transfer(eco_h5 *f, const char *name, eco_h5_type type,
                           int64_t row0, int64_t nrows, void *buf, int write) {
  hid_t d = -1, fspace = -1, mspace = -1, mtype = -1;
  eco_status st = open_dataset(f, name, &d);
  int nd = 0;
  hsize_t dims[2] = {0, 0};
  size_t strsize = 0;
  H5T_class_t cls = H5T_NO_CLASS;
  if (st == ECO_OK) st = dataset_info(f, name, d, &nd, dims, &strsize, &cls);
  if (st == ECO_OK) {
    int is_str = cls == H5T_STRING;
    int is_num = cls == H5T_FLOAT || cls == H5T_INTEGER;
    if (type == ECO_H5_STRING && !is_str)
      st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                         "%s: dataset %s is numeric, not strings", f->path, name);
    else if (type != ECO_H5_STRING && !is_num)
      st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                         "%s: dataset %s does not hold numbers", f->path, name);
  }
  /* Everything above is the same on every rank (collective metadata); the
   * row range may differ, so agree on it before the collective transfer. */
  if (st == ECO_OK && (row0 < 0 || nrows < 0 || (uint64_t)(row0 + nrows) > dims[0]))
    st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                       "%s: dataset %s: rows [%lld, %lld) outside its %llu rows",
                       f->path, name, (long long)row0, (long long)(row0 + nrows),
                       (unsigned long long)dims[0]);
  st = eco_agree(f->comm, st);
  if (st != ECO_OK) goto done;

  ECO_CALL_H5_GOTO(st, mtype = mem_type(type, strsize), done);
  ECO_CALL_H5_GOTO(st, fspace = H5Dget_space(d), done);
  hsize_t start[2] = {(hsize_t)row0, 0};
  hsize_t count[2] = {(hsize_t)nrows, nd == 2 ? dims[1] : 1};
  hsize_t mdims[2] = {nrows > 0 ? (hsize_t)nrows : 1, count[1] > 0 ? count[1] : 1};
  ECO_CALL_H5_GOTO(st, mspace = H5Screate_simple(nd, mdims, NULL), done);
  if (nrows > 0 && (nd == 1 || dims[1] > 0)) {
    ECO_CALL_H5_GOTO(st, H5Sselect_hyperslab(fspace, H5S_SELECT_SET, start, NULL,
                                             count, NULL), done);
  } else {
    ECO_CALL_H5_GOTO(st, H5Sselect_none(fspace), done);
    ECO_CALL_H5_GOTO(st, H5Sselect_none(mspace), done);
  }
done:
  /* The transfer is collective: only if every rank got this far. */
  st = eco_agree(f->comm, st);
  /* A dataset without elements has no storage, and HDF5 1.10 fails a
   * collective transfer to it even with nothing selected: nothing to move
   * (the shape is the same on every rank, so every rank skips). */
  if (st == ECO_OK && dims[0] > 0 && (nd == 1 || dims[1] > 0)) {
    eco_h5_io_errno_reset(); /* set by a failed write below MPI-IO: ENOSPC, EFBIG... */
    herr_t rc = write ? H5Dwrite(d, mtype, mspace, fspace, f->dxpl, buf)
                      : H5Dread(d, mtype, mspace, fspace, f->dxpl, buf);
    char why[128];
    if (rc < 0)
      st = eco_error_set(ECO_ERR_HDF5, __FILE__, __LINE__,
                         "%s: %s of dataset %s failed%s", f->path,
                         write ? "collective write" : "collective read", name,
                         io_reason(why));
    else if (write && eco_fault_hit(ECO_FAULT_WRITE))
      st = eco_error_set(ECO_ERR_IO, __FILE__, __LINE__,
                         "%s: write of dataset %s failed (%s)", f->path, name,
                         strerror(EIO));
  }
  if (mspace >= 0) H5Sclose(mspace);
  if (fspace >= 0) H5Sclose(fspace);
  if (mtype >= 0) H5Tclose(mtype);
  if (d >= 0) H5Dclose(d);
  return eco_agree(f->comm, st);
}

eco_status eco_h5_dataset_write(eco_h5 *f, const char *name, eco_h5_type type,
                                int64_t row0, int64_t nrows, const void *buf) {
  return transfer(f, name, type, row0, nrows, (void *)buf, 1);
}

eco_status eco_h5_dataset_read(eco_h5 *f, const char *name, eco_h5_type type,
                               int64_t row0, int64_t nrows, void *buf) {
  return transfer(f, name, type, row0, nrows, buf, 0);
}

eco_status eco_h5_rows_write(eco_h5 *f, const char *name, eco_h5_type type,
                             size_t strsize, int64_t local_rows, int64_t ncols,
                             const void *buf, const eco_h5_layout *layout,
                             int64_t *row0_out) {
  int64_t row0 = 0, total = 0;
  ECO_CALL_MPI(MPI_Exscan(&local_rows, &row0, 1, MPI_INT64_T, MPI_SUM, f->comm));
  if (f->rank == 0) row0 = 0; /* MPI_Exscan leaves rank 0's value undefined */
  ECO_CALL_MPI(MPI_Allreduce(&local_rows, &total, 1, MPI_INT64_T, MPI_SUM, f->comm));
  ECO_CALL(eco_h5_dataset_create(f, name, type, strsize, total, ncols, layout));
  ECO_CALL(eco_h5_dataset_write(f, name, type, row0, local_rows, buf));
  if (row0_out) *row0_out = row0;
  return ECO_OK;
}

/* ------------------------------------------------------------------------ */
/* Attributes                                                                */
/* ------------------------------------------------------------------------ */

/* Open object obj. Not agreed: callers agree on the status. */
static eco_status open_object(eco_h5 *f, const char *obj, hid_t *o) {
  *o = -1;
  int e = strcmp(obj, "/") == 0 ? 1 : link_exists(f, obj);
  if (e < 0) return eco_error_code();
  ECO_CHECK(e, ECO_ERR_INPUT, "%s: no object %s", f->path, obj);
  *o = H5Oopen(f->file, obj, H5P_DEFAULT);
  ECO_CHECK(*o >= 0, ECO_ERR_HDF5, "%s: cannot open %s", f->path, obj);
  return ECO_OK;
}

/* Attribute writes are collective: the ranks agree after each step, so that
 * a failure on one rank never leaves the others in a collective call. */
static eco_status attr_write(eco_h5 *f, const char *obj, const char *name,
                             hid_t ftype, hid_t mtype, const void *value) {
  hid_t o = -1, space = -1, a = -1;
  eco_status st = eco_agree(f->comm, open_object(f, obj, &o));
  if (st != ECO_OK) goto done;
  htri_t ex = H5Aexists(o, name);
  if (ex < 0)
    st = eco_error_set(ECO_ERR_HDF5, __FILE__, __LINE__,
                       "%s: cannot look up attribute %s on %s", f->path, name, obj);
  st = eco_agree(f->comm, st);
  if (st == ECO_OK && ex > 0 && H5Adelete(o, name) < 0)
    st = eco_error_set(ECO_ERR_HDF5, __FILE__, __LINE__,
                       "%s: cannot replace attribute %s on %s", f->path, name, obj);
  if (st == ECO_OK && (space = H5Screate(H5S_SCALAR)) < 0)
    st = eco_error_set(ECO_ERR_HDF5, __FILE__, __LINE__, "H5Screate failed");
  st = eco_agree(f->comm, st);
  if (st != ECO_OK) goto done;
  a = H5Acreate2(o, name, ftype, space, H5P_DEFAULT, H5P_DEFAULT);
  if (a < 0)
    st = eco_error_set(ECO_ERR_HDF5, __FILE__, __LINE__,
                       "%s: cannot create attribute %s on %s", f->path, name, obj);
  st = eco_agree(f->comm, st);
  if (st != ECO_OK) goto done;
  if (H5Awrite(a, mtype, value) < 0)
    st = eco_error_set(ECO_ERR_HDF5, __FILE__, __LINE__,
                       "%s: cannot write attribute %s on %s", f->path, name, obj);
  else if (eco_fault_hit(ECO_FAULT_WRITE))
    st = eco_error_set(ECO_ERR_IO, __FILE__, __LINE__,
                       "%s: cannot write attribute %s on %s (%s)", f->path, name,
                       obj, strerror(EIO));
  st = eco_agree(f->comm, st);
done:
  if (a >= 0) H5Aclose(a);
  if (space >= 0) H5Sclose(space);
  if (o >= 0) H5Oclose(o);
  return st;
}

eco_status eco_h5_attr_set_string(eco_h5 *f, const char *obj, const char *name,
                                  const char *value) {
  size_t n = strlen(value);
  hid_t t = string_type(n > 0 ? n : 1);
  eco_status st = eco_agree(f->comm, t >= 0 ? ECO_OK
                                            : eco_error_set(ECO_ERR_HDF5, __FILE__, __LINE__,
                                                            "cannot make a string type of %zu bytes",
                                                            n));
  if (st != ECO_OK) {
    if (t >= 0) H5Tclose(t);
    return st;
  }
  /* A zero-length value is stored as one NUL byte (reads back as ""). */
  char nul[1] = {0};
  st = attr_write(f, obj, name, t, t, n > 0 ? value : nul);
  H5Tclose(t);
  return st;
}

eco_status eco_h5_attr_set_double(eco_h5 *f, const char *obj, const char *name,
                                  double value) {
  return attr_write(f, obj, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, &value);
}

eco_status eco_h5_attr_set_int64(eco_h5 *f, const char *obj, const char *name,
                                 int64_t value) {
  return attr_write(f, obj, name, H5T_STD_I64LE, H5T_NATIVE_INT64, &value);
}

/* Open attribute name of obj; agreed: the same status on every rank, and on
 * failure nothing is left open. */
static eco_status attr_open(eco_h5 *f, const char *obj, const char *name,
                            hid_t *o, hid_t *a) {
  *a = -1;
  eco_status st = eco_agree(f->comm, open_object(f, obj, o));
  if (st != ECO_OK) {
    if (*o >= 0) H5Oclose(*o);
    *o = -1;
    return st;
  }
  htri_t ex = H5Aexists(*o, name);
  if (ex < 0)
    st = eco_error_set(ECO_ERR_HDF5, __FILE__, __LINE__,
                       "%s: cannot look up attribute %s of %s", f->path, name, obj);
  else if (ex == 0)
    st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                       "%s: %s has no attribute %s", f->path, obj, name);
  st = eco_agree(f->comm, st);
  if (st == ECO_OK) {
    *a = H5Aopen(*o, name, H5P_DEFAULT);
    if (*a < 0)
      st = eco_error_set(ECO_ERR_HDF5, __FILE__, __LINE__,
                         "%s: cannot open attribute %s of %s", f->path, name, obj);
    st = eco_agree(f->comm, st);
  }
  if (st != ECO_OK) {
    if (*a >= 0) H5Aclose(*a);
    H5Oclose(*o);
    *a = *o = -1;
  }
  return st;
}

eco_status eco_h5_attr_get_string(eco_h5 *f, const char *obj, const char *name,
                                  char **value) {
  *value = NULL;
  hid_t o, a, t = -1, mt = -1;
  ECO_CALL(attr_open(f, obj, name, &o, &a));
  eco_status st = ECO_OK;
  char *buf = NULL;
  ECO_CALL_H5_GOTO(st, t = H5Aget_type(a), done);
  ECO_CHECK_GOTO(st, H5Tget_class(t) == H5T_STRING, ECO_ERR_INPUT, done,
                 "%s: attribute %s of %s is not a string", f->path, name, obj);
  if (H5Tis_variable_str(t) > 0) {
    char *vl = NULL;
    ECO_CALL_H5_GOTO(st, mt = H5Tcopy(H5T_C_S1), done);
    ECO_CALL_H5_GOTO(st, H5Tset_size(mt, H5T_VARIABLE), done);
    ECO_CHECK_GOTO(st, H5Aread(a, mt, &vl) >= 0, ECO_ERR_HDF5, done,
                   "%s: cannot read attribute %s of %s", f->path, name, obj);
    st = eco_strdup(vl ? vl : "", &buf);
    if (vl) H5free_memory(vl);
  } else {
    size_t n = H5Tget_size(t);
    ECO_CHECK_GOTO(st, n > 0, ECO_ERR_HDF5, done,
                   "%s: cannot read attribute %s of %s", f->path, name, obj);
    ECO_CALL_GOTO(st, eco_calloc(n + 1, 1, &buf), done);
    ECO_CALL_H5_GOTO(st, mt = string_type(n), done);
    ECO_CHECK_GOTO(st, H5Aread(a, mt, buf) >= 0, ECO_ERR_HDF5, done,
                   "%s: cannot read attribute %s of %s", f->path, name, obj);
    buf[n] = '\0';
  }
done:
  if (mt >= 0) H5Tclose(mt);
  if (t >= 0) H5Tclose(t);
  H5Aclose(a);
  H5Oclose(o);
  st = eco_agree(f->comm, st);
  if (st == ECO_OK)
    *value = buf;
  else
    free(buf);
  return st;
}

static eco_status attr_get_num(eco_h5 *f, const char *obj, const char *name,
                               hid_t mtype, void *value) {
  hid_t o, a, t = -1;
  ECO_CALL(attr_open(f, obj, name, &o, &a));
  eco_status st = ECO_OK;
  t = H5Aget_type(a);
  H5T_class_t cls = t >= 0 ? H5Tget_class(t) : H5T_NO_CLASS;
  if (t < 0 || cls == H5T_NO_CLASS)
    st = eco_error_set(ECO_ERR_HDF5, __FILE__, __LINE__,
                       "%s: cannot read the type of attribute %s of %s", f->path,
                       name, obj);
  else if (cls != H5T_INTEGER && cls != H5T_FLOAT)
    st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                       "%s: attribute %s of %s is not a number", f->path, name, obj);
  else if (H5Aread(a, mtype, value) < 0)
    st = eco_error_set(ECO_ERR_HDF5, __FILE__, __LINE__,
                       "%s: cannot read attribute %s of %s", f->path, name, obj);
  if (t >= 0) H5Tclose(t);
  H5Aclose(a);
  H5Oclose(o);
  return eco_agree(f->comm, st);
}

eco_status eco_h5_attr_get_double(eco_h5 *f, const char *obj, const char *name,
                                  double *value) {
  return attr_get_num(f, obj, name, H5T_NATIVE_DOUBLE, value);
}

eco_status eco_h5_attr_get_int64(eco_h5 *f, const char *obj, const char *name,
                                 int64_t *value) {
  return attr_get_num(f, obj, name, H5T_NATIVE_INT64, value);
}

/* ------------------------------------------------------------------------ */

void eco_block_range(int64_t n, int rank, int size, int64_t *start,
                     int64_t *count) {
  if (n <= 0 || size <= 0 || rank < 0 || rank >= size) {
    *start = n > 0 ? n : 0;
    *count = 0;
    return;
  }
  int64_t base = n / size, extra = n % size;
  *count = base + (rank < extra ? 1 : 0);
  *start = (int64_t)rank * base + (rank < extra ? rank : extra);
}
