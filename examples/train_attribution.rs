//! Trains the attribution fallback model and writes
//! `src/recognize/attribution/fallback_model.rs`.
//!
//!     python3 ../shared/eval/polnear2jsonl.py POLNEAR_GIT train -o /tmp/polnear-train.jsonl
//!     cargo run --release --example train_attribution -- /tmp/polnear-train.jsonl \
//!         [--out src/recognize/attribution/fallback_model.rs] [--cv]
//!
//! The input is PolNeAR's *train* split as gold JSONL (`{"id","text","mentions"}`, code-point
//! offsets; never dev or test). Each document goes through segmentation and the attribution
//! recogniser, which returns the relations its sentence-shape rules find and every cue word
//! they refused, read as a relation ([`claimtrace::recognize::attribution::training_candidates`]).
//! The gold relations are matched one to one with the rules' relations by largest overlap
//! (the convention of `score.py`); a candidate is positive when it overlaps a gold relation
//! left unmatched. The model is an L2-regularised logistic regression over the candidates'
//! named features that occur in at least `MIN_COUNT` candidates, fitted by full-batch
//! gradient descent in a fixed order, so the same data gives the same table, byte for byte.
//!
//! The threshold is chosen by five-fold cross-validation over documents: for each fold the
//! model is fitted on the other four, and the relaxed precision and recall of rules plus
//! accepted candidates are measured on the fold. The shipped threshold is the one with the
//! highest recall among those that keep cross-validated precision at least `MIN_PRECISION`.
//! `--cv` prints the table and writes nothing.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use claimtrace::recognize::attribution::{training_candidates, TrainingCandidate};
use claimtrace::recognize::Context;
use claimtrace::segment;
use claimtrace::span::{OffsetIndex, Span};

/// A feature enters the model when this many candidates have it.
const MIN_COUNT: usize = 3;
/// L2 penalty on the mean log-loss.
const L2: f64 = 0.002;
/// Gradient-descent steps and rate.
const STEPS: usize = 3000;
const RATE: f64 = 0.5;
/// The least cross-validated precision a threshold may leave: the precision floor the
/// recogniser is held to.
const MIN_PRECISION: f64 = 0.83;
const FOLDS: usize = 5;

/// One document: its gold relations, the rules' relations and the candidates, as byte
/// spans.
struct Doc {
    gold: Vec<Span>,
    rules: Vec<Span>,
    candidates: Vec<(Span, Vec<String>)>,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(input) = args.first().map(PathBuf::from) else {
        eprintln!(
            "usage: train_attribution POLNEAR_TRAIN.jsonl [--out FILE] [--cv]\n\
             (make the file with ../shared/eval/polnear2jsonl.py POLNEAR_GIT train -o FILE)"
        );
        std::process::exit(2);
    };
    let out = args
        .iter()
        .position(|a| a == "--out")
        .and_then(|k| args.get(k + 1))
        .map_or_else(
            || PathBuf::from("src/recognize/attribution/fallback_model.rs"),
            PathBuf::from,
        );
    let cv_only = args.iter().any(|a| a == "--cv");
    let docs = match read_docs(&input) {
        Ok(docs) => docs,
        Err(e) => {
            eprintln!("error: {}: {e}", input.display());
            std::process::exit(1);
        }
    };
    let n_candidates: usize = docs.iter().map(|d| d.candidates.len()).sum();
    eprintln!(
        "{} documents, {} gold relations, {} found by the rules, {} candidates",
        docs.len(),
        docs.iter().map(|d| d.gold.len()).sum::<usize>(),
        docs.iter().map(|d| d.rules.len()).sum::<usize>(),
        n_candidates
    );
    let labels: Vec<Vec<bool>> = docs.iter().map(labels_of).collect();
    let positives: usize = labels.iter().flatten().filter(|&&l| l).count();
    eprintln!("{positives} candidates overlap a gold relation the rules miss");

