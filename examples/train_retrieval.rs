//! Trains the verified-claim retrieval model and writes `src/retrieval_model.rs`.
//!
//!     cargo run --release --example train_retrieval -- DATA_DIR [--out src/retrieval_model.rs]
//!
//! DATA_DIR holds the CLEF CheckThat! 2020 Task 2 data as `data/v3.zip` of
//! `sshaar/clef2020-factchecking-task2` unpacks it: `v3.0/verified_claims.docs.tsv`
//! (`vclaim_id<TAB>vclaim<TAB>title`) and `v3.0/train|dev/tweets.queries.tsv`
//! (`tweet_id<TAB>tweet_content`) with `tweet-vclaim-pairs.qrels` (`tweet_id 0 vclaim_id
//! 1`). Nothing is fetched. Each verified claim is an entry (claim, title); for every
//! training tweet the first stage's candidates and their features are computed once
//! (with the k1, b, title and word-pair weights of a small grid that give the first stage its best
//! training MAP@5; `--shipped-first-stage` keeps the shipped model's instead), then the
//! weights of [`claimtrace::retrieval::FEATURES`] are fitted by pairwise logistic
//! regression (each relevant candidate against each other one) and refined by
//! coordinate ascent on MAP@5 (each weight in turn tried at every value of a fixed grid,
//! kept when the training MAP@5 rises; rounds until nothing changes), in a fixed order,
//! so the same data gives the same table, byte for byte. Dev MAP@5 and the share of
//! queries with a relevant entry among the candidates are printed (`--folds N`: and the
//! training tweets' MAP@5 cross-validated over N folds, each ranked by the weights
//! fitted on the others, a steadier measure than the 197 dev tweets, and the dev MAP@5
//! of each fold's weights and of their mean, the spread of dev that the fit alone
//! makes; `--misses`: each dev tweet whose claim is not first, with the top five and
//! their features); the test tweets are never read.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use claimtrace::retrieval::{Entry, Index, Settings, FEATURES};

type Features = [f64; FEATURES.len()];

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| {
        eprintln!("train_retrieval: cannot read {}: {e}", path.display());
        std::process::exit(1)
    })
}

/// Rows of a TSV file with a header line: (id, the other columns).
fn tsv(path: &Path) -> Vec<(String, Vec<String>)> {
    read(path)
        .lines()
        .skip(1)
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let id = cols.next()?.trim().to_string();
            Some((id, cols.map(str::to_string).collect()))
        })
        .collect()
}

fn qrels(path: &Path) -> HashMap<String, HashSet<String>> {
    let mut out: HashMap<String, HashSet<String>> = HashMap::new();
    for l in read(path).lines() {
        let cols: Vec<&str> = l.split_whitespace().collect();
        if cols.len() >= 4 && cols[3] != "0" {
            out.entry(cols[0].to_string())
                .or_default()
                .insert(cols[2].to_string());
        }
    }
    out
}

/// A query: its candidates (entry, features) and how many entries are relevant.
struct Query {
    text: String,
    candidates: Vec<(usize, Features)>,
    relevant: HashSet<usize>,
}

fn queries(index: &Index, ids: &HashMap<String, usize>, dir: &Path) -> Vec<Query> {
    let gold = qrels(&dir.join("tweet-vclaim-pairs.qrels"));
    tsv(&dir.join("tweets.queries.tsv"))
        .into_iter()
        .filter_map(|(id, cols)| {
            let relevant: HashSet<usize> = gold
                .get(&id)?
                .iter()
                .filter_map(|v| ids.get(v).copied())
                .collect();
            let text = cols.join(" ");
            Some(Query {
                candidates: index.candidates(&text),
                text,
                relevant,
            })
        })
        .collect()
}

/// The candidates of `q` scored by `weights`, best first: (score, entry, features).
fn ranked<'q>(q: &'q Query, weights: &[f64]) -> Vec<(f64, usize, &'q Features)> {
    let mut scored: Vec<(f64, usize, &Features)> = q
        .candidates
        .iter()
        .map(|(e, f)| (f.iter().zip(weights).map(|(x, w)| x * w).sum(), *e, f))
        .collect();
    scored.sort_by(|a, b| {
        b.0.partial_cmp(&a.0)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.1.cmp(&b.1))
    });
    scored
}

