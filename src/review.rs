//! The review vocabulary: claim statuses and review actions, with their schema.org
//! ClaimReview mapping.
//!
//! | status        | meaning                                   | ClaimReview rating (1–5) |
//! |---------------|-------------------------------------------|--------------------------|
//! | unverified    | nobody has looked yet (the default)       | none                     |
//! | in_review     | someone is checking it                    | none                     |
//! | verified      | checked and true                          | 5 "True"                 |
//! | misleading    | true in letter, misleading in effect      | 2 "Misleading"           |
//! | false         | checked and false                         | 1 "False"                |
//! | contested     | credible sources disagree                 | 3 "Contested"            |
//! | unverifiable  | cannot be checked with available evidence | none, "Unverifiable"     |
//! | needs_recheck | had a verdict, but its text or values changed | none (not exported)  |
//!
//! A verdict holds for the words it was given for: every log entry records the claim's
//! text and the normalised values of its components ([`ReviewedState`]), and when a new
//! version of the document changes either, the claim leaves its verdict for
//! `needs_recheck` (the verdict and the old text stay in the log).

string_enum! {
    /// The verification status of a claim.
    pub enum ClaimStatus ("status", "statuses") {
        Unverified => "unverified",
        InReview => "in_review",
        Verified => "verified",
        False => "false",
        Misleading => "misleading",
        Contested => "contested",
        Unverifiable => "unverifiable",
        NeedsRecheck => "needs_recheck",
    }
}

impl ClaimStatus {
    /// Whether the status is a verdict (something ClaimReview can publish).
    pub fn is_verdict(&self) -> bool {
        !matches!(
            self,
            ClaimStatus::Unverified | ClaimStatus::InReview | ClaimStatus::NeedsRecheck
        )
    }

    /// schema.org ClaimReview `reviewRating`: (ratingValue on a 1–5 scale, alternateName).
    pub fn claim_review_rating(&self) -> Option<(Option<u8>, &'static str)> {
        match self {
            ClaimStatus::Verified => Some((Some(5), "True")),
            ClaimStatus::Misleading => Some((Some(2), "Misleading")),
            ClaimStatus::False => Some((Some(1), "False")),
            ClaimStatus::Contested => Some((Some(3), "Contested")),
            ClaimStatus::Unverifiable => Some((None, "Unverifiable")),
            ClaimStatus::Unverified | ClaimStatus::InReview | ClaimStatus::NeedsRecheck => None,
        }
    }
}

string_enum! {
    /// What a review log entry records.
    pub enum ReviewAction ("review action", "actions") {
        /// A status change.
        Review => "review",
        /// Marked contested, possibly against a competing claim.
        Flag => "flag",
        /// A contest withdrawn.
        Unflag => "unflag",
        /// A note without a status change.
        Note => "note",
        /// Moved to a new version of its document.
        Reanchor => "reanchor",
        /// No place found in a new version of its document.
        Orphan => "orphan",
    }
}

/// One entry of a claim's append-only review log.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ReviewEntry {
    pub at: String,
    pub reviewer: String,
    pub action: String,
    pub from_status: Option<String>,
    pub to_status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// The competing claim of a flag (a database id; annotation files carry their own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub against: Option<i64>,
    /// The claim as it was when the entry was written; `None` in entries of databases
    /// older than schema version 3 whose text could not be recovered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed: Option<ReviewedState>,
}

impl ReviewEntry {
    /// Whether a person wrote the entry (not a move or loss on a new version).
    pub fn is_human(&self) -> bool {
        !matches!(self.action.as_str(), "reanchor" | "orphan")
    }
}

/// What a review entry judged: the claim's exact text and the normalised values of its
/// components at the time, one string each ([`component_value`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewedState {
    pub text: String,
    #[serde(default)]
    pub values: Vec<String>,
}

/// The normalised value of a component as a review records it:
/// `figure "3.1 percent" = 3.1 percent`, `figure "90–95%" = 90..95 percent`,
/// `date "last week" = DATE 2025-W27`. Two components with equal strings have equal
/// text and equal normalised values.
#[allow(clippy::too_many_arguments)]
pub fn component_value(
    kind: &str,
    text: &str,
    value: Option<&str>,
    low: Option<&str>,
    high: Option<&str>,
    unit: Option<&str>,
    modifier: Option<&str>,
    timex_type: Option<&str>,
) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(timex_type.map(str::to_string));
    match (value, low, high) {
        (Some(v), _, _) => parts.push(v.to_string()),
        (None, None, None) => {}
        (None, l, h) => parts.push(format!("{}..{}", l.unwrap_or(""), h.unwrap_or(""))),
    }
    parts.extend(unit.map(str::to_string));
    parts.extend(modifier.map(str::to_string));
    let quoted = serde_json::Value::from(text).to_string();
    if parts.is_empty() {
        format!("{kind} {quoted}")
    } else {
        format!("{kind} {quoted} = {}", parts.join(" "))
    }
}

