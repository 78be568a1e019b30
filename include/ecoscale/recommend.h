/* ecoscale recommend: recommender training with users and items sharded over
 * MPI ranks, and eco-aware ranking.
 *
 * Commands (registered in src/cli/commands.c):
 *   recommend [INTERACTIONS.csv|.tsv|.dat|.h5]   train a model, rank, evaluate
 *   import interactions FILE -o OUT.h5           convert a log to HDF5
 *   generate interactions -o OUT.h5              synthetic log of any size
 *
 * Models: ALS for implicit feedback (Hu, Koren, Volinsky 2008; k x k normal
 * equations solved by LAPACK), matrix factorization for explicit ratings
 * (biases + factors, SGD with L2), the embedding + linear click model
 * (user and item embeddings concatenated, a linear layer, sigmoid, binary
 * cross-entropy, Adam) trained on implicit labels with negative sampling,
 * and BPR (Adam, negative sampling).
 * See docs/recommend.md for the options, the formats and the algorithms.
 */
#ifndef ECOSCALE_RECOMMEND_H
#define ECOSCALE_RECOMMEND_H

#include "ecoscale/run.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The `recommend` command and its option table (section [recommend]). */
extern const eco_command eco_recommend_command;
/* `import interactions`: log (+ item table) -> /interactions, /items. */
extern const eco_command eco_import_interactions_command;
/* `generate interactions`: a synthetic log written as /interactions, /items. */
extern const eco_command eco_generate_interactions_command;

extern const eco_option_table eco_recommend_option_table;

/* Eco-aware top-K of one user: the K items of largest
 * relevance[i] + beta * eco[i] among items with allowed[i] != 0 (NULL: all),
 * ties broken by the smaller item index. Writes min(K, allowed count) items
 * and their combined scores (descending) and returns how many.
 * Not collective. */
int eco_recommend_topk(const float *relevance, const float *eco,
                       const unsigned char *allowed, int64_t nitems, double beta,
                       int k, int32_t *items_out, float *scores_out);

#ifdef __cplusplus
}
#endif
#endif /* ECOSCALE_RECOMMEND_H */
