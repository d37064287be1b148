#!/usr/bin/python3
"""scripts/bench's single-process scikit-learn peer (not part of needmap): what a data scientist
would write in a notebook to segment an audience by who it follows.

    sklearn_baseline.py FOLLOWS_CSV K OUT_CSV

1. pandas read_csv of follows.csv (account_id, followed_id as categories, which keeps 60M rows in
   a few hundred MB); malformed lines are skipped and rows with an empty id dropped: the dirty rows
   a data scientist would drop. Nothing else is validated: follows of accounts missing from
   accounts.csv stay in, as in the MLlib baseline.
2. A binary account x followed-account sparse matrix (a repeated follow counts once), without the
   followed accounts only one member follows (min_df=2, as TfidfVectorizer(min_df=2) would: they
   carry no co-occurrence, and the realistic long tail makes them ~30 columns per member).
3. TfidfTransformer (scikit-learn's defaults: smooth idf, L2-normalised rows).
4. TruncatedSVD with 100 components (randomized, random_state=7): 100 is what scikit-learn's
   documentation recommends for latent semantic analysis; needmap embeds in 64 (features.dimensions)
   and the MLlib baseline does not reduce at all.
5. L2 normalisation of the embedding rows (k-means on the unit sphere ~ cosine, as in LSA recipes).
6. KMeans (full Lloyd, k-means++ seeding) with the planted k, n_init=3, random_state=7. Plain KMeans,
   not MiniBatchKMeans: a 1M x 100 dense embedding is 0.8 GB and one Lloyd pass over it takes about a
   second on two cores. n_init=3 sits between scikit-learn 1.4+'s default (1 for k-means++) and
   1.2's (10), which would make KMeans most of the peer's time.

Writes account_id,segment_id for every account with at least one kept follow, and prints one
key=value line per step with its seconds (and the matrix shape) on stdout.

Runs on Debian's python3-sklearn / python3-pandas (scripts/bench installs them), hence /usr/bin/python3.
"""

import sys
import time

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.preprocessing import normalize

MIN_DF = 2
SVD_COMPONENTS = 100
N_INIT = 3
SEED = 7


def main(follows_csv, k, out_csv):
    clock = time.perf_counter()
    started = clock

    def step(name, **facts):
        nonlocal clock
        now = time.perf_counter()
        print(f"{name}_seconds={now - clock:.1f}", *(f"{key}={value}" for key, value in facts.items()), flush=True)
        clock = now

    follows = pd.read_csv(
        follows_csv,
        usecols=["account_id", "followed_id"],
        dtype={"account_id": "category", "followed_id": "category"},
        on_bad_lines="skip",
        engine="c",
    )
    # An empty field is NaN, i.e. category code -1.
    rows = follows["account_id"].cat.codes.to_numpy()
    cols = follows["followed_id"].cat.codes.to_numpy()
    kept = (rows >= 0) & (cols >= 0)
    step("read", rows_read=len(follows), rows_kept=int(kept.sum()))

    accounts = follows["account_id"].cat.categories
    matrix = sparse.csr_matrix(
        (np.ones(int(kept.sum()), dtype=np.float64), (rows[kept], cols[kept])),
        shape=(len(accounts), len(follows["followed_id"].cat.categories)),
    )
    matrix.data[:] = 1.0  # duplicates were summed: a follow is there or not
    # Every account with a kept follow row is segmented (the MLlib baseline's set), even one whose
    # follows are all pruned below: it embeds at 0 and joins the nearest centre.
    has_follows = np.diff(matrix.indptr) > 0
    matrix = matrix[has_follows]
    accounts = accounts[has_follows]
    # min_df: a followed account only one member follows says nothing about who is alike, and the
    # realistic long tail has ~30 of them per member (30M columns at 1M accounts, more than the
    # randomized SVD's n_features x 110 doubles fit in memory).
    followers = np.diff(matrix.tocsc().indptr)
    matrix = matrix[:, np.flatnonzero(followers >= MIN_DF)]
    del follows, rows, cols, kept
    step("matrix", accounts=matrix.shape[0], followed=matrix.shape[1], nonzeros=matrix.nnz)

    tfidf = TfidfTransformer().fit_transform(matrix)
    step("tfidf")

    components = min(SVD_COMPONENTS, min(tfidf.shape) - 1)
    embedding = TruncatedSVD(n_components=components, random_state=SEED).fit_transform(tfidf)
    embedding = normalize(embedding)
    step("svd", components=components)

    labels = KMeans(n_clusters=k, n_init=N_INIT, random_state=SEED).fit_predict(embedding)
    step("kmeans", k=k, n_init=N_INIT)

    pd.DataFrame({"account_id": np.asarray(accounts), "segment_id": labels}).to_csv(out_csv, index=False)
    step("write")
    print(f"seconds={time.perf_counter() - started:.1f}")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: sklearn_baseline.py FOLLOWS_CSV K OUT_CSV")
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