    // Cross-validated scores of every candidate.
    let mut held_out: Vec<Vec<f64>> = docs.iter().map(|d| vec![0.0; d.candidates.len()]).collect();
    for fold in 0..FOLDS {
        let train: Vec<usize> = (0..docs.len()).filter(|k| k % FOLDS != fold).collect();
        let model = fit(&docs, &labels, &train);
        for k in (0..docs.len()).filter(|k| k % FOLDS == fold) {
            for (j, (_, f)) in docs[k].candidates.iter().enumerate() {
                held_out[k][j] = model.score(f);
            }
        }
    }
    let (base_p, base_r, _) = measure(&docs, &held_out, f64::INFINITY);
    println!("rules alone: P {base_p:.3} R {base_r:.3}");
    println!("threshold  P      R      F1");
    let mut best: Option<(f64, f64)> = None;
    for step in 0..=32 {
        let t = -1.0 + f64::from(step) * 0.125;
        let (p, r, f1) = measure(&docs, &held_out, t);
        println!("{t:>9.3}  {p:.3}  {r:.3}  {f1:.3}");
        if p >= MIN_PRECISION && best.is_none_or(|(_, b)| r > b) {
            best = Some((t, r));
        }
    }
    let Some((threshold, _)) = best else {
        eprintln!("no threshold keeps precision at {MIN_PRECISION}; nothing written");
        std::process::exit(1);
    };
    println!("chosen threshold {threshold:.2}");
    if cv_only {
        return;
    }
    let all: Vec<usize> = (0..docs.len()).collect();
    let model = fit(&docs, &labels, &all);
    let table = model.render(threshold, docs.len(), n_candidates, positives);
    if let Err(e) = std::fs::write(&out, table) {
        eprintln!("error: {}: {e}", out.display());
        std::process::exit(1);
    }
    eprintln!("wrote {}", out.display());
}

/// The documents of a gold JSONL file, analysed.
fn read_docs(path: &PathBuf) -> Result<Vec<Doc>, String> {
    let body = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let mut docs = Vec::new();
    for (n, line) in body.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let value: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("line {}: {e}", n + 1))?;
        let text = value["text"]
            .as_str()
            .ok_or_else(|| format!("line {}: no \"text\"", n + 1))?;
        // Code-point offset → byte offset.
        let index = OffsetIndex::new(text);
        let at = |v: &serde_json::Value| -> Option<usize> {
            v.as_u64()
                .and_then(|x| usize::try_from(x).ok())
                .and_then(|x| index.to_byte(x))
        };
        let gold = value["mentions"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|m| m["kind"] == "attribution")
            .filter_map(|m| Some(Span::new(at(&m["start"])?, at(&m["end"])?)))
            .collect();
        let segments = segment::segment(text);
        let ctx = Context {
            text,
            segments: &segments,
            published: None,
        };
        let (rules, candidates) = training_candidates(&ctx);
        docs.push(Doc {
            gold,
            rules: rules.iter().map(|m| m.span).collect(),
            candidates: candidates
                .into_iter()
                .map(|TrainingCandidate { mention, features }| (mention.span, features))
                .collect(),
        });
    }
    Ok(docs)
}

fn overlap(a: Span, b: Span) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// One-to-one greedy matching by largest overlap (ties by index), as `score.py` does;
/// the number of pairs and which gold relations are matched.
fn matching(gold: &[Span], system: &[Span]) -> (usize, Vec<bool>) {
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    for (i, g) in gold.iter().enumerate() {
        for (j, s) in system.iter().enumerate() {
            let o = overlap(*g, *s);
            if o > 0 {
                pairs.push((o, i, j));
            }
        }
    }
    pairs.sort_unstable_by(|a, b| b.cmp(a));
    let (mut used_g, mut used_s) = (vec![false; gold.len()], vec![false; system.len()]);
    let mut n = 0;
    for (_, i, j) in pairs {
        if !used_g[i] && !used_s[j] {
            used_g[i] = true;
            used_s[j] = true;
            n += 1;
        }
    }
    (n, used_g)
}

/// A candidate is positive when it overlaps a gold relation the rules leave unmatched.
fn labels_of(doc: &Doc) -> Vec<bool> {
    let (_, matched) = matching(&doc.gold, &doc.rules);
    doc.candidates
        .iter()
        .map(|(span, _)| {
            doc.gold
                .iter()
                .zip(&matched)
                .any(|(g, &m)| !m && overlap(*g, *span) > 0)
        })
        .collect()
}

/// Relaxed precision, recall and F1 of the rules plus the candidates scoring at least `t`.
fn measure(docs: &[Doc], scores: &[Vec<f64>], t: f64) -> (f64, f64, f64) {
    let (mut tp, mut n_sys, mut n_gold) = (0, 0, 0);
    for (doc, s) in docs.iter().zip(scores) {
        let mut system = doc.rules.clone();
        system.extend(
            doc.candidates
                .iter()
                .zip(s)
                .filter(|(_, &x)| x >= t)
                .map(|((span, _), _)| *span),
        );
        tp += matching(&doc.gold, &system).0;
        n_sys += system.len();
        n_gold += doc.gold.len();
    }
    let p = tp as f64 / n_sys.max(1) as f64;
    let r = tp as f64 / n_gold.max(1) as f64;
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f1)
}