/// The lines a reviewer is shown for a claim whose verdict lapsed: the verdict, when
/// and by whom it was given, and the text it was given for.
pub fn recheck_lines(log: &[ReviewEntry]) -> Vec<String> {
    let Some(e) = lapsed_verdict(log) else {
        return Vec::new();
    };
    let mut out = vec![format!(
        "was {} ({} by {}) for:",
        e.to_status.as_deref().unwrap_or("-"),
        e.at,
        e.reviewer
    )];
    match &e.reviewed {
        Some(r) => {
            out.push(format!("  {}", r.text));
            out.extend(r.values.iter().map(|v| format!("  {v}")));
        }
        None => out.push("  (text not recorded)".into()),
    }
    out
}

/// The last verdict a person gave, when a later entry took it away (`needs_recheck`).
pub fn lapsed_verdict(log: &[ReviewEntry]) -> Option<&ReviewEntry> {
    let lapse = log
        .iter()
        .rposition(|e| e.to_status.as_deref() == Some(ClaimStatus::NeedsRecheck.as_str()))?;
    log[..lapse].iter().rev().find(|e| {
        e.is_human()
            && e.to_status
                .as_deref()
                .and_then(|s| s.parse::<ClaimStatus>().ok())
                .is_some_and(|s| s.is_verdict())
    })
}

/// The reviewer name: the given one, else `$CLAIMTRACE_REVIEWER`, else `$USER`.
pub fn default_reviewer(given: Option<&str>) -> String {
    given
        .map(str::to_string)
        .or_else(|| std::env::var("CLAIMTRACE_REVIEWER").ok())
        .or_else(|| std::env::var("USER").ok())
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "unknown".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_round_trips_and_accepts_dashes() {
        for &s in ClaimStatus::ALL {
            assert_eq!(s.as_str().parse::<ClaimStatus>(), Ok(s));
        }
        assert_eq!("in-review".parse(), Ok(ClaimStatus::InReview));
        let err = "true".parse::<ClaimStatus>().unwrap_err();
        assert!(
            err.contains("valid statuses: unverified, in_review"),
            "{err}"
        );
    }

    #[test]
    fn only_verdicts_have_claim_review_ratings() {
        assert_eq!(
            ClaimStatus::False.claim_review_rating(),
            Some((Some(1), "False"))
        );
        assert_eq!(ClaimStatus::InReview.claim_review_rating(), None);
        assert!(ClaimStatus::Contested.is_verdict());
        assert!(!ClaimStatus::NeedsRecheck.is_verdict());
        assert_eq!(ClaimStatus::NeedsRecheck.claim_review_rating(), None);
    }

    fn entry(action: &str, from: &str, to: &str, text: Option<&str>) -> ReviewEntry {
        ReviewEntry {
            at: "2025-07-01T10:00:00.000Z".into(),
            reviewer: if action == "reanchor" {
                "claimtrace"
            } else {
                "ana"
            }
            .into(),
            action: action.into(),
            from_status: Some(from.into()),
            to_status: Some(to.into()),
            note: None,
            evidence: Vec::new(),
            against: None,
            reviewed: text.map(|t| ReviewedState {
                text: t.into(),
                values: vec!["figure \"3.1 percent\" = 3.1 percent".into()],
            }),
        }
    }

    #[test]
    fn recheck_screen_shows_the_verdict_and_the_3_1_percent_text_it_judged() {
        let log = vec![
            entry(
                "review",
                "unverified",
                "verified",
                Some("steady at 3.1 percent"),
            ),
            entry(
                "reanchor",
                "verified",
                "needs_recheck",
                Some("steady at 3.4 percent"),
            ),
        ];
        let lines = recheck_lines(&log);
        assert!(lines[0].starts_with("was verified ("), "{lines:?}");
        assert!(lines[0].contains("by ana"));
        assert_eq!(lines[1], "  steady at 3.1 percent");
        assert!(lines[2].contains("3.1 percent"));
        // A claim that never lost a verdict shows nothing.
        assert!(recheck_lines(&log[..1]).is_empty());
    }

    #[test]
    fn imf_growth_of_3_1_percent_and_3_4_percent_are_different_values() {
        let v = |t: &str, val: &str| {
            component_value(
                "figure",
                t,
                Some(val),
                None,
                None,
                Some("percent"),
                None,
                None,
            )
        };
        assert_eq!(
            v("3.1 percent", "3.1"),
            "figure \"3.1 percent\" = 3.1 percent"
        );
        assert_ne!(v("3.1 percent", "3.1"), v("3.4 percent", "3.4"));
        assert_eq!(
            component_value(
                "figure",
                "90–95%",
                None,
                Some("90"),
                Some("95"),
                Some("percent"),
                None,
                None
            ),
            "figure \"90–95%\" = 90..95 percent"
        );
        assert_eq!(
            component_value(
                "date",
                "last week",
                Some("2025-W27"),
                None,
                None,
                None,
                None,
                Some("DATE")
            ),
            "date \"last week\" = DATE 2025-W27"
        );
    }
}
