/* ecoscale HDF5 tree copy: copy a group of one results file into another
 * with collective transfers (so deflated datasets can be written by every
 * rank with parallel HDF5 1.10, where H5Ocopy is not safe with filters).
 *
 * Groups are recreated, attributes copied byte for byte (any type and
 * shape, variable-length strings included), and each dataset is created
 * with eco_h5_dataset_create (same type, shape, chunk rows and deflate
 * level) and filled by reading row blocks of the source (eco_block_range)
 * and writing them with eco_h5_dataset_write. Supported datasets: 1-D or
 * 2-D of double, float, int32, int64 or fixed-length strings (the types of
 * io.h); anything else is ECO_ERR_INPUT naming the dataset. Soft and
 * external links are not followed (they are skipped with a debug line).
 */
#ifndef ECOSCALE_H5COPY_H
#define ECOSCALE_H5COPY_H

#include "ecoscale/io.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Copy the group src_path of src (with its attributes and everything below
 * it) to dst_path of dst; missing parents of dst_path are created; an
 * existing object at dst_path, or below it with the same name as a copied
 * one, is ECO_ERR_INPUT. Both files must be open on the same communicator.
 * max_block_bytes bounds the rows each rank holds at once (0: 16 MiB).
 * Collective on the files' communicator.
 * Errors: ECO_ERR_INPUT (missing source group, unsupported dataset,
 * destination exists), ECO_ERR_HDF5, ECO_ERR_MEM. */
eco_status eco_h5_copy_tree(eco_h5 *src, const char *src_path, eco_h5 *dst,
                            const char *dst_path, size_t max_block_bytes);

/* Copy every attribute of object src_obj ("/" for the file) of src onto
 * dst_obj of dst (an existing group or dataset); an attribute of the same
 * name on dst_obj is replaced. Collective.
 * Errors: ECO_ERR_INPUT (missing object), ECO_ERR_HDF5, ECO_ERR_MEM. */
eco_status eco_h5_copy_attrs(eco_h5 *src, const char *src_obj, eco_h5 *dst,
                             const char *dst_obj);

#ifdef __cplusplus
}
#endif
#endif /* ECOSCALE_H5COPY_H */
