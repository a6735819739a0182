use serde::{Deserialize, Serialize};

use crate::codes::code_enum;

code_enum! {
    /// What a mail is for (its template).
    pub enum MailKind {
        Bienvenue = "bienvenue" => "Bienvenue (activation du compte)",
        Reinitialisation = "reinitialisation" => "Réinitialisation du mot de passe",
        Notification = "notification" => "Notification (demandes, orientations)",
    }
}

/// A mail to send, rendered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mail {
    pub kind: MailKind,
    pub to: String,
    pub subject: String,
    pub body: String,
}

code_enum! {
    /// Where a mail of the outbox stands.
    pub enum MailStatus {
        EnAttente = "en_attente" => "En attente",
        Envoye = "envoye" => "Envoyé",
        Echec = "echec" => "En échec",
    }
}

/// Attempts before a mail is left in failure (about six hours of retries); "Renvoyer" starts again.
pub const MAX_ATTEMPTS: i32 = 12;

/// Delay before the next attempt after `attempts` failed ones: 30 s, doubling, at most one hour.
pub fn backoff_seconds(attempts: i32) -> i64 {
    let exponent = attempts.clamp(1, 12) - 1;
    (30_i64 << exponent).min(3600)
}

/// A line of the "Courriels sortants" screen: never the body (it holds a live link).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxLine {
    pub id: i64,
    pub kind: String,
    pub recipient: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub attempts: i32,
    pub next_attempt_at: chrono::DateTime<chrono::Utc>,
    pub sent_at: Option<chrono::DateTime<chrono::Utc>>,
    pub last_error: Option<String>,
}

impl OutboxLine {
    pub fn status(&self) -> MailStatus {
        match (self.sent_at, self.attempts >= MAX_ATTEMPTS) {
            (Some(_), _) => MailStatus::Envoye,
            (None, true) => MailStatus::Echec,
            (None, false) => MailStatus::EnAttente,
        }
    }
}

/// What the screen shows: the counts, and the mails not sent yet (then the last ones sent).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxView {
    pub waiting: i64,
    pub failed: i64,
    pub lines: Vec<OutboxLine>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_up_to_an_hour_and_stop_after_about_six_hours() {
        assert_eq!(backoff_seconds(1), 30);
        assert_eq!(backoff_seconds(2), 60);
        assert_eq!(backoff_seconds(5), 480);
        assert_eq!(backoff_seconds(8), 3600);
        assert_eq!(backoff_seconds(40), 3600);
        let total: i64 = (1..MAX_ATTEMPTS).map(backoff_seconds).sum();
        assert!((5 * 3600..8 * 3600).contains(&total), "{total} s of retries");
    }
}
