//! The mails of accounts: welcome (first password) and reset links. Rendered here, sent through the
//! outbox (`crate::outbox`).

use crate::outbox::model::{Mail, MailKind};

/// The link of a set-password mail.
fn link(base_url: &str, token: &str) -> String {
    format!("{}/mot-de-passe/definir?jeton={token}", base_url.trim_end_matches('/'))
}

pub fn welcome(base_url: &str, to: &str, prenom: &str, token: &str) -> Mail {
    let link = link(base_url, token);
    Mail {
        kind: MailKind::Bienvenue,
        to: to.to_string(),
        subject: "Bienvenue dans le SI SIAO : activez votre compte".into(),
        body: format!(
            "Bonjour {prenom},\n\n\
             Un compte vient de vous être créé dans le SI SIAO.\n\n\
             Pour choisir votre mot de passe et activer votre compte, ouvrez ce lien (valable 7 jours, \
             utilisable une seule fois) :\n{link}\n\n\
             Votre identifiant est votre adresse électronique : {to}\n\n\
             Ce compte est personnel : ne le partagez pas.\n\
             Besoin d'aide ? Votre référent SI SIAO départemental vous accompagne ; la base de connaissances \
             et les formations sont accessibles depuis l'application.\n\n\
             -- \nSI SIAO\n"
        ),
    }
}

pub fn reset(base_url: &str, to: &str, prenom: &str, token: &str) -> Mail {
    let link = link(base_url, token);
    Mail {
        kind: MailKind::Reinitialisation,
        to: to.to_string(),
        subject: "SI SIAO : réinitialisation de votre mot de passe".into(),
        body: format!(
            "Bonjour {prenom},\n\n\
             Une réinitialisation de votre mot de passe du SI SIAO a été demandée.\n\n\
             Pour choisir un nouveau mot de passe, ouvrez ce lien (valable 1 heure, utilisable une seule \
             fois) :\n{link}\n\n\
             Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe \
             actuel reste valable.\n\n\
             -- \nSI SIAO\n"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_point_at_the_set_password_page_of_this_deployment() {
        let mail = reset("https://si-siao.example/", "a@b.fr", "Anne", "ab12");
        assert!(mail.body.contains("https://si-siao.example/mot-de-passe/definir?jeton=ab12"));
        assert!(mail.body.starts_with("Bonjour Anne,"));
        assert_eq!(welcome("http://x", "a@b.fr", "Anne", "t").kind, MailKind::Bienvenue);
    }
}
