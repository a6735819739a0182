//! Probes of the Temps 1 import: a file for the 35 (inside) or the 13 (outside). The file is no
//! workbook: the matrix decides before the file is read.

use app::offre::import::server::ImportOffreFile;
use app::rights::authorize::Target;

use super::{Call, Probe, Side};

pub fn probes() -> Vec<Probe> {
    vec![Probe::on::<ImportOffreFile>(|_, side, _| {
        let departement = match side {
            Side::Inside => "35",
            Side::Outside => "13",
        };
        let args = vec![("departement", departement.to_string()), ("fichier", "pas un classeur".to_string())];
        Call { args, target: Some(Target { departements: vec![departement.into()], ..Default::default() }) }
    })
    .multipart()]
}
