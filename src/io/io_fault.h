/* Failure injection in src/io (ECO_FAULT_INJECT builds only; see
 * src/core/fault.c and docs/reliability.md, "Failure injection").
 *
 * Included after <hdf5.h> by the files of src/io that call HDF5. Every HDF5
 * call that can fail is wrapped: the real call is made, then, if it is the
 * event ECO_FAULT=h5:N names, its result is replaced by HDF5's failure value
 * (a negative id or status, 0 for sizes) and an id it returned is released.
 * Calling first keeps the ranks in step inside collective HDF5 operations,
 * so that a failure on one rank only is the case the code must handle (by
 * agreeing before its next collective step), not a hang inside HDF5. File
 * creation and opening are handled where they are called (h5.c). Closing
 * calls other than H5Fclose are not counted (their result is not used and
 * HDF5 releases the id whatever it returns). In normal builds this header
 * defines nothing. */
#ifndef ECOSCALE_IO_FAULT_H
#define ECOSCALE_IO_FAULT_H

#include <hdf5.h>

#include "ecoscale/core.h"

#ifdef ECO_FAULT_INJECT

static inline long long eco_fault_h5_neg(long long r) {
  return eco_fault_hit(ECO_FAULT_H5) ? -1 : r;
}
static inline size_t eco_fault_h5_size(size_t r) {
  return eco_fault_hit(ECO_FAULT_H5) ? 0 : r;
}
static inline hid_t eco_fault_h5_id(hid_t id) {
  if (!eco_fault_hit(ECO_FAULT_H5)) return id;
  if (id >= 0) H5Idec_ref(id);
  return -1;
}

#define ECO_FAULT_H5_NEG_(type, call) ((type)eco_fault_h5_neg((long long)(call)))

/* Calls returning an id. */
#define H5Pcreate(...) eco_fault_h5_id(H5Pcreate(__VA_ARGS__))
#define H5Tcopy(...) eco_fault_h5_id(H5Tcopy(__VA_ARGS__))
#define H5Screate(...) eco_fault_h5_id(H5Screate(__VA_ARGS__))
#define H5Screate_simple(...) eco_fault_h5_id(H5Screate_simple(__VA_ARGS__))
#define H5Dcreate2(...) eco_fault_h5_id(H5Dcreate2(__VA_ARGS__))
#define H5Dopen2(...) eco_fault_h5_id(H5Dopen2(__VA_ARGS__))
#define H5Dget_space(...) eco_fault_h5_id(H5Dget_space(__VA_ARGS__))
#define H5Dget_type(...) eco_fault_h5_id(H5Dget_type(__VA_ARGS__))
#define H5Dget_create_plist(...) eco_fault_h5_id(H5Dget_create_plist(__VA_ARGS__))
#define H5Gcreate2(...) eco_fault_h5_id(H5Gcreate2(__VA_ARGS__))
#define H5Gopen2(...) eco_fault_h5_id(H5Gopen2(__VA_ARGS__))
#define H5Oopen(...) eco_fault_h5_id(H5Oopen(__VA_ARGS__))
#define H5Acreate2(...) eco_fault_h5_id(H5Acreate2(__VA_ARGS__))
#define H5Aopen(...) eco_fault_h5_id(H5Aopen(__VA_ARGS__))
#define H5Aget_type(...) eco_fault_h5_id(H5Aget_type(__VA_ARGS__))
#define H5Aget_space(...) eco_fault_h5_id(H5Aget_space(__VA_ARGS__))

