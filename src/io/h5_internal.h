/* src/io's own view of the HDF5 layer (h5.c), beyond include/ecoscale/io.h:
 * how results.c learns why a write failed and closes a file it is about to
 * delete. */
#ifndef ECOSCALE_IO_H5_INTERNAL_H
#define ECOSCALE_IO_H5_INTERNAL_H

#include "ecoscale/io.h"

/* The system error (errno: ENOSPC, EFBIG, EIO...) of the last failed write,
 * resize or sync of an HDF5 file opened for writing, the same on every rank
 * of the file (see h5.c, "MPI-IO under HDF5"); 0 if there was none since the
 * last eco_h5_io_errno_reset. */
int eco_h5_io_errno(void);
void eco_h5_io_errno_reset(void);

/* Close a file whose contents are given up (the caller deletes it): no
 * more writes reach the file, so the close cannot fail on a full disk and
 * every rank takes the same path through it. Accepts NULL; sets *f = NULL.
 * Collective. */
void eco_h5_close_discard(eco_h5 **f);

#endif
