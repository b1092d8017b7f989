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
    }
}

impl ClaimStatus {
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
    }
}