/* Calls returning a status, a truth value or a count (negative: failure). */
#define H5Pset_fapl_mpio(...) ECO_FAULT_H5_NEG_(herr_t, H5Pset_fapl_mpio(__VA_ARGS__))
#define H5Pset_all_coll_metadata_ops(...) ECO_FAULT_H5_NEG_(herr_t, H5Pset_all_coll_metadata_ops(__VA_ARGS__))
#define H5Pset_coll_metadata_write(...) ECO_FAULT_H5_NEG_(herr_t, H5Pset_coll_metadata_write(__VA_ARGS__))
#define H5Pset_libver_bounds(...) ECO_FAULT_H5_NEG_(herr_t, H5Pset_libver_bounds(__VA_ARGS__))
#define H5Pset_dxpl_mpio(...) ECO_FAULT_H5_NEG_(herr_t, H5Pset_dxpl_mpio(__VA_ARGS__))
#define H5Pset_create_intermediate_group(...) ECO_FAULT_H5_NEG_(herr_t, H5Pset_create_intermediate_group(__VA_ARGS__))
#define H5Pset_chunk(...) ECO_FAULT_H5_NEG_(herr_t, H5Pset_chunk(__VA_ARGS__))
#define H5Pset_deflate(...) ECO_FAULT_H5_NEG_(herr_t, H5Pset_deflate(__VA_ARGS__))
#define H5Pset_fill_time(...) ECO_FAULT_H5_NEG_(herr_t, H5Pset_fill_time(__VA_ARGS__))
#define H5Pget_layout(...) ECO_FAULT_H5_NEG_(H5D_layout_t, H5Pget_layout(__VA_ARGS__))
#define H5Pget_chunk(...) ECO_FAULT_H5_NEG_(int, H5Pget_chunk(__VA_ARGS__))
#define H5Pget_nfilters(...) ECO_FAULT_H5_NEG_(int, H5Pget_nfilters(__VA_ARGS__))
#define H5Pget_filter2(...) ECO_FAULT_H5_NEG_(H5Z_filter_t, H5Pget_filter2(__VA_ARGS__))
#define H5Tset_size(...) ECO_FAULT_H5_NEG_(herr_t, H5Tset_size(__VA_ARGS__))
#define H5Tset_strpad(...) ECO_FAULT_H5_NEG_(herr_t, H5Tset_strpad(__VA_ARGS__))
#define H5Tget_class(...) ECO_FAULT_H5_NEG_(H5T_class_t, H5Tget_class(__VA_ARGS__))
#define H5Tget_sign(...) ECO_FAULT_H5_NEG_(H5T_sign_t, H5Tget_sign(__VA_ARGS__))
#define H5Tdetect_class(...) ECO_FAULT_H5_NEG_(htri_t, H5Tdetect_class(__VA_ARGS__))
#define H5Tis_variable_str(...) ECO_FAULT_H5_NEG_(htri_t, H5Tis_variable_str(__VA_ARGS__))
#define H5Tget_size(...) eco_fault_h5_size(H5Tget_size(__VA_ARGS__))
#define H5Sget_simple_extent_ndims(...) ECO_FAULT_H5_NEG_(int, H5Sget_simple_extent_ndims(__VA_ARGS__))
#define H5Sget_simple_extent_dims(...) ECO_FAULT_H5_NEG_(int, H5Sget_simple_extent_dims(__VA_ARGS__))
#define H5Sget_simple_extent_npoints(...) ECO_FAULT_H5_NEG_(hssize_t, H5Sget_simple_extent_npoints(__VA_ARGS__))
#define H5Sselect_hyperslab(...) ECO_FAULT_H5_NEG_(herr_t, H5Sselect_hyperslab(__VA_ARGS__))
#define H5Sselect_none(...) ECO_FAULT_H5_NEG_(herr_t, H5Sselect_none(__VA_ARGS__))
#define H5Dwrite(...) ECO_FAULT_H5_NEG_(herr_t, H5Dwrite(__VA_ARGS__))
#define H5Dread(...) ECO_FAULT_H5_NEG_(herr_t, H5Dread(__VA_ARGS__))
#define H5Dvlen_reclaim(...) ECO_FAULT_H5_NEG_(herr_t, H5Dvlen_reclaim(__VA_ARGS__))
#define H5Lexists(...) ECO_FAULT_H5_NEG_(htri_t, H5Lexists(__VA_ARGS__))
#define H5Lvisit(...) ECO_FAULT_H5_NEG_(herr_t, H5Lvisit(__VA_ARGS__))
#define H5Oget_info_by_name(...) ECO_FAULT_H5_NEG_(herr_t, H5Oget_info_by_name(__VA_ARGS__))
#define H5Aexists(...) ECO_FAULT_H5_NEG_(htri_t, H5Aexists(__VA_ARGS__))
#define H5Adelete(...) ECO_FAULT_H5_NEG_(herr_t, H5Adelete(__VA_ARGS__))
#define H5Awrite(...) ECO_FAULT_H5_NEG_(herr_t, H5Awrite(__VA_ARGS__))
#define H5Aread(...) ECO_FAULT_H5_NEG_(herr_t, H5Aread(__VA_ARGS__))
#define H5Aiterate2(...) ECO_FAULT_H5_NEG_(herr_t, H5Aiterate2(__VA_ARGS__))
#define H5Fis_hdf5(...) ECO_FAULT_H5_NEG_(htri_t, H5Fis_hdf5(__VA_ARGS__))
#define H5Fflush(...) ECO_FAULT_H5_NEG_(herr_t, H5Fflush(__VA_ARGS__))
#define H5Fclose(...) ECO_FAULT_H5_NEG_(herr_t, H5Fclose(__VA_ARGS__))

#endif /* ECO_FAULT_INJECT */
#endif /* ECOSCALE_IO_FAULT_H */