/// Average precision at `k` of `q` ranked by `weights` (the official measure: each
/// relevant entry in the top `k` adds the precision at its rank; divided by the number
/// of relevant entries).
fn average_precision(q: &Query, weights: &[f64], k: usize) -> f64 {
    if q.relevant.is_empty() {
        return 0.0;
    }
    let (mut hits, mut ap) = (0.0, 0.0);
    for (rank, (_, e, _)) in ranked(q, weights).iter().take(k).enumerate() {
        if q.relevant.contains(e) {
            hits += 1.0;
            ap += hits / (rank + 1) as f64;
        }
    }
    ap / q.relevant.len() as f64
}

/// MAP@k of `weights` over `qs`.
fn map_at<Q: std::borrow::Borrow<Query>>(qs: &[Q], weights: &[f64], k: usize) -> f64 {
    let total: f64 = qs
        .iter()
        .map(|q| average_precision(q.borrow(), weights, k))
        .sum();
    total / qs.len().max(1) as f64
}

/// Prints each query of `qs` whose relevant entries are not all first: its text, the
/// relevant entries with their rank, and the top five, each with its score and the
/// features that are not zero.
fn print_misses(qs: &[Query], entries: &[Entry], weights: &[f64]) {
    let show = |rank: usize, score: f64, e: usize, f: &Features, mark: &str| {
        let claim = entries.get(e).map_or("", |x| x.claim.as_str());
        println!("  {mark}{:>2} {score:7.3} {claim}", rank + 1);
        let named: Vec<String> = FEATURES
            .iter()
            .zip(f.iter())
            .filter(|(_, x)| **x != 0.0)
            .map(|(n, x)| format!("{n}={x:.2}"))
            .collect();
        println!("         {}", named.join(" "));
    };
    for q in qs {
        if average_precision(q, weights, 5) >= 1.0 - 1e-9 {
            continue;
        }
        println!("MISS {}", q.text);
        let all = ranked(q, weights);
        for (rank, (score, e, f)) in all.iter().enumerate() {
            if q.relevant.contains(e) {
                show(rank, *score, *e, f, "*");
            }
        }
        if !all.iter().any(|(_, e, _)| q.relevant.contains(e)) {
            for e in &q.relevant {
                let claim = entries.get(*e).map_or("", |x| x.claim.as_str());
                println!("  * -- not a candidate: {claim}");
            }
        }
        for (rank, (score, e, f)) in all.iter().enumerate().take(5) {
            show(rank, *score, *e, f, " ");
        }
    }
}

/// Weights fitted by pairwise logistic regression (a linear RankNet): for every
/// training query, each relevant candidate against each other candidate, the
/// probability that the relevant one scores higher; full-batch gradient descent with a
/// small L2 penalty, from zero, a fixed number of steps (deterministic). Scaled so that
/// the first stage's rank weighs 1.
fn pairwise<Q: std::borrow::Borrow<Query>>(qs: &[Q]) -> Vec<f64> {
    let n = FEATURES.len();
    let mut pairs: Vec<Vec<f64>> = Vec::new();
    for q in qs.iter().map(Q::borrow) {
        for (e, good) in &q.candidates {
            if !q.relevant.contains(e) {
                continue;
            }
            for (o, bad) in &q.candidates {
                if !q.relevant.contains(o) {
                    pairs.push(good.iter().zip(bad).map(|(g, b)| g - b).collect());
                }
            }
        }
    }
    let mut w = vec![0.0; n];
    let (rate, l2) = (0.5, 1e-4);
    for _ in 0..2000 {
        let mut grad = vec![0.0; n];
        for d in &pairs {
            let s: f64 = d.iter().zip(&w).map(|(x, y)| x * y).sum();
            let p = 1.0 / (1.0 + s.exp());
            for (g, x) in grad.iter_mut().zip(d) {
                *g -= p * x;
            }
        }
        for (wi, g) in w.iter_mut().zip(&grad) {
            *wi -= rate * (g / pairs.len().max(1) as f64 + l2 * *wi);
        }
    }
    let scale = w[n - 1].abs().max(1e-9);
    w.iter()
        .map(|x| (x / scale * 1000.0).round() / 1000.0)
        .collect()
}