struct Model {
    bias: f64,
    weights: BTreeMap<String, f64>,
}

impl Model {
    fn score(&self, features: &[String]) -> f64 {
        self.bias
            + features
                .iter()
                .filter_map(|f| self.weights.get(f))
                .sum::<f64>()
    }

    fn render(&self, threshold: f64, docs: usize, candidates: usize, positives: usize) -> String {
        let mut s = String::new();
        s.push_str(
            "//! The attribution fallback model. Generated; do not edit by hand:\n\
             //!\n\
             //! ```text\n\
             //! python3 ../shared/eval/polnear2jsonl.py POLNEAR_GIT train -o /tmp/polnear-train.jsonl\n\
             //! cargo run --release --example train_attribution -- /tmp/polnear-train.jsonl\n\
             //! cargo fmt\n\
             //! ```\n\
             //!\n",
        );
        s.push_str(&format!(
            "//! Fitted on {docs} PolNeAR train documents: {candidates} refused cues, {positives} of them\n\
             //! overlapping a gold relation the rules miss. A candidate is a relation when\n\
             //! `BIAS` plus the weights of its features reaches `THRESHOLD`.\n\n"
        ));
        s.push_str(&format!("pub const BIAS: f32 = {:.3};\n", self.bias));
        s.push_str(&format!("pub const THRESHOLD: f32 = {threshold:.3};\n"));
        s.push_str("/// (feature, weight), sorted by feature.\n");
        // A weight may happen to be close to a mathematical constant.
        s.push_str("#[allow(clippy::approx_constant)]\n");
        s.push_str("pub const WEIGHTS: &[(&str, f32)] = &[\n");
        for (name, w) in &self.weights {
            let rounded = (w * 1000.0).round() / 1000.0;
            if rounded.abs() >= 0.01 {
                s.push_str(&format!("    ({name:?}, {rounded:.3}),\n"));
            }
        }
        s.push_str("];\n");
        s
    }
}

/// Fits the model on the candidates of documents `train`.
fn fit(docs: &[Doc], labels: &[Vec<bool>], train: &[usize]) -> Model {
    let mut count: HashMap<&str, usize> = HashMap::new();
    for &k in train {
        for (_, f) in &docs[k].candidates {
            for name in f {
                *count.entry(name.as_str()).or_default() += 1;
            }
        }
    }
    let mut names: Vec<&str> = count
        .iter()
        .filter(|(_, &n)| n >= MIN_COUNT)
        .map(|(&name, _)| name)
        .collect();
    names.sort_unstable();
    let index: HashMap<&str, usize> = names.iter().enumerate().map(|(i, &n)| (n, i)).collect();
    let rows: Vec<(Vec<usize>, f64)> = train
        .iter()
        .flat_map(|&k| {
            docs[k]
                .candidates
                .iter()
                .zip(&labels[k])
                .map(|((_, f), &l)| {
                    let ids = f
                        .iter()
                        .filter_map(|n| index.get(n.as_str()).copied())
                        .collect();
                    (ids, if l { 1.0 } else { 0.0 })
                })
        })
        .collect();
    let n = rows.len().max(1) as f64;
    let mut w = vec![0.0f64; names.len()];
    let mut bias = 0.0f64;
    for _ in 0..STEPS {
        let mut grad = vec![0.0f64; names.len()];
        let mut grad_bias = 0.0;
        for (ids, y) in &rows {
            let z = bias + ids.iter().map(|&i| w[i]).sum::<f64>();
            let err = 1.0 / (1.0 + (-z).exp()) - y;
            grad_bias += err;
            for &i in ids {
                grad[i] += err;
            }
        }
        bias -= RATE * grad_bias / n;
        for (wi, g) in w.iter_mut().zip(&grad) {
            *wi -= RATE * (g / n + L2 * *wi);
        }
    }
    Model {
        bias,
        weights: names
            .iter()
            .zip(&w)
            .map(|(&name, &x)| (name.to_owned(), x))
            .collect(),
    }
}
