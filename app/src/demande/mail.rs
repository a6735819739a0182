//! The mail that doubles an in-app notification: what happened, and the link. No personal data: the
//! numbers of the demande and the ménage only; the reader logs in to see the rest.

use crate::outbox::model::{Mail, MailKind};

pub fn notification(base_url: &str, to: &str, titre: &str, corps: &str, lien: &str) -> Mail {
    let link = format!("{}{lien}", base_url.trim_end_matches('/'));
    Mail {
        kind: MailKind::Notification,
        to: to.to_string(),
        subject: format!("SI SIAO : {titre}"),
        body: format!(
            "Bonjour,\n\n{corps}\n\nPour la consulter, connectez-vous au SI SIAO :\n{link}\n\n\
             Vous recevez ce message parce que vous suivez cette demande ou ce dispositif.\n\n-- \nSI SIAO\n"
        ),
    }
}