/// Coordinate ascent on MAP@5 of `qs` from `w`: each weight in turn (but the last,
/// the first stage's rank, which stays 1: the scale of the scores is free) tried at
/// every value of a grid of 0.25 from -2 to 6, kept when MAP@5 rises; rounds until
/// nothing changes (at most ten). `report` is called after each round. (Up to 4, the
/// four-gram and cosine weights stopped at the top: cross-validated MAP@5 0.883; up to
/// 6, 0.888.)
fn ascend<Q: std::borrow::Borrow<Query>>(
    qs: &[Q],
    mut w: Vec<f64>,
    report: impl Fn(usize, f64, &[f64]),
) -> (Vec<f64>, f64) {
    let grid: Vec<f64> = (-8..=24).map(|i| f64::from(i) * 0.25).collect();
    let mut best = map_at(qs, &w, 5);
    for round in 0..10 {
        let mut changed = false;
        for i in 0..w.len() - 1 {
            for &g in &grid {
                let mut t = w.clone();
                t[i] = g;
                let m = map_at(qs, &t, 5);
                if m > best + 1e-9 {
                    best = m;
                    w = t;
                    changed = true;
                }
            }
        }
        report(round, best, &w);
        if !changed {
            break;
        }
    }
    (w, best)
}

/// Every combination of four lists of values, in order.
fn grid4(a: &[f64], b: &[f64], c: &[f64], d: &[f64]) -> Vec<(f64, f64, f64, f64)> {
    let mut out = Vec::new();
    for &w in a {
        for &x in b {
            for &y in c {
                for &z in d {
                    out.push((w, x, y, z));
                }
            }
        }
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first().map(PathBuf::from) else {
        eprintln!("usage: train_retrieval DATA_DIR [--out src/retrieval_model.rs]");
        std::process::exit(2)
    };
    let out = args
        .iter()
        .position(|a| a == "--out")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from);
    let v3 = dir.join("v3.0");
    let mut entries = Vec::new();
    let mut ids = HashMap::new();
    for (id, cols) in tsv(&v3.join("verified_claims.docs.tsv")) {
        ids.insert(id, entries.len());
        entries.push(Entry {
            claim: cols.first().cloned().unwrap_or_default(),
            title: cols.get(1).cloned().unwrap_or_default(),
        });
    }
    // The first stage: BM25's k1 and b and the title's weight, the best on the
    // training tweets of a small grid (by MAP@5 of the first stage alone).
    let first_only = |n: usize| {
        let mut w = vec![0.0; n];
        w[0] = 1.0;
        w
    };
    let mut settings = Settings {
        k1: 1.2,
        b: 0.75,
        title: 0.5,
        pairs: 0.0,
    };
    let mut best_first = -1.0;
    // `--shipped-first-stage`: the shipped model's first stage, without the grid.
    let shipped = args.iter().any(|a| a == "--shipped-first-stage");
    let grid = if shipped {
        let s = Settings::default();
        vec![(s.k1, s.b, s.title, s.pairs)]
    } else {
        grid4(
            &[0.45, 0.6, 0.9],
            &[0.75, 0.9, 1.0],
            &[0.25, 0.5, 0.75],
            &[0.0, 0.25, 0.5, 1.0],
        )
    };
    for (k1, b, title, pairs) in grid {
        {
            {
                let s = Settings {
                    k1,
                    b,
                    title,
                    pairs,
                };
                let index = Index::with(&entries, s, first_only(FEATURES.len()));
                let train = queries(&index, &ids, &v3.join("train"));
                // The candidates come in the first stage's order: rank is the score.
                let mut w = vec![0.0; FEATURES.len()];
                w[FEATURES.len() - 1] = 1.0;
                let m = map_at(&train, &w, 5);
                if m > best_first + 1e-9 {
                    best_first = m;
                    settings = s;
                }
            }
        }
    }
    println!("first stage: {settings:?}, MAP@5 train {best_first:.4}");
    let index = Index::with(&entries, settings, first_only(FEATURES.len()));
    let train = queries(&index, &ids, &v3.join("train"));
    let dev = queries(&index, &ids, &v3.join("dev"));
    let mut w: Vec<f64> = vec![0.0; FEATURES.len()];
    w[FEATURES.len() - 1] = 1.0;
    println!(
        "first stage: MAP@5 train {:.4}, dev {:.4}",
        map_at(&train, &w, 5),
        map_at(&dev, &w, 5)
    );
    let recall = |qs: &[Query]| {
        let found = qs
            .iter()
            .filter(|q| q.candidates.iter().any(|(e, _)| q.relevant.contains(e)))
            .count();
        found as f64 / qs.len().max(1) as f64
    };
    // Dev tweets whose verified claims no training tweet has: a measure of what the
    // model does for claims it has not seen matched.
    let seen: HashSet<usize> = train
        .iter()
        .flat_map(|q| q.relevant.iter().copied())
        .collect();
    let unseen: Vec<&Query> = dev
        .iter()
        .filter(|q| q.relevant.is_disjoint(&seen))
        .collect();
    println!(
        "dev tweets with claims no training tweet has: {}",
        unseen.len()
    );
    println!(
        "first stage: a relevant entry among the candidates: train {:.4}, dev {:.4}",
        recall(&train),
        recall(&dev)
    );
    w = pairwise(&train);
    println!(
        "pairwise: MAP@5 train {:.4}, dev {:.4} (unseen {:.4}), weights {w:?}",
        map_at(&train, &w, 5),
        map_at(&dev, &w, 5),
        map_at(&unseen, &w, 5)
    );
    let (w, best) = ascend(&train, w, |round, best, w| {
        println!(
            "round {round}: MAP@5 train {best:.4}, dev {:.4} (unseen {:.4}), weights {w:?}",
            map_at(&dev, w, 5),
            map_at(&unseen, w, 5)
        );
    });
    if let Some(folds) = args
        .iter()
        .position(|a| a == "--folds")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse::<usize>().ok())
        .filter(|n| *n >= 2)
    {
        // Cross-validation on the training tweets: each fold ranked by the weights
        // fitted on the others, pairwise then by coordinate ascent. The dev MAP@5 of
        // each fold's weights shows how far the fit alone moves it: a change of the
        // model that moves dev by less than that spread is not measured by dev.
        let mut total = 0.0;
        let mut on_dev = Vec::with_capacity(folds);
        let mut mean = vec![0.0; FEATURES.len()];
        for k in 0..folds {
            let held: Vec<&Query> = train.iter().skip(k).step_by(folds).collect();
            let rest: Vec<&Query> = (0..train.len())
                .filter(|i| i % folds != k)
                .map(|i| &train[i])
                .collect();
            let (fitted, _) = ascend(&rest, pairwise(&rest), |_, _, _| {});
            total += map_at(&held, &fitted, 5) * held.len() as f64;
            on_dev.push(map_at(&dev, &fitted, 5));
            for (m, x) in mean.iter_mut().zip(&fitted) {
                *m += x / folds as f64;
            }
        }
        println!(
            "cross-validated MAP@5 on train ({folds} folds): {:.4}",
            total / train.len().max(1) as f64
        );
        let shown: Vec<String> = on_dev.iter().map(|m| format!("{m:.4}")).collect();
        println!(
            "dev MAP@5 of each fold's weights: {}; of their mean: {:.4}",
            shown.join(" "),
            map_at(&dev, &mean, 5)
        );
    }
    if args.iter().any(|a| a == "--misses") {
        print_misses(&dev, &entries, &w);
    }
    let table = format!(
        "//! The verified-claim retrieval model: GENERATED, do not edit by hand.\n\
         //!\n\
         //! Produced by `cargo run --release --example train_retrieval -- DATA_DIR --out src/retrieval_model.rs`\n\
         //! from the CLEF CheckThat! 2020 Task 2 data (sshaar/clef2020-factchecking-task2,\n\
         //! data/v3.zip): {} verified claims, {} training tweets. First stage: the best\n\
         //! k1, b, title and word-pair weights of a grid; then pairwise logistic regression,\n\
         //! refined by coordinate ascent on MAP@5 over a grid of 0.25 from -2 to 6, the first\n\
         //! stage's rank fixed at 1.\n\
         //! MAP@5: train {:.4}, dev {:.4}. See `crate::retrieval`.\n\n\
         /// BM25's `k1` and `b`, and the weight of the title's score in the first stage.\n\
         pub const K1: f64 = {:?};\n\
         pub const B: f64 = {:?};\n\
         pub const TITLE: f64 = {:?};\n\
         pub const PAIRS: f64 = {:?};\n\n\
         /// The weights of `crate::retrieval::FEATURES`, in its order.\n\
         pub const WEIGHTS: &[f64] = &[\n{}];\n",
        entries.len(),
        train.len(),
        best,
        map_at(&dev, &w, 5),
        settings.k1,
        settings.b,
        settings.title,
        settings.pairs,
        {
            // Aligned as rustfmt aligns trailing comments.
            let values: Vec<String> = w.iter().map(|x| format!("{x:?},")).collect();
            let width = values.iter().map(String::len).max().unwrap_or(0);
            values
                .iter()
                .zip(FEATURES)
                .map(|(x, name)| format!("    {x:<width$} // {name}\n"))
                .collect::<String>()
        }
    );
    match out {
        Some(path) => {
            if let Err(e) = std::fs::write(&path, table) {
                eprintln!("train_retrieval: cannot write {}: {e}", path.display());
                std::process::exit(1)
            }
            println!("wrote {}", path.display());
        }
        None => print!("{table}"),
    }
}
