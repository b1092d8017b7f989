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

use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ClaimStatus {
    Unverified,
    InReview,
    Verified,
    False,
    Misleading,
    Contested,
    Unverifiable,
}

impl ClaimStatus {
    pub const ALL: [ClaimStatus; 7] = [
        ClaimStatus::Unverified,
        ClaimStatus::InReview,
        ClaimStatus::Verified,
        ClaimStatus::False,
        ClaimStatus::Misleading,
        ClaimStatus::Contested,
        ClaimStatus::Unverifiable,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            ClaimStatus::Unverified => "unverified",
            ClaimStatus::InReview => "in_review",
            ClaimStatus::Verified => "verified",
            ClaimStatus::False => "false",
            ClaimStatus::Misleading => "misleading",
            ClaimStatus::Contested => "contested",
            ClaimStatus::Unverifiable => "unverifiable",
        }
    }

    /// Whether the status is a verdict (something ClaimReview can publish).
    pub fn is_verdict(&self) -> bool {
        !matches!(self, ClaimStatus::Unverified | ClaimStatus::InReview)
    }

    /// schema.org ClaimReview `reviewRating`: (ratingValue on a 1–5 scale, alternateName).
    pub fn claim_review_rating(&self) -> Option<(Option<u8>, &'static str)> {
        match self {
            ClaimStatus::Verified => Some((Some(5), "True")),
            ClaimStatus::Misleading => Some((Some(2), "Misleading")),
            ClaimStatus::False => Some((Some(1), "False")),
            ClaimStatus::Contested => Some((Some(3), "Contested")),
            ClaimStatus::Unverifiable => Some((None, "Unverifiable")),
            ClaimStatus::Unverified | ClaimStatus::InReview => None,
        }
    }

    pub fn valid_list() -> String {
        ClaimStatus::ALL
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl fmt::Display for ClaimStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ClaimStatus {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let norm = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        ClaimStatus::ALL
            .into_iter()
            .find(|k| k.as_str() == norm)
            .ok_or_else(|| {
                format!(
                    "unknown status {s:?}; valid statuses: {}",
                    ClaimStatus::valid_list()
                )
            })
    }
}

/// What a review log entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReviewAction {
    /// A status change.
    Review,
    /// Marked contested, possibly against a competing claim.
    Flag,
    /// A contest withdrawn.
    Unflag,
    /// A note without a status change.
    Note,
    /// Moved to a new version of its document.
    Reanchor,
    /// No place found in a new version of its document.
    Orphan,
}

impl ReviewAction {
    pub const ALL: [ReviewAction; 6] = [
        ReviewAction::Review,
        ReviewAction::Flag,
        ReviewAction::Unflag,
        ReviewAction::Note,
        ReviewAction::Reanchor,
        ReviewAction::Orphan,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            ReviewAction::Review => "review",
            ReviewAction::Flag => "flag",
            ReviewAction::Unflag => "unflag",
            ReviewAction::Note => "note",
            ReviewAction::Reanchor => "reanchor",
            ReviewAction::Orphan => "orphan",
        }
    }
}

impl fmt::Display for ReviewAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ReviewAction {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        ReviewAction::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| format!("unknown review action {s:?}"))
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
        for s in ClaimStatus::ALL {
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
    }
}
