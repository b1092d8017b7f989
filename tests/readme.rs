//! The README's tour runs as written: every `$ claimtrace ...` line of the tour's code
//! blocks is run, in order, in a fresh directory holding the bundled corpus, with the
//! environment the tour exports and an 80-column terminal width; what it prints (stdout
//! and stderr) must be what the README shows, review times aside.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

/// The tour: the README from "## A short tour" to the next section.
fn tour() -> String {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let start = readme
        .find("## A short tour")
        .expect("the README has a tour");
    let rest = &readme[start + 1..];
    let end = rest.find("\n## ").map_or(rest.len(), |e| e + 1);
    rest[..end].to_string()
}

/// A command of the tour and the output the README shows for it.
struct Step {
    line: String,
    expected: String,
}

/// The `$ ` lines of the tour's ``` blocks, each with the lines up to the next command
/// or the end of the block as its output.
fn steps(tour: &str) -> Vec<Step> {
    let mut steps: Vec<Step> = Vec::new();
    let mut in_block = false;
    let mut open = false;
    for line in tour.lines() {
        if line.starts_with("```") {
            in_block = !in_block;
            open = false;
            continue;
        }
        if !in_block {
            continue;
        }
        if let Some(cmd) = line.strip_prefix("$ ") {
            steps.push(Step {
                line: cmd.to_string(),
                expected: String::new(),
            });
            open = true;
        } else if open {
            let step = steps.last_mut().expect("output follows a command");
            step.expected.push_str(line);
            step.expected.push('\n');
        }
    }
    steps
}

/// Splits a command line as a shell would for the tour's commands: words, and double-
/// quoted strings.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            ' ' if !quoted => {
                if any {
                    out.push(std::mem::take(&mut word));
                    any = false;
                }
            }
            c => {
                word.push(c);
                any = true;
            }
        }
    }
    if any {
        out.push(word);
    }
    out
}

/// Review times change from run to run.
fn without_times(s: &str) -> String {
    s.split('|')
        .map(|cell| {
            let t = cell.trim();
            let is_time = t.len() == 24
                && t.ends_with('Z')
                && t.as_bytes()[10] == b'T'
                && t[..4].bytes().all(|b| b.is_ascii_digit());
            if is_time {
                " <time> ".to_string()
            } else {
                cell.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("|")
}

#[test]
fn the_readme_tour_runs_as_written() {
    let tour = tour();
    let steps = steps(&tour);
    assert!(steps.len() >= 9, "the tour has its commands");
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    for entry in std::fs::read_dir(common::seed()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, corpus.join(path.file_name().unwrap())).unwrap();
    }
    let mut env: BTreeMap<String, String> = BTreeMap::new();
    for step in &steps {
        let (command, head) = match step.line.split_once(" | head -") {
            Some((c, n)) => (c, Some(n.trim().parse::<usize>().expect("head -N"))),
            None => (step.line.as_str(), None),
        };
        let mut args = words(command);
        if args[0] == "export" {
            for assignment in &args[1..] {
                let (k, v) = assignment.split_once('=').expect("NAME=value");
                env.insert(k.to_string(), v.to_string());
            }
            continue;
        }
        assert_eq!(args.remove(0), "claimtrace", "{}", step.line);
        let out = common::bin()
            .current_dir(dir.path())
            .env_remove("CLAIMTRACE_REVIEWER")
            .env("COLUMNS", "80")
            .envs(&env)
            .args(&args)
            .output()
            .unwrap();
        let mut printed = String::from_utf8(out.stdout).unwrap();
        if let Some(n) = head {
            printed = printed.lines().take(n).map(|l| format!("{l}\n")).collect();
        }
        printed.push_str(&String::from_utf8(out.stderr).unwrap());
        assert_eq!(
            without_times(printed.trim_end()),
            without_times(step.expected.trim_end()),
            "README tour: `{}` prints otherwise",
            step.line
        );
    }
}
